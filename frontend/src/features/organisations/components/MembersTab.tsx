import { Badge, Button, Group, Select, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, type Schemas } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { OrgKind } from "@/lib/access";
import { label } from "@/lib/i18n";
import { t } from "../fr";
import { ConfirmButton } from "@/components/ConfirmButton";
import { CopyLinkModal } from "@/components/CopyLinkModal";
import { LoadingBlock } from "@/components/LoadingBlock";
import { ProblemAlert } from "@/components/ProblemAlert";
import { adminKeys, adminQueries } from "../api/queries";
import { rolesOf } from "../api/roles";

export function MembersTab({ orgId, kind }: { orgId: string; kind: OrgKind }) {
  const client = useQueryClient();
  const [link, setLink] = useState<{ url: string; emailed: boolean } | null>(null);
  const members = useQuery(adminQueries.members(orgId));
  const update = useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: Schemas["UpdateMember"] }) =>
      unwrap(api.PATCH("/api/v1/orgs/{org_id}/members/{user_id}", { params: { path: { org_id: orgId, user_id: userId } }, body })),
    onSuccess: () => {
      notifications.show({ message: t("common.saved"), color: "brand" });
      void client.invalidateQueries({ queryKey: adminKeys.members(orgId) });
    },
  });
  const remove = useMutation({
    mutationFn: (userId: string) => unwrap(api.DELETE("/api/v1/orgs/{org_id}/members/{user_id}", { params: { path: { org_id: orgId, user_id: userId } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: adminKeys.members(orgId) }),
  });
  const reset = useMutation({
    mutationFn: (userId: string) => unwrap(api.POST("/api/v1/orgs/{org_id}/members/{user_id}/password-reset", { params: { path: { org_id: orgId, user_id: userId } } })),
    onSuccess: (created) => setLink({ url: created.url, emailed: created.emailed }),
  });

  if (members.isPending) return <LoadingBlock />;
  if (members.isError) return <ProblemAlert error={members.error} onRetry={() => void members.refetch()} />;
  const error = update.error ?? remove.error ?? reset.error;
  return (
    <>
      {error && <ProblemAlert error={error} />}
      <Table.ScrollContainer minWidth={720}>
        <Table striped verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("admin.name")}</Table.Th>
              <Table.Th>{t("admin.email")}</Table.Th>
              <Table.Th>{t("admin.role")}</Table.Th>
              <Table.Th>{t("admin.state")}</Table.Th>
              <Table.Th>{t("common.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data.map((m) => (
              <Table.Tr key={m.user_id}>
                <Table.Td>{m.name}</Table.Td>
                <Table.Td>{m.email}</Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`${t("admin.role")} — ${m.name}`}
                    size="xs"
                    w={190}
                    allowDeselect={false}
                    value={m.role}
                    data={rolesOf(kind).map((r) => ({ value: r, label: label("role", r) }))}
                    onChange={(role) => role && role !== m.role && update.mutate({ userId: m.user_id, body: { role } })}
                  />
                </Table.Td>
                <Table.Td>
                  <Badge color={m.active ? "brand.8" : "gray.8"} tt="none">
                    {m.active ? t("admin.active") : t("admin.inactive")}
                  </Badge>
                  {!m.has_password && (
                    <Text size="xs" c="gray.7">
                      {t("admin.noPassword")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => reset.mutate(m.user_id)}>
                      {t("admin.resetLink")}
                    </Button>
                    {m.active ? (
                      <ConfirmButton size="xs" variant="default" question={t("admin.confirmDeactivate", { name: m.name })} onConfirm={() => update.mutateAsync({ userId: m.user_id, body: { active: false } }).catch(() => undefined)}>
                        {t("admin.deactivate")}
                      </ConfirmButton>
                    ) : (
                      <Button size="xs" variant="default" onClick={() => update.mutate({ userId: m.user_id, body: { active: true } })}>
                        {t("admin.reactivate")}
                      </Button>
                    )}
                    <ConfirmButton size="xs" variant="default" color="red.9" question={t("admin.confirmRemove", { name: m.name })} onConfirm={() => remove.mutateAsync(m.user_id).catch(() => undefined)}>
                      {t("admin.removeMember")}
                    </ConfirmButton>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <CopyLinkModal title={t("admin.resetLinkTitle")} url={link?.url ?? null} emailed={link?.emailed ?? false} onClose={() => setLink(null)} />
    </>
  );
}
