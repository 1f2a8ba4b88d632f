import { Anchor, Button, Card, Container, Group, Select, Table, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { OrgKind, Role } from "@/lib/access";
import { sharedKeys, sharedQueries } from "@/lib/api/queries";
import { orgKindValues } from "@/lib/api/schema";
import { serverError } from "@/lib/forms";
import { label } from "@/lib/i18n";
import { t } from "../fr";
import { useMe } from "@/lib/useMe";
import { CopyLinkModal } from "@/components/CopyLinkModal";
import { LoadingBlock } from "@/components/LoadingBlock";
import { NotAvailable } from "@/components/Pages";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";

/** The superadmin's page: every organisation, and a new one with its first admin. */
export default function OrganisationsPage() {
  const me = useMe();
  const client = useQueryClient();
  const [draft, setDraft] = useState<{ kind: OrgKind; name: string; short_name: string; admin: string }>({ kind: "structure", name: "", short_name: "", admin: "" });
  const [link, setLink] = useState<{ url: string; emailed: boolean } | null>(null);
  const orgs = useQuery(sharedQueries.directory());
  const create = useMutation({
    mutationFn: async () => {
      const org = await unwrap(api.POST("/api/v1/organisations", { body: { kind: draft.kind, name: draft.name.trim(), short_name: draft.short_name.trim() } }));
      if (!draft.admin.trim()) return null;
      const role: Role = draft.kind === "network" ? "coordinator" : "admin";
      return unwrap(api.POST("/api/v1/orgs/{org_id}/invitations", { params: { path: { org_id: org.id } }, body: { email: draft.admin.trim(), role } }));
    },
    onSuccess: (invitation) => {
      if (invitation) setLink({ url: invitation.url, emailed: invitation.emailed });
      setDraft({ kind: "structure", name: "", short_name: "", admin: "" });
      void client.invalidateQueries({ queryKey: sharedKeys.directoryAll() });
    },
  });
  if (me.isPending || orgs.isPending) return <LoadingBlock />;
  if (!me.data?.is_superadmin) return <NotAvailable />;
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <Container size="lg" py="lg">
      <PageHeader title={t("admin.orgs")} />
      <Card withBorder padding="lg" mb="lg" component="form" onSubmit={submit} noValidate>
        <Title order={2} size="h4" mb="sm">
          {t("admin.newOrg")}
        </Title>
        {create.error && <ProblemAlert error={create.error} />}
        <Group align="flex-start" wrap="wrap">
          <Select label={t("admin.kind")} allowDeselect={false} value={draft.kind} onChange={(v) => setDraft({ ...draft, kind: orgKindValues.find((k) => k === v) ?? "structure" })} data={orgKindValues.map((k) => ({ value: k, label: label("kind", k) }))} w={180} />
          <TextInput label={t("admin.name")} required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} error={serverError(create.error, "name")} />
          <TextInput label={t("admin.shortName")} required value={draft.short_name} onChange={(e) => setDraft({ ...draft, short_name: e.currentTarget.value })} error={serverError(create.error, "short_name")} w={160} />
          <TextInput label={t("admin.firstAdmin")} type="email" value={draft.admin} onChange={(e) => setDraft({ ...draft, admin: e.currentTarget.value })} error={serverError(create.error, "email")} />
          <Button type="submit" mt={24} loading={create.isPending}>
            {t("common.create")}
          </Button>
        </Group>
      </Card>
      {orgs.isError ? (
        <ProblemAlert error={orgs.error} />
      ) : (
        <Table striped verticalSpacing="sm">
          <Table.Tbody>
            {orgs.data.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/orgs/${o.id}/admin`} c="brand.8">
                    {o.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{label("kind", o.kind)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CopyLinkModal title={t("admin.inviteTitle")} url={link?.url ?? null} emailed={link?.emailed ?? false} onClose={() => setLink(null)} />
    </Container>
  );
}
