import { Anchor, Button, Card, Checkbox, Group, Modal, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { fromFrenchDate, isClockTime } from "@/lib/dates";
import { blankToNull, focusFirstInvalid, serverError } from "@/lib/forms";
import { formatDate } from "@/lib/i18n";
import { useCurrentOrg } from "@/lib/useMe";
import { DateField } from "@/components/DateField";
import { EmptyState } from "@/components/EmptyState";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { trainingQueries, useCreateCourse, useCreatePerson } from "../api/queries";
import { t } from "../fr";

/** The structure's courses (its own and those it is invited to) and the workshop's people. */
export default function CoursesPage() {
  const org = useCurrentOrg();
  const orgId = org?.id ?? "";
  const courses = useQuery({ ...trainingQueries.courses(orgId), enabled: Boolean(org) });
  const people = useQuery({ ...trainingQueries.people(orgId), enabled: Boolean(org) });
  const [newCourse, setNewCourse] = useState(false);
  const [newPerson, setNewPerson] = useState(false);
  if (!org) return <LoadingBlock />;
  return (
    <>
      <PageHeader title={t("courses.title")}>
        <Button variant="default" onClick={() => setNewPerson(true)}>
          {t("courses.newPerson")}
        </Button>
        <Button onClick={() => setNewCourse(true)}>{t("courses.new")}</Button>
      </PageHeader>
      <NewCourse orgId={orgId} opened={newCourse} onClose={() => setNewCourse(false)} />
      <NewPerson orgId={orgId} opened={newPerson} onClose={() => setNewPerson(false)} />
      {courses.isPending ? (
        <LoadingBlock />
      ) : courses.isError ? (
        <ProblemAlert error={courses.error} onRetry={() => void courses.refetch()} />
      ) : courses.data.length === 0 ? (
        <EmptyState message={t("courses.empty")} />
      ) : (
        <Stack>
          {courses.data.map((c) => (
            <Card key={c.id} withBorder padding="md">
              <Anchor component={Link} to={`/orgs/${orgId}/training/courses/${c.id}`} c="brand.8" underline="always" fw={700}>
                {c.name}
              </Anchor>
              <Text size="sm">
                {`${c.organised ? t("courses.organised") : t("courses.invited")} — ${t("courses.sessions", { count: c.sessions, date: formatDate(c.first_session_at?.slice(0, 10)) })}`}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
      <Title order={2} size="h3" mt="xl" mb="sm">
        {t("courses.people")}
      </Title>
      <Stack gap={4}>
        {(people.data ?? []).map((p) => (
          <Text key={p.id}>
            <Anchor component={Link} to={`/orgs/${orgId}/training/people/${p.id}`} c="brand.8" underline="always">
              {p.name}
            </Anchor>
            {p.is_trainer ? ` — ${t("courses.trainer")}${p.external_organisation ? ` (${p.external_organisation})` : ""}` : ""}
          </Text>
        ))}
      </Stack>
    </>
  );
}

function NewCourse({ orgId, opened, onClose }: { orgId: string; opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const create = useCreateCourse(orgId);
  const sites = useQuery({ ...trainingQueries.sites(orgId), enabled: opened });
  const people = useQuery({ ...trainingQueries.people(orgId), enabled: opened });
  const [name, setName] = useState("Bases du reconditionnement");
  const [site, setSite] = useState<string | null>(null);
  const [day, setDay] = useState("");
  const [time, setTime] = useState("09:30");
  const [trainer, setTrainer] = useState<string | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const fieldError = (field: string) => local[field] ?? serverError(create.error, field);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const first = fromFrenchDate(day);
    const errors: Record<string, string> = {};
    if (!site) errors.site_id = t("form.required");
    if (!first) errors.first_day = t("form.date");
    if (!isClockTime(time)) errors.start_time = t("form.required");
    if (!trainer) errors.trainer_ids = t("form.required");
    setLocal(errors);
    if (!site || !first || !trainer || Object.keys(errors).length > 0) return focusFirstInvalid();
    const course = await create.mutateAsync({ name: name.trim(), site_id: site, first_day: first, start_time: time, trainer_ids: [trainer] }).catch(() => null);
    if (course) void navigate(`/orgs/${orgId}/training/courses/${course.id}`);
    else focusFirstInvalid();
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t("courses.new")}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {create.error && <ProblemAlert error={create.error} />}
          <TextInput label={t("create.name")} required maxLength={120} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError("name")} />
          <Select label={t("create.site")} required value={site} onChange={setSite} data={(sites.data ?? []).filter((s) => !s.archived).map((s) => ({ value: s.id, label: s.name }))} error={fieldError("site_id")} />
          <DateField label={t("create.firstDay")} required value={day} onChange={(e) => setDay(e.currentTarget.value)} error={fieldError("first_day")} />
          <TextInput label={t("create.time")} required value={time} onChange={(e) => setTime(e.currentTarget.value)} error={fieldError("start_time")} />
          <Select
            label={t("create.trainer")}
            required
            value={trainer}
            onChange={setTrainer}
            data={(people.data ?? []).filter((p) => p.is_trainer).map((p) => ({ value: p.id, label: p.name }))}
            error={fieldError("trainer_ids") ?? fieldError("trainer_ids[0]")}
          />
          <Button type="submit" loading={create.isPending}>
            {t("create.save")}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

function NewPerson({ orgId, opened, onClose }: { orgId: string; opened: boolean; onClose: () => void }) {
  const create = useCreatePerson(orgId);
  const [name, setName] = useState("");
  const [trainer, setTrainer] = useState(false);
  const [from, setFrom] = useState("");
  async function submit(event: FormEvent) {
    event.preventDefault();
    const done = await create.mutateAsync({ name: name.trim(), is_trainer: trainer, external_organisation: blankToNull(from) }).catch(() => null);
    if (done) {
      setName("");
      onClose();
    } else focusFirstInvalid();
  }
  return (
    <Modal opened={opened} onClose={onClose} title={t("courses.newPerson")}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {create.error && !serverError(create.error, "name") && <ProblemAlert error={create.error} />}
          <TextInput label={t("person.name")} required maxLength={120} value={name} onChange={(e) => setName(e.currentTarget.value)} error={serverError(create.error, "name")} />
          <Checkbox label={t("person.isTrainer")} checked={trainer} onChange={(e) => setTrainer(e.currentTarget.checked)} />
          {trainer && <TextInput label={t("person.from")} maxLength={120} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t("person.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
