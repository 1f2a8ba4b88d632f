import { Alert, Group, Select, Table, Text, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { formatDateTime, formatMonth, label } from "@/lib/i18n";
import { dashboardQueries, exportNetwork, type NetworkFigure } from "../api/queries";
import { t } from "../fr";
import { ExportButtons } from "./ExportButtons";
import { WideTable } from "./WideTable";
import { formatNetwork } from "./format";
import { MonthlyChart } from "./MonthlyChart";

/** The figures the network's table shows, in order. */
const COLUMNS: { figure: string; key?: string; label: () => string }[] = [
  { figure: "referrals", label: () => t("fig.referrals") },
  { figure: "cycles_run", label: () => t("fig.cycles") },
  { figure: "participants", label: () => t("fig.participants") },
  { figure: "sessions_held", label: () => t("fig.sessions") },
  { figure: "attendance_rate", label: () => t("fig.attendance") },
  { figure: "completion_rate", label: () => t("fig.completion") },
  { figure: "computers_handed_over", label: () => t("fig.handedOver") },
  { figure: "people_trained", label: () => t("fig.peopleTrained") },
  { figure: "competences_validated", label: () => t("fig.validated") },
];

const find = (figures: NetworkFigure[], figure: string, key = "") => figures.find((f) => f.figure === figure && f.key === key);

const count = (f: NetworkFigure | undefined) => (f && typeof f.value === "number" ? f.value : null);

/** The coordinator's view: each structure and the network, aggregates only. */
export function NetworkView({ orgId }: { orgId: string }) {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const query = useQuery({ ...dashboardQueries.network(orgId, year), placeholderData: keepPreviousData });
  const years = Array.from({ length: 4 }, (_, i) => String(thisYear - i));
  const d = query.data;
  return (
    <>
      <PageHeader title={t("network.title")} />
      <Group align="flex-end" mb="md">
        <Select label={t("filter.year")} data={years} value={String(year)} allowDeselect={false} onChange={(v) => v && setYear(Number(v))} w={140} />
        <ExportButtons onExport={(format) => exportNetwork(orgId, year, format)} />
      </Group>
      <Alert color="blue" variant="light" mb="md" title={t("network.figures")}>
        <Text size="sm">{t("network.masking")}</Text>
      </Alert>
      {query.isError && <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
      {!d ? (
        query.isPending && <LoadingBlock />
      ) : (
        <>
          <Text size="sm" mb="sm">
            {t("network.computedAt", { when: formatDateTime(d.computed_at) })}
          </Text>
          <WideTable label={t("network.figures")}>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("network.structure")}</Table.Th>
                  {COLUMNS.map((c) => (
                    <Table.Th key={c.figure}>{c.label()}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.structures.map((s) => (
                  <Table.Tr key={s.structure_id}>
                    <Table.Th scope="row">{s.name}</Table.Th>
                    {COLUMNS.map((c) => (
                      <Table.Td key={c.figure}>{formatNetwork(find(s.figures, c.figure, c.key), c.figure)}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
                <Table.Tr fw={700}>
                  <Table.Th scope="row">{t("network.total")}</Table.Th>
                  {COLUMNS.map((c) => (
                    <Table.Td key={c.figure}>{formatNetwork(find(d.total, c.figure, c.key), c.figure)}</Table.Td>
                  ))}
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </WideTable>
          <Title order={2} size="h3" mt="lg" mb="sm">
            {t("section.outcomes")}
          </Title>
          <WideTable label={t("section.outcomes")}>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("network.structure")}</Table.Th>
                  {d.total
                    .filter((f) => f.figure === "referrals_by_outcome")
                    .map((f) => (
                      <Table.Th key={f.key}>{label("status", f.key)}</Table.Th>
                    ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...d.structures.map((s) => ({ id: s.structure_id, name: s.name, figures: s.figures })), { id: "total", name: t("network.total"), figures: d.total }].map((row) => (
                  <Table.Tr key={row.id}>
                    <Table.Th scope="row">{row.name}</Table.Th>
                    {d.total
                      .filter((f) => f.figure === "referrals_by_outcome")
                      .map((f) => (
                        <Table.Td key={f.key}>{formatNetwork(find(row.figures, "referrals_by_outcome", f.key))}</Table.Td>
                      ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
          <Title order={2} size="h3" mt="lg" mb="sm">
            {t("network.months")}
          </Title>
          <MonthlyChart
            title={t("section.chart")}
            firstLabel={t("chart.referrals")}
            secondLabel={t("chart.handedOver")}
            points={d.months.map((m) => ({ month: m.month, first: count(find(m.figures, "referrals")), second: count(find(m.figures, "computers_handed_over")) }))}
          />
          <WideTable label={t("network.months")}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("months.month")}</Table.Th>
                  <Table.Th>{t("fig.referrals")}</Table.Th>
                  <Table.Th>{t("fig.sessions")}</Table.Th>
                  <Table.Th>{t("fig.handedOver")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.months.map((m) => (
                  <Table.Tr key={m.month}>
                    <Table.Th scope="row">{formatMonth(m.month)}</Table.Th>
                    <Table.Td>{formatNetwork(find(m.figures, "referrals"))}</Table.Td>
                    <Table.Td>{formatNetwork(find(m.figures, "sessions_held"))}</Table.Td>
                    <Table.Td>{formatNetwork(find(m.figures, "computers_handed_over"))}</Table.Td>
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
