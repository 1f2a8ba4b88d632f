import { Anchor, Badge, Button, Checkbox, Group, Stack, Table, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { Link } from "react-router";
import { formatDate, formatPhone } from "@/lib/i18n";
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
