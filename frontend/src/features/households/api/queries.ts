import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { sharedKeys } from "@/lib/api/queries";
import { openPdf, saveFile } from "@/lib/pdf";

export type Household = Schemas["HouseholdView"];
export type HouseholdSummary = Schemas["HouseholdSummary"];
export type HouseholdInput = Schemas["HouseholdInput"];

/** The query keys of households, from the widest to the narrowest (invalidate a prefix). */
export const householdKeys = {
  all: sharedKeys.households,
  lists: (orgId: string) => [...householdKeys.all(orgId), "list"] as const,
  list: (orgId: string, q: string, includeArchived: boolean) => [...householdKeys.lists(orgId), { q, includeArchived }] as const,
  detail: (orgId: string, id: string) => [...householdKeys.all(orgId), "detail", id] as const,
  eligibility: (orgId: string, id: string) => [...householdKeys.all(orgId), "eligibility", id] as const,
};

export const householdQueries = {
  list: (orgId: string, q: string, includeArchived: boolean) =>
    infiniteQueryOptions({
      queryKey: householdKeys.list(orgId, q, includeArchived),
      initialPageParam: undefined as string | undefined,
      queryFn: ({ pageParam }) =>
        unwrap(
          api.GET("/api/v1/orgs/{org_id}/households", {
            params: { path: { org_id: orgId }, query: { q: q || undefined, include_archived: includeArchived, cursor: pageParam, limit: 25 } },
          }),
        ),
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  detail: (orgId: string, id: string) =>
    queryOptions({
      queryKey: householdKeys.detail(orgId, id),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/households/{household_id}", { params: { path: { org_id: orgId, household_id: id } } })),
    }),
};

export function useHouseholds(orgId: string, q: string, includeArchived: boolean) {
  return useInfiniteQuery(householdQueries.list(orgId, q, includeArchived));
}

export function useHousehold(orgId: string, id: string | undefined) {
  return useQuery({ ...householdQueries.detail(orgId, id ?? ""), enabled: Boolean(id) });
}

/** Reads a household afresh (after an edit conflict), bypassing the cache. */
export function useFetchHousehold(orgId: string) {
  const client = useQueryClient();
  return (id: string) => client.fetchQuery({ ...householdQueries.detail(orgId, id), staleTime: 0 });
}

export function useSaveHousehold(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id?: string; version?: number; body: HouseholdInput }) =>
      id
        ? unwrap(
            api.PUT("/api/v1/orgs/{org_id}/households/{household_id}", {
              params: { path: { org_id: orgId, household_id: id }, header: { "If-Match": `"${version ?? 0}"` } },
              body,
            }),
          )
        : unwrap(api.POST("/api/v1/orgs/{org_id}/households", { params: { path: { org_id: orgId } }, body })),
    onSuccess: (saved) => {
      client.setQueryData(householdKeys.detail(orgId, saved.id), saved);
      void client.invalidateQueries({ queryKey: householdKeys.lists(orgId) });
    },
  });
}

/** Whether the household may receive a computer (the structure's policy), with the reasons. */
export function useEligibility(orgId: string, id: string) {
  return useQuery({
    queryKey: householdKeys.eligibility(orgId, id),
    queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/households/{household_id}/eligibility", { params: { path: { org_id: orgId, household_id: id } } })),
  });
}

/** The computers of a household: reserved for it, handed over to it (the workshop's). */
export function useHouseholdDevices(orgId: string, id: string) {
  return useQuery({
    queryKey: [...sharedKeys.workshop(orgId), "household", id],
    queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/households/{household_id}/devices", { params: { path: { org_id: orgId, household_id: id } } })),
  });
}

/** The workshop's machines ready to be given (the first 50). */
export function useReadyDevices(orgId: string) {
  return useQuery({
    queryKey: [...sharedKeys.workshop(orgId), "ready-for-households"],
    queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/devices", { params: { path: { org_id: orgId }, query: { state: "ready", limit: 50 } } })),
  });
}

/** A reserved machine whole (for its handover form). */
export function useReservedDevice(orgId: string, deviceId: string) {
  return useQuery({
    queryKey: [...sharedKeys.workshop(orgId), "device", deviceId],
    queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/devices/{device_id}", { params: { path: { org_id: orgId, device_id: deviceId } } })),
  });
}

function useRefreshComputer(orgId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: sharedKeys.workshop(orgId) });
    void client.invalidateQueries({ queryKey: householdKeys.all(orgId) });
    void client.invalidateQueries({ queryKey: sharedKeys.referrals(orgId) });
  };
}

export function useReserveFor(orgId: string, householdId: string) {
  const refresh = useRefreshComputer(orgId);
  return useMutation({
    mutationFn: (deviceId: string) =>
      unwrap(api.POST("/api/v1/orgs/{org_id}/devices/{device_id}/reservation", { params: { path: { org_id: orgId, device_id: deviceId } }, body: { household_id: householdId } })),
    onSuccess: refresh,
  });
}

export function useReleaseReservation(orgId: string) {
  const refresh = useRefreshComputer(orgId);
  return useMutation({
    mutationFn: (deviceId: string) => unwrap(api.DELETE("/api/v1/orgs/{org_id}/devices/{device_id}/reservation", { params: { path: { org_id: orgId, device_id: deviceId } } })),
    onSuccess: refresh,
  });
}

/** The handover, with a key made when the form opened: sending twice records one. */
export function useHandOver(orgId: string) {
  const refresh = useRefreshComputer(orgId);
  return useMutation({
    mutationFn: ({ deviceId, key, body }: { deviceId: string; key: string; body: Schemas["HandoverInput"] }) =>
      unwrap(api.POST("/api/v1/orgs/{org_id}/devices/{device_id}/handover", { params: { path: { org_id: orgId, device_id: deviceId }, header: { "Idempotency-Key": key } }, body })),
    onSuccess: refresh,
  });
}

/** The handover agreement to print and sign (PDF). */
export async function fetchAgreement(orgId: string, deviceId: string): Promise<Blob> {
  return (await unwrap(api.GET("/api/v1/orgs/{org_id}/devices/{device_id}/agreement.pdf", { params: { path: { org_id: orgId, device_id: deviceId } }, parseAs: "blob" }))) as Blob;
}

/** The right of access: everything held on the family, saved as a JSON file. */
export async function downloadPersonalData(orgId: string, householdId: string): Promise<void> {
  const data = await unwrap(
    api.GET("/api/v1/orgs/{org_id}/households/{household_id}/personal-data", { params: { path: { org_id: orgId, household_id: householdId } } }),
  );
  saveFile(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }), `donnees-personnelles-${householdId}.json`);
}

/** The same, as a readable PDF opened in a new tab. */
export async function openPersonalDataPdf(orgId: string, householdId: string): Promise<void> {
  const blob = await unwrap(
    api.GET("/api/v1/orgs/{org_id}/households/{household_id}/personal-data", {
      params: { path: { org_id: orgId, household_id: householdId }, query: { format: "pdf" } },
      parseAs: "blob",
    }),
  );
  openPdf(blob as unknown as Blob);
}

/** The right to erasure: the family anonymised now, with the reason of the request. */
export function useEraseHousehold(orgId: string, householdId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST("/api/v1/orgs/{org_id}/households/{household_id}/erasure", { params: { path: { org_id: orgId, household_id: householdId } }, body: { reason } })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: householdKeys.all(orgId) });
      void client.invalidateQueries({ queryKey: sharedKeys.referrals(orgId) });
    },
  });
}
