import { Alert, Blockquote, Button, Card, Checkbox, Group, Radio, Select, SimpleGrid, Stack, TextInput, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useRef, useState } from "react";
import { useNavigate } from "react-router";
import { birthYear, contactErrors, emptyContact, memberErrors, requiredName, toContact, toMembers, tooLong, type ContactValues, type MemberValues } from "@/lib/family";
import { focusFirstInvalid, hasFieldErrors, serverFormErrors } from "@/lib/forms";
import { ErrorSummary } from "@/components/ErrorSummary";
import { useCurrentOrg } from "@/lib/useMe";
import { EmptyState } from "@/components/EmptyState";
import { FamilyFields } from "@/components/FamilyFields";
import { LoadingBlock } from "@/components/LoadingBlock";
import { MembersEditor } from "@/components/MembersEditor";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { useConsentText, usePartnerships, useSendReferral, type CreateReferral } from "../api/queries";
import { t } from "../fr";
import { DateField } from "@/components/DateField";
import { fromFrenchDate, toFrenchDate, todayIso } from "@/lib/dates";

type ReferralValues = ContactValues & {
  structure_id: string | null;
  site_id: string | null;
  first_name: string;
  last_name: string;
  birth_year: string;
  members: MemberValues[];
  reason: string;
  message: string;
  consent: boolean;
  consent_date: string;
  share_progress: "yes" | "no" | null;
};

const initialValues = (): ReferralValues => ({
  ...emptyContact,
  structure_id: null,
  site_id: null,
  first_name: "",
  last_name: "",
  birth_year: "",
  members: [],
  reason: "",
  message: "",
  consent: false,
  consent_date: toFrenchDate(todayIso()),
  share_progress: null,
});

function toBody(v: ReferralValues, version: string): CreateReferral {
  return {
    ...toContact(v),
    structure_id: v.structure_id,
    site_id: v.site_id,
    first_name: v.first_name.trim(),
    last_name: v.last_name.trim(),
    birth_year: v.birth_year.trim() ? Number(v.birth_year.trim()) : null,
    members: toMembers(v.members),
    reason: v.reason.trim() || null,
    message: v.message.trim() || null,
    consent: v.consent ? { given_on: fromFrenchDate(v.consent_date) ?? v.consent_date, text_version: version } : null,
    share_progress: v.share_progress === null ? null : v.share_progress === "yes",
  };
}

/** The day the family agreed: a real date, not in the future. */
function consentDate(text: string): string | null {
  if (!text.trim()) return t("form.required");
  const iso = fromFrenchDate(text);
  if (!iso) return t("form.date");
  return iso > todayIso() ? t("form.dateFuture") : null;
}

/** Every rule the API applies to a referral from a referrer, checked before sending. */
function validate(v: ReferralValues): Record<string, string> {
  const errors: Record<string, string | null> = {
    structure_id: v.structure_id ? null : t("refer.chooseStructure"),
    first_name: requiredName(v.first_name),
    last_name: requiredName(v.last_name),
    birth_year: birthYear(v.birth_year),
    needs: v.needs.length > 0 ? null : t("refer.chooseNeed"),
    reason: tooLong(v.reason, 1000),
    message: tooLong(v.message, 2000),
    consent: v.consent ? null : t("refer.consentRequired"),
    consent_date: consentDate(v.consent_date),
    share_progress: v.share_progress ? null : t("refer.chooseShare"),
  };
  const own = Object.fromEntries(Object.entries(errors).filter((e): e is [string, string] => e[1] !== null));
  return { ...own, ...memberErrors(v.members), ...contactErrors(v) };
}

/** The server's names for the fields this form names otherwise. */
function fromServer(errors: Record<string, string>): Record<string, string> {
  const { ["consent.given_on"]: date, ...rest } = errors;
  return date ? { ...rest, consent_date: date } : rest;
}

/** "Orienter une famille": a guided form. Sending twice (double click, network retry)
 * creates one referral: the Idempotency-Key is made when the form opens. */
