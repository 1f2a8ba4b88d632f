import { Alert, Blockquote, Button, Card, Checkbox, Group, MultiSelect, Radio, Select, Stack, TextInput, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { serverError } from "@/lib/forms";
import { label } from "@/lib/i18n";
import { t } from "../fr";
import { useCurrentOrg } from "@/lib/useMe";
import { EmptyState } from "@/components/EmptyState";
import { LoadingBlock } from "@/components/LoadingBlock";
import { MembersEditor, type MemberDraft } from "@/components/MembersEditor";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { useConsentText, usePartnerships, useSendReferral, type CreateReferral } from "../api/queries";

const NEEDS = ["no_computer", "no_internet", "online_admin", "school_follow_up", "other"];
const CONTACTS = ["phone", "sms", "email", "letter", "do_not_contact"];

type Draft = {
  structure_id: string | null;
  site_id: string | null;
  first_name: string;
  last_name: string;
  birth_year: string;
  phone: string;
  email: string;
  preferred_contact: string;
  address: string;
  postcode: string;
  commune: string;
  neighbourhood: string;
  members: MemberDraft[];
  needs: string[];
  needs_other: string;
  languages: string;
  reason: string;
  message: string;
  consent: boolean;
  consent_date: string;
  share_progress: string | null;
};

const today = () => new Date().toISOString().slice(0, 10);

const empty: Draft = {
  structure_id: null,
  site_id: null,
  first_name: "",
  last_name: "",
  birth_year: "",
  phone: "",
  email: "",
  preferred_contact: "phone",
  address: "",
  postcode: "",
  commune: "",
  neighbourhood: "",
  members: [],
  needs: [],
  needs_other: "",
  languages: "",
  reason: "",
  message: "",
  consent: false,
  consent_date: today(),
  share_progress: null,
};

const opt = (value: string) => (value.trim() ? value.trim() : null);

function toBody(d: Draft, version: string): CreateReferral {
  return {
    structure_id: d.structure_id,
    site_id: d.site_id,
    first_name: d.first_name.trim(),
    last_name: d.last_name.trim(),
    birth_year: d.birth_year ? Number(d.birth_year) : null,
    phone: opt(d.phone),
    email: opt(d.email),
    preferred_contact: d.preferred_contact as CreateReferral["preferred_contact"],
    address: opt(d.address),
    postcode: opt(d.postcode),
    commune: opt(d.commune),
    neighbourhood: opt(d.neighbourhood),
    members: d.members.map((m) => ({
      first_name: m.first_name.trim(),
      last_name: m.last_name.trim(),
      birth_year: m.birth_year ? Number(m.birth_year) : null,
      role: m.role as never,
      school_level: m.role === "child" && m.school_level ? (m.school_level as never) : null,
    })),
    needs: d.needs as CreateReferral["needs"],
    needs_other: opt(d.needs_other),
    languages: d.languages.split(",").map((l) => l.trim()).filter(Boolean),
    reason: opt(d.reason),
    message: opt(d.message),
    consent: d.consent ? { given_on: d.consent_date, text_version: version } : null,
    share_progress: d.share_progress === null ? null : d.share_progress === "yes",
  };
}

/** "Orienter une famille": a guided form. Sending twice (double click, network retry)
 * creates one referral: the Idempotency-Key is made when the form opens. */
export default function NewReferralPage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const partnerships = usePartnerships(org?.id ?? "");
  const consentText = useConsentText();
  const send = useSendReferral(org?.id ?? "");
  const [key] = useState(() => crypto.randomUUID());
  const [draft, setDraft] = useState<Draft>(empty);
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => setDraft((d) => ({ ...d, [field]: value }));

  if (!org || partnerships.isPending || consentText.isPending) return <LoadingBlock />;
  if (partnerships.isError) return <ProblemAlert error={partnerships.error} onRetry={() => void partnerships.refetch()} />;
  if (consentText.isError) return <ProblemAlert error={consentText.error} onRetry={() => void consentText.refetch()} />;
  const partners = partnerships.data.filter((p) => p.active);
  if (partners.length === 0) return <EmptyState message={t("refer.noPartner")} />;
  const sites = partners.find((p) => p.structure.id === draft.structure_id)?.structure_sites ?? [];
  const error = send.error;
  const fieldError = (field: string) => local[field] ?? serverError(error, field);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!draft.structure_id) problems.structure_id = t("refer.chooseStructure");
    if (!draft.first_name.trim()) problems.first_name = t("common.required");
    if (!draft.last_name.trim()) problems.last_name = t("common.required");
    if (draft.needs.length === 0) problems.needs = t("refer.chooseNeed");
    if (!draft.consent) problems.consent = t("refer.consentRequired");
    if (draft.share_progress === null) problems.share_progress = t("refer.chooseShare");
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const detail = await send.mutateAsync({ body: toBody(draft, consentText.data?.version ?? ""), key }).catch(() => null);
    if (detail) {
      notifications.show({ message: t("refer.sent", { structure: detail.structure.name }), color: "brand" });
      navigate(`/orgs/${org?.id}/referrals/${detail.id}`);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <PageHeader title={t("refer.title")} />
      <Stack maw={820}>
        <Alert color="blue" variant="light">
          {t("refer.intro")}
        </Alert>
        {error && <ProblemAlert error={error} />}
        <Card withBorder padding="lg">
          <Stack>
            <Select
              label={t("refer.structure")}
              description={t("refer.structureHelp")}
              required
              value={draft.structure_id}
              onChange={(value) => setDraft((d) => ({ ...d, structure_id: value, site_id: null }))}
              data={partners.map((p) => ({ value: p.structure.id, label: p.structure.name }))}
              error={fieldError("structure_id")}
            />
            <Select
              label={t("refer.site")}
              placeholder={t("refer.siteAny")}
              clearable
              disabled={sites.length === 0}
              value={draft.site_id}
              onChange={(value) => set("site_id", value)}
              data={sites.map((s) => ({ value: s.id, label: s.city ? `${s.name} (${s.city})` : s.name }))}
              error={fieldError("site_id")}
            />
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t("refer.sectionPerson")}
          </Title>
          <Group grow align="flex-start" wrap="wrap">
            <TextInput label={t("family.firstName")} required value={draft.first_name} onChange={(e) => set("first_name", e.currentTarget.value)} error={fieldError("first_name")} maxLength={100} />
            <TextInput label={t("family.lastName")} required value={draft.last_name} onChange={(e) => set("last_name", e.currentTarget.value)} error={fieldError("last_name")} maxLength={100} />
            <TextInput label={t("family.birthYear")} inputMode="numeric" value={draft.birth_year} onChange={(e) => set("birth_year", e.currentTarget.value)} error={fieldError("birth_year")} maxLength={4} />
          </Group>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t("refer.sectionContact")}
          </Title>
          <Stack>
            <Select label={t("family.preferredContact")} required allowDeselect={false} value={draft.preferred_contact} onChange={(v) => set("preferred_contact", v ?? "phone")} data={CONTACTS.map((c) => ({ value: c, label: label("contact", c) }))} error={fieldError("preferred_contact")} />
            <Group grow align="flex-start" wrap="wrap">
              <TextInput label={t("family.phone")} description={t("family.phoneHelp")} type="tel" value={draft.phone} onChange={(e) => set("phone", e.currentTarget.value)} error={fieldError("phone")} />
              <TextInput label={t("family.email")} type="email" value={draft.email} onChange={(e) => set("email", e.currentTarget.value)} error={fieldError("email")} />
            </Group>
            <Group grow align="flex-start" wrap="wrap">
              <TextInput label={t("family.address")} value={draft.address} onChange={(e) => set("address", e.currentTarget.value)} error={fieldError("address")} maxLength={200} />
              <TextInput label={t("family.postcode")} inputMode="numeric" value={draft.postcode} onChange={(e) => set("postcode", e.currentTarget.value)} error={fieldError("postcode")} maxLength={5} />
            </Group>
            <Group grow align="flex-start" wrap="wrap">
              <TextInput label={t("family.commune")} value={draft.commune} onChange={(e) => set("commune", e.currentTarget.value)} error={fieldError("commune")} maxLength={100} />
              <TextInput label={t("family.neighbourhood")} value={draft.neighbourhood} onChange={(e) => set("neighbourhood", e.currentTarget.value)} error={fieldError("neighbourhood")} maxLength={100} />
            </Group>
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t("refer.sectionHousehold")}
          </Title>
          <MembersEditor members={draft.members} onChange={(members) => set("members", members)} errorFor={(field) => serverError(error, `members${field}`)} allowReference={false} />
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t("refer.sectionNeeds")}
          </Title>
          <Stack>
            <MultiSelect label={t("family.needs")} required value={draft.needs} onChange={(v) => set("needs", v)} data={NEEDS.map((n) => ({ value: n, label: label("need", n) }))} error={fieldError("needs")} />
            {draft.needs.includes("other") && <TextInput label={t("family.needsOther")} required value={draft.needs_other} onChange={(e) => set("needs_other", e.currentTarget.value)} error={fieldError("needs_other")} maxLength={200} />}
            <TextInput label={t("family.languages")} description={t("family.languagesHelp")} value={draft.languages} onChange={(e) => set("languages", e.currentTarget.value)} error={fieldError("languages")} />
            <Textarea label={t("refer.reason")} autosize minRows={2} value={draft.reason} onChange={(e) => set("reason", e.currentTarget.value)} error={fieldError("reason")} maxLength={1000} />
            <Textarea label={t("refer.message")} autosize minRows={2} value={draft.message} onChange={(e) => set("message", e.currentTarget.value)} error={fieldError("message")} maxLength={2000} />
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t("refer.sectionConsent")}
          </Title>
          <Stack>
            <Blockquote color="brand.8" p="md">
              {consentText.data.text}
            </Blockquote>
            <Checkbox label={t("refer.consentAgreed")} checked={draft.consent} onChange={(e) => set("consent", e.currentTarget.checked)} error={fieldError("consent")} />
            <TextInput type="date" label={t("refer.consentDate")} required value={draft.consent_date} max={today()} onChange={(e) => set("consent_date", e.currentTarget.value)} error={fieldError("consent.given_on")} w={220} />
            <Blockquote color="gray.7" p="md">
              {consentText.data.share_progress_text}
            </Blockquote>
            <Radio.Group label={t("refer.shareProgress")} required value={draft.share_progress} onChange={(v) => set("share_progress", v)} error={fieldError("share_progress")}>
              <Stack gap="xs" mt="xs">
                <Radio value="yes" label={t("refer.shareYes")} />
                <Radio value="no" label={t("refer.shareNo")} />
              </Stack>
            </Radio.Group>
          </Stack>
        </Card>
        <Group justify="flex-end">
          <Button type="submit" size="md" loading={send.isPending}>
            {t("refer.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
