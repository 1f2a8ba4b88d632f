// Dates as people in France write them, whatever the browser's language: jj/mm/aaaa in
// every field (a browser's own date field follows its language and cannot be relied on).

/** "2026-12-07" → "07/12/2026" (empty stays empty). */
export function toFrenchDate(iso: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  return match ? `${match[3]}/${match[2]}/${match[1]}` : "";
}

/** "7/12/2026", "07.12.2026" or "07-12-2026" → "2026-12-07"; null when it is not a date of
 * the calendar (31/02, a two-digit year, letters). */
export function fromFrenchDate(text: string): string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Today, in the person's time zone, as "2026-12-07". */
export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/** A time of day as the API takes it: "14:00" (two digits each). */
export function isClockTime(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
}
