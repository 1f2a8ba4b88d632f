import { Button, Group, Modal, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { fromFrenchDate, isClockTime, toFrenchDate } from "@/lib/dates";
import { serverError } from "@/lib/forms";
import { DateField } from "@/components/DateField";
import { ProblemAlert } from "@/components/ProblemAlert";
import { useCancelSession, useMoveSession, type SessionView } from "../api/queries";
import { t } from "../fr";

const parisDay = (iso: string) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(iso));
const parisTime = (iso: string) => new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));

/** Moves one session to another day or time; the families are told with the reason. */
export function MoveSessionDialog({ orgId, cycleId, session, onClose }: { orgId: string; cycleId: string; session: SessionView; onClose: () => void }) {
  const move = useMoveSession(orgId, cycleId);
  const [day, setDay] = useState(toFrenchDate(parisDay(session.starts_at)));
  const [time, setTime] = useState(parisTime(session.starts_at));
  const [reason, setReason] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});

  async function submit() {
    const iso = fromFrenchDate(day);
    const errors: Record<string, string> = {};
    if (!iso) errors.day = t(day.trim() ? "form.date" : "form.required");
    if (!isClockTime(time)) errors.start_time = t("form.required");
    if (!reason.trim()) errors.reason = t("form.required");
    setLocal(errors);
    if (!iso || Object.keys(errors).length > 0) return;
    const done = await move.mutateAsync({ session, body: { day: iso, start_time: time, reason: reason.trim() } }).catch(() => null);
    if (done) {
      notifications.show({ message: t("session.done"), color: "brand" });
      onClose();
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("move.title", { number: session.number })}>
      <Stack>
        {move.error && <ProblemAlert error={move.error} />}
        <DateField label={t("move.day")} required value={day} onChange={(e) => setDay(e.currentTarget.value)} error={local.day ?? serverError(move.error, "day")} />
        <TextInput label={t("move.time")} required value={time} inputMode="numeric" w={220} onChange={(e) => setTime(e.currentTarget.value)} error={local.start_time ?? serverError(move.error, "start_time")} />
        <Textarea label={t("move.reason")} required value={reason} maxLength={500} onChange={(e) => setReason(e.currentTarget.value)} error={local.reason ?? serverError(move.error, "reason")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button onClick={() => void submit()} loading={move.isPending}>
            {t("common.confirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Cancels one session with a reason told to the families. */
export function CancelSessionDialog({ orgId, cycleId, session, onClose }: { orgId: string; cycleId: string; session: SessionView; onClose: () => void }) {
  const cancel = useCancelSession(orgId, cycleId);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);

  async function submit() {
    setMissing(!reason.trim());
    if (!reason.trim()) return;
    const done = await cancel.mutateAsync({ session, body: { reason: reason.trim() } }).catch(() => null);
    if (done) {
      notifications.show({ message: t("session.done"), color: "brand" });
      onClose();
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("cancel.title", { number: session.number })}>
      <Stack>
        {cancel.error && <ProblemAlert error={cancel.error} />}
        <Textarea label={t("cancel.reason")} required value={reason} maxLength={500} onChange={(e) => setReason(e.currentTarget.value)} error={missing ? t("form.required") : serverError(cancel.error, "reason")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button color="red.9" onClick={() => void submit()} loading={cancel.isPending}>
            {t("cycle.cancel")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
