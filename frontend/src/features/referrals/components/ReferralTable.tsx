import { Anchor, Badge, Card, Group, Stack, Table, Text } from "@mantine/core";
import { useWideScreen } from "@/lib/useWideScreen";
import { Link } from "react-router";
import { formatDate, label } from "@/lib/i18n";
import { t } from "../fr";
import { StatusBadge } from "@/components/StatusBadge";
import type { ReferralSummary } from "../api/queries";

type Props = { orgId: string; items: ReferralSummary[]; side: "structure" | "referrer" };

/** Referrals as a table on a wide screen, as stacked cards on a phone or a tablet (the state
 * always in sight): the receiving side sees who sent, the sending side where to. */
export function ReferralTable(props: Props) {
  return useWideScreen() ? <Wide {...props} /> : <Narrow {...props} />;
}

/** Who sent the referral (for the structure) or where it went (for the referrer). */
function otherParty(r: ReferralSummary, side: Props["side"]): string {
  return side === "structure" ? (r.referrer?.name ?? label("source", "structure")) : r.structure.name;
}

/** The family's name, a link to the referral, and its commune. */
function Family({ orgId, referral: r }: { orgId: string; referral: ReferralSummary }) {
  return (
    <>
      <Anchor component={Link} to={`/orgs/${orgId}/referrals/${r.id}`} fw={600} c="brand.8">
        {r.family_name}
      </Anchor>
      {r.commune && (
        <Text size="sm" c="gray.7">
          {r.commune}
        </Text>
      )}
    </>
  );
}

function Narrow({ orgId, items, side }: Props) {
  return (
    <Stack gap="xs">
      {items.map((r) => (
        <Card key={r.id} withBorder padding="sm" component="article" aria-label={r.family_name}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Family orgId={orgId} referral={r} />
            </div>
            <StatusBadge status={r.status} />
          </Group>
          <Text size="sm" mt={4}>
            {`${side === "structure" ? t("referrals.from") : t("referrals.to")} : ${otherParty(r, side)}`}
          </Text>
          <Text size="sm" c="gray.7">
            {`${formatDate(r.submitted_at)} — ${t("common.days", { count: r.age_days })}`}
            {r.reminded && r.status === "submitted" ? ` — ${t("referrals.reminded")}` : ""}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

function Wide({ orgId, items, side }: Props) {
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
                <Family orgId={orgId} referral={r} />
              </Table.Td>
              <Table.Td>{otherParty(r, side)}</Table.Td>
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
