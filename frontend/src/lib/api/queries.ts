// Queries every part of the application shares: the signed-in person and the directory of
// organisations. Each feature keeps its own in `src/features/<feature>/api/queries.ts`.
import { queryOptions } from "@tanstack/react-query";
import { api, type Schemas } from "./client";
import { unwrap } from "./errors";

export const sharedKeys = {
  me: () => ["me"] as const,
  // The roots of the features' keys that other parts invalidate or read (a referral's
  // change touches households and notifications; the home page shows counts).
  referrals: (orgId: string) => ["referrals", orgId] as const,
  households: (orgId: string) => ["households", orgId] as const,
  notifications: (orgId: string) => ["notifications", orgId] as const,
  cycles: (orgId: string) => ["cycles", orgId] as const,
  workshop: (orgId: string) => ["workshop", orgId] as const,
  training: (orgId: string) => ["training", orgId] as const,
  referralCounters: (orgId: string) => [...sharedKeys.referrals(orgId), "counters"] as const,
  unreadNotifications: (orgId: string) => [...sharedKeys.notifications(orgId), "unread"] as const,
  directory: (kind?: Schemas["OrgKind"]) => ["organisations", kind ?? "all"] as const,
  directoryAll: () => ["organisations"] as const,
  texts: (orgId: string) => ["texts", orgId] as const,
};

export const sharedQueries = {
  me: () => queryOptions({ queryKey: sharedKeys.me(), queryFn: () => unwrap(api.GET("/api/v1/me")), staleTime: 60_000 }),
  /** The inbox counters (structures' staff and admins). */
  referralCounters: (orgId: string) =>
    queryOptions({
      queryKey: sharedKeys.referralCounters(orgId),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/referrals/counters", { params: { path: { org_id: orgId } } })),
    }),
  /** The unread count for the bell (one item fetched: the count comes with the page). */
  unreadNotifications: (orgId: string) =>
    queryOptions({
      queryKey: sharedKeys.unreadNotifications(orgId),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/notifications", { params: { path: { org_id: orgId }, query: { limit: 1 } } })),
      refetchInterval: 60_000,
    }),
  /** The structure's texts with their current versions (the administration edits them; the
   * handover records its agreement's). */
  texts: (orgId: string) =>
    queryOptions({
      queryKey: sharedKeys.texts(orgId),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/texts", { params: { path: { org_id: orgId } } })),
    }),
  directory: (kind?: Schemas["OrgKind"]) =>
    queryOptions({
      queryKey: sharedKeys.directory(kind),
      queryFn: () => unwrap(api.GET("/api/v1/organisations", { params: { query: { kind } } })),
      staleTime: 60_000,
    }),
};
