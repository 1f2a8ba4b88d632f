import { Anchor, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { deviceKindValues, deviceStateValues } from "@/lib/api/schema";
import { formatDate, label } from "@/lib/i18n";
import { useCurrentOrg } from "@/lib/useMe";
import { EmptyState } from "@/components/EmptyState";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { workshopQueries, type DeviceKind, type DeviceState, type DeviceSummary } from "../api/queries";
import { DeviceStateBadge } from "../components/Badges";
import { t } from "../fr";

/** The workbench's board: how many machines in each state (a tap filters the list below),
 * the ones waiting longest, and the list by state, type and donation. Made for a tablet. */
export default function WorkshopPage() {
  const org = useCurrentOrg();
  const orgId = org?.id ?? "";
  const [params, setParams] = useSearchParams();
  const state = (params.get("state") as DeviceState | null) ?? null;
  const donationId = params.get("donation");
  const [kind, setKind] = useState<DeviceKind | null>(null);
  const [siteId, setSiteId] = useState<string | null>(null);
  const sites = useQuery({ ...workshopQueries.sites(orgId), enabled: Boolean(org) });
  const board = useQuery({ ...workshopQueries.board(orgId), enabled: Boolean(org) });
  const donations = useQuery({ ...workshopQueries.donations(orgId, null), enabled: Boolean(org) });
  const list = useInfiniteQuery({ ...workshopQueries.list(orgId, { state, kind, donationId, siteId }), enabled: Boolean(org) });
  if (!org) return <LoadingBlock />;
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const waiting = (board.data?.columns ?? []).find((c) => c.state === state)?.longest_waiting ?? [];

  return (
    <>
      <PageHeader title={t("board.title")}>
        <Button variant="default" component={Link} to={`/orgs/${orgId}/workshop/donors`}>
          {t("board.donors")}
        </Button>
        <Button component={Link} to={`/orgs/${orgId}/workshop/devices/new`}>
          {t("board.new")}
        </Button>
      </PageHeader>
      {board.isError && <ProblemAlert error={board.error} onRetry={() => void board.refetch()} />}
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm" mb="lg" component="ul" style={{ listStyle: "none", padding: 0 }}>
        {(board.data?.columns ?? []).map((column) => (
          <li key={column.state}>
            <UnstyledButton
              onClick={() => set("state", state === column.state ? null : column.state)}
              aria-pressed={state === column.state}
              w="100%"
              style={{ minHeight: 64 }}
            >
              <Card withBorder padding="sm" bg={state === column.state ? "brand.0" : undefined}>
                <DeviceStateBadge state={column.state} />
                <Text size="xl" fw={700} mt={4}>
                  {column.count}
                </Text>
              </Card>
            </UnstyledButton>
          </li>
        ))}
      </SimpleGrid>
      {state && waiting.length > 0 && (
        <Card withBorder mb="lg">
          <Text fw={600} mb="xs">
            {t("board.longest")}
          </Text>
          <Stack gap={4}>
            {waiting.map((d) => (
              <Text key={d.id} size="sm">
                <Anchor component={Link} to={`/orgs/${orgId}/workshop/devices/${d.id}`} c="brand.8" fw={600}>
                  {d.asset_tag}
                </Anchor>{" "}
                {`${d.brand} ${d.model} — ${t("board.since", { date: formatDate(d.state_since.slice(0, 10)) })}`}
              </Text>
            ))}
          </Stack>
        </Card>
      )}
      <Group mb="md" align="flex-end" wrap="wrap">
        <Select
          label={t("board.state")}
          placeholder={t("board.allStates")}
          clearable
          value={state}
          onChange={(v) => set("state", v)}
          data={deviceStateValues.map((s) => ({ value: s, label: label("deviceState", s) }))}
          w={200}
        />
        <Select label={t("board.kind")} placeholder={t("board.allKinds")} clearable value={kind} onChange={(v) => setKind(v as DeviceKind | null)} data={deviceKindValues.map((k) => ({ value: k, label: label("deviceKind", k) }))} w={200} />
        <Select
          label={t("board.donation")}
          placeholder={t("board.allDonations")}
          clearable
          value={donationId}
          onChange={(v) => set("donation", v)}
          data={(donations.data ?? []).map((d) => ({ value: d.id, label: `${d.donor_name} — ${formatDate(d.received_on)}` }))}
          w={300}
        />
        <Select label={t("board.site")} placeholder={t("board.allSites")} clearable value={siteId} onChange={setSiteId} data={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))} w={260} />
      </Group>
      {list.isPending ? (
        <LoadingBlock />
      ) : list.isError ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState message={t("board.empty")} />
      ) : (
        <Stack>
          <DeviceTable orgId={orgId} items={items} />
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

function DeviceTable({ orgId, items }: { orgId: string; items: DeviceSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("board.tag")}</Table.Th>
            <Table.Th>{t("board.device")}</Table.Th>
            <Table.Th>{t("board.state")}</Table.Th>
            <Table.Th>{t("board.stateSince")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Anchor component={Link} to={`/orgs/${orgId}/workshop/devices/${d.id}`} c="brand.8" fw={600}>
                  {d.asset_tag}
                </Anchor>
              </Table.Td>
              <Table.Td>{`${label("deviceKind", d.kind)} — ${d.brand} ${d.model}`}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <DeviceStateBadge state={d.state} />
              </Table.Td>
              <Table.Td>{formatDate(d.state_since.slice(0, 10))}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
