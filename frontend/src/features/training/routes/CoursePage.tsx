import { Anchor, Button, Card, Grid, Group, List, Modal, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { Schemas } from "@/lib/api/client";
import { fromFrenchDate, isClockTime, todayIso } from "@/lib/dates";
import { formatSessionTime } from "@/lib/i18n";
import { useCurrentOrg } from "@/lib/useMe";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { sharedQueries } from "@/lib/api/queries";
import { DateField } from "@/components/DateField";
import { trainingQueries, useAddTrainee, useChangeSession, useInvite, useValidate, type CourseView } from "../api/queries";
import { t, type Key } from "../fr";

type Competence = Schemas["TrainingCompetence"];
const competences: Competence[] = ["diagnosis", "data_erasure", "os_installation", "hardware_repair", "quality_check"];

/** A course: its sessions (with their sheets, for the organiser), trainers and trainees. */
export default function CoursePage() {
  const org = useCurrentOrg();
  const { courseId = "" } = useParams();
  const orgId = org?.id ?? "";
  const query = useQuery({ ...trainingQueries.course(orgId, courseId), enabled: Boolean(org) });
  if (!org || query.isPending) return <LoadingBlock />;
  if (query.isError) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;
  return (
    <>
      <PageHeader title={c.name} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder padding="lg">
            <Title order={2} size="h4" mb="sm">
              {t("course.sessions")}
            </Title>
            <List spacing="xs">
              {c.sessions.map((s) => (
                <List.Item key={s.id}>
                  {`${t("course.session", { number: s.number, title: s.title })} — ${formatSessionTime(s.starts_at)}${s.cancelled ? ` (${t("course.cancelled")})` : ""} `}
                  {c.organised && !s.cancelled && (
                    <Group gap="xs" mt={4}>
                      <Anchor component={Link} to={`/orgs/${orgId}/training/courses/${c.id}/sessions/${s.id}`} c="brand.8" underline="always" fw={600}>
                        {t("course.attendance", { number: s.number })}
                      </Anchor>
                      <ChangeSession orgId={orgId} courseId={c.id} session={s} />
                    </Group>
                  )}
                </List.Item>
              ))}
            </List>
            {c.trainers.length > 0 && <Text mt="md">{`${t("course.trainers")} : ${c.trainers.join(", ")}`}</Text>}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Trainees orgId={orgId} course={c} />
            {c.organised && <Invite orgId={orgId} course={c} />}
            <Validate orgId={orgId} course={c} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function Trainees({ orgId, course }: { orgId: string; course: CourseView }) {
  const people = useQuery(trainingQueries.people(orgId));
  const add = useAddTrainee(orgId, course.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const inCourse = new Set(course.trainees.filter((x) => x.own).map((x) => x.person_id));
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="sm">
        {t("course.trainees")}
      </Title>
      {course.trainees.length === 0 ? (
        <Text>{t("course.noTrainees")}</Text>
      ) : (
        <List>
          {course.trainees.map((x) => (
            <List.Item key={`${x.organisation_id}-${x.person_id}`}>
              {x.own ? (
                <Anchor component={Link} to={`/orgs/${orgId}/training/people/${x.person_id}`} c="brand.8" underline="always">
                  {x.name}
                </Anchor>
              ) : (
                x.name
              )}
              {` — ${x.structure}`}
            </List.Item>
          ))}
        </List>
      )}
      {add.error && <ProblemAlert error={add.error} />}
      <Group align="flex-end" mt="md" wrap="wrap">
        <Select
          label={t("course.add")}
          value={chosen}
          onChange={setChosen}
          data={(people.data ?? []).filter((p) => !p.is_trainer && !inCourse.has(p.id)).map((p) => ({ value: p.id, label: p.name }))}
          w={260}
        />
        <Button disabled={!chosen} loading={add.isPending} onClick={() => chosen && void add.mutateAsync(chosen).then(() => setChosen(null), () => undefined)}>
          {t("course.addButton")}
        </Button>
      </Group>
    </Card>
  );
}

/** Move a session to another day and time, or cancel it, with the reason. */
function ChangeSession({ orgId, courseId, session }: { orgId: string; courseId: string; session: CourseView["sessions"][number] }) {
  const change = useChangeSession(orgId, courseId);
  const [open, setOpen] = useState(false);
  const [day, setDay] = useState("");
  const [time, setTime] = useState("09:30");
  const [reason, setReason] = useState("");
  const submit = (cancel: boolean) => {
    const iso = fromFrenchDate(day);
    const startsAt = !cancel && iso && isClockTime(time) ? new Date(`${iso}T${time}:00`).toISOString() : null;
    if (!cancel && !startsAt) return;
    void change
      .mutateAsync({ session: session.id, version: session.version, body: { cancel, starts_at: startsAt, reason: reason.trim() } })
      .then(() => setOpen(false), () => undefined);
  };
  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpen(true)}>
        {t("course.change", { number: session.number })}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("course.change", { number: session.number })}>
        <Stack>
          {change.error && <ProblemAlert error={change.error} />}
          <TextInput label={t("course.changeReason")} required maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <DateField label={t("course.newDay")} value={day} onChange={(e) => setDay(e.currentTarget.value)} />
          <TextInput label={t("create.time")} value={time} onChange={(e) => setTime(e.currentTarget.value)} />
          <Group>
            <Button disabled={!reason.trim() || !fromFrenchDate(day)} loading={change.isPending} onClick={() => submit(false)}>
              {t("course.move")}
            </Button>
            <Button variant="default" c="red.9" disabled={!reason.trim()} loading={change.isPending} onClick={() => submit(true)}>
              {t("course.cancel")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Invite another structure of the network: its staff then enrol their own people. */
function Invite({ orgId, course }: { orgId: string; course: CourseView }) {
  const structures = useQuery(sharedQueries.directory("structure"));
  const invite = useInvite(orgId, course.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const names = (structures.data ?? []).filter((s) => course.invited.includes(s.id)).map((s) => s.name);
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="sm">
        {t("course.invite")}
      </Title>
      {names.length > 0 && <Text mb="sm">{`${t("course.invitedList")} : ${names.join(", ")}`}</Text>}
      {invite.error && <ProblemAlert error={invite.error} />}
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t("course.inviteStructure")}
          value={chosen}
          onChange={setChosen}
          data={(structures.data ?? []).filter((s) => s.id !== orgId && !course.invited.includes(s.id)).map((s) => ({ value: s.id, label: s.name }))}
          w={280}
        />
        <Button disabled={!chosen} loading={invite.isPending} onClick={() => chosen && void invite.mutateAsync(chosen).then(() => setChosen(null), () => undefined)}>
          {t("course.inviteButton")}
        </Button>
      </Group>
    </Card>
  );
}

function Validate({ orgId, course }: { orgId: string; course: CourseView }) {
  const validate = useValidate(orgId, course.id);
  const [trainee, setTrainee] = useState<string | null>(null);
  const [competence, setCompetence] = useState<Competence | null>(null);
  if (course.trainees.length === 0) return null;
  const chosen = course.trainees.find((x) => `${x.organisation_id}|${x.person_id}` === trainee);
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="sm">
        {t("course.validate")}
      </Title>
      {validate.error && <ProblemAlert error={validate.error} />}
      <Stack>
        <Select
          label={t("course.validateTrainee")}
          value={trainee}
          onChange={setTrainee}
          data={course.trainees.map((x) => ({ value: `${x.organisation_id}|${x.person_id}`, label: `${x.name} (${x.structure})` }))}
        />
        <Select label={t("course.validateCompetence")} value={competence} onChange={(v) => setCompetence(v as Competence | null)} data={competences.map((c) => ({ value: c, label: t(`competence.${c}` as Key) }))} />
        <Button
          disabled={!chosen || !competence}
          loading={validate.isPending}
          onClick={() =>
            chosen &&
            competence &&
            void validate
              .mutateAsync({ person_id: chosen.person_id, organisation_id: chosen.organisation_id, competence, validated_on: todayIso() })
              .then(() => notifications.show({ message: t("course.validated"), color: "brand" }), () => undefined)
          }
        >
          {t("course.validateSave")}
        </Button>
      </Stack>
    </Card>
  );
}
