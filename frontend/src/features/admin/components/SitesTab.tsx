import { Badge, Button, Card, Group, Table, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { blankToNull, serverError } from "@/lib/forms";
import { t } from "@/lib/i18n";
import { EmptyState } from "@/components/EmptyState";
import { LoadingBlock } from "@/components/LoadingBlock";
import { ProblemAlert } from "@/components/ProblemAlert";

export function SitesTab({ orgId }: { orgId: string }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState({ name: "", address: "", postcode: "", city: "" });
  const sites = useQuery({
    queryKey: ["sites", orgId],
    queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/sites", { params: { path: { org_id: orgId }, query: { include_archived: true } } })),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ["sites", orgId] });
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
                  <Button size="xs" variant="default" onClick={() => archive.mutate({ id: s.id, version: s.version, archived: !s.archived })}>
                    {s.archived ? t("admin.unarchiveSite") : t("admin.archiveSite")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
