import { Badge, Button, Card, Group, Select, Table, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { serverError } from "@/lib/forms";
import { sharedQueries } from "@/lib/api/queries";
import { adminKeys, adminQueries } from "../api/queries";
import { t } from "../fr";
import { EmptyState } from "@/components/EmptyState";
import { LoadingBlock } from "@/components/LoadingBlock";
import { ProblemAlert } from "@/components/ProblemAlert";

export function PartnershipsTab({ orgId }: { orgId: string }) {
  const client = useQueryClient();
  const [referrer, setReferrer] = useState<string | null>(null);
  const list = useQuery(adminQueries.partnerships(orgId));
  const referrers = useQuery(sharedQueries.directory("referrer"));
  const refresh = () => void client.invalidateQueries({ queryKey: adminKeys.partnerships(orgId) });
  const add = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/orgs/{org_id}/partnerships", { params: { path: { org_id: orgId } }, body: { referrer_id: referrer ?? "" } })),
    onSuccess: () => {
      setReferrer(null);
      refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: ({ id, version, active }: { id: string; version: number; active: boolean }) =>
      unwrap(api.PATCH("/api/v1/orgs/{org_id}/partnerships/{partnership_id}", { params: { path: { org_id: orgId, partnership_id: id }, header: { "If-Match": `"${version}"` } }, body: { active } })),
    onSettled: refresh,
  });
  if (list.isPending || referrers.isPending) return <LoadingBlock />;
  if (list.isError) return <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />;
  const taken = new Set(list.data.map((p) => p.referrer.id));
  const available = (referrers.data ?? []).filter((r) => !taken.has(r.id));

  return (
    <>
      <Card withBorder padding="lg" mb="lg">
        <Title order={2} size="h4" mb="sm">
          {t("admin.addPartner")}
        </Title>
        {add.error && <ProblemAlert error={add.error} />}
        <Group align="flex-end">
          <Select label={t("admin.partner")} value={referrer} onChange={setReferrer} data={available.map((r) => ({ value: r.id, label: r.name }))} error={serverError(add.error, "referrer_id")} w={320} />
          <Button onClick={() => add.mutate()} disabled={!referrer} loading={add.isPending}>
            {t("common.add")}
          </Button>
        </Group>
      </Card>
      {toggle.error && <ProblemAlert error={toggle.error} />}
      {list.data.length === 0 ? (
        <EmptyState message={t("admin.noPartnerships")} />
      ) : (
        <Table striped verticalSpacing="sm">
          <Table.Tbody>
            {list.data.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.referrer.name}</Table.Td>
                <Table.Td>
                  <Badge color={p.active ? "brand.8" : "gray.8"} tt="none">
                    {p.active ? t("admin.partnershipActive") : t("admin.partnershipSuspended")}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => toggle.mutate({ id: p.id, version: p.version, active: !p.active })}>
                    {p.active ? t("admin.suspend") : t("admin.resume")}
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
