import { Select } from "@mantine/core";
import { formatMonth } from "@/lib/i18n";
import { t } from "../fr";
import { recentMonths } from "./format";

export type MonthPeriod = { from: string; to: string };

/** "Du mois de … au mois de …": the last 36 months to choose from. */
export function MonthRange({ value, onChange }: { value: MonthPeriod; onChange: (period: MonthPeriod) => void }) {
  const options = recentMonths(new Date(), 36).map((m) => ({ value: m, label: formatMonth(m) }));
  return (
    <>
      <Select label={t("filter.from")} data={options} value={value.from} allowDeselect={false} onChange={(v) => v && onChange({ ...value, from: v })} w={190} />
      <Select label={t("filter.to")} data={options} value={value.to} allowDeselect={false} onChange={(v) => v && onChange({ ...value, to: v })} w={190} />
    </>
  );
}
