import { Anchor, Badge, Button, Card, Group, Menu, Modal, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { formatSessionTime, label } from "@/lib/i18n";
import { useCurrentOrg } from "@/lib/useMe";
import { useWideScreen } from "@/lib/useWideScreen";
import { ConfirmButton } from "@/components/ConfirmButton";
import { CopyLinkModal } from "@/components/CopyLinkModal";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { openSheetPdf, useChangeState, useCreateFeed, useCycle, useWithdraw, type CycleView, type Participant, type SessionView } from "../api/queries";
import { CycleStateBadge } from "../components/Badges";
import { EnrolDialog } from "../components/EnrolDialog";
import { CancelSessionDialog, MoveSessionDialog } from "../components/SessionDialogs";
import { t } from "../fr";

/** A cycle: its calendar, its people and what staff do with them. */
export default function CyclePage() {
  const org = useCurrentOrg();
  const { cycleId = "" } = useParams();
  const cycle = useCycle(org?.id ?? "", cycleId);
  if (!org || cycle.isPending) return <LoadingBlock />;
  if (cycle.isError) return <ProblemAlert error={cycle.error} onRetry={() => void cycle.refetch()} />;
  return <Cycle orgId={org.id} cycle={cycle.data} staff={org.caps.has("cycles")} />;
}

function Cycle({ orgId, cycle, staff }: { orgId: string; cycle: CycleView; staff: boolean }) {
  const open = cycle.state === "planned" || cycle.state === "running";
  const [enrolling, setEnrolling] = useState(false);
  const [feed, setFeed] = useState<string | null>(null);
  const createFeed = useCreateFeed(orgId);
  const days = cycle.weekdays.map((d) => label("day", d).toLowerCase()).join(", ");
  return (
    <>
      <PageHeader title={t("cycle.title", { name: cycle.name })}>
        {staff && open && <Button onClick={() => setEnrolling(true)}>{t("cycle.enrol")}</Button>}
        {staff && <StateActions orgId={orgId} cycle={cycle} />}
      </PageHeader>
      <Stack>
        <Card withBorder padding="md">
          <Group gap="sm" mb={4}>
            <CycleStateBadge state={cycle.state} />
            <Text>{t("cycle.schedule", { days, time: cycle.start_time, duration: cycle.duration_minutes, site: cycle.site_name })}</Text>
          </Group>
          <Text size="sm">{t("cycle.facilitators", { names: cycle.facilitators.map((f) => f.name).join(", ") || t("common.none") })}</Text>
          <Text size="sm">{t("cycle.threshold", { threshold: cycle.completion_threshold })}</Text>
          {cycle.state_reason && <Text size="sm">{cycle.state_reason}</Text>}
          {!staff && <Text size="sm" mt="xs">{t("cycle.volunteerNote")}</Text>}
          {staff && (
            <Group mt="sm" gap="sm">
              <Button variant="default" size="xs" component={Link} to={`/orgs/${orgId}/cycles/${cycle.id}/skills`}>
                {t("cycle.skills")}
              </Button>
              <Button
                variant="default"
                size="xs"
                loading={createFeed.isPending}
                onClick={() => void createFeed.mutateAsync(cycle.id).then((f) => setFeed(f.url ?? null), () => undefined)}
              >
                {t("cycle.feed")}
              </Button>
            </Group>
          )}
          {createFeed.error && <ProblemAlert error={createFeed.error} />}
        </Card>
        <Sessions orgId={orgId} cycle={cycle} staff={staff} />
        {cycle.participants && <People orgId={orgId} cycle={cycle} open={open} />}
      </Stack>
      {enrolling && <EnrolDialog orgId={orgId} cycleId={cycle.id} onClose={() => setEnrolling(false)} />}
      <CopyFeed url={feed} onClose={() => setFeed(null)} />
    </>
  );
}

function CopyFeed({ url, onClose }: { url: string | null; onClose: () => void }) {
  return <CopyLinkModal title={t("cycle.feedTitle")} url={url} emailed={false} onClose={onClose} help={t("cycle.feedHelp")} />;
}

function StateActions({ orgId, cycle }: { orgId: string; cycle: CycleView }) {
  const change = useChangeState(orgId, cycle.id);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState("");
  const go = async (state: CycleView["state"], why?: string) => {
    const done = await change.mutateAsync({ state, reason: why ?? null }).catch(() => null);
    if (done) notifications.show({ message: t("cycle.stateDone", { state: label("cycleState", done.state) }), color: "brand" });
  };
  if (cycle.state !== "planned" && cycle.state !== "running") return null;
  return (
    <>
      {cycle.state === "planned" && (
        <Button variant="default" onClick={() => void go("running")} loading={change.isPending}>
          {t("cycle.start")}
        </Button>
      )}
      {cycle.state === "running" && (
        <ConfirmButton variant="default" question={t("cycle.finishConfirm")} onConfirm={() => go("finished")}>
          {t("cycle.finish")}
        </ConfirmButton>
      )}
      <Button variant="default" color="red.9" onClick={() => setCancelling(true)}>
        {t("cycle.cancelCycle")}
      </Button>
      <Modal opened={cancelling} onClose={() => setCancelling(false)} title={t("cycle.cancelCycle")}>
        <Stack>
          {change.error && <ProblemAlert error={change.error} />}
          <Textarea label={t("cycle.cancelCycleReason")} required value={reason} maxLength={500} onChange={(e) => setReason(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCancelling(false)}>
              {t("common.cancel")}
            </Button>
            <Button color="red.9" disabled={!reason.trim()} loading={change.isPending} onClick={() => void go("cancelled", reason.trim()).then(() => setCancelling(false))}>
              {t("cycle.cancelCycle")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function sessionState(s: SessionView): string {
  if (s.cancelled) return t("cycle.cancelled");
  if (s.attendance_taken_at) return `${t("cycle.present")} : ${s.present_count}`;
  return t("cycle.notTaken");
}

function Sessions({ orgId, cycle, staff }: { orgId: string; cycle: CycleView; staff: boolean }) {
  const wide = useWideScreen();
  const [moving, setMoving] = useState<SessionView | null>(null);
  const [cancelling, setCancelling] = useState<SessionView | null>(null);
  const open = cycle.state === "planned" || cycle.state === "running";
  const actions = (s: SessionView) =>
    staff && (
      <Group gap="xs" wrap="nowrap">
        {!s.cancelled && (
          <Button size="xs" component={Link} to={`/orgs/${orgId}/cycles/${cycle.id}/sessions/${s.id}`} aria-label={`${t("cycle.takeAttendance")} — ${t("cycle.session", { number: s.number })}`}>
            {t("cycle.takeAttendance")}
          </Button>
        )}
        <Menu position="bottom-end">
          <Menu.Target>
            <Button size="xs" variant="default" aria-label={`${t("cycle.print")}, ${t("cycle.move")} — ${t("cycle.session", { number: s.number })}`}>
              …
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => void openSheetPdf(orgId, cycle.id, s.id)}>{t("cycle.print")}</Menu.Item>
            {open && !s.cancelled && <Menu.Item onClick={() => setMoving(s)}>{t("cycle.move")}</Menu.Item>}
            {open && !s.cancelled && <Menu.Item onClick={() => setCancelling(s)}>{t("cycle.cancel")}</Menu.Item>}
          </Menu.Dropdown>
        </Menu>
      </Group>
    );
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="sm">
        {t("cycle.sessions")}
      </Title>
      {wide ? (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t("cycle.when")}</Table.Th>
                <Table.Th>{t("cycle.module")}</Table.Th>
                <Table.Th>{t("cycles.filterState")}</Table.Th>
                {staff && <Table.Th>{t("cycle.takeAttendance")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cycle.sessions.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.number}</Table.Td>
                  <Table.Td td={s.cancelled ? "line-through" : undefined}>{formatSessionTime(s.starts_at)}</Table.Td>
                  <Table.Td>{s.title}</Table.Td>
                  <Table.Td>{sessionState(s)}</Table.Td>
                  {staff && <Table.Td>{actions(s)}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack gap="xs">
          {cycle.sessions.map((s) => (
            <Card key={s.id} withBorder padding="sm" component="article" aria-label={t("cycle.session", { number: s.number })}>
              <Text fw={600} td={s.cancelled ? "line-through" : undefined}>{`${t("cycle.session", { number: s.number })} — ${formatSessionTime(s.starts_at)}`}</Text>
              <Text size="sm">{s.title}</Text>
              <Group justify="space-between" mt={4}>
                <Text size="sm" c="gray.7">
                  {sessionState(s)}
                </Text>
                {actions(s)}
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      {moving && <MoveSessionDialog orgId={orgId} cycleId={cycle.id} session={moving} onClose={() => setMoving(null)} />}
      {cancelling && <CancelSessionDialog orgId={orgId} cycleId={cycle.id} session={cancelling} onClose={() => setCancelling(null)} />}
    </Card>
  );
}

function People({ orgId, cycle, open }: { orgId: string; cycle: CycleView; open: boolean }) {
  const withdraw = useWithdraw(orgId, cycle.id);
  const participants = cycle.participants ?? [];
  const waiting = cycle.waiting_list ?? [];
  const row = (p: Participant) => (
    <Group key={p.enrolment_id} justify="space-between" wrap="wrap" py={6} style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
      <div>
        {p.referral_id ? (
          <Anchor component={Link} to={`/orgs/${orgId}/referrals/${p.referral_id}`} c="brand.8" fw={600}>
            {p.name}
          </Anchor>
        ) : (
          <Anchor component={Link} to={`/orgs/${orgId}/households/${p.household_id}`} c="brand.8" fw={600}>
            {p.name}
          </Anchor>
        )}
        <Text size="sm">
          {p.waiting_rank ? t("cycle.rank", { rank: p.waiting_rank }) : `${label("enrolment", p.status)} — ${t("cycle.attended", { present: p.sessions_present, planned: p.sessions_planned })}`}
        </Text>
      </div>
      <Group gap="xs">
        {p.reaches_threshold && p.status !== "waiting" && (
          <Badge color="#1e6b31" variant="filled" tt="none">
            {t("cycle.reaches")}
          </Badge>
        )}
        {open && (p.status === "enrolled" || p.status === "waiting") && (
          <ConfirmButton size="xs" variant="default" question={t("cycle.withdrawConfirm", { name: p.name })} onConfirm={() => withdraw.mutateAsync(p.enrolment_id)}>
            {t("cycle.withdraw")}
          </ConfirmButton>
        )}
      </Group>
    </Group>
  );
  return (
    <>
      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="sm">
          {`${t("cycle.participants")} (${cycle.enrolled_count}/${cycle.capacity})`}
        </Title>
        {withdraw.error && <ProblemAlert error={withdraw.error} />}
        {participants.length === 0 ? <Text>{t("cycle.noParticipants")}</Text> : participants.map(row)}
      </Card>
      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="sm">
          {t("cycle.waitingList")}
        </Title>
        {waiting.length === 0 ? <Text>{t("cycle.noWaiting")}</Text> : waiting.map(row)}
      </Card>
    </>
  );
}
