import { Anchor, Button, Card, Group, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { donorKindValues } from "@/lib/api/schema";
import type { Schemas } from "@/lib/api/client";
import { fromFrenchDate, toFrenchDate, todayIso } from "@/lib/dates";
import { blankToNull, focusFirstInvalid, serverError } from "@/lib/forms";
import { formatDate, label } from "@/lib/i18n";
import { useCurrentOrg } from "@/lib/useMe";
import { DateField } from "@/components/DateField";
import { EmptyState } from "@/components/EmptyState";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { documents, useCreateDonation, useCreateDonor, workshopQueries, type DonorView } from "../api/queries";
import { t } from "../fr";

/** Donors, their donations (with receipts and labels) and what became of their machines. */
export default function DonorsPage() {
  const org = useCurrentOrg();
  const orgId = org?.id ?? "";
  const donors = useQuery({ ...workshopQueries.donors(orgId), enabled: Boolean(org) });
  const donations = useQuery({ ...workshopQueries.donations(orgId, null), enabled: Boolean(org) });
  const [newDonor, setNewDonor] = useState(false);
  const [newDonation, setNewDonation] = useState(false);
  const [printError, setPrintError] = useState<unknown>(null);
  if (!org) return <LoadingBlock />;
  const print = (run: () => Promise<void>) => void run().catch(setPrintError);

  return (
    <>
      <PageHeader title={t("donors.title")}>
        <Button variant="default" onClick={() => setNewDonor(true)}>
          {t("donors.newDonor")}
        </Button>
        <Button onClick={() => setNewDonation(true)} disabled={(donors.data ?? []).length === 0}>
          {t("donors.newDonation")}
        </Button>
      </PageHeader>
      {printError != null && <ProblemAlert error={printError} />}
      <DonorForm orgId={orgId} opened={newDonor} onClose={() => setNewDonor(false)} />
      <DonationForm orgId={orgId} donors={donors.data ?? []} opened={newDonation} onClose={() => setNewDonation(false)} />
      {donors.isPending ? (
        <LoadingBlock />
      ) : donors.isError ? (
        <ProblemAlert error={donors.error} onRetry={() => void donors.refetch()} />
      ) : donors.data.length === 0 ? (
        <EmptyState message={t("donors.empty")} />
      ) : (
        <Stack>
          {donors.data.map((d) => (
            <Card key={d.id} withBorder padding="md">
              <Group justify="space-between" wrap="wrap">
                <Stack gap={2}>
                  <Text fw={700}>{d.name}</Text>
                  <Text size="sm">{`${label("donorKind", d.kind)} — ${t("donors.counts", { donations: d.donations, devices: d.devices })}`}</Text>
                  {d.contact_name && <Text size="sm">{[d.contact_name, d.email, d.phone].filter(Boolean).join(" · ")}</Text>}
                </Stack>
                <Group>
                  <DonorSummary orgId={orgId} donorId={d.id} />
                  <Button variant="default" onClick={() => print(() => documents.report(orgId, d.id))}>
                    {t("donors.report")}
                  </Button>
                </Group>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <Title order={2} size="h3" mt="xl" mb="sm">
        {t("donations.title")}
      </Title>
      <Stack gap="xs">
        {(donations.data ?? []).map((d) => (
          <Group key={d.id} justify="space-between" wrap="wrap">
            <Text>
              {t("donation.line", { date: formatDate(d.received_on), donor: d.donor_name, registered: d.devices_registered, announced: d.items_announced })}
            </Text>
            <Group gap="xs">
              <Anchor component={Link} to={`/orgs/${orgId}/workshop?donation=${d.id}`} c="brand.8">
                {t("donation.devices")}
              </Anchor>
              <Button size="xs" variant="default" component={Link} to={`/orgs/${orgId}/workshop/devices/new?donation=${d.id}`}>
                {t("board.new")}
              </Button>
              <Button size="xs" variant="default" onClick={() => print(() => documents.receipt(orgId, d.id))}>
                {t("donation.receipt")}
              </Button>
              <Button size="xs" variant="default" onClick={() => print(() => documents.labels(orgId, d.id))}>
                {t("donation.labels")}
              </Button>
            </Group>
          </Group>
        ))}
      </Stack>
    </>
  );
}

/** What became of a donor's machines, in one line. */
function DonorSummary({ orgId, donorId }: { orgId: string; donorId: string }) {
  const report = useQuery(workshopQueries.report(orgId, donorId));
  if (!report.data) return null;
  const r = report.data;
  return <Text size="sm">{t("report.summary", { handed: r.handed_over, ready: r.ready, refurb: r.in_refurbishment, scrapped: r.scrapped })}</Text>;
}

function DonorForm({ orgId, opened, onClose }: { orgId: string; opened: boolean; onClose: () => void }) {
  const create = useCreateDonor(orgId);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<Schemas["DonorKind"]>("association");
  const [contact, setContact] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [address, setAddress] = useState("");
  const fieldError = (field: string) => serverError(create.error, field);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const done = await create
      .mutateAsync({ name: name.trim(), kind, contact_name: blankToNull(contact), email: blankToNull(email), phone: blankToNull(phone), address: blankToNull(address) })
      .catch(() => null);
    if (done) {
      setName("");
      onClose();
    } else focusFirstInvalid();
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t("donors.newDonor")}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {create.error && !fieldError("name") && <ProblemAlert error={create.error} />}
          <TextInput label={t("donors.name")} required maxLength={120} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError("name")} />
          <Select label={t("donors.kind")} allowDeselect={false} value={kind} onChange={(v) => setKind((v as Schemas["DonorKind"] | null) ?? "association")} data={donorKindValues.map((k) => ({ value: k, label: label("donorKind", k) }))} />
          <TextInput label={t("donors.contact")} maxLength={120} value={contact} onChange={(e) => setContact(e.currentTarget.value)} error={fieldError("contact_name")} />
          <TextInput label={t("donors.email")} type="email" maxLength={254} value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldError("email")} />
          <TextInput label={t("donors.phone")} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={fieldError("phone")} />
          <Textarea label={t("donors.address")} maxLength={300} value={address} onChange={(e) => setAddress(e.currentTarget.value)} error={fieldError("address")} />
          <Button type="submit" loading={create.isPending}>
            {t("donors.save")}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

function DonationForm({ orgId, donors, opened, onClose }: { orgId: string; donors: DonorView[]; opened: boolean; onClose: () => void }) {
  const create = useCreateDonation(orgId);
  const [donor, setDonor] = useState<string | null>(null);
  const [day, setDay] = useState(toFrenchDate(todayIso()));
  const [items, setItems] = useState<number | string>(1);
  const [notes, setNotes] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const fieldError = (field: string) => local[field] ?? serverError(create.error, field);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const received = fromFrenchDate(day);
    const errors: Record<string, string> = {};
    if (!donor) errors.donor_id = t("form.required");
    if (!received) errors.received_on = t("form.date");
    setLocal(errors);
    if (!donor || !received || Object.keys(errors).length > 0) return focusFirstInvalid();
    const done = await create.mutateAsync({ donor_id: donor, received_on: received, items_announced: Number(items), notes: blankToNull(notes) }).catch(() => null);
    if (done) onClose();
    else focusFirstInvalid();
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t("donors.newDonation")}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {create.error && <ProblemAlert error={create.error} />}
          <Select label={t("donation.donor")} required value={donor} onChange={setDonor} data={donors.map((d) => ({ value: d.id, label: d.name }))} error={fieldError("donor_id")} />
          <DateField label={t("donation.received")} required value={day} onChange={(e) => setDay(e.currentTarget.value)} error={fieldError("received_on")} />
          <NumberInput label={t("donation.items")} required min={1} max={1000} value={items} onChange={setItems} error={fieldError("items_announced")} />
          <Textarea label={t("donation.notes")} maxLength={2000} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={fieldError("notes")} />
          <Button type="submit" loading={create.isPending}>
            {t("donation.save")}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
