import { Button, Card, NumberInput, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, type Schemas } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { serverError } from "@/lib/forms";
import { adminQueries } from "../api/queries";
import { t } from "../fr";
import { LoadingBlock } from "@/components/LoadingBlock";
import { ProblemAlert } from "@/components/ProblemAlert";

export function SettingsTab({ orgId }: { orgId: string }) {
  const org = useQuery(adminQueries.organisation(orgId));
  if (org.isPending) return <LoadingBlock />;
  if (org.isError) return <ProblemAlert error={org.error} onRetry={() => void org.refetch()} />;
  return <SettingsForm key={org.data.version} org={org.data} />;
}

function SettingsForm({ org }: { org: Schemas["OrganisationView"] }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState({
    name: org.name,
    short_name: org.short_name,
    contact_email: org.contact_email ?? "",
    contact_phone: org.contact_phone ?? "",
    referral_reminder_days: org.settings.referral_reminder_days as number | string,
    referral_expiry_days: org.settings.referral_expiry_days as number | string,
    handover_min_sessions: org.settings.handover_min_sessions as number | string,
    cycle_completion_threshold: org.settings.cycle_completion_threshold as number | string,
    workshop_ledger_policy: org.settings.workshop_ledger_policy,
    retention_months: org.settings.retention_months as number | string,
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH("/api/v1/orgs/{org_id}", {
          params: { path: { org_id: org.id }, header: { "If-Match": `"${org.version}"` } },
          body: {
            ...draft,
            referral_reminder_days: Number(draft.referral_reminder_days),
            referral_expiry_days: Number(draft.referral_expiry_days),
            handover_min_sessions: Number(draft.handover_min_sessions),
            cycle_completion_threshold: Number(draft.cycle_completion_threshold),
            retention_months: Number(draft.retention_months),
          },
        }),
      ),
    onSuccess: (saved) => {
      notifications.show({ message: t("common.saved"), color: "brand" });
      client.setQueryData(["organisation", org.id], saved);
    },
  });
  const e = (field: string) => serverError(save.error, field);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <Card withBorder padding="lg" maw={640} component="form" onSubmit={submit} noValidate>
      <Stack>
        {save.error && <ProblemAlert error={save.error} />}
        <TextInput label={t("admin.name")} required value={draft.name} onChange={(ev) => setDraft({ ...draft, name: ev.currentTarget.value })} error={e("name")} maxLength={200} />
        <TextInput label={t("admin.shortName")} required value={draft.short_name} onChange={(ev) => setDraft({ ...draft, short_name: ev.currentTarget.value })} error={e("short_name")} maxLength={40} />
        <TextInput label={t("admin.contactEmail")} type="email" value={draft.contact_email} onChange={(ev) => setDraft({ ...draft, contact_email: ev.currentTarget.value })} error={e("contact_email")} />
        <TextInput label={t("admin.contactPhone")} type="tel" value={draft.contact_phone} onChange={(ev) => setDraft({ ...draft, contact_phone: ev.currentTarget.value })} error={e("contact_phone")} />
        {org.kind === "structure" && (
          <>
            <NumberInput label={t("admin.reminderDays")} min={1} max={90} value={draft.referral_reminder_days} onChange={(v) => setDraft({ ...draft, referral_reminder_days: v })} error={e("referral_reminder_days")} />
            <NumberInput label={t("admin.expiryDays")} min={2} max={365} value={draft.referral_expiry_days} onChange={(v) => setDraft({ ...draft, referral_expiry_days: v })} error={e("referral_expiry_days")} />
            <NumberInput label={t("admin.minSessions")} min={0} max={8} value={draft.handover_min_sessions} onChange={(v) => setDraft({ ...draft, handover_min_sessions: v })} error={e("handover_min_sessions")} />
            <NumberInput label={t("admin.completionThreshold")} description={t("admin.completionThresholdHelp")} min={1} max={50} value={draft.cycle_completion_threshold} onChange={(v) => setDraft({ ...draft, cycle_completion_threshold: v })} error={e("cycle_completion_threshold")} />
            <Select
              label={t("admin.ledgerPolicy")}
              description={t("admin.ledgerPolicyHelp")}
              allowDeselect={false}
              value={draft.workshop_ledger_policy}
              onChange={(v) => setDraft({ ...draft, workshop_ledger_policy: v === "strict" ? "strict" : "warn" })}
              data={[
                { value: "warn", label: t("admin.ledgerWarn") },
                { value: "strict", label: t("admin.ledgerStrict") },
              ]}
              error={e("workshop_ledger_policy")}
            />
            <NumberInput label={t("admin.retentionMonths")} description={t("admin.retentionMonthsHelp")} min={12} max={120} value={draft.retention_months} onChange={(v) => setDraft({ ...draft, retention_months: v })} error={e("retention_months")} />
          </>
        )}
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t("common.save")}
        </Button>
      </Stack>
    </Card>
  );
}
