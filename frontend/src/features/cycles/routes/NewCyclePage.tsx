import { Button, Card, Chip, Group, List, NumberInput, Select, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { dayValues } from "@/lib/api/schema";
import { fromFrenchDate, isClockTime } from "@/lib/dates";
import { focusFirstInvalid, serverError } from "@/lib/forms";
import { formatSessionTime, label } from "@/lib/i18n";
import { useCurrentOrg } from "@/lib/useMe";
import { ErrorSummary } from "@/components/ErrorSummary";
import { DateField } from "@/components/DateField";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { cycleQueries, useCreateCycle, usePreview, type CycleInput } from "../api/queries";
import { t } from "../fr";

type Day = (typeof dayValues)[number];

/** Dates typed one per line or separated by commas; the ones that are not dates. */
function parseDates(text: string): { dates: string[]; bad: string | null } {
  const parts = text.split(/[\n,;]+/).map((p) => p.trim()).filter(Boolean);
  const dates: string[] = [];
  for (const part of parts) {
    const iso = fromFrenchDate(part);
    if (!iso) return { dates, bad: part };
    dates.push(iso);
  }
  return { dates, bad: null };
}

/** Plans a cycle: where, when, how many; shows the generated calendar before saving. */
export default function NewCyclePage() {
  const org = useCurrentOrg();
  const orgId = org?.id ?? "";
  const navigate = useNavigate();
  const sites = useQuery({ ...cycleQueries.sites(orgId), enabled: Boolean(org) });
  const programmes = useQuery({ ...cycleQueries.programmes(orgId), enabled: Boolean(org) });
  const preview = usePreview(orgId);
  const create = useCreateCycle(orgId);
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState("");
  const [site, setSite] = useState<string | null>(null);
  const [programme, setProgramme] = useState<string | null>(null);
  const [capacity, setCapacity] = useState<number | string>(10);
  const [firstDay, setFirstDay] = useState("");
  const [weekdays, setWeekdays] = useState<Day[]>([]);
  const [time, setTime] = useState("14:00");
  const [duration, setDuration] = useState<number | string>(120);
  const [skip, setSkip] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  if (!org) return <LoadingBlock />;
  const error = create.error ?? preview.error;
  const fieldError = (field: string) => local[field] ?? serverError(error, field);

  function body(): CycleInput | null {
    const errors: Record<string, string> = {};
    const first = fromFrenchDate(firstDay);
    const skipped = parseDates(skip);
    if (!name.trim()) errors.name = t("form.required");
    if (!site) errors.site_id = t("form.required");
    if (!first) errors.first_day = t(firstDay.trim() ? "form.date" : "form.required");
    if (weekdays.length === 0) errors.weekdays = t("form.required");
    if (!isClockTime(time)) errors.start_time = t("form.required");
    if (skipped.bad) errors.skip_dates = t("create.skipInvalid", { value: skipped.bad });
    setLocal(errors);
    if (Object.keys(errors).length > 0 || !first || !site) {
      focusFirstInvalid();
      return null;
    }
    return {
      name: name.trim(),
      site_id: site,
      programme_id: programme,
      capacity: Number(capacity),
      first_day: first,
      weekdays,
      start_time: time,
      duration_minutes: Number(duration),
      skip_dates: skipped.dates,
    };
  }

  async function showCalendar() {
    const input = body();
    if (input) await preview.mutateAsync(input).catch(() => focusFirstInvalid());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = body();
    if (!input) return;
    const cycle = await create.mutateAsync(input).catch(() => null);
    if (cycle) void navigate(`/orgs/${orgId}/cycles/${cycle.id}`);
    else focusFirstInvalid();
  }

  return (
    <>
      <PageHeader title={t("create.title")} />
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
        <Stack maw={720}>
          <ErrorSummary formRef={formRef} errors={{ ...local, ...(error ? { server: 1 } : {}) }} />
          {error && !serverError(error, "name") && <ProblemAlert error={error} />}
          <TextInput label={t("create.name")} description={t("create.nameHint")} required value={name} maxLength={120} onChange={(e) => setName(e.currentTarget.value)} error={fieldError("name")} />
          <Group grow align="flex-start">
            <Select label={t("cycles.site")} required data={(sites.data ?? []).filter((s) => !s.archived).map((s) => ({ value: s.id, label: s.name }))} value={site} onChange={setSite} error={fieldError("site_id")} />
            <Select
              label={t("create.programme")}
              data={(programmes.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.modules.length})` }))}
              value={programme ?? programmes.data?.[0]?.id ?? null}
              onChange={setProgramme}
              allowDeselect={false}
              error={fieldError("programme_id")}
            />
          </Group>
          <Group grow align="flex-start">
            <NumberInput label={t("create.capacity")} required min={1} max={100} value={capacity} onChange={setCapacity} error={fieldError("capacity")} />
            <DateField label={t("create.firstDay")} required value={firstDay} onChange={(e) => setFirstDay(e.currentTarget.value)} error={fieldError("first_day")} />
          </Group>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="weekdays-label">
              {t("create.weekdays")} *
            </Text>
            <Chip.Group multiple value={weekdays} onChange={(value) => setWeekdays(value as Day[])}>
              <Group gap="xs" role="group" aria-labelledby="weekdays-label">
                {dayValues.map((d) => (
                  <Chip key={d} value={d} size="md">
                    {label("day", d)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            {fieldError("weekdays") && (
              <Text size="sm" c="red.9" role="alert">
                {fieldError("weekdays")}
              </Text>
            )}
          </Stack>
          <Group grow align="flex-start">
            <TextInput label={t("create.time")} required value={time} inputMode="numeric" onChange={(e) => setTime(e.currentTarget.value)} error={fieldError("start_time")} />
            <NumberInput label={t("create.duration")} min={15} max={480} step={15} value={duration} onChange={setDuration} error={fieldError("duration_minutes")} />
          </Group>
          <Textarea label={t("create.skip")} description={t("create.skipHint")} autosize minRows={2} value={skip} onChange={(e) => setSkip(e.currentTarget.value)} error={fieldError("skip_dates")} />
          <Group>
            <Button variant="default" onClick={() => void showCalendar()} loading={preview.isPending}>
              {t("create.preview")}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t("create.save")}
            </Button>
          </Group>
          {preview.data && (
            <Card withBorder padding="lg" aria-live="polite">
              <Title order={2} size="h4" mb="xs">
                {t("create.previewTitle")}
              </Title>
              <Text size="sm" mb="sm">
                {t("create.previewHint")}
              </Text>
              <List spacing={4} type="ordered">
                {preview.data.sessions.map((s) => (
                  <List.Item key={s.number}>{`${formatSessionTime(s.starts_at)} — ${s.title}`}</List.Item>
                ))}
              </List>
            </Card>
          )}
        </Stack>
      </form>
    </>
  );
}
