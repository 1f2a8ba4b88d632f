import { Anchor, Button, Card, Group, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import { serverError } from "@/lib/forms";
import { label, tp } from "@/lib/i18n";
import { t, type Key } from "../fr";
import { ProblemAlert } from "@/components/ProblemAlert";
import { declineReasonValues } from "@/lib/api/schema";
import { useReferralAction, type Action, type ReferralChange, type ReferralDetail, type ReferralStatus } from "../api/queries";
import { AcceptChoice, matchedText, type AcceptTarget } from "./AcceptChoice";
import { DateField } from "@/components/DateField";
import { fromFrenchDate, toFrenchDate } from "@/lib/dates";

const BUTTONS: { status: ReferralStatus; action: Action; label: Key }[] = [
  { status: "accepted", action: "accept", label: "action.accept" },
  { status: "waitlisted", action: "waitlist", label: "action.waitlist" },
  { status: "declined", action: "decline", label: "action.decline" },
  { status: "enrolled", action: "enrol", label: "action.enrol" },
  { status: "completed", action: "complete", label: "action.complete" },
  { status: "dropped_out", action: "drop-out", label: "action.dropOut" },
];

/** What the structure can do with the referral now, and the families it may already know. */
export function ActionsPanel({ orgId, referral }: { orgId: string; referral: ReferralDetail }) {
  const [open, setOpen] = useState<Action | null>(null);
  const allowed = referral.allowed_transitions ?? [];
  const canRecordProgress = referral.status === "enrolled" || referral.status === "completed";
  const duplicates = referral.possible_duplicate_households ?? [];
  const otherReferrals = referral.possible_duplicate_referrals ?? [];

  return (
    <Stack>
      {(allowed.length > 0 || canRecordProgress) && (
        <Card withBorder padding="lg">
          <Group>
            {BUTTONS.filter((b) => allowed.includes(b.status)).map((b) => (
              <Button key={b.action} color={b.action === "decline" || b.action === "drop-out" ? "red.9" : undefined} variant={b.action === "accept" || b.action === "enrol" ? "filled" : "default"} onClick={() => setOpen(b.action)}>
                {t(b.label)}
              </Button>
            ))}
            {canRecordProgress && (
              <Button variant="default" onClick={() => setOpen("progress")}>
                {t("action.progress")}
              </Button>
            )}
          </Group>
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
  const [start, setStart] = useState("");
  const [planned, setPlanned] = useState<number | string>(referral.milestones?.sessions_planned ?? 8);
  const [attended, setAttended] = useState<number | string>(referral.milestones?.sessions_attended ?? 0);
  const [device, setDevice] = useState(toFrenchDate(referral.milestones?.device_handed_over_on));
  const [badDate, setBadDate] = useState(false);
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
      case "enrol": {
        const cycleStart = fromFrenchDate(start);
        return cycleStart ? { action, body: { cycle_start_date: cycleStart, sessions_planned: Number(planned), message: note } } : null;
      }
      case "progress": {
        const handedOver = device.trim() ? fromFrenchDate(device) : null;
        if (device.trim() && !handedOver) return null;
        return { action, body: { sessions_attended: Number(attended), sessions_planned: Number(planned), device_handed_over_on: handedOver } };
      }
      default:
        return { action, body: { message: note } };
    }
  }

  async function submit() {
    const next = change();
    setMissingReason(next === null && action === "decline");
    setMissingMember(next === null && action === "accept");
    setBadDate(next === null && (action === "enrol" || action === "progress"));
    if (!next) return;
    const detail = await mutation.mutateAsync(next).catch(() => null);
    if (detail) {
      const done =
        action === "progress"
          ? tp("referrals.progressDone", detail.milestones?.sessions_attended ?? 0, { planned: detail.milestones?.sessions_planned ?? 0 })
          : t("action.done", { status: label("status", detail.status) });
      notifications.show({ message: done, color: "brand" });
      onClose();
    }
  }

  const titles: Record<Action, Key> = {
    accept: "action.acceptTitle",
    decline: "action.declineTitle",
    waitlist: "action.waitlist",
    enrol: "action.enrolTitle",
    complete: "action.complete",
    "drop-out": "action.dropOut",
    progress: "action.progress",
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
  } else if (action === "enrol") {
    fields = (
      <>
        <DateField label={t("action.cycleStart")} required value={start} error={badDate ? t(start.trim() ? "form.date" : "form.required") : serverError(error, "cycle_start_date")} onChange={(e) => setStart(e.currentTarget.value)} />
        <NumberInput label={t("action.sessionsPlanned")} min={1} max={50} value={planned} onChange={setPlanned} error={serverError(error, "sessions_planned")} />
      </>
    );
  } else if (action === "progress") {
    fields = (
      <>
        <NumberInput label={t("action.sessionsAttended")} min={0} max={50} value={attended} onChange={setAttended} error={serverError(error, "sessions_attended")} />
        <NumberInput label={t("action.sessionsPlanned")} min={1} max={50} value={planned} onChange={setPlanned} error={serverError(error, "sessions_planned")} />
        <DateField label={t("action.deviceDate")} value={device} onChange={(e) => setDevice(e.currentTarget.value)} error={badDate ? t("form.date") : serverError(error, "device_handed_over_on")} />
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
        {action !== "progress" && (
          <Textarea label={t("action.messageToReferrer")} description={t("common.optional")} value={message} maxLength={2000} onChange={(e) => setMessage(e.currentTarget.value)} error={serverError(error, "message")} />
        )}
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
