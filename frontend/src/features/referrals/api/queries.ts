import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";

export type ReferralSummary = Schemas["ReferralSummary"];
export type ReferralDetail = Schemas["ReferralDetail"];
export type ReferralStatus = Schemas["ReferralStatus"];
export type CreateReferral = Schemas["CreateReferral"];

export type ReferralFilters = { status?: ReferralStatus; source?: Schemas["ReferralSource"]; q?: string };

export function useReferrals(orgId: string, filters: ReferralFilters) {
  return useInfiniteQuery({
    queryKey: ["referrals", orgId, filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/orgs/{org_id}/referrals", {
          params: { path: { org_id: orgId }, query: { ...filters, q: filters.q || undefined, cursor: pageParam, limit: 25 } },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export function useCounters(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: ["referrals", orgId, "counters"],
    queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/referrals/counters", { params: { path: { org_id: orgId } } })),
    enabled,
  });
}

export function useReferral(orgId: string, referralId: string) {
  return useQuery({
    queryKey: ["referral", orgId, referralId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/orgs/{org_id}/referrals/{referral_id}", { params: { path: { org_id: orgId, referral_id: referralId } } })),
  });
}

export function usePartnerships(orgId: string) {
  return useQuery({
    queryKey: ["partnerships", orgId],
    queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/partnerships", { params: { path: { org_id: orgId } } })),
  });
}

export function useConsentText() {
  return useQuery({ queryKey: ["consent-text"], queryFn: () => unwrap(api.GET("/api/v1/consent-text")), staleTime: Infinity });
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
    onSuccess: () => void client.invalidateQueries({ queryKey: ["referrals", orgId] }),
  });
}

export type Action = "accept" | "decline" | "waitlist" | "enrol" | "complete" | "drop-out" | "progress";

/** One change of a referral (the body is the action's own). */
export function useReferralAction(orgId: string, referralId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, body }: { action: Action; body: Record<string, unknown> }) => {
      const path = { org_id: orgId, referral_id: referralId };
      const options = { params: { path }, body: body as never };
      switch (action) {
        case "accept":
          return unwrap(api.POST("/api/v1/orgs/{org_id}/referrals/{referral_id}/accept", options));
        case "decline":
          return unwrap(api.POST("/api/v1/orgs/{org_id}/referrals/{referral_id}/decline", options));
        case "waitlist":
          return unwrap(api.POST("/api/v1/orgs/{org_id}/referrals/{referral_id}/waitlist", options));
        case "enrol":
          return unwrap(api.POST("/api/v1/orgs/{org_id}/referrals/{referral_id}/enrol", options));
        case "complete":
          return unwrap(api.POST("/api/v1/orgs/{org_id}/referrals/{referral_id}/complete", options));
        case "drop-out":
          return unwrap(api.POST("/api/v1/orgs/{org_id}/referrals/{referral_id}/drop-out", options));
        case "progress":
          return unwrap(api.POST("/api/v1/orgs/{org_id}/referrals/{referral_id}/progress", options));
      }
    },
    onSuccess: (detail) => {
      client.setQueryData(["referral", orgId, referralId], detail);
      void client.invalidateQueries({ queryKey: ["referrals", orgId] });
    },
  });
}
