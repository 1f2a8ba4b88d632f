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

/** The API's field name as a form path: `members[0].first_name` → `members.0.first_name`. */
export function formPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, ".$1");
}

/** A 422's field errors keyed by form path (several messages joined), for `form.setErrors`. */
export function serverFormErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiProblem) || error.status !== 422) return {};
  return Object.fromEntries(Object.entries(error.fields).map(([field, messages]) => [formPath(field), messages.join(" ; ")]));
}

/** Moves focus (and the view) to the first field of the page marked invalid, once React has
 * painted the errors. */
export function focusFirstInvalid(): void {
  requestAnimationFrame(() => {
    const field = document.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) {
      field.focus();
      field.scrollIntoView({ block: "center" });
    }
  });
}
