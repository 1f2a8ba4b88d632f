import { Alert, Button, Card, Group, List, MultiSelect, Select, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { api } from "@/lib/api/client";
import { ApiProblem, unwrap } from "@/lib/api/errors";
import { serverError } from "@/lib/forms";
import { label } from "@/lib/i18n";
import { t } from "../fr";
import { useCurrentOrg } from "@/lib/useMe";
import { LoadingBlock } from "@/components/LoadingBlock";
import { MembersEditor, type MemberDraft } from "@/components/MembersEditor";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { useHousehold, useSaveHousehold, type Household, type HouseholdInput } from "../api/queries";

const NEEDS = ["no_computer", "no_internet", "online_admin", "school_follow_up", "other"];
const CONTACTS = ["phone", "sms", "email", "letter", "do_not_contact"];

type Draft = {
  members: MemberDraft[];
  commune: string;
  neighbourhood: string;
  address: string;
  postcode: string;
  preferred_contact: string;
  phone: string;
  email: string;
  needs: string[];
  needs_other: string;
  languages: string;
  notes: string;
  status: string;
};

function fromView(h: Household | undefined): Draft {
  return {
    members: h?.members.map((m) => ({ first_name: m.first_name, last_name: m.last_name, birth_year: m.birth_year?.toString() ?? "", role: m.role, school_level: m.school_level ?? null })) ?? [
      { first_name: "", last_name: "", birth_year: "", role: "reference", school_level: null },
    ],
    commune: h?.commune ?? "",
    neighbourhood: h?.neighbourhood ?? "",
    address: h?.address ?? "",
    postcode: h?.postcode ?? "",
    preferred_contact: h?.preferred_contact ?? "phone",
    phone: h?.phone ?? "",
    email: h?.email ?? "",
    needs: h?.needs ?? [],
    needs_other: h?.needs_other ?? "",
    languages: h?.languages.join(", ") ?? "",
    notes: h?.notes ?? "",
    status: h?.status ?? "active",
  };
}

const opt = (value: string) => (value.trim() ? value.trim() : null);

function toBody(d: Draft): HouseholdInput {
  return {
    members: d.members.map((m) => ({
      first_name: m.first_name.trim(),
      last_name: m.last_name.trim(),
      birth_year: m.birth_year ? Number(m.birth_year) : null,
      role: m.role as never,
      school_level: m.role === "child" && m.school_level ? (m.school_level as never) : null,
    })),
    commune: opt(d.commune),
    neighbourhood: opt(d.neighbourhood),
    address: opt(d.address),
    postcode: opt(d.postcode),
    preferred_contact: d.preferred_contact as HouseholdInput["preferred_contact"],
    phone: opt(d.phone),
    email: opt(d.email),
    needs: d.needs as HouseholdInput["needs"],
    needs_other: opt(d.needs_other),
    languages: d.languages.split(",").map((l) => l.trim()).filter(Boolean),
    notes: opt(d.notes),
    status: d.status as HouseholdInput["status"],
  };
}

/** The fields someone else changed between the version edited and the current one. */
function changes(before: Draft, after: Draft): { field: string; value: string }[] {
  const simple: (keyof Draft)[] = ["phone", "email", "preferred_contact", "commune", "neighbourhood", "address", "postcode", "needs_other", "notes", "status", "languages"];
  const labels: Record<string, string> = {
    phone: t("family.phone"),
    email: t("family.email"),
    preferred_contact: t("family.preferredContact"),
    commune: t("family.commune"),
    neighbourhood: t("family.neighbourhood"),
    address: t("family.address"),
    postcode: t("family.postcode"),
    needs_other: t("family.needsOther"),
    notes: t("family.notes"),
    status: t("family.status"),
    languages: t("family.languages"),
  };
  const out = simple.filter((f) => before[f] !== after[f]).map((f) => ({ field: labels[f] ?? f, value: String(after[f]) }));
  if (before.needs.join() !== after.needs.join()) out.push({ field: t("family.needs"), value: after.needs.map((n) => label("need", n)).join(", ") });
  const people = (d: Draft) => d.members.map((m) => `${m.first_name} ${m.last_name}`).join(", ");
  if (people(before) !== people(after)) out.push({ field: t("family.members"), value: people(after) });
  return out;
}

export default function HouseholdEditPage() {
  const org = useCurrentOrg();
  const { householdId } = useParams();
  const existing = useHousehold(org?.id ?? "", householdId);
  if (!org || (householdId && existing.isPending)) return <LoadingBlock />;
  if (existing.isError) return <ProblemAlert error={existing.error} onRetry={() => void existing.refetch()} />;
  return <HouseholdForm key={existing.data?.id ?? "new"} orgId={org.id} loaded={existing.data} />;
}

function HouseholdForm({ orgId, loaded }: { orgId: string; loaded: Household | undefined }) {
  const navigate = useNavigate();
  const save = useSaveHousehold(orgId);
  const [base, setBase] = useState(loaded);
  const [draft, setDraft] = useState<Draft>(() => fromView(loaded));
  const [conflict, setConflict] = useState<Household | null>(null);
  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const error = save.error;
  const fieldError = (field: string) => serverError(error, field);

  async function persist(version: number | undefined) {
    setConflict(null);
    try {
      const saved = await save.mutateAsync({ id: base?.id, version, body: toBody(draft) });
      notifications.show({ message: t("common.saved"), color: "brand" });
      navigate(`/orgs/${orgId}/households/${saved.id}`);
    } catch (failure) {
      if (failure instanceof ApiProblem && failure.status === 412 && base) {
        const current = await unwrap(api.GET("/api/v1/orgs/{org_id}/households/{household_id}", { params: { path: { org_id: orgId, household_id: base.id } } }));
        setConflict(current);
      }
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void persist(base?.version);
  }

  return (
    <form onSubmit={submit} noValidate>
      <PageHeader title={base ? t("households.editTitle") : t("households.createTitle")} />
      <Stack maw={820}>
        {conflict && base && (
          <Alert color="#a63d00" title={t("households.conflictTitle")} role="alert">
            <Text mb="sm">{t("households.conflictBody")}</Text>
            {changes(fromView(base), fromView(conflict)).length === 0 ? (
              <Text>{t("households.conflictNothing")}</Text>
            ) : (
              <List mb="sm">
                {changes(fromView(base), fromView(conflict)).map((c) => (
                  <List.Item key={c.field}>{t("households.field", { field: c.field, value: c.value })}</List.Item>
                ))}
              </List>
            )}
            <Group>
              <Button color="#a63d00" onClick={() => { setBase(conflict); void persist(conflict.version); }}>
                {t("households.conflictKeepMine")}
              </Button>
              <Button variant="default" onClick={() => { setBase(conflict); setDraft(fromView(conflict)); setConflict(null); save.reset(); }}>
                {t("households.conflictTakeTheirs")}
              </Button>
            </Group>
          </Alert>
        )}
        {error && !(error instanceof ApiProblem && error.status === 412) && <ProblemAlert error={error} />}
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t("family.members")}
          </Title>
          {fieldError("members") && (
            <Text c="red.9" mb="sm">
              {fieldError("members")}
            </Text>
          )}
          <MembersEditor members={draft.members} onChange={(members) => set("members", members)} errorFor={(field) => fieldError(`members${field}`)} allowReference />
        </Card>
        <Card withBorder padding="lg">
          <Stack>
            <Select label={t("family.preferredContact")} required allowDeselect={false} value={draft.preferred_contact} onChange={(v) => set("preferred_contact", v ?? "phone")} data={CONTACTS.map((c) => ({ value: c, label: label("contact", c) }))} />
            <Group grow align="flex-start" wrap="wrap">
              <TextInput label={t("family.phone")} description={t("family.phoneHelp")} type="tel" value={draft.phone} onChange={(e) => set("phone", e.currentTarget.value)} error={fieldError("phone")} />
              <TextInput label={t("family.email")} type="email" value={draft.email} onChange={(e) => set("email", e.currentTarget.value)} error={fieldError("email")} />
            </Group>
            <Group grow align="flex-start" wrap="wrap">
              <TextInput label={t("family.address")} value={draft.address} onChange={(e) => set("address", e.currentTarget.value)} error={fieldError("address")} maxLength={200} />
              <TextInput label={t("family.postcode")} value={draft.postcode} onChange={(e) => set("postcode", e.currentTarget.value)} error={fieldError("postcode")} maxLength={5} />
            </Group>
            <Group grow align="flex-start" wrap="wrap">
              <TextInput label={t("family.commune")} value={draft.commune} onChange={(e) => set("commune", e.currentTarget.value)} error={fieldError("commune")} maxLength={100} />
              <TextInput label={t("family.neighbourhood")} value={draft.neighbourhood} onChange={(e) => set("neighbourhood", e.currentTarget.value)} error={fieldError("neighbourhood")} maxLength={100} />
            </Group>
            <MultiSelect label={t("family.needs")} value={draft.needs} onChange={(v) => set("needs", v)} data={NEEDS.map((n) => ({ value: n, label: label("need", n) }))} error={fieldError("needs")} />
            {draft.needs.includes("other") && <TextInput label={t("family.needsOther")} value={draft.needs_other} onChange={(e) => set("needs_other", e.currentTarget.value)} error={fieldError("needs_other")} maxLength={200} />}
            <TextInput label={t("family.languages")} description={t("family.languagesHelp")} value={draft.languages} onChange={(e) => set("languages", e.currentTarget.value)} error={fieldError("languages")} />
            <Textarea label={t("family.notes")} description={t("family.notesWarning")} autosize minRows={3} maxLength={2000} value={draft.notes} onChange={(e) => set("notes", e.currentTarget.value)} error={fieldError("notes")} />
            <Select label={t("family.status")} allowDeselect={false} value={draft.status} onChange={(v) => set("status", v ?? "active")} data={[{ value: "active", label: t("family.statusActive") }, { value: "archived", label: t("family.statusArchived") }]} />
          </Stack>
        </Card>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => navigate(-1)}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
