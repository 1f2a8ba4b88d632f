// How the dashboards write their numbers, in French.
import type { NetworkFigure } from "../api/queries";
import { t } from "../fr";

const number = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

export const formatNumber = (n: number) => number.format(n);

export const formatRate = (rate: number | null | undefined) => (rate == null ? t("fig.none") : t("fig.percent", { value: number.format(rate) }));

export const formatDays = (days: number | null | undefined) => (days == null ? t("fig.none") : t(days === 0 || days === 1 ? "fig.day" : "fig.days", { days }));

/** A network value: a number, "< 5" or "masqué". */
const isRate = (figure: string) => figure.endsWith("rate") || figure === "skills_progress";

/** A network value: a number, "< 5" or "masqué"; a count not listed is zero, a rate not
 * listed had nothing to measure. */
export function formatNetwork(figure: NetworkFigure | undefined, name = ""): string {
  if (!figure) return isRate(name) || name.startsWith("median") ? t("fig.none") : "0";
  const value = figure.value;
  if (value === "< 5") return t("network.small");
  if (value === "masked") return t("network.masked");
  return isRate(figure.figure) ? t("fig.percent", { value: number.format(value) }) : number.format(value);
}

/** The last `count` months (`AAAA-MM`), newest first, from `today`. */
export function recentMonths(today: Date, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const d = new Date(today.getFullYear(), today.getMonth() - i, 15);
    out.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`);
  }
  return out;
}

/** The twelve months ending with this one. */
export function lastTwelveMonths(today: Date): { from: string; to: string } {
  const months = recentMonths(today, 12);
  return { from: months[11] ?? "", to: months[0] ?? "" };
}
