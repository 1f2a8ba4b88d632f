import { ApiProblem } from "@/lib/api/errors";

/** The server's message for `field` (422), joined, or undefined. Nested fields use the
 * server's names: `members[0].first_name`, `consent.given_on`. */
export function serverError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiProblem) || error.status !== 422) return undefined;
  const messages = error.fields[field];
  return messages && messages.length > 0 ? messages.join(" ; ") : undefined;
}

/** Empty strings become null (the API clears optional fields with null or omission). */
export function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/** Whether the error names fields (so the form shows them beside each field). */
export function hasFieldErrors(error: unknown): boolean {
  return error instanceof ApiProblem && Object.keys(error.fields).length > 0;
}
