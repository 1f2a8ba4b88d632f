import { Button, Group, Select, SimpleGrid, Table, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { formatMonth, label } from "@/lib/i18n";
import { dashboardQueries, exportStructure, type Filters, type StructureFigures } from "../api/queries";
import { t } from "../fr";
import { ExportButtons } from "./ExportButtons";
import { WideTable } from "./WideTable";
import { Breakdown, FigureGrid } from "./FigureGrid";
import { formatDays, formatNumber, formatRate, lastTwelveMonths } from "./format";
import { MonthRange } from "./MonthRange";
import { MonthlyChart } from "./MonthlyChart";

const MONTH_COLUMNS: { label: Parameters<typeof t>[0]; value: (f: StructureFigures) => string }[] = [
  { label: "fig.referrals", value: (f) => formatNumber(f.referrals) },
  { label: "fig.sessions", value: (f) => formatNumber(f.sessions_held) },
  { label: "fig.participants", value: (f) => formatNumber(f.participants) },
  { label: "fig.attendance", value: (f) => formatRate(f.attendance_rate) },
  { label: "fig.handedOver", value: (f) => formatNumber(f.computers_handed_over) },
  { label: "fig.devicesReceived", value: (f) => formatNumber(f.devices_received) },
  { label: "fig.trainingHours", value: (f) => formatNumber(f.training_hours) },
];

/** A structure's dashboard: filters, figures by theme, a monthly chart and table, exports. */
export function StructureView({ orgId }: { orgId: string }) {
  const [filters, setFilters] = useState<Filters>({ ...lastTwelveMonths(new Date()), siteId: null });
  const query = useQuery({ ...dashboardQueries.structure(orgId, filters), placeholderData: keepPreviousData });
  const sites = useQuery(dashboardQueries.sites(orgId));
  const siteOptions = [{ value: "", label: t("filter.allSites") }, ...(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))];
  const d = query.data;
  const f = d?.figures;
  return (
    <>
      <PageHeader title={t("structure.title")}>
        <Button component={Link} to="funder-report" variant="default">
          {t("export.funder")}
        </Button>
      </PageHeader>
      <Group align="flex-end" mb="md" wrap="wrap">
        <MonthRange value={filters} onChange={(period) => setFilters({ ...filters, ...period })} />
        <Select label={t("filter.site")} data={siteOptions} value={filters.siteId ?? ""} allowDeselect={false} onChange={(v) => setFilters({ ...filters, siteId: v || null })} w={260} />
        <ExportButtons onExport={(format) => exportStructure(orgId, filters, format)} />
      </Group>
      {query.isError && <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
      {!d || !f ? (
        query.isPending && <LoadingBlock />
      ) : (
        <>
          <FigureGrid
            title={t("section.journey")}
            figures={[
              { label: t("fig.referrals"), value: formatNumber(f.referrals) },
              { label: t("fig.delayDecision"), value: formatDays(f.median_days_to_decision) },
              { label: t("fig.delayFirstSession"), value: formatDays(f.median_days_to_first_session) },
              { label: t("fig.delayHandover"), value: formatDays(f.median_days_to_handover) },
              { label: t("fig.cycles"), value: formatNumber(f.cycles_run) },
              { label: t("fig.participants"), value: formatNumber(f.participants) },
              { label: t("fig.attendance"), value: formatRate(f.attendance_rate) },
              { label: t("fig.completion"), value: formatRate(f.completion_rate) },
              { label: t("fig.skills"), value: formatRate(f.skills_progress_rate) },
            ]}
          />
          <FigureGrid
            title={t("section.workshop")}
            figures={[
              { label: t("fig.devicesReceived"), value: formatNumber(f.devices_received) },
              { label: t("fig.handedOver"), value: formatNumber(f.computers_handed_over) },
            ]}
          />
          <FigureGrid
            title={t("section.training")}
            figures={[
              { label: t("fig.peopleTrained"), value: formatNumber(f.people_trained) },
              { label: t("fig.trainingHours"), value: formatNumber(f.training_hours) },
              { label: t("fig.validated"), value: formatNumber(f.competences_validated) },
            ]}
          />
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="lg" mb="lg">
            <Breakdown title={t("section.sources")} empty={t("empty.breakdown")} rows={d.referrals_by_source.map((s) => ({ label: s.name, value: formatNumber(s.count) }))} />
            <Breakdown title={t("section.outcomes")} empty={t("empty.breakdown")} rows={d.referrals_by_outcome.map((o) => ({ label: label("status", o.key), value: formatNumber(o.count) }))} />
            <Breakdown title={t("section.skills")} empty={t("empty.breakdown")} rows={d.skills_progress.map((a) => ({ label: label("area", a.area), value: formatRate(a.rate) }))} />
            <Breakdown title={t("section.states")} empty={t("empty.breakdown")} rows={d.devices_by_state.map((s) => ({ label: label("deviceState", s.key), value: formatNumber(s.count) }))} />
            <Breakdown title={t("section.donors")} empty={t("empty.breakdown")} rows={d.devices_by_donor.map((s) => ({ label: s.key || t("noDonor"), value: formatNumber(s.count) }))} />
          </SimpleGrid>
          <MonthlyChart
            title={t("section.chart")}
            firstLabel={t("chart.referrals")}
            secondLabel={t("chart.handedOver")}
            points={d.months.map((m) => ({ month: m.month, first: m.referrals, second: m.computers_handed_over }))}
          />
          <Title order={2} size="h3" mb="sm">
            {t("section.months")}
          </Title>
          <WideTable label={t("section.months")}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("months.month")}</Table.Th>
                  {MONTH_COLUMNS.map((c) => (
                    <Table.Th key={c.label}>{t(c.label)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.months.map((m) => (
                  <Table.Tr key={m.month}>
                    <Table.Th scope="row">{formatMonth(m.month)}</Table.Th>
                    {MONTH_COLUMNS.map((c) => (
                      <Table.Td key={c.label}>{c.value(m)}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        </>
      )}
    </>
  );
}
