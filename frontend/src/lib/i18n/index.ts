import { fr, plurals, type MessageKey, type PluralKey } from "./fr";

export { label, vocabulary, type Vocabulary } from "./vocab";

type Values = Record<string, string | number>;

const fill = (text: string, values: Values) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

/** A `t()` over the shared texts and a feature's own (`makeT(fr)` in a feature's fr.ts):
 * the French text for `key`, with `{name}` placeholders filled from `values`. */
export function makeT<C extends Record<string, string>>(catalogue: C) {
  const all: Record<string, string> = { ...fr, ...catalogue };
  return (key: MessageKey | keyof C, values: Values = {}): string => fill(all[key as string] ?? String(key), values);
}

/** The shared texts (the frame, navigation, errors, a family's fields). */
export const t = makeT({});

const pluralRules = new Intl.PluralRules("fr-FR");

/** A text that depends on `count`, in the plural form French uses for it (1 lue, 2 lues;
 * 0 is singular in French). */
export function tp(key: PluralKey, count: number, values: Values = {}): string {
  const forms: Record<string, string> = plurals[key];
  const form = forms[pluralRules.select(count)] ?? forms.other ?? String(key);
  return fill(form, { count, ...values });
}

const dateFormat = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

/** French writes the first of the month "1er". */
function withOrdinal(format: Intl.DateTimeFormat, date: Date): string {
  return format
    .formatToParts(date)
    .map((part) => (part.type === "day" && part.value === "1" ? "1er" : part.value))
    .join("");
}

/** "7 décembre 2026", "1er décembre 2026" from an ISO date or timestamp. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return fr["common.none"];
  const date = iso.length === 10 ? new Date(`${iso}T12:00:00`) : new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : withOrdinal(dateFormat, date);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return fr["common.none"];
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : withOrdinal(dateTimeFormat, date);
}

const monthFormat = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric" });

/** A text's version "2026-09" as people say it: "septembre 2026" (else as it is). */
export function formatMonth(version: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(version);
  return match ? monthFormat.format(new Date(Number(match[1]), Number(match[2]) - 1, 15)) : version;
}

/** A stored phone (+33612345678) as it is written in France: "06 12 34 56 78". */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return fr["common.none"];
  const national = /^\+33([1-9][0-9]{8})$/.exec(phone)?.[1];
  return national ? `0${national}`.replace(/(\d{2})(?=\d)/g, "$1 ") : phone;
}

export type { MessageKey, PluralKey };

const sessionFormat = new Intl.DateTimeFormat("fr-FR", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Paris",
});

/** A session's time as the centre says it, in Paris whatever the device's zone: "lundi 7
 * décembre 2026 à 14:00". */
export function formatSessionTime(iso: string | null | undefined): string {
  if (!iso) return fr["common.none"];
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : withOrdinal(sessionFormat, date);
}
