import { Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { Link } from "react-router";
import { label } from "@/lib/i18n";
import { t } from "../fr";
import { useCurrentOrg } from "@/lib/useMe";
import { EmptyState } from "@/components/EmptyState";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { useCounters, useReferrals, type ReferralFilters, type ReferralStatus } from "../api/queries";
import { ReferralTable } from "../components/ReferralTable";
import { useWideScreen } from "@/lib/useWideScreen";

const STATUSES: ReferralStatus[] = ["submitted", "accepted", "waitlisted", "enrolled", "completed", "declined", "dropped_out", "expired"];

/** The structure's inbox, or the referrer's sent referrals (same page, by kind). */
export default function ReferralsPage() {
  const org = useCurrentOrg();
  const side = org?.kind === "referrer" ? "referrer" : "structure";
  const [status, setStatus] = useState<string | null>(side === "structure" ? "submitted" : null);
  const [source, setSource] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search, 300);
  const filters: ReferralFilters = {
    status: (status ?? undefined) as ReferralStatus | undefined,
    source: (source ?? undefined) as ReferralFilters["source"],
    q,
  };
  const list = useReferrals(org?.id ?? "", filters);
  const counters = useCounters(org?.id ?? "", side === "structure");
  const wide = useWideScreen();
  if (!org) return <LoadingBlock />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title={side === "structure" ? t("referrals.inboxTitle") : t("referrals.sentTitle")}>
        {org.caps.has("referrals.send") && (
          <Button component={Link} to={`/orgs/${org.id}/referrals/new`}>
            {t("nav.refer")}
          </Button>
        )}
      </PageHeader>
      {counters.data && !wide && (
        <Text mb="md" fw={600}>
          {t("referrals.countersLine", { awaiting: counters.data.awaiting_answer, overdue: counters.data.overdue, open: (counters.data.open_by_source.referrer ?? 0) + (counters.data.open_by_source.structure ?? 0) })}
        </Text>
      )}
      {counters.data && wide && (
        <SimpleGrid cols={4} mb="lg">
          <Counter label={t("referrals.awaiting")} value={counters.data.awaiting_answer} />
          <Counter label={t("referrals.overdue", { days: counters.data.reminder_days })} value={counters.data.overdue} />
          <Counter label={t("referrals.openReferrer")} value={counters.data.open_by_source.referrer ?? 0} />
          <Counter label={t("referrals.openStructure")} value={counters.data.open_by_source.structure ?? 0} />
        </SimpleGrid>
      )}
      <Group mb="md" align="flex-end" wrap="wrap">
        <Select
          label={t("referrals.filterStatus")}
          placeholder={t("common.all")}
          clearable
          value={status}
          onChange={setStatus}
          data={STATUSES.map((s) => ({ value: s, label: label("status", s) }))}
          w={220}
        />
        {side === "structure" && (
          <Select
            label={t("referrals.filterSource")}
            placeholder={t("common.all")}
            clearable
            value={source}
            onChange={setSource}
            data={["referrer", "structure"].map((s) => ({ value: s, label: label("source", s) }))}
            w={220}
          />
        )}
        <TextInput label={t("referrals.searchName")} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={260} />
      </Group>
      {list.isPending ? (
        <LoadingBlock />
      ) : list.isError ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState message={side === "referrer" && !status && !q ? t("referrals.emptySent") : t("referrals.empty")} />
      ) : (
        <Stack>
          <ReferralTable orgId={org.id} items={items} side={side} />
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

function Counter({ label, value }: { label: string; value: number }) {
  return (
    <Card withBorder padding="md">
      <Text size="xl" fw={700}>
        {value}
      </Text>
      <Text size="sm">{label}</Text>
    </Card>
  );
}
