import { infiniteQueryOptions } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { sharedKeys, sharedQueries } from "@/lib/api/queries";

/** The query keys of an organisation's notifications (invalidate `all` after a change). */
export const notificationKeys = {
  all: sharedKeys.notifications,
  list: (orgId: string, unreadOnly: boolean) => [...notificationKeys.all(orgId), "list", { unreadOnly }] as const,
  unread: sharedKeys.unreadNotifications,
};

export const notificationQueries = {
  list: (orgId: string, unreadOnly: boolean) =>
    infiniteQueryOptions({
      queryKey: notificationKeys.list(orgId, unreadOnly),
      initialPageParam: undefined as string | undefined,
      queryFn: ({ pageParam }) =>
        unwrap(api.GET("/api/v1/orgs/{org_id}/notifications", { params: { path: { org_id: orgId }, query: { unread_only: unreadOnly, cursor: pageParam } } })),
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  unread: sharedQueries.unreadNotifications,
};
