import { Button, Group, Modal, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { returnReasonValues, scrapOutcomeValues } from "@/lib/api/schema";
import type { Schemas } from "@/lib/api/client";
import { toFrenchDate } from "@/lib/dates";
import { blankToNull, serverError } from "@/lib/forms";
import { label } from "@/lib/i18n";
import { ProblemAlert } from "@/components/ProblemAlert";
import { useRelease, useScrap, useTakeBack, type DeviceDetail } from "../api/queries";
import { t } from "../fr";

/** A reserved machine: given from its household's page (eligibility and agreement are
 * there); the reservation can be released here. */
export function ReservedPanel({ orgId, device }: { orgId: string; device: DeviceDetail }) {
  const release = useRelease(orgId, device.id);
  const household = device.allocation?.reserved_for;
  if (!household) return null;
  return (
    <Stack>
      <Title order={2} size="h3">
        {t("device.allocation")}
      </Title>
      <Text>{t("device.reservedFor", { name: household.name, date: toFrenchDate(device.allocation?.reserved_at?.slice(0, 10)) })}</Text>
      {release.error && <ProblemAlert error={release.error} />}
      <Group>
        <Button component={Link} to={`/orgs/${orgId}/households/${household.id}`}>
          {t("alloc.toHousehold")}
        </Button>
        <Button variant="default" c="red.9" loading={release.isPending} onClick={() => void release.mutateAsync(undefined).catch(() => undefined)}>
          {t("alloc.release")}
        </Button>
      </Group>
    </Stack>
  );
}

/** A family gives the machine back. */
export function ReturnForm({ orgId, device }: { orgId: string; device: DeviceDetail }) {
  const takeBack = useTakeBack(orgId, device.id);
  const [reason, setReason] = useState<Schemas["ReturnReason"]>("fault");
  const [note, setNote] = useState("");
  const handover = device.allocation?.handover;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void takeBack.mutateAsync({ reason, note: blankToNull(note) }).catch(() => undefined);
      }}
      noValidate
    >
      <Stack>
        <Title order={2} size="h3">
          {t("alloc.returnTitle")}
        </Title>
        {handover && <Text>{t("device.handedTo", { name: handover.household.name, date: toFrenchDate(handover.handed_on) })}</Text>}
        {takeBack.error && <ProblemAlert error={takeBack.error} />}
        <Select label={t("alloc.returnReason")} allowDeselect={false} value={reason} onChange={(v) => setReason((v as Schemas["ReturnReason"] | null) ?? "fault")} data={returnReasonValues.map((r) => ({ value: r, label: label("returnReason", r) }))} />
        <TextInput label={t("alloc.returnNote")} maxLength={500} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Button type="submit" variant="default" loading={takeBack.isPending}>
          {t("alloc.return")}
        </Button>
      </Stack>
    </form>
  );
}

/** Scrapping a machine: recycled through a named channel, or kept for parts. */
export function ScrapButton({ orgId, device }: { orgId: string; device: DeviceDetail }) {
  const scrap = useScrap(orgId, device.id);
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<Schemas["ScrapOutcome"]>("recycled");
  const [channel, setChannel] = useState("");
  const [note, setNote] = useState("");
  return (
    <>
      <Button variant="default" color="red.9" onClick={() => setOpen(true)}>
        {t("device.scrap")}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("scrap.title")}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void scrap.mutateAsync({ outcome, channel: blankToNull(channel), note: blankToNull(note) }).then(
              () => setOpen(false),
              () => undefined,
            );
          }}
          noValidate
        >
          <Stack>
            {scrap.error && !serverError(scrap.error, "channel") && <ProblemAlert error={scrap.error} />}
            <Select label={t("scrap.outcome")} allowDeselect={false} value={outcome} onChange={(v) => setOutcome((v as Schemas["ScrapOutcome"] | null) ?? "recycled")} data={scrapOutcomeValues.map((o) => ({ value: o, label: label("scrapOutcome", o) }))} />
            {outcome === "recycled" && <TextInput label={t("scrap.channel")} required maxLength={120} value={channel} onChange={(e) => setChannel(e.currentTarget.value)} error={serverError(scrap.error, "channel")} />}
            <TextInput label={t("scrap.note")} maxLength={500} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            <Button type="submit" color="red.9" loading={scrap.isPending}>
              {t("scrap.save")}
            </Button>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
