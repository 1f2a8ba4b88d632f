import { Button, Card, Group, List, SegmentedControl, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { Schemas } from "@/lib/api/client";
import { autonomyValues, competenceValues } from "@/lib/api/schema";
import { label } from "@/lib/i18n";
import { useCurrentOrg } from "@/lib/useMe";
import { EmptyState } from "@/components/EmptyState";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { cycleQueries, useSaveSkills } from "../api/queries";
import { t } from "../fr";

type Autonomy = Schemas["Autonomy"];
type Competence = Schemas["Competence"];
type ParticipantSkills = Schemas["ParticipantSkills"];

/** The skills checks of a cycle: per participant, at the start and at the end, each
 * competence on the three-level scale; and the progress they show. */
export default function SkillsPage() {
  const org = useCurrentOrg();
  const { cycleId = "" } = useParams();
  const orgId = org?.id ?? "";
  const cycle = useQuery({ ...cycleQueries.detail(orgId, cycleId), enabled: Boolean(org) });
  const skills = useQuery({ ...cycleQueries.skills(orgId, cycleId), enabled: Boolean(org) });
  if (!org || skills.isPending || cycle.isPending) return <LoadingBlock />;
  if (skills.isError) return <ProblemAlert error={skills.error} onRetry={() => void skills.refetch()} />;
  if (cycle.isError) return <ProblemAlert error={cycle.error} onRetry={() => void cycle.refetch()} />;
  const people = skills.data.participants;
  return (
    <>
      <PageHeader title={t("skills.title", { name: cycle.data.name })}>
        <Button variant="default" component={Link} to={`/orgs/${orgId}/cycles/${cycleId}`}>
          {cycle.data.name}
        </Button>
      </PageHeader>
      {people.length === 0 ? (
        <EmptyState message={t("cycle.noParticipants")} />
      ) : (
        <Stack>
          <Progress title={t("skills.cycleProgress")} progress={skills.data.progress} />
          <Tabs defaultValue={people[0]?.enrolment_id}>
            <Tabs.List>
              {people.map((p) => (
                <Tabs.Tab key={p.enrolment_id} value={p.enrolment_id}>
                  {p.name}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {people.map((p) => (
              <Tabs.Panel key={p.enrolment_id} value={p.enrolment_id} pt="md">
                <Person orgId={orgId} cycleId={cycleId} person={p} />
              </Tabs.Panel>
            ))}
          </Tabs>
        </Stack>
      )}
    </>
  );
}

function Progress({ title, progress }: { title: string; progress: Schemas["AreaProgressView"][] }) {
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {progress.length === 0 ? (
        <Text>{t("skills.noProgress")}</Text>
      ) : (
        <List>
          {progress.map((a) => (
            <List.Item key={a.area}>{t("skills.improved", { area: label("area", a.area), improved: a.improved, assessed: a.assessed })}</List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}

function Person({ orgId, cycleId, person }: { orgId: string; cycleId: string; person: ParticipantSkills }) {
  return (
    <Stack>
      <Progress title={t("skills.progress")} progress={person.progress} />
      <Check orgId={orgId} cycleId={cycleId} person={person} moment="start" />
      <Check orgId={orgId} cycleId={cycleId} person={person} moment="end" />
    </Stack>
  );
}

function Check({ orgId, cycleId, person, moment }: { orgId: string; cycleId: string; person: ParticipantSkills; moment: "start" | "end" }) {
  const save = useSaveSkills(orgId, cycleId);
  const given = moment === "start" ? person.start : person.end;
  const [levels, setLevels] = useState<Partial<Record<Competence, Autonomy>>>(() => Object.fromEntries(given.map((l) => [l.competence, l.level])));
  const title = t(moment === "start" ? "skills.start" : "skills.end");

  async function submit() {
    const chosen = competenceValues.flatMap((c) => {
      const level = levels[c];
      return level ? [{ competence: c, level }] : [];
    });
    if (chosen.length === 0) return;
    const done = await save.mutateAsync({ enrolmentId: person.enrolment_id, moment, levels: chosen }).catch(() => null);
    if (done) notifications.show({ message: t("skills.saved"), color: "brand" });
  }

  return (
    <Card withBorder padding="md">
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      {save.error && <ProblemAlert error={save.error} />}
      <Table.ScrollContainer minWidth={600}>
        <Table verticalSpacing={6}>
          <Table.Tbody>
            {competenceValues.map((c) => (
              <Table.Tr key={c}>
                <Table.Td>
                  <Text size="sm">{`${label("competence", c)} (${label("area", areaOf(c))})`}</Text>
                </Table.Td>
                <Table.Td>
                  <SegmentedControl
                    size="sm"
                    aria-label={`${title} — ${label("competence", c)}`}
                    value={levels[c] ?? ""}
                    onChange={(value) => setLevels((l) => ({ ...l, [c]: autonomyValues.find((a) => a === value) }))}
                    data={autonomyValues.map((a) => ({ value: a, label: label("autonomy", a) }))}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group mt="sm">
        <Button onClick={() => void submit()} loading={save.isPending}>
          {`${t("skills.save")} — ${title}`}
        </Button>
      </Group>
    </Card>
  );
}

const AREAS: Record<Competence, Schemas["SkillArea"]> = {
  keyboard_and_mouse: "equipment",
  files: "office",
  write_document: "office",
  search_the_web: "internet_and_email",
  send_email: "internet_and_email",
  france_connect: "online_procedures",
  complete_procedure: "online_procedures",
  ent_sign_in: "ent_pronote",
  homework_diary: "ent_pronote",
  grades: "ent_pronote",
  message_teacher: "ent_pronote",
  stay_safe: "safety",
};

const areaOf = (c: Competence) => AREAS[c];
