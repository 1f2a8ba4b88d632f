import { Alert, Anchor, List } from "@mantine/core";
import { useEffect, useState, type RefObject } from "react";
import { tp } from "@/lib/i18n";

type Item = { id: string; label: string; message: string };

/** A field's visible name: its label (without the required mark), after the group it
 * belongs to ("Personne 2 — Prénom") when several groups repeat the same fields. */
function labelOf(field: HTMLElement): string {
  const own =
    (field as HTMLInputElement).labels?.[0]?.textContent ??
    (field.getAttribute("aria-labelledby") ? document.getElementById(field.getAttribute("aria-labelledby") ?? "")?.textContent : null) ??
    field.getAttribute("aria-label") ??
    "";
  const label = own.replace(/\s*\*\s*$/, "").trim();
  const group = field.closest("fieldset")?.getAttribute("aria-label");
  return group ? `${group} — ${label}` : label;
}

/** The message shown under the field (the element its aria-describedby names as error). */
function messageOf(field: HTMLElement): string {
  const ids = (field.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
  const error = ids.map((id) => document.getElementById(id)).find((el) => el && /error/i.test(el.id));
  return error?.textContent?.trim() ?? "";
}

/** At the top of a refused form, every field to fix with its message, each a link that takes
 * the person to the field. Read from the fields themselves, so it says what they say.
 * `errors` is the form's error object: the summary is read again when it changes. */
export function ErrorSummary({ formRef, errors }: { formRef: RefObject<HTMLFormElement | null>; errors: object }) {
  const [items, setItems] = useState<Item[]>([]);
  useEffect(() => {
    // After React has painted the fields' messages.
    const frame = requestAnimationFrame(() => {
      const fields = [...(formRef.current?.querySelectorAll<HTMLElement>('[aria-invalid="true"]') ?? [])];
      setItems(fields.filter((f) => f.id).map((f) => ({ id: f.id, label: labelOf(f), message: messageOf(f) })));
    });
    return () => cancelAnimationFrame(frame);
  }, [formRef, errors]);
  if (items.length === 0) return null;
  return (
    <Alert color="red.9" variant="outline" title={tp("form.summary", items.length)}>
      <List>
        {items.map((item) => (
          <List.Item key={item.id}>
            <Anchor
              href={`#${item.id}`}
              c="red.9"
              onClick={(event) => {
                event.preventDefault();
                const field = document.getElementById(item.id);
                field?.focus();
                field?.scrollIntoView({ block: "center" });
              }}
            >
              {item.message ? `${item.label} : ${item.message}` : item.label}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
