import { Button, Card, Group, NumberInput, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useRef, useState, type FormEvent } from "react";
import { diskKindValues, gradeValues, hardwareTestValues } from "@/lib/api/schema";
import type { Schemas } from "@/lib/api/client";
import { blankToNull, focusFirstInvalid, serverError } from "@/lib/forms";
import { label } from "@/lib/i18n";
import { ErrorSummary } from "@/components/ErrorSummary";
import { ProblemAlert } from "@/components/ProblemAlert";
import { useDiagnose, type DeviceDetail } from "../api/queries";
import { t } from "../fr";

type Test = Schemas["HardwareTest"];
type Grade = Schemas["Grade"];
type Disk = { id: string | null; kind: Schemas["DiskKind"]; size: number | string; serial: string };
type Outcome = "pass" | "fail" | "untested";

const num = (v: number | string) => (v === "" ? null : Number(v));

/** The diagnosis of a machine: hardware, each disk, the tests, the grades. Edits the version
 * read (two people on one machine do not overwrite each other). */
export function DiagnosisForm({ orgId, device }: { orgId: string; device: DeviceDetail }) {
  const save = useDiagnose(orgId, device.id);
  const formRef = useRef<HTMLFormElement>(null);
  const d = device.diagnosis;
  const [cpu, setCpu] = useState(d.cpu ?? "");
  const [ram, setRam] = useState<number | string>(d.ram_gb ?? "");
  const [screen, setScreen] = useState<number | string>(d.screen_inches ?? "");
  const [battery, setBattery] = useState<number | string>(d.battery_health_percent ?? "");
  const [disks, setDisks] = useState<Disk[]>(
    device.disks.length > 0 ? device.disks.map((k) => ({ id: k.id, kind: k.kind, size: k.size_gb, serial: k.serial })) : [{ id: null, kind: "ssd", size: "", serial: "" }],
  );
  const [tests, setTests] = useState<Record<Test, Outcome>>(
    Object.fromEntries(hardwareTestValues.map((x) => [x, d.tests_passed.includes(x) ? "pass" : d.tests_failed.includes(x) ? "fail" : "untested"])) as Record<Test, Outcome>,
  );
  const [appearance, setAppearance] = useState<Grade | null>(d.appearance_grade ?? null);
  const [working, setWorking] = useState<Grade | null>(d.function_grade ?? null);
  const [notes, setNotes] = useState(device.notes ?? "");
  const [local, setLocal] = useState<Record<string, string>>({});
  const fieldError = (field: string) => local[field] ?? serverError(save.error, field);
  const setDisk = (i: number, change: Partial<Disk>) => setDisks(disks.map((k, j) => (j === i ? { ...k, ...change } : k)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    disks.forEach((k, i) => {
      if (!k.serial.trim()) errors[`disks[${i}].serial`] = t("form.required");
      if (k.size === "") errors[`disks[${i}].size_gb`] = t("form.required");
    });
    setLocal(errors);
    if (Object.keys(errors).length > 0) return focusFirstInvalid();
    const chosen = (o: Outcome) => hardwareTestValues.filter((x) => tests[x] === o);
    await save
      .mutateAsync({
        version: device.version,
        body: {
          cpu: blankToNull(cpu),
          ram_gb: num(ram),
          screen_inches: num(screen),
          battery_health_percent: num(battery),
          disks: disks.map((k) => ({ id: k.id, kind: k.kind, size_gb: Number(k.size), serial: k.serial.trim() })),
          tests_passed: chosen("pass"),
          tests_failed: chosen("fail"),
          appearance_grade: appearance,
          function_grade: working,
          notes: blankToNull(notes),
        },
      })
      .catch(() => focusFirstInvalid());
  }

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-labelledby="diagnosis-title">
      <Stack>
        <Title order={2} size="h3" id="diagnosis-title">
          {t("diag.title")}
        </Title>
        <ErrorSummary formRef={formRef} errors={{ ...local, ...(save.error ? { server: 1 } : {}) }} />
        {save.error && <ProblemAlert error={save.error} />}
        <TextInput label={t("diag.cpu")} value={cpu} maxLength={120} onChange={(e) => setCpu(e.currentTarget.value)} error={fieldError("cpu")} />
        <Group grow align="flex-start">
          <NumberInput label={t("diag.ram")} min={1} max={1024} value={ram} onChange={setRam} error={fieldError("ram_gb")} />
          <NumberInput label={t("diag.screen")} min={1} max={100} decimalScale={1} value={screen} onChange={setScreen} error={fieldError("screen_inches")} />
          <NumberInput label={t("diag.battery")} min={0} max={100} value={battery} onChange={setBattery} error={fieldError("battery_health_percent")} />
        </Group>
        <Text fw={600}>{t("diag.disks")}</Text>
        {disks.map((k, i) => (
          <Card key={k.id ?? `new-${i}`} withBorder padding="sm">
            <Group grow align="flex-start">
              <Select label={t("diag.diskKind", { n: i + 1 })} allowDeselect={false} value={k.kind} onChange={(v) => setDisk(i, { kind: (v as Disk["kind"] | null) ?? "ssd" })} data={diskKindValues.map((x) => ({ value: x, label: label("diskKind", x) }))} />
              <NumberInput label={t("diag.diskSize", { n: i + 1 })} required min={1} max={100000} value={k.size} onChange={(v) => setDisk(i, { size: v })} error={fieldError(`disks[${i}].size_gb`)} />
              <TextInput label={t("diag.diskSerial", { n: i + 1 })} required maxLength={80} value={k.serial} onChange={(e) => setDisk(i, { serial: e.currentTarget.value })} error={fieldError(`disks[${i}].serial`) ?? fieldError(`disks[${i}].id`)} />
            </Group>
            {disks.length > 1 && (
              <Button variant="default" c="red.9" mt="xs" onClick={() => setDisks(disks.filter((_, j) => j !== i))}>
                {t("diag.removeDisk")}
              </Button>
            )}
          </Card>
        ))}
        {disks.length < 8 && (
          <Button variant="default" onClick={() => setDisks([...disks, { id: null, kind: "ssd", size: "", serial: "" }])}>
            {t("diag.addDisk")}
          </Button>
        )}
        <Text fw={600}>{t("diag.tests")}</Text>
        {hardwareTestValues.map((x) => (
          <Group key={x} justify="space-between" wrap="wrap">
            <Text id={`test-${x}`}>{label("hardwareTest", x)}</Text>
            <SegmentedControl
              aria-labelledby={`test-${x}`}
              value={tests[x]}
              onChange={(v) => setTests({ ...tests, [x]: v as Outcome })}
              data={[
                { value: "pass", label: t("diag.pass") },
                { value: "fail", label: t("diag.fail") },
                { value: "untested", label: t("diag.untested") },
              ]}
            />
          </Group>
        ))}
        <Group grow align="flex-start">
          <Select label={t("diag.appearance")} clearable value={appearance} onChange={(v) => setAppearance(v as Grade | null)} data={gradeValues.map((g) => ({ value: g, label: label("grade", g) }))} />
          <Select label={t("diag.function")} clearable value={working} onChange={(v) => setWorking(v as Grade | null)} data={gradeValues.map((g) => ({ value: g, label: label("grade", g) }))} />
        </Group>
        <Textarea label={t("new.notes")} autosize minRows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={fieldError("notes")} />
        <Button type="submit" size="md" loading={save.isPending}>
          {t("diag.save")}
        </Button>
      </Stack>
    </form>
  );
}
