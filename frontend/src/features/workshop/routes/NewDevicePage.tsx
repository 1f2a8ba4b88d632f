import { Button, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { deviceKindValues } from "@/lib/api/schema";
import { blankToNull, focusFirstInvalid, serverError } from "@/lib/forms";
import { formatDate, label } from "@/lib/i18n";
import { useCurrentOrg } from "@/lib/useMe";
import { ErrorSummary } from "@/components/ErrorSummary";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { useCreateDevice, workshopQueries, type DeviceKind } from "../api/queries";
import { t } from "../fr";

/** Registers a machine as it arrives: it gets its asset tag, then its label is printed. */
export default function NewDevicePage() {
  const org = useCurrentOrg();
  const orgId = org?.id ?? "";
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const donations = useQuery({ ...workshopQueries.donations(orgId, null), enabled: Boolean(org) });
  const sites = useQuery({ ...workshopQueries.sites(orgId), enabled: Boolean(org) });
  const create = useCreateDevice(orgId);
  const formRef = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<DeviceKind>("laptop");
  const [brand, setBrand] = useState("");
  const [model, setModel] = useState("");
  const [serial, setSerial] = useState("");
  const [donation, setDonation] = useState<string | null>(params.get("donation"));
  const [site, setSite] = useState<string | null>(null);
  const [notes, setNotes] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  if (!org) return <LoadingBlock />;
  const fieldError = (field: string) => local[field] ?? serverError(create.error, field);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!brand.trim()) errors.brand = t("form.required");
    setLocal(errors);
    if (Object.keys(errors).length > 0) return focusFirstInvalid();
    const device = await create
      .mutateAsync({ kind, brand: brand.trim(), model: blankToNull(model), serial: blankToNull(serial), donation_id: donation, site_id: site, notes: blankToNull(notes) })
      .catch(() => null);
    if (device) void navigate(`/orgs/${orgId}/workshop/devices/${device.id}`);
    else focusFirstInvalid();
  }

  return (
    <>
      <PageHeader title={t("new.title")} />
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
        <Stack maw={640}>
          <ErrorSummary formRef={formRef} errors={{ ...local, ...(create.error ? { server: 1 } : {}) }} />
          {create.error && <ProblemAlert error={create.error} />}
          <Select label={t("new.kind")} required allowDeselect={false} value={kind} onChange={(v) => setKind((v as DeviceKind | null) ?? "laptop")} data={deviceKindValues.map((k) => ({ value: k, label: label("deviceKind", k) }))} />
          <TextInput label={t("new.brand")} required value={brand} maxLength={60} onChange={(e) => setBrand(e.currentTarget.value)} error={fieldError("brand")} />
          <TextInput label={t("new.model")} value={model} maxLength={80} onChange={(e) => setModel(e.currentTarget.value)} error={fieldError("model")} />
          <TextInput label={t("new.serial")} value={serial} maxLength={80} onChange={(e) => setSerial(e.currentTarget.value)} error={fieldError("serial")} />
          <Select
            label={t("new.donation")}
            description={t("new.donationHint")}
            clearable
            value={donation}
            onChange={setDonation}
            data={(donations.data ?? []).map((d) => ({ value: d.id, label: `${d.donor_name} — ${formatDate(d.received_on)}` }))}
            error={fieldError("donation_id")}
          />
          <Select label={t("new.site")} clearable value={site} onChange={setSite} data={(sites.data ?? []).filter((s) => !s.archived).map((s) => ({ value: s.id, label: s.name }))} error={fieldError("site_id")} />
          <Textarea label={t("new.notes")} autosize minRows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={fieldError("notes")} />
          <Button type="submit" loading={create.isPending} size="md">
            {t("new.save")}
          </Button>
        </Stack>
      </form>
    </>
  );
}
