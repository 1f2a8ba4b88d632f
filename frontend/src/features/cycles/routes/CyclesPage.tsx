import { Anchor, Button, Card, Group, SegmentedControl, Select, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { cycleStateValues } from "@/lib/api/schema";
import { formatDate, formatDateTime, label } from "@/lib/i18n";
import { useCurrentOrg } from "@/lib/useMe";
import { useWideScreen } from "@/lib/useWideScreen";
import { EmptyState } from "@/components/EmptyState";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { CopyLinkModal } from "@/components/CopyLinkModal";
import { cycleQueries, useCreateFeed, useCycles, type CycleState, type CycleSummary } from "../api/queries";
import { CycleStateBadge } from "../components/Badges";
import { t } from "../fr";

/** The structure's cycles, by state and site. */
export default function CyclesPage() {
  const org = useCurrentOrg();
  const [state, setState] = useState<CycleState | "all">("all");
  const [site, setSite] = useState<string | null>(null);
  const orgId = org?.id ?? "";
  const list = useCycles(orgId, state === "all" ? null : state, site);
  const sites = useQuery({ ...cycleQueries.sites(orgId), enabled: Boolean(org) });
  const wide = useWideScreen();
  const feed = useCreateFeed(orgId);
  const [feedUrl, setFeedUrl] = useState<string | null>(null);
  if (!org) return <LoadingBlock />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const staff = org.caps.has("cycles");

  return (
    <>
      <PageHeader title={t("cycles.title")}>
        {org.caps.has("programmes.edit") && (
          <Button variant="default" component={Link} to={`/orgs/${org.id}/programmes`}>
            {t("cycles.programmes")}
          </Button>
        )}
        {staff && (
          <>
            <Button variant="default" loading={feed.isPending} onClick={() => void feed.mutateAsync(null).then((f) => setFeedUrl(f.url ?? null), () => undefined)}>
              {t("cycles.myFeed")}
            </Button>
            <Button variant="default" component={Link} to={`/orgs/${org.id}/reminders`}>
              {t("cycles.calls")}
            </Button>
            <Button component={Link} to={`/orgs/${org.id}/cycles/new`}>
              {t("cycles.new")}
            </Button>
          </>
        )}
      </PageHeader>
      {feed.error && <ProblemAlert error={feed.error} />}
      <CopyLinkModal title={t("cycle.feedTitle")} url={feedUrl} emailed={false} onClose={() => setFeedUrl(null)} help={t("cycle.feedHelp")} />
      <Group mb="md" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="cycle-state-filter">
            {t("cycles.filterState")}
          </Text>
          <SegmentedControl
            aria-labelledby="cycle-state-filter"
            value={state}
            onChange={(value) => setState(value as CycleState | "all")}
            data={[{ value: "all", label: t("cycles.allStates") }, ...cycleStateValues.map((s) => ({ value: s, label: label("cycleState", s) }))]}
          />
        </Stack>
        <Select
          label={t("cycles.site")}
          placeholder={t("cycles.allSites")}
          clearable
          value={site}
          onChange={setSite}
          data={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          w={260}
        />
      </Group>
      {list.isPending ? (
        <LoadingBlock />
      ) : list.isError ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState message={t("cycles.empty")} />
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

type ListProps = { orgId: string; items: CycleSummary[] };

function Name({ orgId, cycle }: { orgId: string; cycle: CycleSummary }) {
  return (
    <Anchor component={Link} to={`/orgs/${orgId}/cycles/${cycle.id}`} c="brand.8" fw={600}>
      {cycle.name}
    </Anchor>
  );
}

const next = (c: CycleSummary) => (c.next_session_at ? formatDateTime(c.next_session_at) : t("cycles.noNextSession"));
const places = (c: CycleSummary) => t("cycles.placesValue", { enrolled: c.enrolled_count, capacity: c.capacity });

function Wide({ orgId, items }: ListProps) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("create.name")}</Table.Th>
            <Table.Th>{t("cycles.site")}</Table.Th>
            <Table.Th>{t("cycles.filterState")}</Table.Th>
            <Table.Th>{t("cycles.firstDay")}</Table.Th>
            <Table.Th>{t("cycles.nextSession")}</Table.Th>
            <Table.Th>{t("cycles.places")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Name orgId={orgId} cycle={c} />
              </Table.Td>
              <Table.Td>{c.site_name}</Table.Td>
              <Table.Td>
                <CycleStateBadge state={c.state} />
              </Table.Td>
              <Table.Td>{formatDate(c.first_day)}</Table.Td>
              <Table.Td>{next(c)}</Table.Td>
              <Table.Td>{places(c)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** On a tablet or a phone: one card per cycle. */
function Narrow({ orgId, items }: ListProps) {
  return (
    <Stack gap="xs">
      {items.map((c) => (
        <Card key={c.id} withBorder padding="sm" component="article" aria-label={c.name}>
          <Group justify="space-between">
            <Name orgId={orgId} cycle={c} />
            <CycleStateBadge state={c.state} />
          </Group>
          <Text size="sm">{`${c.site_name} — ${t("cycles.places")} ${places(c)}`}</Text>
          <Text size="sm" c="gray.7">{`${t("cycles.nextSession")} : ${next(c)}`}</Text>
        </Card>
      ))}
    </Stack>
  );
}
