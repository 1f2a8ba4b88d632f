import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { sharedKeys } from "@/lib/api/queries";
import { openPdf } from "@/lib/pdf";

export type DeviceDetail = Schemas["DeviceDetail"];
export type DeviceSummary = Schemas["DeviceSummary"];
export type DeviceState = Schemas["DeviceState"];
export type DeviceKind = Schemas["DeviceKind"];
export type DonorView = Schemas["DonorView"];
export type DonationView = Schemas["DonationView"];

export const workshopKeys = {
  all: sharedKeys.workshop,
  board: (orgId: string) => [...workshopKeys.all(orgId), "board"] as const,
  list: (orgId: string, filter: DeviceFilter) => [...workshopKeys.all(orgId), "list", filter] as const,
  device: (orgId: string, id: string) => [...workshopKeys.all(orgId), "device", id] as const,
  donors: (orgId: string) => [...workshopKeys.all(orgId), "donors"] as const,
  donations: (orgId: string, donorId: string | null) => [...workshopKeys.all(orgId), "donations", donorId] as const,
  report: (orgId: string, donorId: string) => [...workshopKeys.all(orgId), "report", donorId] as const,
};

export type DeviceFilter = { state: DeviceState | null; kind: DeviceKind | null; donationId: string | null; siteId: string | null };

const org = (orgId: string) => ({ path: { org_id: orgId } });
const device = (orgId: string, id: string) => ({ path: { org_id: orgId, device_id: id } });

