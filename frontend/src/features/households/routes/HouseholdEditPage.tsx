import { Alert, Button, Card, Group, List, Select, Stack, Text, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useRef, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { householdStatusValues } from "@/lib/api/schema";
import { ApiProblem } from "@/lib/api/errors";
import { contactErrors, emptyContact, memberErrors, oneReference, toContact, toMembers, tooLong, type ContactValues, type MemberValues } from "@/lib/family";
import { focusFirstInvalid, hasFieldErrors, serverFormErrors } from "@/lib/forms";
import { ErrorSummary } from "@/components/ErrorSummary";
import { label } from "@/lib/i18n";
import { useCurrentOrg } from "@/lib/useMe";
import { FamilyFields } from "@/components/FamilyFields";
import { LoadingBlock } from "@/components/LoadingBlock";
import { MembersEditor } from "@/components/MembersEditor";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { useFetchHousehold, useHousehold, useSaveHousehold, type Household, type HouseholdInput } from "../api/queries";
import { t } from "../fr";

type HouseholdValues = ContactValues & {
  members: MemberValues[];
  notes: string;
  status: Household["status"];
};

function fromView(h: Household | undefined): HouseholdValues {
  if (!h) {
    return { ...emptyContact, members: [{ first_name: "", last_name: "", birth_year: "", role: "reference", school_level: null }], notes: "", status: "active" };
  }
  return {
    members: h.members.map((m) => ({ id: m.id, first_name: m.first_name, last_name: m.last_name, birth_year: m.birth_year?.toString() ?? "", role: m.role, school_level: m.school_level ?? null })),
    commune: h.commune ?? "",
    neighbourhood: h.neighbourhood ?? "",
    address: h.address ?? "",
    postcode: h.postcode ?? "",
    preferred_contact: h.preferred_contact,
    phone: h.phone ?? "",
    email: h.email ?? "",
    needs: h.needs,
    needs_other: h.needs_other ?? "",
    languages: h.languages.join(", "),
    notes: h.notes ?? "",
    status: h.status,
  };
}

function toBody(v: HouseholdValues): HouseholdInput {
  return { ...toContact(v), members: toMembers(v.members), notes: v.notes.trim() || null, status: v.status };
}

/** Every rule the API applies to a household, checked before sending. */
function validate(v: HouseholdValues): Record<string, string> {
  const errors = { ...memberErrors(v.members), ...contactErrors(v) };
  const reference = oneReference(v.members);
  if (reference) errors.members = reference;
  const notes = tooLong(v.notes, 2000);
  if (notes) errors.notes = notes;
  return errors;
}

/** The fields someone else changed between the version edited and the current one. */
function changes(before: HouseholdValues, after: HouseholdValues): { field: string; value: string }[] {
  const simple: (keyof HouseholdValues)[] = ["phone", "email", "preferred_contact", "commune", "neighbourhood", "address", "postcode", "needs_other", "notes", "status", "languages"];
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
  const people = (d: HouseholdValues) => d.members.map((m) => `${m.first_name} ${m.last_name}`).join(", ");
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
  const fetchHousehold = useFetchHousehold(orgId);
  const [base, setBase] = useState(loaded);
  const [conflict, setConflict] = useState<Household | null>(null);
  const form = useForm<HouseholdValues>({ initialValues: fromView(loaded), validate });
  const formRef = useRef<HTMLFormElement>(null);
  const error = save.error;

  async function persist(values: HouseholdValues, version: number | undefined) {
    setConflict(null);
    try {
      const saved = await save.mutateAsync({ id: base?.id, version, body: toBody(values) });
      notifications.show({ message: t("common.saved"), color: "brand" });
      navigate(`/orgs/${orgId}/households/${saved.id}`);
    } catch (failure) {
      if (failure instanceof ApiProblem && failure.status === 412 && base) {
        setConflict(await fetchHousehold(base.id));
      } else {
        form.setErrors(serverFormErrors(failure));
        focusFirstInvalid();
      }
    }
  }

  return (
    <form ref={formRef} onSubmit={form.onSubmit((values) => void persist(values, base?.version), () => focusFirstInvalid())} noValidate>
      <PageHeader title={base ? t("households.editTitle") : t("households.createTitle")} />
      <Stack maw={820}>
        <ErrorSummary formRef={formRef} errors={form.errors} />
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
              <Button color="#a63d00" onClick={() => { setBase(conflict); void persist(form.getValues(), conflict.version); }}>
                {t("households.conflictKeepMine")}
              </Button>
              <Button variant="default" onClick={() => { setBase(conflict); form.setValues(fromView(conflict)); form.clearErrors(); setConflict(null); save.reset(); }}>
                {t("households.conflictTakeTheirs")}
              </Button>
            </Group>
          </Alert>
        )}
        {error && !hasFieldErrors(error) && !(error instanceof ApiProblem && error.status === 412) && <ProblemAlert error={error} />}
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t("family.members")}
          </Title>
          {form.errors.members && (
            <Text c="red.9" mb="sm" role="alert">
              {form.errors.members}
            </Text>
          )}
          <MembersEditor form={form} allowReference />
        </Card>
        <Card withBorder padding="lg">
          <Stack>
            <FamilyFields form={form} needsRequired={false} />
            <Textarea label={t("family.notes")} description={t("family.notesWarning")} autosize minRows={3} {...form.getInputProps("notes")} />
            <Select
              label={t("family.status")}
              allowDeselect={false}
              data={householdStatusValues.map((s) => ({ value: s, label: label("householdStatus", s) }))}
              {...form.getInputProps("status")}
              onChange={(value) => form.setFieldValue("status", householdStatusValues.find((s) => s === value) ?? "active")}
            />
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
