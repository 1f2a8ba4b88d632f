import { Anchor, Badge, Button, Card, Checkbox, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { Link } from "react-router";
import { formatDate, formatPhone, tp } from "@/lib/i18n";
import { useWideScreen } from "@/lib/useWideScreen";
import { t } from "../fr";
import { useCurrentOrg } from "@/lib/useMe";
import { EmptyState } from "@/components/EmptyState";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { useHouseholds, type HouseholdSummary } from "../api/queries";

export default function HouseholdsPage() {
  const org = useCurrentOrg();
  const [search, setSearch] = useState("");
  const [includeArchived, setIncludeArchived] = useState(false);
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useHouseholds(org?.id ?? "", q, includeArchived);
  const wide = useWideScreen();
  if (!org) return <LoadingBlock />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title={t("households.title")}>
        <Button component={Link} to={`/orgs/${org.id}/households/new`}>
          {t("households.new")}
        </Button>
      </PageHeader>
      <Group mb="md" align="flex-end">
        <TextInput label={t("households.search")} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={320} />
        <Checkbox label={t("households.includeArchived")} checked={includeArchived} onChange={(e) => setIncludeArchived(e.currentTarget.checked)} />
      </Group>
      {list.isPending ? (
        <LoadingBlock />
      ) : list.isError ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState message={q ? t("households.empty") : t("households.emptyAll")} />
      ) : (
        <Stack>
          {wide ? <Wide orgId={org.id} items={items} /> : <Narrow orgId={org.id} items={items} />}
          {list.hasNextPage && (
            <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t("common.loadMore")}
            </Button>
          )}
        </Stack>
      )}
    </>
  );
}

type ListProps = { orgId: string; items: HouseholdSummary[] };

/** The reference person's name, a link to the household, and "archived" when it is. */
function Name({ orgId, household: h }: { orgId: string; household: HouseholdSummary }) {
  return (
    <>
      <Anchor component={Link} to={`/orgs/${orgId}/households/${h.id}`} c="brand.8" fw={600}>
        {h.reference_name}
      </Anchor>
      {h.status === "archived" && (
        <Badge ml="xs" color="gray.8" variant="outline" tt="none">
          {t("households.archived")}
        </Badge>
      )}
    </>
  );
}

function Wide({ orgId, items }: ListProps) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("households.reference")}</Table.Th>
            <Table.Th>{t("households.members")}</Table.Th>
            <Table.Th>{t("family.commune")}</Table.Th>
            <Table.Th>{t("family.phone")}</Table.Th>
            <Table.Th>{t("households.updated")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((h) => (
            <Table.Tr key={h.id}>
              <Table.Td>
                <Name orgId={orgId} household={h} />
              </Table.Td>
              <Table.Td>{h.members_count}</Table.Td>
              <Table.Td>{h.commune ?? t("common.none")}</Table.Td>
              <Table.Td>{formatPhone(h.phone)}</Table.Td>
              <Table.Td>{formatDate(h.updated_at)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** On a phone or a tablet: one card per household. */
function Narrow({ orgId, items }: ListProps) {
  return (
    <Stack gap="xs">
      {items.map((h) => (
        <Card key={h.id} withBorder padding="sm" component="article" aria-label={h.reference_name}>
          <Name orgId={orgId} household={h} />
          <Text size="sm">{`${tp("households.people", h.members_count)} — ${h.commune ?? t("common.none")}`}</Text>
          <Text size="sm" c="gray.7">{`${formatPhone(h.phone)} — ${t("households.updated")} ${formatDate(h.updated_at)}`}</Text>
        </Card>
      ))}
    </Stack>
  );
}
