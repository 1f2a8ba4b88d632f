import { Anchor, Button, Card, Checkbox, Group, Stack, Text } from "@mantine/core";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { api, type Schemas } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { formatDateTime, label } from "@/lib/i18n";
import { notificationKeys, notificationQueries } from "../api/queries";
import { t, type Key } from "../fr";
import { useCurrentOrg } from "@/lib/useMe";
import { EmptyState } from "@/components/EmptyState";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";

type Notification = Schemas["NotificationView"];

const STATUS_TEXT: Partial<Record<Notification["status"], Key>> = {
  accepted: "notifications.accepted",
  declined: "notifications.declined",
  waitlisted: "notifications.waitlisted",
  enrolled: "notifications.enrolled",
  completed: "notifications.completed",
  dropped_out: "notifications.dropped_out",
  expired: "notifications.expired",
};

/** "Samira Haddad — orientation acceptée par la Maison de quartier Sabatier" */
function describe(n: Notification): string {
  const values = { family: n.family_name, structure: n.structure_name, referrer: n.referrer_name ?? label("source", "structure"), status: label("status", n.status) };
  switch (n.kind) {
    case "referral_received":
      return t("notifications.received", values);
    case "referral_reminder":
      return t("notifications.reminder", values);
    case "referral_progress":
      return t("notifications.progress", values);
    default:
      return t(STATUS_TEXT[n.status] ?? "notifications.other", values);
  }
}

export default function NotificationsPage() {
  const org = useCurrentOrg();
  const orgId = org?.id ?? "";
  const client = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useInfiniteQuery({ ...notificationQueries.list(orgId, unreadOnly), enabled: Boolean(org) });
  const refresh = () => void client.invalidateQueries({ queryKey: notificationKeys.all(orgId) });
  const markOne = useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/v1/orgs/{org_id}/notifications/{notification_id}/read", { params: { path: { org_id: orgId, notification_id: id } } })),
    onSuccess: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/orgs/{org_id}/notifications/read-all", { params: { path: { org_id: orgId } } })),
    onSuccess: refresh,
  });
  if (!org) return <LoadingBlock />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  // A referrer opens the referral under its own organisation; the structure under its own.
  const referralLink = (referralId: string) => `/orgs/${org.id}/referrals/${referralId}`;

  return (
    <>
      <PageHeader title={t("notifications.title")}>
        <Button variant="default" onClick={() => markAll.mutate()} loading={markAll.isPending}>
          {t("notifications.markAll")}
        </Button>
      </PageHeader>
      <Checkbox mb="md" label={t("notifications.unreadOnly")} checked={unreadOnly} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} />
      {list.isPending ? (
        <LoadingBlock />
      ) : list.isError ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState message={t("notifications.empty")} />
      ) : (
        <Stack>
          {items.map((n) => (
            <Card key={n.id} withBorder padding="md" bg={n.read_at ? undefined : "blue.0"}>
              <Group justify="space-between" wrap="wrap">
                <div>
                  <Text fw={n.read_at ? 400 : 700}>{describe(n)}</Text>
                  <Text size="sm" c="gray.7">
                    {formatDateTime(n.created_at)}
                  </Text>
                </div>
                <Anchor component={Link} to={referralLink(n.referral_id)} c="brand.8" onClick={() => !n.read_at && markOne.mutate(n.id)}>
                  {t("notifications.open")}
                </Anchor>
              </Group>
            </Card>
          ))}
          {list.hasNextPage && (
            <Button variant="default" onClick={() => void list.fetchNextPage()}>
              {t("common.loadMore")}
            </Button>
          )}
        </Stack>
      )}
    </>
  );
}
