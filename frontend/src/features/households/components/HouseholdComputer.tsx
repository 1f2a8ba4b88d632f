import { Anchor, Button, Chip, Group, Select, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { accessoryValues } from "@/lib/api/schema";
import type { Schemas } from "@/lib/api/client";
import { sharedQueries } from "@/lib/api/queries";
import { fromFrenchDate, toFrenchDate, todayIso } from "@/lib/dates";
import { focusFirstInvalid, serverError } from "@/lib/forms";
import { label } from "@/lib/i18n";
import { openPdf } from "@/lib/pdf";
import { DateField } from "@/components/DateField";
import { ProblemAlert } from "@/components/ProblemAlert";
import { fetchAgreement, useHandOver, useHouseholdDevices, useReadyDevices, useReleaseReservation, useReservedDevice, useReserveFor } from "../api/queries";
import { t } from "../fr";

/** The version of the handover agreement the API expects (printed on the agreement). */
/** The platform's agreement, in force until the structure publishes its own. */
const DEFAULT_AGREEMENT_VERSION = "2026-1";

type Accessory = Schemas["Accessory"];

/** On a household's page (staff): the computers handed to it, the one reserved for it with
 * its agreement and handover form, or a ready one to reserve. */
export function HouseholdComputer({ orgId, householdId, name }: { orgId: string; householdId: string; name: string }) {
  const devices = useHouseholdDevices(orgId, householdId);
  if (devices.isPending) return null;
  if (devices.isError) return <ProblemAlert error={devices.error} onRetry={() => void devices.refetch()} />;
  const { reserved, handovers } = devices.data;
  return (
    <Stack mt="md">
      {handovers.map((h) => (
        <Text key={h.id}>
          <Anchor component={Link} to={`/orgs/${orgId}/workshop/devices/${h.device_id}`} c="brand.8" fw={600}>
            {h.asset_tag}
          </Anchor>
          {` — ${t("computer.handed", { date: toFrenchDate(h.handed_on) })}`}
        </Text>
      ))}
      {reserved.map((d) => (
        <Handover key={d.id} orgId={orgId} deviceId={d.id} householdId={householdId} name={name} />
      ))}
      {reserved.length === 0 && <Reserve orgId={orgId} householdId={householdId} />}
    </Stack>
  );
}

function Reserve({ orgId, householdId }: { orgId: string; householdId: string }) {
  const ready = useReadyDevices(orgId);
  const reserve = useReserveFor(orgId, householdId);
  const [chosen, setChosen] = useState<string | null>(null);
  if (ready.isPending) return null;
  const items = ready.data?.items ?? [];
  if (items.length === 0) return <Text>{t("computer.noneReady")}</Text>;
  return (
    <Stack gap="xs">
      {reserve.error && <ProblemAlert error={reserve.error} />}
      <Group align="flex-end" wrap="wrap">
        <Select label={t("computer.reserveLabel")} value={chosen} onChange={setChosen} data={items.map((d) => ({ value: d.id, label: `${d.asset_tag} — ${d.brand} ${d.model}` }))} w={300} />
        <Button disabled={!chosen} loading={reserve.isPending} onClick={() => chosen && void reserve.mutateAsync(chosen).catch(() => undefined)}>
          {t("computer.reserve")}
        </Button>
      </Group>
    </Stack>
  );
}

/** The machine reserved for the household: print the agreement, then record the handover
 * (once, even if sent twice). */
function Handover({ orgId, deviceId, householdId, name }: { orgId: string; deviceId: string; householdId: string; name: string }) {
  const device = useReservedDevice(orgId, deviceId);
  const texts = useQuery(sharedQueries.texts(orgId));
  const agreementVersion = texts.data?.find((x) => x.kind === "handover_agreement")?.current?.label ?? DEFAULT_AGREEMENT_VERSION;
  const handOver = useHandOver(orgId);
  const release = useReleaseReservation(orgId);
  const [key] = useState(() => crypto.randomUUID());
  const [recipient, setRecipient] = useState(name);
  const [day, setDay] = useState(toFrenchDate(todayIso()));
  const [accessories, setAccessories] = useState<Accessory[]>(["charger"]);
  const [condition, setCondition] = useState(t("computer.conditionDefault"));
  const [local, setLocal] = useState<Record<string, string>>({});
  const [printError, setPrintError] = useState<unknown>(null);
  if (!device.data || texts.isPending) return null;
  const tag = device.data.asset_tag;
  const fieldError = (field: string) => local[field] ?? serverError(handOver.error, field);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const handed = fromFrenchDate(day);
    const errors: Record<string, string> = {};
    if (!recipient.trim()) errors.recipient_name = t("form.required");
    if (!handed) errors.handed_on = t("form.date");
    if (!condition.trim()) errors.condition = t("form.required");
    setLocal(errors);
    if (!handed || Object.keys(errors).length > 0) return focusFirstInvalid();
    await handOver
      .mutateAsync({
        deviceId,
        key,
        body: { household_id: householdId, handed_on: handed, accessories, condition: condition.trim(), agreement_version: agreementVersion, recipient_name: recipient.trim() },
      })
      .catch(() => focusFirstInvalid());
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="handover-title">
      <Stack>
        <Title order={3} size="h5" id="handover-title">
          {t("computer.handoverTitle", { tag, model: `${device.data.brand} ${device.data.model}` })}
        </Title>
        {handOver.error && !serverError(handOver.error, "household_id") && <ProblemAlert error={handOver.error} />}
        {serverError(handOver.error, "household_id") && (
          <Text c="red.9" role="alert">
            {serverError(handOver.error, "household_id")}
          </Text>
        )}
        <TextInput label={t("computer.recipient")} required maxLength={200} value={recipient} onChange={(e) => setRecipient(e.currentTarget.value)} error={fieldError("recipient_name")} />
        <DateField label={t("computer.date")} required value={day} onChange={(e) => setDay(e.currentTarget.value)} error={fieldError("handed_on")} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="accessories-label">
            {t("computer.accessories")}
          </Text>
          <Chip.Group multiple value={accessories} onChange={(v) => setAccessories(v as Accessory[])}>
            <Group gap="xs" role="group" aria-labelledby="accessories-label">
              {accessoryValues.map((a) => (
                <Chip key={a} value={a}>
                  {label("accessory", a)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>
        <Textarea label={t("computer.condition")} required autosize minRows={2} maxLength={500} value={condition} onChange={(e) => setCondition(e.currentTarget.value)} error={fieldError("condition")} />
        {printError != null && <ProblemAlert error={printError} />}
        <Group>
          <Button variant="default" onClick={() => void fetchAgreement(orgId, deviceId).then(openPdf, setPrintError)}>
            {t("computer.agreement")}
          </Button>
          <Button type="submit" loading={handOver.isPending}>
            {t("computer.handover")}
          </Button>
          <Button variant="default" c="red.9" loading={release.isPending} onClick={() => void release.mutateAsync(deviceId).catch(() => undefined)}>
            {t("computer.release")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
