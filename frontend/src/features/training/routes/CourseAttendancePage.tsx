import { Button, Card, Group, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { presenceValues } from "@/lib/api/schema";
import { formatSessionTime, label } from "@/lib/i18n";
import { useCurrentOrg } from "@/lib/useMe";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { trainingQueries, useRecordCourseAttendance, type CourseSheet, type Presence } from "../api/queries";
import { t } from "../fr";

/** A course session's sheet, for a tablet in the room (as the cycles' sheet). */
export default function CourseAttendancePage() {
  const org = useCurrentOrg();
  const { courseId = "", sessionId = "" } = useParams();
  const sheet = useQuery({ ...trainingQueries.sheet(org?.id ?? "", courseId, sessionId), enabled: Boolean(org) });
  if (!org || sheet.isPending) return <LoadingBlock />;
  if (sheet.isError) return <ProblemAlert error={sheet.error} onRetry={() => void sheet.refetch()} />;
  return <Sheet key={sheet.data.session.version} orgId={org.id} courseId={courseId} sheet={sheet.data} />;
}

const key = (e: CourseSheet["entries"][number]) => `${e.organisation_id}|${e.person_id}`;

function Sheet({ orgId, courseId, sheet }: { orgId: string; courseId: string; sheet: CourseSheet }) {
  const record = useRecordCourseAttendance(orgId, courseId, sheet.session.id);
  const [marks, setMarks] = useState<Record<string, Presence | undefined>>(() => Object.fromEntries(sheet.entries.map((e) => [key(e), e.presence ?? undefined])));
  const [missing, setMissing] = useState(false);

  async function save() {
    const unmarked = sheet.entries.some((e) => !marks[key(e)]);
    setMissing(unmarked);
    if (unmarked) return;
    const entries = sheet.entries.map((e) => ({ person_id: e.person_id, organisation_id: e.organisation_id, presence: marks[key(e)] ?? "absent" }));
    const saved = await record.mutateAsync({ version: sheet.session.version, body: { entries } }).catch(() => null);
    if (saved) notifications.show({ message: t("sheet.saved"), color: "brand" });
  }

  return (
    <>
      <PageHeader title={t("sheet.title", { number: sheet.session.number })} />
      <Stack maw={820}>
        <Text>{`${sheet.session.title} — ${formatSessionTime(sheet.session.starts_at)}`}</Text>
        {record.error && <ProblemAlert error={record.error} />}
        {sheet.entries.length === 0 ? (
          <Text>{t("sheet.empty")}</Text>
        ) : (
          <Card withBorder padding="md">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                {t("course.trainees")}
              </Title>
              <Button size="lg" variant="light" onClick={() => setMarks(Object.fromEntries(sheet.entries.map((e) => [key(e), "present"])))}>
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
                <Group key={key(e)} justify="space-between" wrap="wrap" gap="xs" role="group" aria-label={e.name}>
                  <Stack gap={0}>
                    <Text fw={600} size="lg">
                      {e.name}
                    </Text>
                    <Text size="sm">{e.structure}</Text>
                  </Stack>
                  <SegmentedControl
                    size="lg"
                    aria-label={e.name}
                    value={marks[key(e)] ?? ""}
                    onChange={(value) => setMarks((m) => ({ ...m, [key(e)]: presenceValues.find((p) => p === value) }))}
                    data={presenceValues.map((p) => ({ value: p, label: label("presence", p) }))}
                  />
                </Group>
              ))}
            </Stack>
          </Card>
        )}
        <Group>
          <Button size="lg" onClick={() => void save()} loading={record.isPending} disabled={sheet.entries.length === 0}>
            {t("sheet.save")}
          </Button>
        </Group>
      </Stack>
    </>
  );
}
