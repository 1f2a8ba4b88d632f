import { Button, Checkbox, Group, NumberInput, SegmentedControl, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { erasureMethodValues, qualityItemValues } from "@/lib/api/schema";
import type { Schemas } from "@/lib/api/client";
import { fromFrenchDate, toFrenchDate, todayIso } from "@/lib/dates";
import { blankToNull, focusFirstInvalid, serverError } from "@/lib/forms";
import { label } from "@/lib/i18n";
import { DateField } from "@/components/DateField";
import { ProblemAlert } from "@/components/ProblemAlert";
import { useDeclareErased, useInstallOs, useQualityCheck, useRecordErasure, type DeviceDetail } from "../api/queries";
import { t } from "../fr";

type Method = Schemas["ErasureMethod"];

/** Erasing each disk (as the tool reported it), then declaring the machine erased. */
export function ErasurePanel({ orgId, device }: { orgId: string; device: DeviceDetail }) {
  const record = useRecordErasure(orgId, device.id);
  const declare = useDeclareErased(orgId, device.id);
  const firstLeft = device.disks.find((k) => !k.erased) ?? device.disks[0];
  const [disk, setDisk] = useState<string | null>(firstLeft?.id ?? null);
  const [method, setMethod] = useState<Method>("overwrite_verified");
  const [tool, setTool] = useState("nwipe");
  const [version, setVersion] = useState("0.34");
  const [passes, setPasses] = useState<number | string>(1);
  const [verified, setVerified] = useState(true);
  const [result, setResult] = useState<"ok" | "ko">("ok");
  const [minutes, setMinutes] = useState<number | string>(60);
  const allErased = device.disks.length > 0 && device.disks.every((k) => k.erased);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!disk) return;
    const ended = new Date();
    const started = new Date(ended.getTime() - Number(minutes || 0) * 60_000);
    const saved = await record
      .mutateAsync({
        disk_id: disk,
        method,
        tool: tool.trim(),
        tool_version: blankToNull(version),
        passes: Number(passes),
        verified,
        succeeded: result === "ok",
        started_at: started.toISOString(),
        ended_at: ended.toISOString(),
      })
      .catch(() => null);
    if (saved) setDisk(saved.disks.find((k) => !k.erased)?.id ?? disk);
    else focusFirstInvalid();
  }

  return (
    <Stack>
      <Title order={2} size="h3">
        {t("erase.title")}
      </Title>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {record.error && <ProblemAlert error={record.error} />}
          <Select
            label={t("erase.disk")}
            allowDeselect={false}
            value={disk}
            onChange={setDisk}
            data={device.disks.map((k) => ({
              value: k.id,
              label: `${t("device.diskLine", { kind: label("diskKind", k.kind), size: k.size_gb, serial: k.serial })} (${k.erased ? t("device.erased") : t("device.notErased")})`,
            }))}
            error={serverError(record.error, "disk_id")}
          />
          <Select label={t("erase.method")} allowDeselect={false} value={method} onChange={(v) => setMethod((v as Method | null) ?? method)} data={erasureMethodValues.map((m) => ({ value: m, label: label("erasureMethod", m) }))} />
          <Group grow align="flex-start">
            <TextInput label={t("erase.tool")} required maxLength={80} value={tool} onChange={(e) => setTool(e.currentTarget.value)} error={serverError(record.error, "tool")} />
            <TextInput label={t("erase.toolVersion")} maxLength={40} value={version} onChange={(e) => setVersion(e.currentTarget.value)} />
          </Group>
          <Group grow align="flex-start">
            <NumberInput label={t("erase.passes")} min={0} max={35} value={passes} onChange={setPasses} error={serverError(record.error, "passes")} />
            <NumberInput label={t("erase.duration")} min={0} max={2880} value={minutes} onChange={setMinutes} />
          </Group>
          <Checkbox label={t("erase.verified")} checked={verified} onChange={(e) => setVerified(e.currentTarget.checked)} />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="erase-result">
              {t("erase.result")}
            </Text>
            <SegmentedControl aria-labelledby="erase-result" size="md" value={result} onChange={(v) => setResult(v as "ok" | "ko")} data={[{ value: "ok", label: t("erase.succeeded") }, { value: "ko", label: t("erase.failed") }]} />
          </Stack>
          <Button type="submit" variant={allErased ? "default" : "filled"} size="md" loading={record.isPending}>
            {t("erase.record")}
          </Button>
        </Stack>
      </form>
      <Text size="sm">{t("erase.declareHint")}</Text>
      {declare.error && <ProblemAlert error={declare.error} />}
      <Button size="md" disabled={!allErased} loading={declare.isPending} onClick={() => void declare.mutateAsync(undefined).catch(() => undefined)}>
        {t("erase.declare")}
      </Button>
    </Stack>
  );
}

