import { Anchor, Badge, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { formatDate, label } from "@/lib/i18n";
import { t } from "../fr";
import { StatusBadge } from "@/components/StatusBadge";
import type { ReferralSummary } from "../api/queries";

/** Referrals as a table: the receiving side sees who sent, the sending side where to. */
export function ReferralTable({ orgId, items, side }: { orgId: string; items: ReferralSummary[]; side: "structure" | "referrer" }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("referrals.family")}</Table.Th>
            <Table.Th>{side === "structure" ? t("referrals.from") : t("referrals.to")}</Table.Th>
            <Table.Th>{t("referrals.sentOn")}</Table.Th>
            <Table.Th>{t("referrals.age")}</Table.Th>
            <Table.Th>{t("referrals.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/orgs/${orgId}/referrals/${r.id}`} fw={600} c="brand.8">
                  {r.family_name}
                </Anchor>
                {r.commune && (
                  <Text size="sm" c="gray.7">
                    {r.commune}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{side === "structure" ? (r.referrer?.name ?? label("source", "structure")) : r.structure.name}</Table.Td>
              <Table.Td>{formatDate(r.submitted_at)}</Table.Td>
              <Table.Td>
                {t("common.days", { count: r.age_days })}
                {r.reminded && r.status === "submitted" && (
                  <Badge ml="xs" color="#a63d00" variant="outline" tt="none">
                    {t("referrals.reminded")}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <StatusBadge status={r.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