export const workshopQueries = {
  board: (orgId: string) =>
    queryOptions({ queryKey: workshopKeys.board(orgId), queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/workshop/board", { params: org(orgId) })) }),
  list: (orgId: string, filter: DeviceFilter) =>
    infiniteQueryOptions({
      queryKey: workshopKeys.list(orgId, filter),
      initialPageParam: undefined as string | undefined,
      queryFn: ({ pageParam }) =>
        unwrap(
          api.GET("/api/v1/orgs/{org_id}/devices", {
            params: {
              path: { org_id: orgId },
              query: {
                state: filter.state ?? undefined,
                kind: filter.kind ?? undefined,
                donation_id: filter.donationId ?? undefined,
                site_id: filter.siteId ?? undefined,
                after: pageParam,
                limit: 50,
              },
            },
          }),
        ),
      getNextPageParam: (page) => page.next_after ?? undefined,
    }),
  device: (orgId: string, id: string) =>
    queryOptions({
      queryKey: workshopKeys.device(orgId, id),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/devices/{device_id}", { params: device(orgId, id) })),
    }),
  donors: (orgId: string) =>
    queryOptions({ queryKey: workshopKeys.donors(orgId), queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/donors", { params: org(orgId) })) }),
  donations: (orgId: string, donorId: string | null) =>
    queryOptions({
      queryKey: workshopKeys.donations(orgId, donorId),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/donations", { params: { path: { org_id: orgId }, query: { donor_id: donorId ?? undefined } } })),
    }),
  report: (orgId: string, donorId: string) =>
    queryOptions({
      queryKey: workshopKeys.report(orgId, donorId),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/donors/{donor_id}/report", { params: { path: { org_id: orgId, donor_id: donorId } } })),
    }),
  sites: (orgId: string) =>
    queryOptions({ queryKey: ["sites", orgId], queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/sites", { params: { path: { org_id: orgId } } })), staleTime: 60_000 }),
};

/** Invalidates the workshop (and households and referrals a handover touches) after a change. */
function useRefresh(orgId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: workshopKeys.all(orgId) });
    void client.invalidateQueries({ queryKey: sharedKeys.households(orgId) });
    void client.invalidateQueries({ queryKey: sharedKeys.referrals(orgId) });
  };
}

/** A mutation whose answer is the device whole: it replaces the cached one at once. */
function useDeviceStep<T>(orgId: string, id: string, run: (body: T) => Promise<DeviceDetail>) {
  const client = useQueryClient();
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: run,
    onSuccess: (detail) => {
      client.setQueryData(workshopKeys.device(orgId, id), detail);
      refresh();
    },
  });
}

export function useDiagnose(orgId: string, id: string) {
  return useDeviceStep(orgId, id, ({ version, body }: { version: number; body: Schemas["DiagnosisInput"] }) =>
    unwrap(api.PUT("/api/v1/orgs/{org_id}/devices/{device_id}/diagnosis", { params: { ...device(orgId, id), header: { "If-Match": `"${version}"` } }, body })),
  );
}

export function useRecordErasure(orgId: string, id: string) {
  return useDeviceStep(orgId, id, (body: Schemas["ErasureInput"]) => unwrap(api.POST("/api/v1/orgs/{org_id}/devices/{device_id}/erasures", { params: device(orgId, id), body })));
}

export function useDeclareErased(orgId: string, id: string) {
  return useDeviceStep(orgId, id, () => unwrap(api.POST("/api/v1/orgs/{org_id}/devices/{device_id}/erased", { params: device(orgId, id) })));
}

export function useInstallOs(orgId: string, id: string) {
  return useDeviceStep(orgId, id, (body: Schemas["OsInput"]) => unwrap(api.POST("/api/v1/orgs/{org_id}/devices/{device_id}/os-install", { params: device(orgId, id), body })));
}

export function useQualityCheck(orgId: string, id: string) {
  return useDeviceStep(orgId, id, (body: Schemas["QualityInput"]) => unwrap(api.POST("/api/v1/orgs/{org_id}/devices/{device_id}/quality-check", { params: device(orgId, id), body })));
}

export function useScrap(orgId: string, id: string) {
  return useDeviceStep(orgId, id, (body: Schemas["ScrapInput"]) => unwrap(api.POST("/api/v1/orgs/{org_id}/devices/{device_id}/scrap", { params: device(orgId, id), body })));
}

export function useReserve(orgId: string, id: string) {
  return useDeviceStep(orgId, id, (body: Schemas["ReserveInput"]) => unwrap(api.POST("/api/v1/orgs/{org_id}/devices/{device_id}/reservation", { params: device(orgId, id), body })));
}

export function useRelease(orgId: string, id: string) {
  return useDeviceStep(orgId, id, () => unwrap(api.DELETE("/api/v1/orgs/{org_id}/devices/{device_id}/reservation", { params: device(orgId, id) })));
}

export function useTakeBack(orgId: string, id: string) {
  return useDeviceStep(orgId, id, (body: Schemas["ReturnInput"]) => unwrap(api.POST("/api/v1/orgs/{org_id}/devices/{device_id}/return", { params: device(orgId, id), body })));
}

export function useCreateDevice(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({ mutationFn: (body: Schemas["DeviceInput"]) => unwrap(api.POST("/api/v1/orgs/{org_id}/devices", { params: org(orgId), body })), onSuccess: refresh });
}

export function useCreateDonor(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({ mutationFn: (body: Schemas["DonorInput"]) => unwrap(api.POST("/api/v1/orgs/{org_id}/donors", { params: org(orgId), body })), onSuccess: refresh });
}

export function useCreateDonation(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({ mutationFn: (body: Schemas["DonationInput"]) => unwrap(api.POST("/api/v1/orgs/{org_id}/donations", { params: org(orgId), body })), onSuccess: refresh });
}

/** The printable documents. */
export const documents = {
  certificate: async (orgId: string, id: string) =>
    openPdf((await unwrap(api.GET("/api/v1/orgs/{org_id}/devices/{device_id}/certificate.pdf", { params: device(orgId, id), parseAs: "blob" }))) as Blob),
  label: async (orgId: string, id: string) =>
    openPdf((await unwrap(api.GET("/api/v1/orgs/{org_id}/device-labels.pdf", { params: { path: { org_id: orgId }, query: { device_id: id } }, parseAs: "blob" }))) as Blob),
  labels: async (orgId: string, donationId: string) =>
    openPdf((await unwrap(api.GET("/api/v1/orgs/{org_id}/device-labels.pdf", { params: { path: { org_id: orgId }, query: { donation_id: donationId } }, parseAs: "blob" }))) as Blob),
  receipt: async (orgId: string, donationId: string) =>
    openPdf((await unwrap(api.GET("/api/v1/orgs/{org_id}/donations/{donation_id}/receipt.pdf", { params: { path: { org_id: orgId, donation_id: donationId } }, parseAs: "blob" }))) as Blob),
  report: async (orgId: string, donorId: string) =>
    openPdf((await unwrap(api.GET("/api/v1/orgs/{org_id}/donors/{donor_id}/report.pdf", { params: { path: { org_id: orgId, donor_id: donorId } }, parseAs: "blob" }))) as Blob),
};

/** The public check of a certificate (no session). */
export async function verifyCertificate(code: string) {
  return unwrap(api.GET("/api/v1/verify/{code}", { params: { path: { code } } }));
}
