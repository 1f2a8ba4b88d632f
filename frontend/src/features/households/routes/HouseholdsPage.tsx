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
import { useHouseholds } from "../api/queries";

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
          {wide ? (
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
                      <Anchor component={Link} to={`/orgs/${org.id}/households/${h.id}`} c="brand.8" fw={600}>
                        {h.reference_name}
                      </Anchor>
                      {h.status === "archived" && (
                        <Badge ml="xs" color="gray.8" variant="outline" tt="none">
                          {t("households.archived")}
                        </Badge>
                      )}
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
          ) : (
            <Stack gap="xs">
              {items.map((h) => (
                <Card key={h.id} withBorder padding="sm" component="article" aria-label={h.reference_name}>
                  <Anchor component={Link} to={`/orgs/${org.id}/households/${h.id}`} c="brand.8" fw={600}>
                    {h.reference_name}
                  </Anchor>
                  {h.status === "archived" && (
                    <Badge ml="xs" color="gray.8" variant="outline" tt="none">
                      {t("households.archived")}
                    </Badge>
                  )}
                  <Text size="sm">{`${tp("households.people", h.members_count)} — ${h.commune ?? t("common.none")}`}</Text>
                  <Text size="sm" c="gray.7">{`${formatPhone(h.phone)} — ${t("households.updated")} ${formatDate(h.updated_at)}`}</Text>
                </Card>
              ))}
            </Stack>
          )}
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
