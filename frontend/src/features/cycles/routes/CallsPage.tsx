import { Button, Card, Group, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fromFrenchDate, toFrenchDate, todayIso } from "@/lib/dates";
import { formatDateTime, formatPhone, formatSessionTime, label } from "@/lib/i18n";
import { useCurrentOrg } from "@/lib/useMe";
import { DateField } from "@/components/DateField";
import { EmptyState } from "@/components/EmptyState";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { cycleQueries, useCallDone } from "../api/queries";
import { t } from "../fr";

/** The day's calls: families to remind by phone of a session, or to tell of a change. */
export default function CallsPage() {
  const org = useCurrentOrg();
  const [typed, setTyped] = useState(toFrenchDate(todayIso()));
  const day = fromFrenchDate(typed) ?? todayIso();
  const calls = useQuery({ ...cycleQueries.calls(org?.id ?? "", day), enabled: Boolean(org) });
  const done = useCallDone(org?.id ?? "");
  if (!org) return <LoadingBlock />;
  return (
    <>
      <PageHeader title={t("calls.title")} />
      <Text mb="md" maw={720}>
        {t("calls.hint")}
      </Text>
      <DateField label={t("calls.day")} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} mb="md" />
      {calls.isPending ? (
        <LoadingBlock />
      ) : calls.isError ? (
        <ProblemAlert error={calls.error} onRetry={() => void calls.refetch()} />
      ) : calls.data.length === 0 ? (
        <EmptyState message={t("calls.empty")} />
      ) : (
        <Stack gap="xs" maw={820}>
          {done.error && <ProblemAlert error={done.error} />}
          {calls.data.map((c) => (
            <Card key={c.id} withBorder padding="sm" component="article" aria-label={c.family_name}>
              <Group justify="space-between" wrap="wrap">
                <div>
                  <Text fw={600}>{`${c.family_name} — ${formatPhone(c.phone)}`}</Text>
                  <Text size="sm">{`${label("reminderReason", c.reason)} — ${formatSessionTime(c.starts_at)}`}</Text>
                  <Text size="sm" c="gray.7">
                    {c.message}
                  </Text>
                </div>
                {c.called_at ? (
                  <Text size="sm">{t("calls.doneOn", { date: formatDateTime(c.called_at) })}</Text>
                ) : (
                  <Button size="md" variant="default" loading={done.isPending && done.variables === c.id} onClick={() => done.mutate(c.id)}>
                    {t("calls.done")}
                  </Button>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </>
  );
}
