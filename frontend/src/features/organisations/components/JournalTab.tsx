import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { Schemas } from "@/lib/api/client";
import { fromFrenchDate } from "@/lib/dates";
import { formatDateTime, label, vocabulary } from "@/lib/i18n";
import { DateField } from "@/components/DateField";
import { EmptyState } from "@/components/EmptyState";
import { LoadingBlock } from "@/components/LoadingBlock";
import { ProblemAlert } from "@/components/ProblemAlert";
import { adminQueries, downloadJournal, type AuditEntry, type JournalFilters } from "../api/queries";
import { t } from "../fr";

/** The kinds of resources people look for most; any other can be typed as its id. */
const RESOURCE_TYPES = ["households", "referrals", "devices", "cycles", "courses", "dashboard", "members", "audit-entries"] as const;

const OUTCOME_COLOR: Record<Schemas["Outcome"], string> = { success: "brand.8", denied: "red.9", refused: "orange.9", failed: "red.9" };

type Draft = { person: string | null; action: string | null; type: string | null; id: string; from: string; to: string };
const EMPTY: Draft = { person: null, action: null, type: null, id: "", from: "", to: "" };

/** The organisation's journal: who did what, when, and how it ended; filtered and exported. */
export function JournalTab({ orgId }: { orgId: string }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [filters, setFilters] = useState<JournalFilters>({});
  const [dateErrors, setDateErrors] = useState<{ from?: string; to?: string }>({});
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const members = useQuery(adminQueries.members(orgId));
  const journal = useInfiniteQuery(adminQueries.journal(orgId, filters));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const from = draft.from.trim() ? fromFrenchDate(draft.from) : undefined;
    const to = draft.to.trim() ? fromFrenchDate(draft.to) : undefined;
    const errors = { from: from === null ? t("journal.badDate") : undefined, to: to === null ? t("journal.badDate") : undefined };
    setDateErrors(errors);
    if (errors.from || errors.to) return;
    setFilters({
      user_id: draft.person ?? undefined,
      action: (draft.action as Schemas["Action"] | null) ?? undefined,
      resource_type: draft.type ?? undefined,
      resource_id: draft.id.trim() || undefined,
      from: from ?? undefined,
      to: to ?? undefined,
    });
  };
  const exportCsv = () => {
    setExporting(true);
    setExportError(null);
    downloadJournal(orgId, filters)
      .catch(setExportError)
      .finally(() => setExporting(false));
  };
  const entries = journal.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md">
      <Text size="sm">{t("journal.intro")}</Text>
      <form onSubmit={apply} aria-label={t("journal.filters")}>
        <Group align="flex-end" gap="sm">
          <Select
            label={t("journal.person")}
            clearable
            searchable
            w={220}
            value={draft.person}
            onChange={(person) => setDraft({ ...draft, person })}
            data={(members.data ?? []).map((m) => ({ value: m.user_id, label: m.name }))}
          />
          <Select
            label={t("journal.action")}
            clearable
            w={180}
            value={draft.action}
            onChange={(action) => setDraft({ ...draft, action })}
            data={Object.entries(vocabulary.auditAction).map(([value, text]) => ({ value, label: text }))}
          />
          <Select
            label={t("journal.resourceType")}
            clearable
            w={200}
            value={draft.type}
            onChange={(type) => setDraft({ ...draft, type })}
            data={RESOURCE_TYPES.map((value) => ({ value, label: t(`journal.type.${value}`) }))}
          />
          <TextInput label={t("journal.resourceId")} w={300} value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.currentTarget.value })} />
          <DateField label={t("journal.from")} value={draft.from} error={dateErrors.from} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
          <DateField label={t("journal.to")} value={draft.to} error={dateErrors.to} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
          <Button type="submit">{t("journal.apply")}</Button>
          <Button variant="outline" loading={exporting} onClick={exportCsv}>
            {t("journal.export")}
          </Button>
        </Group>
      </form>
      {exportError != null && <ProblemAlert error={exportError} />}
      {journal.isPending ? (
        <LoadingBlock />
      ) : journal.isError ? (
        <ProblemAlert error={journal.error} onRetry={() => void journal.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState message={t("journal.empty")} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={820}>
            <Table striped verticalSpacing="xs" aria-label={t("journal.table")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("journal.when")}</Table.Th>
                  <Table.Th>{t("journal.person")}</Table.Th>
                  <Table.Th>{t("journal.action")}</Table.Th>
                  <Table.Th>{t("journal.resource")}</Table.Th>
                  <Table.Th>{t("journal.outcome")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((e) => (
                  <JournalRow key={e.id} entry={e} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {journal.hasNextPage && (
            <Button variant="default" loading={journal.isFetchingNextPage} onClick={() => void journal.fetchNextPage()} w="fit-content">
              {t("journal.more")}
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}

/** "Familles", "Orientations · accept": the head word in French when it is a known one. */
function resourceLabel(type: string): string {
  const [head = type, ...rest] = type.split(".");
  const known = (RESOURCE_TYPES as readonly string[]).includes(head) ? t(`journal.type.${head as (typeof RESOURCE_TYPES)[number]}`) : head;
  return [known, ...rest].join(" · ");
}

function JournalRow({ entry }: { entry: AuditEntry }) {
  return (
    <Table.Tr>
      <Table.Td>{formatDateTime(entry.at)}</Table.Td>
      <Table.Td>
        <Text size="sm">{entry.person ?? t("journal.unknownPerson")}</Text>
        {entry.role && (
          <Text size="xs" c="gray.7">
            {label("role", entry.role)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{label("auditAction", entry.action)}</Table.Td>
      <Table.Td>
        <Text size="sm">{resourceLabel(entry.resource_type)}</Text>
        {entry.resource_id && (
          <Text size="xs" c="gray.7" ff="monospace">
            {entry.resource_id}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge color={OUTCOME_COLOR[entry.outcome]} tt="none">
          {label("auditOutcome", entry.outcome)}
        </Badge>
        <Text size="xs" c="gray.7">
          {entry.method} · {entry.status}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
