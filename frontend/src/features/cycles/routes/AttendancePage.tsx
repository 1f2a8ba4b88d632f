import { Button, Card, Chip, Group, NumberInput, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ApiProblem } from "@/lib/api/errors";
import { presenceValues, themeValues } from "@/lib/api/schema";
import { serverError } from "@/lib/forms";
import { formatSessionTime, label } from "@/lib/i18n";
import { useCurrentOrg } from "@/lib/useMe";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { cycleKeys, cycleQueries, openSheetPdf, useRecordAttendance, type AttendanceSheet, type Presence } from "../api/queries";
import { t } from "../fr";

type Theme = (typeof themeValues)[number];

/** The sheet of one session, made for a tablet in the room: every participant with large
 * present / excused / absent choices, "everyone present" first, then the few changes. */
export default function AttendancePage() {
  const org = useCurrentOrg();
  const { cycleId = "", sessionId = "" } = useParams();
  const sheet = useQuery({ ...cycleQueries.sheet(org?.id ?? "", cycleId, sessionId), enabled: Boolean(org) });
  // The choices made when someone else saved the sheet first: applied again over theirs.
  const [kept, setKept] = useState<Marks | null>(null);
  if (!org || sheet.isPending) return <LoadingBlock />;
  if (sheet.isError) return <ProblemAlert error={sheet.error} onRetry={() => void sheet.refetch()} />;
  // Keyed by version: a sheet reloaded after someone else's change starts from it.
  return <Sheet key={sheet.data.version} orgId={org.id} cycleId={cycleId} sheet={sheet.data} kept={kept} onConflict={setKept} />;
}

type Marks = Record<string, Presence | undefined>;

function Sheet({ orgId, cycleId, sheet, kept, onConflict }: { orgId: string; cycleId: string; sheet: AttendanceSheet; kept: Marks | null; onConflict: (marks: Marks) => void }) {
  const session = sheet.session;
  const record = useRecordAttendance(orgId, cycleId, session.id);
  const client = useQueryClient();
  const [marks, setMarks] = useState<Marks>(() => ({ ...Object.fromEntries(sheet.entries.map((e) => [e.enrolment_id, e.presence ?? undefined])), ...(kept ?? {}) }));
  const [minutes, setMinutes] = useState<number | string>(session.actual_minutes ?? "");
  const [themes, setThemes] = useState<Theme[]>(session.themes_covered);
  const [place, setPlace] = useState(session.place ?? "");
  const [equipment, setEquipment] = useState(session.equipment ?? "");
  const [note, setNote] = useState(session.note ?? "");
  const [missing, setMissing] = useState(false);
  const reloaded = kept !== null;
  const title = t("sheet.title", { number: session.number });

  async function save() {
    const unmarked = sheet.entries.some((e) => !marks[e.enrolment_id]);
    setMissing(unmarked);
    if (unmarked) return;
    const body = {
      entries: sheet.entries.map((e) => ({ enrolment_id: e.enrolment_id, presence: marks[e.enrolment_id] ?? "absent" })),
      actual_minutes: minutes === "" ? null : Number(minutes),
      themes_covered: themes,
      place: place.trim() || null,
      equipment: equipment.trim() || null,
      note: note.trim() || null,
    };
    const saved = await record.mutateAsync({ sheetVersion: sheet.version, body }).catch((error: unknown) => {
      // Someone saved the sheet meanwhile: show theirs, keep these choices to re-apply.
      if (error instanceof ApiProblem && error.status === 412) {
        onConflict(marks);
        void client.invalidateQueries({ queryKey: cycleKeys.sheet(orgId, cycleId, session.id) });
      }
      return null;
    });
    if (saved) notifications.show({ message: t("sheet.saved"), color: "brand" });
  }

  return (
    <>
      <PageHeader title={title}>
        <Button variant="default" onClick={() => void openSheetPdf(orgId, cycleId, session.id)}>
          {t("cycle.print")}
        </Button>
      </PageHeader>
      <Stack maw={820}>
        <Text>
          <Link to={`/orgs/${orgId}/cycles/${cycleId}`}>{sheet.cycle_name}</Link>
          {` — ${session.title} — ${formatSessionTime(session.starts_at)} — ${sheet.site_name}`}
        </Text>
        {reloaded && <ProblemAlert error={new ApiProblem(412, "version_mismatch", t("sheet.changed"))} />}
        {record.error && !(record.error instanceof ApiProblem && record.error.status === 412) && <ProblemAlert error={record.error} />}
        {sheet.entries.length === 0 ? (
          <Text>{t("sheet.empty")}</Text>
        ) : (
          <Card withBorder padding="md">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                {t("cycle.participants")}
              </Title>
              <Button size="lg" variant="light" onClick={() => setMarks(Object.fromEntries(sheet.entries.map((e) => [e.enrolment_id, "present"])))}>
                {t("sheet.allPresent")}
              </Button>
            </Group>
            {missing && (
              <Text c="red.9" role="alert" mb="sm">
                {t("sheet.missing")}
              </Text>
            )}
            <Stack gap="sm">
              {sheet.entries.map((e) => (
                <Group key={e.enrolment_id} justify="space-between" wrap="wrap" gap="xs" role="group" aria-label={e.name}>
                  <Text fw={600} size="lg">
                    {e.name}
                  </Text>
                  <SegmentedControl
                    size="lg"
                    aria-label={e.name}
                    value={marks[e.enrolment_id] ?? ""}
                    onChange={(value) => setMarks((m) => ({ ...m, [e.enrolment_id]: presenceValues.find((p) => p === value) }))}
                    data={presenceValues.map((p) => ({ value: p, label: label("presence", p) }))}
                  />
                </Group>
              ))}
            </Stack>
          </Card>
        )}
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="sm">
            {t("sheet.record")}
          </Title>
          <Stack>
            <NumberInput label={t("sheet.minutes")} min={0} max={600} step={15} w={220} value={minutes} onChange={setMinutes} error={serverError(record.error, "actual_minutes")} />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="themes-label">
                {t("sheet.themes")}
              </Text>
              <Chip.Group multiple value={themes} onChange={(value) => setThemes(value as Theme[])}>
                <Group gap="xs" role="group" aria-labelledby="themes-label">
                  {themeValues.map((theme) => (
                    <Chip key={theme} value={theme}>
                      {label("theme", theme)}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </Stack>
            <TextInput label={t("sheet.place")} value={place} maxLength={200} onChange={(e) => setPlace(e.currentTarget.value)} error={serverError(record.error, "place")} />
            <TextInput label={t("sheet.equipment")} value={equipment} maxLength={500} onChange={(e) => setEquipment(e.currentTarget.value)} error={serverError(record.error, "equipment")} />
            <Textarea label={t("sheet.note")} description={t("sheet.noteWarning")} value={note} maxLength={2000} autosize minRows={2} onChange={(e) => setNote(e.currentTarget.value)} error={serverError(record.error, "note")} />
          </Stack>
        </Card>
        <Group>
          <Button size="lg" onClick={() => void save()} loading={record.isPending} disabled={sheet.entries.length === 0}>
            {t("sheet.save")}
          </Button>
        </Group>
      </Stack>
    </>
  );
}
