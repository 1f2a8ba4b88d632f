import { Badge, Button, Card, Group, Select, Table, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { OrgKind, Role } from "@/lib/access";
import { serverError } from "@/lib/forms";
import { formatDate, label } from "@/lib/i18n";
import { t } from "../fr";
import { ConfirmButton } from "@/components/ConfirmButton";
import { CopyLinkModal } from "@/components/CopyLinkModal";
import { EmptyState } from "@/components/EmptyState";
import { LoadingBlock } from "@/components/LoadingBlock";
import { ProblemAlert } from "@/components/ProblemAlert";
import { adminKeys, adminQueries } from "../api/queries";
import { rolesOf } from "../api/roles";

export function InvitationsTab({ orgId, kind }: { orgId: string; kind: OrgKind }) {
  const client = useQueryClient();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role | null>(rolesOf(kind)[1] ?? rolesOf(kind)[0] ?? null);
  const [link, setLink] = useState<{ url: string; emailed: boolean } | null>(null);
  const list = useQuery(adminQueries.invitations(orgId));
  const invite = useMutation({
    mutationFn: (role: Role) => unwrap(api.POST("/api/v1/orgs/{org_id}/invitations", { params: { path: { org_id: orgId } }, body: { email: email.trim(), role } })),
    onSuccess: (created) => {
      setLink({ url: created.url, emailed: created.emailed });
      setEmail("");
      void client.invalidateQueries({ queryKey: adminKeys.invitations(orgId) });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/api/v1/orgs/{org_id}/invitations/{invitation_id}", { params: { path: { org_id: orgId, invitation_id: id } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: adminKeys.invitations(orgId) }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (role) invite.mutate(role);
  }

  return (
    <>
      <Card withBorder padding="lg" mb="lg" component="form" onSubmit={submit} noValidate>
        <Title order={2} size="h4" mb="sm">
          {t("admin.invite")}
        </Title>
        {invite.error && <ProblemAlert error={invite.error} />}
        <Group align="flex-start" wrap="wrap">
          <TextInput label={t("admin.email")} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={serverError(invite.error, "email")} w={300} />
          <Select label={t("admin.role")} required allowDeselect={false} value={role} onChange={(v) => setRole(rolesOf(kind).find((r) => r === v) ?? null)} data={rolesOf(kind).map((r) => ({ value: r, label: label("role", r) }))} error={serverError(invite.error, "role")} w={220} />
          <Button type="submit" mt={24} loading={invite.isPending}>
            {t("admin.invite")}
          </Button>
        </Group>
      </Card>
      {list.isPending ? (
        <LoadingBlock />
      ) : list.isError ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState message={t("admin.noInvitations")} />
      ) : (
        <Table striped verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("admin.email")}</Table.Th>
              <Table.Th>{t("admin.role")}</Table.Th>
              <Table.Th>{t("admin.invitationStatus")}</Table.Th>
              <Table.Th>{t("common.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{i.email}</Table.Td>
                <Table.Td>{label("role", i.role)}</Table.Td>
                <Table.Td>
                  <Badge variant="outline" color="gray.8" tt="none">
                    {label("invitationStatus", i.status)}
                  </Badge>
                  {` ${formatDate(i.created_at)}`}
                </Table.Td>
                <Table.Td>
                  {i.status === "pending" && (
                    <ConfirmButton size="xs" variant="default" question={t("admin.revoke")} onConfirm={() => revoke.mutateAsync(i.id).catch(() => undefined)}>
                      {t("admin.revoke")}
                    </ConfirmButton>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CopyLinkModal title={t("admin.inviteTitle")} url={link?.url ?? null} emailed={link?.emailed ?? false} onClose={() => setLink(null)} />
    </>
  );
}
