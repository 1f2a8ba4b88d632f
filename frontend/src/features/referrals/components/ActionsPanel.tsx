import { Anchor, Button, Card, Group, Modal, Select, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState, type ReactNode } from "react";
import { Link, useNavigate } from "react-router";
import { serverError } from "@/lib/forms";
import { formatDateTime, label } from "@/lib/i18n";
import { t, type Key } from "../fr";
import { ProblemAlert } from "@/components/ProblemAlert";
import { declineReasonValues } from "@/lib/api/schema";
import { useEnrolReferral, useOpenCycles, useReferralAction, type Action, type ReferralChange, type ReferralDetail, type ReferralStatus } from "../api/queries";
import { AcceptChoice, matchedText, type AcceptTarget } from "./AcceptChoice";

const BUTTONS: { status: ReferralStatus; action: Action; label: Key }[] = [
  { status: "accepted", action: "accept", label: "action.accept" },
  { status: "waitlisted", action: "waitlist", label: "action.waitlist" },
  { status: "declined", action: "decline", label: "action.decline" },
  { status: "dropped_out", action: "drop-out", label: "action.dropOut" },
];

/** What the structure can do with the referral now, and the families it may already know.
 * The journey in a cycle (enrolled, sessions, completed) follows the cycle itself. */
export function ActionsPanel({ orgId, referral }: { orgId: string; referral: ReferralDetail }) {
  const [open, setOpen] = useState<Action | null>(null);
  const [enrolling, setEnrolling] = useState(false);
  // In a cycle, leaving is done from the cycle (which moves the referral on).
  const inCycle = referral.status === "enrolled";
  const allowed = inCycle ? [] : (referral.allowed_transitions ?? []);
  const duplicates = referral.possible_duplicate_households ?? [];
  const otherReferrals = referral.possible_duplicate_referrals ?? [];
  const canEnrol = referral.status === "accepted";

  return (
    <Stack>
      {(allowed.length > 0 || inCycle) && (
        <Card withBorder padding="lg">
          <Group>
            {canEnrol && <Button onClick={() => setEnrolling(true)}>{t("action.enrol")}</Button>}
            {BUTTONS.filter((b) => allowed.includes(b.status)).map((b) => (
              <Button key={b.action} color={b.action === "decline" || b.action === "drop-out" ? "red.9" : undefined} variant={b.action === "accept" ? "filled" : "default"} onClick={() => setOpen(b.action)}>
                {t(b.label)}
              </Button>
            ))}
          </Group>
          {inCycle && (
            <Text>
              {t("action.inCycle")}{" "}
              <Anchor component={Link} to={`/orgs/${orgId}/cycles`} c="brand.8">
                {t("action.seeCycles")}
              </Anchor>
            </Text>
          )}
        </Card>
      )}
      {(referral.status === "submitted" || referral.status === "waitlisted") && (
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t("referrals.duplicates")}
          </Title>
          {duplicates.length === 0 ? (
            <Text>{t("referrals.duplicatesNone")}</Text>
          ) : (
            <Stack gap="xs">
              {duplicates.map((d) => (
                <Text key={d.household_id}>
                  <Anchor component={Link} to={`/orgs/${orgId}/households/${d.household_id}`} c="brand.8" fw={600}>
                    {d.reference_name}
                  </Anchor>
                  {` — ${matchedText(d.matched_on)}`}
                </Text>
              ))}
            </Stack>
          )}
          {otherReferrals.length > 0 && (
            <>
              <Title order={3} size="h5" mt="md" mb="xs">
                {t("referrals.otherReferrals")}
              </Title>
              {otherReferrals.map((r) => (
                <Anchor key={r.referral_id} component={Link} to={`/orgs/${orgId}/referrals/${r.referral_id}`} c="brand.8" display="block">
                  {`${t("referrals.otherReferral")} — ${label("status", r.status)} — ${matchedText(r.matched_on)}`}
                </Anchor>
              ))}
            </>
          )}
        </Card>
      )}
      {referral.household_id && (
        <Button component={Link} to={`/orgs/${orgId}/households/${referral.household_id}`} variant="default">
          {t("referrals.household")}
        </Button>
      )}
      {open && <ActionModal orgId={orgId} referral={referral} action={open} onClose={() => setOpen(null)} />}
      {enrolling && <EnrolInCycle orgId={orgId} referral={referral} onClose={() => setEnrolling(false)} />}
    </Stack>
  );
}

