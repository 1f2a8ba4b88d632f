import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { sharedKeys, sharedQueries } from "@/lib/api/queries";

export type ReferralSummary = Schemas["ReferralSummary"];
export type ReferralDetail = Schemas["ReferralDetail"];
export type ReferralStatus = Schemas["ReferralStatus"];
export type DuplicateHousehold = Schemas["DuplicateHousehold"];
export type DuplicateMatch = Schemas["DuplicateMatch"];
export type CreateReferral = Schemas["CreateReferral"];

export type ReferralFilters = { status?: ReferralStatus; source?: Schemas["ReferralSource"]; q?: string };

/** The query keys of referrals, from the widest to the narrowest (invalidate a prefix). */
export const referralKeys = {
  all: sharedKeys.referrals,
  lists: (orgId: string) => [...referralKeys.all(orgId), "list"] as const,
  list: (orgId: string, filters: ReferralFilters) => [...referralKeys.lists(orgId), filters] as const,
  counters: sharedKeys.referralCounters,
  detail: (orgId: string, id: string) => [...referralKeys.all(orgId), "detail", id] as const,
  partnerships: (orgId: string) => ["partnerships", orgId] as const,
  consentText: () => ["consent-text"] as const,
};

export const referralQueries = {
  list: (orgId: string, filters: ReferralFilters) =>
    infiniteQueryOptions({
      queryKey: referralKeys.list(orgId, filters),
      initialPageParam: undefined as string | undefined,
      queryFn: ({ pageParam }) =>
        unwrap(
          api.GET("/api/v1/orgs/{org_id}/referrals", {
            params: { path: { org_id: orgId }, query: { ...filters, q: filters.q || undefined, cursor: pageParam, limit: 25 } },
          }),
        ),
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  counters: sharedQueries.referralCounters,
  detail: (orgId: string, id: string) =>
    queryOptions({
      queryKey: referralKeys.detail(orgId, id),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/referrals/{referral_id}", { params: { path: { org_id: orgId, referral_id: id } } })),
    }),
  partnerships: (orgId: string) =>
    queryOptions({
      queryKey: referralKeys.partnerships(orgId),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/partnerships", { params: { path: { org_id: orgId } } })),
    }),
};

export function useReferrals(orgId: string, filters: ReferralFilters) {
  return useInfiniteQuery(referralQueries.list(orgId, filters));
}

export function useCounters(orgId: string, enabled: boolean) {
  return useQuery({ ...referralQueries.counters(orgId), enabled });
}

export function useReferral(orgId: string, referralId: string) {
  return useQuery(referralQueries.detail(orgId, referralId));
}

export function usePartnerships(orgId: string) {
  return useQuery(referralQueries.partnerships(orgId));
}

/** The consent text to show: the chosen structure's own when it published one, else the
 * platform's (kept on screen while the next one loads). */
export function useConsentText(orgId: string, structureId: string | null) {
  return useQuery({
    queryKey: [...referralKeys.consentText(), structureId ?? "platform"],
    queryFn: () =>
      structureId
        ? unwrap(api.GET("/api/v1/orgs/{org_id}/partners/{structure_id}/consent-text", { params: { path: { org_id: orgId, structure_id: structureId } } }))
        : unwrap(api.GET("/api/v1/consent-text")),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useSendReferral(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: CreateReferral; key: string }) =>
      unwrap(
        api.POST("/api/v1/orgs/{org_id}/referrals", {
          params: { path: { org_id: orgId }, header: { "Idempotency-Key": key } },
          body,
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: referralKeys.all(orgId) }),
  });
}

/** One change of a referral, each with its own body type. */
export type ReferralChange =
  | { action: "accept"; body: Schemas["AcceptReferral"] }
  | { action: "decline"; body: Schemas["DeclineReferral"] }
  | { action: "waitlist"; body: Schemas["NoteOnly"] }
  | { action: "drop-out"; body: Schemas["NoteOnly"] };

export type Action = ReferralChange["action"];

function send(orgId: string, referralId: string, change: ReferralChange) {
  const params = { path: { org_id: orgId, referral_id: referralId } };
  switch (change.action) {
    case "accept":
      return unwrap(api.POST("/api/v1/orgs/{org_id}/referrals/{referral_id}/accept", { params, body: change.body }));
    case "decline":
      return unwrap(api.POST("/api/v1/orgs/{org_id}/referrals/{referral_id}/decline", { params, body: change.body }));
    case "waitlist":
      return unwrap(api.POST("/api/v1/orgs/{org_id}/referrals/{referral_id}/waitlist", { params, body: change.body }));
    case "drop-out":
      return unwrap(api.POST("/api/v1/orgs/{org_id}/referrals/{referral_id}/drop-out", { params, body: change.body }));
  }
}

export function useReferralAction(orgId: string, referralId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: ReferralChange) => send(orgId, referralId, change),
    onSuccess: (detail) => {
      client.setQueryData(referralKeys.detail(orgId, referralId), detail);
      void client.invalidateQueries({ queryKey: referralKeys.lists(orgId) });
      void client.invalidateQueries({ queryKey: referralKeys.counters(orgId) });
      // Accepting files the family in a household; every change may notify.
      void client.invalidateQueries({ queryKey: sharedKeys.households(orgId) });
      void client.invalidateQueries({ queryKey: sharedKeys.notifications(orgId) });
    },
  });
}

/** The cycles a family can still join (planned or running), for enrolling from a referral. */
export function useOpenCycles(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...sharedKeys.cycles(orgId), "open"],
    enabled,
    queryFn: async () => {
      const [planned, running] = await Promise.all(
        (["planned", "running"] as const).map((state) =>
          unwrap(api.GET("/api/v1/orgs/{org_id}/cycles", { params: { path: { org_id: orgId }, query: { state, limit: 100 } } })),
        ),
      );
      return [...(running?.items ?? []), ...(planned?.items ?? [])];
    },
  });
}

/** Enrols the family of an accepted referral in a cycle (the referral then follows it). */
export function useEnrolReferral(orgId: string, referralId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (cycleId: string) =>
      unwrap(
        api.POST("/api/v1/orgs/{org_id}/cycles/{cycle_id}/enrolments", {
          params: { path: { org_id: orgId, cycle_id: cycleId } },
          body: { referral_id: referralId },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: referralKeys.all(orgId) });
      void client.invalidateQueries({ queryKey: sharedKeys.cycles(orgId) });
      void client.invalidateQueries({ queryKey: sharedKeys.notifications(orgId) });
    },
  });
}
