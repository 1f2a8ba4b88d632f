import { fr, type MessageKey } from "./fr";

/** The French text for `key`, with `{name}` placeholders filled from `values`. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return fr[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The label of a vocabulary value (`status.accepted`, `need.no_computer`…); the raw value
 * when the catalogue has none, so a new server value never breaks a page. */
export function label(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in fr ? fr[key as MessageKey] : value;
}

const dateFormat = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

/** "7 décembre 2026" from an ISO date or timestamp. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return fr["common.none"];
  const date = iso.length === 10 ? new Date(`${iso}T12:00:00`) : new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return fr["common.none"];
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

export type { MessageKey };