function ActionModal({ orgId, referral, action, onClose }: { orgId: string; referral: ReferralDetail; action: Action; onClose: () => void }) {
  const mutation = useReferralAction(orgId, referral.id);
  // A new household unless the person chooses a suggested one: never filed under another
  // family's record by default.
  const [target, setTarget] = useState<AcceptTarget>({ household: "new" });
  const [missingMember, setMissingMember] = useState(false);
  const [reason, setReason] = useState<(typeof declineReasonValues)[number] | null>(null);
  const [missingReason, setMissingReason] = useState(false);
  const [details, setDetails] = useState("");
  const [message, setMessage] = useState("");
  const error = mutation.error;

  function change(): ReferralChange | null {
    const note = message.trim() || null;
    switch (action) {
      case "accept":
        if (target.household === "new") return { action, body: { message: note, household_id: null } };
        if (!("member" in target) || target.member === null) return null;
        return { action, body: { message: note, household_id: target.household, member_id: target.member === "add" ? null : target.member } };
      case "decline":
        return reason ? { action, body: { reason, details: details.trim() || null, message: note } } : null;
      default:
        return { action, body: { message: note } };
    }
  }

  async function submit() {
    const next = change();
    setMissingReason(next === null && action === "decline");
    setMissingMember(next === null && action === "accept");
    if (!next) return;
    const detail = await mutation.mutateAsync(next).catch(() => null);
    if (detail) {
      notifications.show({ message: t("action.done", { status: label("status", detail.status) }), color: "brand" });
      onClose();
    }
  }

  const titles: Record<Action, Key> = {
    accept: "action.acceptTitle",
    decline: "action.declineTitle",
    waitlist: "action.waitlist",
    "drop-out": "action.dropOut",
  };
  let fields: ReactNode = null;
  if (action === "accept") {
    fields = (
      <AcceptChoice
        referral={referral}
        value={target}
        onChange={(next) => {
          setTarget(next);
          setMissingMember(false);
        }}
        householdError={serverError(error, "household_id")}
        memberError={missingMember ? t("action.whoIsMissing") : serverError(error, "member_id")}
      />
    );
  } else if (action === "decline") {
    fields = (
      <>
        <Select
          label={t("referrals.declineReason")}
          required
          value={reason}
          onChange={(value) => setReason(declineReasonValues.find((r) => r === value) ?? null)}
          error={missingReason ? t("form.required") : serverError(error, "reason")}
          data={declineReasonValues.map((r) => ({ value: r, label: label("decline", r) }))}
        />
        {reason === "other" && <TextInput label={t("action.declineDetails")} required value={details} error={serverError(error, "details")} onChange={(e) => setDetails(e.currentTarget.value)} />}
      </>
    );
  } else if (action === "drop-out") {
    fields = <Text>{t("action.confirmDropOut")}</Text>;
  }

  return (
    <Modal opened onClose={onClose} title={t(titles[action])} size="lg">
      <Stack>
        {error && <ProblemAlert error={error} />}
        {fields}
        <Textarea label={t("action.messageToReferrer")} description={t("common.optional")} value={message} maxLength={2000} onChange={(e) => setMessage(e.currentTarget.value)} error={serverError(error, "message")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button onClick={() => void submit()} loading={mutation.isPending} color={action === "decline" || action === "drop-out" ? "red.9" : undefined}>
            {t("common.confirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Enrols the family in one of the structure's open cycles; then shows that cycle. */
function EnrolInCycle({ orgId, referral, onClose }: { orgId: string; referral: ReferralDetail; onClose: () => void }) {
  const cycles = useOpenCycles(orgId, true);
  const enrol = useEnrolReferral(orgId, referral.id);
  const navigate = useNavigate();
  const [cycle, setCycle] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const options = (cycles.data ?? []).map((c) => ({
    value: c.id,
    label: `${c.name} — ${c.site_name}${c.next_session_at ? ` — ${t("action.nextSession", { date: formatDateTime(c.next_session_at) })}` : ""} (${c.enrolled_count}/${c.capacity})`,
  }));

  async function submit() {
    setMissing(!cycle);
    if (!cycle) return;
    const done = await enrol.mutateAsync(cycle).catch(() => null);
    if (done) {
      notifications.show({ message: t(done.status === "waiting" ? "action.enrolWaiting" : "action.enrolDone", { rank: done.waiting_rank ?? 0 }), color: "brand" });
      onClose();
      void navigate(`/orgs/${orgId}/cycles/${cycle}`);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("action.enrolTitle")} size="lg">
      <Stack>
        {enrol.error && <ProblemAlert error={enrol.error} />}
        {cycles.isError && <ProblemAlert error={cycles.error} onRetry={() => void cycles.refetch()} />}
        {cycles.data && options.length === 0 ? (
          <Text>
            {t("action.noOpenCycle")}{" "}
            <Anchor component={Link} to={`/orgs/${orgId}/cycles/new`} c="brand.8">
              {t("action.createCycle")}
            </Anchor>
          </Text>
        ) : (
          <Select label={t("action.whichCycle")} required data={options} value={cycle} onChange={setCycle} error={missing ? t("form.required") : undefined} searchable={options.length > 8} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button onClick={() => void submit()} loading={enrol.isPending} disabled={options.length === 0}>
            {t("action.enrol")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
