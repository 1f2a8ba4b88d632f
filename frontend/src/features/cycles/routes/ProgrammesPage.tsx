import { ActionIcon, Button, Card, Chip, Group, NumberInput, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Schemas } from "@/lib/api/client";
import { themeValues } from "@/lib/api/schema";
import { serverError } from "@/lib/forms";
import { label } from "@/lib/i18n";
import { useCurrentOrg } from "@/lib/useMe";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { cycleQueries, useSaveProgramme } from "../api/queries";
import { t } from "../fr";

type Programme = Schemas["ProgrammeView"];
type Module = Schemas["ModuleInput"];
type Theme = (typeof themeValues)[number];

/** The structure's programmes and their modules, edited by its admins. Cycles already
 * planned keep their sessions' titles. */
export default function ProgrammesPage() {
  const org = useCurrentOrg();
  const programmes = useQuery({ ...cycleQueries.programmes(org?.id ?? ""), enabled: Boolean(org) });
  if (!org || programmes.isPending) return <LoadingBlock />;
  if (programmes.isError) return <ProblemAlert error={programmes.error} onRetry={() => void programmes.refetch()} />;
  return (
    <>
      <PageHeader title={t("programmes.title")} />
      <Stack maw={900}>
        {programmes.data.map((p) => (
          <ProgrammeEditor key={`${p.id}-${p.version}`} orgId={org.id} programme={p} />
        ))}
      </Stack>
    </>
  );
}

function ProgrammeEditor({ orgId, programme }: { orgId: string; programme: Programme }) {
  const save = useSaveProgramme(orgId);
  const [name, setName] = useState(programme.name);
  const [modules, setModules] = useState<Module[]>(programme.modules.map((m) => ({ ...m })));
  const change = (i: number, patch: Partial<Module>) => setModules((all) => all.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const move = (i: number, by: number) =>
    setModules((all) => {
      const next = [...all];
      const [taken] = next.splice(i, 1);
      if (taken) next.splice(i + by, 0, taken);
      return next;
    });

  async function submit() {
    const done = await save.mutateAsync({ id: programme.id, version: programme.version, body: { name: name.trim(), modules } }).catch(() => null);
    if (done) notifications.show({ message: t("programmes.saved"), color: "brand" });
  }

  return (
    <Card withBorder padding="lg" component="section" aria-label={programme.name}>
      <Title order={2} size="h4" mb="sm">
        {programme.name}
      </Title>
      {save.error && <ProblemAlert error={save.error} />}
      <Stack>
        <TextInput label={t("programmes.name")} required value={name} maxLength={120} onChange={(e) => setName(e.currentTarget.value)} error={serverError(save.error, "name")} />
        {modules.map((m, i) => (
          <Card key={i} withBorder padding="sm" component="fieldset" aria-label={t("programmes.module", { number: i + 1 })}>
            <Group justify="space-between" mb="xs">
              <Text fw={600}>{t("programmes.module", { number: i + 1 })}</Text>
              <Group gap={4}>
                <ActionIcon variant="default" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t("programmes.up", { number: i + 1 })}>
                  ↑
                </ActionIcon>
                <ActionIcon variant="default" disabled={i === modules.length - 1} onClick={() => move(i, 1)} aria-label={t("programmes.down", { number: i + 1 })}>
                  ↓
                </ActionIcon>
                <Button size="xs" variant="default" disabled={modules.length === 1} onClick={() => setModules((all) => all.filter((_, j) => j !== i))}>
                  {t("common.remove")}
                </Button>
              </Group>
            </Group>
            <Stack gap="xs">
              <TextInput label={t("programmes.moduleTitle")} required value={m.title} maxLength={120} onChange={(e) => change(i, { title: e.currentTarget.value })} error={serverError(save.error, `modules[${i}].title`)} />
              <Textarea label={t("programmes.objectives")} value={m.objectives ?? ""} maxLength={1000} autosize minRows={1} onChange={(e) => change(i, { objectives: e.currentTarget.value })} />
              <NumberInput label={t("programmes.duration")} min={15} max={480} step={15} w={220} value={m.duration_minutes} onChange={(v) => change(i, { duration_minutes: Number(v) || 120 })} />
              <Chip.Group multiple value={m.themes ?? []} onChange={(value) => change(i, { themes: value as Theme[] })}>
                <Group gap="xs" role="group" aria-label={`${t("programmes.themes")} — ${t("programmes.module", { number: i + 1 })}`}>
                  {themeValues.map((theme) => (
                    <Chip key={theme} value={theme} size="xs">
                      {label("theme", theme)}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </Stack>
          </Card>
        ))}
        <Group>
          <Button variant="default" disabled={modules.length >= 20} onClick={() => setModules((all) => [...all, { title: "", objectives: "", duration_minutes: 120, themes: [] }])}>
            {t("programmes.add")}
          </Button>
          <Button onClick={() => void submit()} loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