export default function NewReferralPage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const partnerships = usePartnerships(org?.id ?? "");
  const send = useSendReferral(org?.id ?? "");
  const [key] = useState(() => crypto.randomUUID());
  const form = useForm<ReferralValues>({ initialValues: initialValues(), validate });
  const consentText = useConsentText(org?.id ?? "", form.getValues().structure_id);
  const formRef = useRef<HTMLFormElement>(null);

  if (!org || partnerships.isPending || consentText.isPending) return <LoadingBlock />;
  if (partnerships.isError) return <ProblemAlert error={partnerships.error} onRetry={() => void partnerships.refetch()} />;
  if (consentText.isError) return <ProblemAlert error={consentText.error} onRetry={() => void consentText.refetch()} />;
  const partners = partnerships.data.filter((p) => p.active);
  if (partners.length === 0) return <EmptyState message={t("refer.noPartner")} />;
  const values = form.getValues();
  const sites = partners.find((p) => p.structure.id === values.structure_id)?.structure_sites ?? [];
  const error = send.error;
  const version = consentText.data.version;

  async function submit(values: ReferralValues) {
    try {
      const detail = await send.mutateAsync({ body: toBody(values, version), key });
      notifications.show({ message: t("refer.sent", { structure: detail.structure.name }), color: "brand" });
      navigate(`/orgs/${org?.id}/referrals/${detail.id}`);
    } catch (failure) {
      form.setErrors(fromServer(serverFormErrors(failure)));
      focusFirstInvalid();
    }
  }

  return (
    <form ref={formRef} onSubmit={form.onSubmit((v) => void submit(v), () => focusFirstInvalid())} noValidate>
      <PageHeader title={t("refer.title")} />
      <Stack maw={820}>
        <Alert color="blue" variant="light">
          {t("refer.intro")}
        </Alert>
        <ErrorSummary formRef={formRef} errors={form.errors} />
        {error && !hasFieldErrors(error) && <ProblemAlert error={error} />}
        <Card withBorder padding="lg">
          <Stack>
            <Select
              label={t("refer.structure")}
              description={t("refer.structureHelp")}
              required
              data={partners.map((p) => ({ value: p.structure.id, label: p.structure.name }))}
              {...form.getInputProps("structure_id")}
              onChange={(value) => form.setValues({ structure_id: value, site_id: null })}
            />
            <Select
              label={t("refer.site")}
              placeholder={t("refer.siteAny")}
              clearable
              disabled={sites.length === 0}
              data={sites.map((s) => ({ value: s.id, label: s.city ? `${s.name} (${s.city})` : s.name }))}
              {...form.getInputProps("site_id")}
            />
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t("refer.sectionPerson")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t("family.firstName")} required {...form.getInputProps("first_name")} />
            <TextInput label={t("family.lastName")} required {...form.getInputProps("last_name")} />
            <TextInput label={t("family.birthYear")} inputMode="numeric" {...form.getInputProps("birth_year")} />
          </SimpleGrid>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t("refer.sectionContact")}
          </Title>
          <FamilyFields form={form} needsRequired />
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t("refer.sectionHousehold")}
          </Title>
          <MembersEditor form={form} allowReference={false} familyName={values.last_name} />
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t("refer.sectionNeeds")}
          </Title>
          <Stack>
            <Textarea label={t("refer.reason")} autosize minRows={2} {...form.getInputProps("reason")} />
            <Textarea label={t("refer.message")} autosize minRows={2} {...form.getInputProps("message")} />
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
            <Checkbox label={t("refer.consentAgreed")} {...form.getInputProps("consent", { type: "checkbox" })} />
            <DateField label={t("refer.consentDate")} required {...form.getInputProps("consent_date")} />
            <Blockquote color="gray.7" p="md">
              {consentText.data.share_progress_text}
            </Blockquote>
            <Radio.Group label={t("refer.shareProgress")} required {...form.getInputProps("share_progress")} onChange={(v) => form.setFieldValue("share_progress", v === "yes" || v === "no" ? v : null)}>
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
