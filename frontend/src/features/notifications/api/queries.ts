import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";

/** The query keys of an organisation's notifications (invalidate `all` after a change). */
export const notificationKeys = {
  all: (orgId: string) => ["notifications", orgId] as const,
  list: (orgId: string, unreadOnly: boolean) => [...notificationKeys.all(orgId), "list", { unreadOnly }] as const,
  unread: (orgId: string) => [...notificationKeys.all(orgId), "unread"] as const,
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
  /** The unread count for the bell (one item fetched: the count comes with the page). */
  unread: (orgId: string) =>
    queryOptions({
      queryKey: notificationKeys.unread(orgId),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/notifications", { params: { path: { org_id: orgId }, query: { limit: 1 } } })),
      refetchInterval: 60_000,
    }),
};
