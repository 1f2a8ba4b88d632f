import { Badge, Button, Card, Group, Modal, Stack, Table, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { blankToNull, serverError } from "@/lib/forms";
import { adminKeys, adminQueries } from "../api/queries";
import { t } from "../fr";
import { EmptyState } from "@/components/EmptyState";
import { LoadingBlock } from "@/components/LoadingBlock";
import { ProblemAlert } from "@/components/ProblemAlert";
import type { Schemas } from "@/lib/api/client";

type Site = Schemas["SiteView"];
type SiteDraft = { name: string; address: string; postcode: string; city: string };

export function SitesTab({ orgId }: { orgId: string }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<SiteDraft>({ name: "", address: "", postcode: "", city: "" });
  const [editing, setEditing] = useState<Site | null>(null);
  const sites = useQuery(adminQueries.sites(orgId));
  const refresh = () => void client.invalidateQueries({ queryKey: adminKeys.sites(orgId) });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/orgs/{org_id}/sites", {
          params: { path: { org_id: orgId } },
          body: { name: draft.name.trim(), address: blankToNull(draft.address), postcode: blankToNull(draft.postcode), city: blankToNull(draft.city) },
        }),
      ),
    onSuccess: () => {
      setDraft({ name: "", address: "", postcode: "", city: "" });
      refresh();
    },
  });
  const archive = useMutation({
    mutationFn: ({ id, version, archived }: { id: string; version: number; archived: boolean }) =>
      unwrap(api.PATCH("/api/v1/orgs/{org_id}/sites/{site_id}", { params: { path: { org_id: orgId, site_id: id }, header: { "If-Match": `"${version}"` } }, body: { archived } })),
    onSettled: refresh,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  const set = (field: keyof typeof draft) => (e: React.ChangeEvent<HTMLInputElement>) => setDraft((d) => ({ ...d, [field]: e.currentTarget.value }));

  return (
    <>
      <Card withBorder padding="lg" mb="lg" component="form" onSubmit={submit} noValidate>
        <Title order={2} size="h4" mb="sm">
          {t("admin.addSite")}
        </Title>
        {create.error && <ProblemAlert error={create.error} />}
        <Group align="flex-start" wrap="wrap">
          <TextInput label={t("admin.siteName")} required value={draft.name} onChange={set("name")} error={serverError(create.error, "name")} maxLength={120} />
          <TextInput label={t("admin.siteAddress")} value={draft.address} onChange={set("address")} error={serverError(create.error, "address")} maxLength={200} />
          <TextInput label={t("family.postcode")} value={draft.postcode} onChange={set("postcode")} error={serverError(create.error, "postcode")} maxLength={5} w={120} />
          <TextInput label={t("admin.siteCity")} value={draft.city} onChange={set("city")} error={serverError(create.error, "city")} maxLength={100} />
          <Button type="submit" mt={24} loading={create.isPending}>
            {t("common.add")}
          </Button>
        </Group>
      </Card>
      {archive.error && <ProblemAlert error={archive.error} />}
      {sites.isPending ? (
        <LoadingBlock />
      ) : sites.isError ? (
        <ProblemAlert error={sites.error} onRetry={() => void sites.refetch()} />
      ) : sites.data.length === 0 ? (
        <EmptyState message={t("admin.noSites")} />
      ) : (
        <Table striped verticalSpacing="sm">
          <Table.Tbody>
            {sites.data.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  {s.name}
                  {s.archived && (
                    <Badge ml="xs" color="gray.8" variant="outline" tt="none">
                      {t("households.archived")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{[s.address, s.postcode, s.city].filter(Boolean).join(", ")}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => setEditing(s)}>
                      {t("common.edit")}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => archive.mutate({ id: s.id, version: s.version, archived: !s.archived })}>
                      {s.archived ? t("admin.unarchiveSite") : t("admin.archiveSite")}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <EditSite orgId={orgId} site={editing} onClose={() => setEditing(null)} onSaved={refresh} />}
    </>
  );
}

/** Renames a site or changes its address, with the version it was read at. */
function EditSite({ orgId, site, onClose, onSaved }: { orgId: string; site: Site; onClose: () => void; onSaved: () => void }) {
  const [draft, setDraft] = useState<SiteDraft>({ name: site.name, address: site.address ?? "", postcode: site.postcode ?? "", city: site.city ?? "" });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH("/api/v1/orgs/{org_id}/sites/{site_id}", {
          params: { path: { org_id: orgId, site_id: site.id }, header: { "If-Match": `"${site.version}"` } },
          body: { name: draft.name.trim(), address: draft.address.trim(), postcode: draft.postcode.trim(), city: draft.city.trim() },
        }),
      ),
    onSuccess: () => {
      notifications.show({ message: t("common.saved"), color: "brand" });
      onSaved();
      onClose();
    },
  });
  const set = (field: keyof SiteDraft) => (e: React.ChangeEvent<HTMLInputElement>) => setDraft((d) => ({ ...d, [field]: e.currentTarget.value }));
  return (
    <Modal opened onClose={onClose} title={t("admin.editSite")}>
      <Stack>
        {save.error && <ProblemAlert error={save.error} />}
        <TextInput label={t("admin.siteName")} required value={draft.name} onChange={set("name")} error={serverError(save.error, "name")} maxLength={120} />
        <TextInput label={t("admin.siteAddress")} value={draft.address} onChange={set("address")} error={serverError(save.error, "address")} maxLength={200} />
        <TextInput label={t("family.postcode")} value={draft.postcode} onChange={set("postcode")} error={serverError(save.error, "postcode")} maxLength={5} />
        <TextInput label={t("admin.siteCity")} value={draft.city} onChange={set("city")} error={serverError(save.error, "city")} maxLength={100} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