/** The operating system installed, with its software and the family's account. */
export function OsForm({ orgId, device }: { orgId: string; device: DeviceDetail }) {
  const install = useInstallOs(orgId, device.id);
  const [os, setOs] = useState("Linux Mint");
  const [version, setVersion] = useState("22");
  const [licence, setLicence] = useState("");
  const [software, setSoftware] = useState("LibreOffice, Firefox, Thunderbird, VLC");
  const [account, setAccount] = useState(true);
  const [day, setDay] = useState(toFrenchDate(todayIso()));
  const [local, setLocal] = useState<Record<string, string>>({});
  const fieldError = (field: string) => local[field] ?? serverError(install.error, field);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const installed = fromFrenchDate(day);
    const errors: Record<string, string> = {};
    if (!os.trim()) errors.os = t("form.required");
    if (!installed) errors.installed_on = t("form.date");
    setLocal(errors);
    if (!installed || Object.keys(errors).length > 0) return focusFirstInvalid();
    await install
      .mutateAsync({
        os: os.trim(),
        os_version: blankToNull(version),
        licence: blankToNull(licence),
        software: software.split(",").map((s) => s.trim()).filter(Boolean),
        account_prepared: account,
        installed_on: installed,
      })
      .catch(() => focusFirstInvalid());
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Title order={2} size="h3">
          {t("os.title")}
        </Title>
        {install.error && <ProblemAlert error={install.error} />}
        <Group grow align="flex-start">
          <TextInput label={t("os.name")} required maxLength={80} value={os} onChange={(e) => setOs(e.currentTarget.value)} error={fieldError("os")} />
          <TextInput label={t("os.version")} maxLength={40} value={version} onChange={(e) => setVersion(e.currentTarget.value)} error={fieldError("os_version")} />
        </Group>
        <TextInput label={t("os.licence")} maxLength={120} value={licence} onChange={(e) => setLicence(e.currentTarget.value)} error={fieldError("licence")} />
        <TextInput label={t("os.software")} value={software} onChange={(e) => setSoftware(e.currentTarget.value)} error={fieldError("software")} />
        <Checkbox label={t("os.account")} checked={account} onChange={(e) => setAccount(e.currentTarget.checked)} />
        <DateField label={t("os.date")} required value={day} onChange={(e) => setDay(e.currentTarget.value)} error={fieldError("installed_on")} />
        <Button type="submit" size="md" loading={install.isPending}>
          {t("os.save")}
        </Button>
      </Stack>
    </form>
  );
}

type Item = Schemas["QualityItem"];

/** The checklist before a machine is ready, signed by someone other than its installer. */
export function QualityForm({ orgId, device }: { orgId: string; device: DeviceDetail }) {
  const check = useQualityCheck(orgId, device.id);
  const [answers, setAnswers] = useState<Record<Item, "ok" | "ko">>(Object.fromEntries(qualityItemValues.map((i) => [i, "ok"])) as Record<Item, "ok" | "ko">);
  const [notes, setNotes] = useState("");
  const installer = device.os_install?.operator.name;

  async function submit(event: FormEvent) {
    event.preventDefault();
    await check
      .mutateAsync({
        items_passed: qualityItemValues.filter((i) => answers[i] === "ok"),
        items_failed: qualityItemValues.filter((i) => answers[i] === "ko"),
        notes: blankToNull(notes),
      })
      .catch(() => focusFirstInvalid());
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Title order={2} size="h3">
          {t("qc.title")}
        </Title>
        {installer && <Text size="sm">{t("qc.hint", { installer })}</Text>}
        {check.error && <ProblemAlert error={check.error} />}
        {serverError(check.error, "checker_id") && (
          <Text c="red.9" role="alert">
            {serverError(check.error, "checker_id")}
          </Text>
        )}
        {qualityItemValues.map((i) => (
          <Group key={i} justify="space-between" wrap="wrap">
            <Text id={`qc-${i}`}>{label("qualityItem", i)}</Text>
            <SegmentedControl aria-labelledby={`qc-${i}`} size="md" value={answers[i]} onChange={(v) => setAnswers({ ...answers, [i]: v as "ok" | "ko" })} data={[{ value: "ok", label: t("qc.ok") }, { value: "ko", label: t("qc.ko") }]} />
          </Group>
        ))}
        <TextInput label={t("new.notes")} maxLength={1000} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
        <Button type="submit" size="md" loading={check.isPending}>
          {t("qc.save")}
        </Button>
      </Stack>
    </form>
  );
}
