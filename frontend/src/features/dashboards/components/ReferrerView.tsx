import { Card, Group, Table, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { label } from "@/lib/i18n";
import { dashboardQueries, exportReferrer } from "../api/queries";
import { t } from "../fr";
import { ExportButtons } from "./ExportButtons";
import { WideTable } from "./WideTable";
import { FigureGrid } from "./FigureGrid";
import { formatDays, formatNumber, formatRate, lastTwelveMonths } from "./format";
import { MonthRange } from "./MonthRange";
import { MonthlyChart } from "./MonthlyChart";

/** A referrer's view: the families it referred, where they went, how their journey goes. */
export function ReferrerView({ orgId }: { orgId: string }) {
  const [period, setPeriod] = useState(() => lastTwelveMonths(new Date()));
  const { from, to } = period;
  const query = useQuery({ ...dashboardQueries.referrer(orgId, from, to), placeholderData: keepPreviousData });
  const d = query.data;
  const outcomes = Array.from(new Set(d?.structures.flatMap((s) => s.outcomes.map((o) => o.key)) ?? []));
  return (
    <>
      <PageHeader title={t("referrer.title")} />
      <Group align="flex-end" mb="md" wrap="wrap">
        <MonthRange value={period} onChange={setPeriod} />
        <ExportButtons onExport={(format) => exportReferrer(orgId, from, to, format)} />
      </Group>
      {query.isError && <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
      {!d ? (
        query.isPending && <LoadingBlock />
      ) : (
        <>
          <Card withBorder padding="md" mb="md">
            <Text fw={600} mb="xs">
              {t("referrer.structures")}
            </Text>
            <WideTable label={t("referrer.structures")}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("network.structure")}</Table.Th>
                    <Table.Th>{t("referrer.total")}</Table.Th>
                    {outcomes.map((o) => (
                      <Table.Th key={o}>{label("status", o)}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.structures.map((s) => (
                    <Table.Tr key={s.structure_id}>
                      <Table.Th scope="row">{s.name}</Table.Th>
                      <Table.Td>{formatNumber(s.referrals)}</Table.Td>
                      {outcomes.map((o) => (
                        <Table.Td key={o}>{formatNumber(s.outcomes.find((x) => x.key === o)?.count ?? 0)}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </WideTable>
          </Card>
          <Text size="sm">{t("referrer.note")}</Text>
          <FigureGrid
            title={t("section.journey")}
            figures={[
              { label: t("referrer.shared"), value: formatNumber(d.journeys.shared) },
              { label: t("referrer.started"), value: formatNumber(d.journeys.started_a_cycle) },
              { label: t("fig.delayFirstSession"), value: formatDays(d.journeys.median_days_to_first_session) },
              { label: t("referrer.attended"), value: `${formatNumber(d.journeys.sessions_attended)} / ${formatNumber(d.journeys.sessions_planned)}` },
              { label: t("fig.attendance"), value: formatRate(d.journeys.attendance_rate) },
              { label: t("referrer.completed"), value: formatNumber(d.journeys.completed) },
              { label: t("fig.handedOver"), value: formatNumber(d.journeys.computers_handed_over) },
              { label: t("fig.delayHandover"), value: formatDays(d.journeys.median_days_to_handover) },
            ]}
          />
          <MonthlyChart
            title={t("section.months")}
            firstLabel={t("chart.referrals")}
            secondLabel={t("chart.handedOver")}
            points={d.months.map((m) => ({ month: m.month, first: m.referrals, second: m.journeys.computers_handed_over }))}
          />
        </>
      )}
    </>
  );
}
