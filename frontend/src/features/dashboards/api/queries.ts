import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { openPdf, saveFile } from "@/lib/pdf";

export type StructureDashboard = Schemas["StructureDashboard"];
export type StructureFigures = Schemas["StructureFigures"];
export type NetworkDashboard = Schemas["NetworkDashboard"];
export type NetworkFigure = Schemas["NetworkFigure"];
export type ReferrerDashboard = Schemas["ReferrerDashboard"];
export type FunderTexts = Schemas["FunderReportTexts"];
export type ExportFormat = "csv" | "xlsx";

/** The structure's filters: whole months (`AAAA-MM`) and maybe a site. */
export type Filters = { from: string; to: string; siteId: string | null };

export const dashboardKeys = {
  all: (orgId: string) => ["dashboards", orgId] as const,
  structure: (orgId: string, f: Filters) => [...dashboardKeys.all(orgId), "structure", f] as const,
  referrer: (orgId: string, from: string, to: string) => [...dashboardKeys.all(orgId), "referrer", from, to] as const,
  network: (orgId: string, year: number) => [...dashboardKeys.all(orgId), "network", year] as const,
  funder: (orgId: string, year: number) => [...dashboardKeys.all(orgId), "funder", year] as const,
};

const structureQuery = (f: Filters) => ({ from: f.from, to: f.to, ...(f.siteId ? { site_id: f.siteId } : {}) });

export const dashboardQueries = {
  structure: (orgId: string, f: Filters) =>
    queryOptions({
      queryKey: dashboardKeys.structure(orgId, f),
      queryFn: async () =>
        (await unwrap(api.GET("/api/v1/orgs/{org_id}/dashboard", { params: { path: { org_id: orgId }, query: structureQuery(f) } }))) as StructureDashboard,
    }),
  referrer: (orgId: string, from: string, to: string) =>
    queryOptions({
      queryKey: dashboardKeys.referrer(orgId, from, to),
      queryFn: async () =>
        (await unwrap(api.GET("/api/v1/orgs/{org_id}/referrer-dashboard", { params: { path: { org_id: orgId }, query: { from, to } } }))) as ReferrerDashboard,
    }),
  network: (orgId: string, year: number) =>
    queryOptions({
      queryKey: dashboardKeys.network(orgId, year),
      queryFn: async () =>
        (await unwrap(api.GET("/api/v1/orgs/{org_id}/network-dashboard", { params: { path: { org_id: orgId }, query: { year } } }))) as NetworkDashboard,
    }),
  funder: (orgId: string, year: number) =>
    queryOptions({
      queryKey: dashboardKeys.funder(orgId, year),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/funder-reports/{year}", { params: { path: { org_id: orgId, year } } })),
    }),
  sites: (orgId: string) =>
    queryOptions({ queryKey: ["sites", orgId], queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/sites", { params: { path: { org_id: orgId } } })), staleTime: 60_000 }),
};

const extension = (format: ExportFormat) => (format === "csv" ? "csv" : "xlsx");

export async function exportStructure(orgId: string, f: Filters, format: ExportFormat): Promise<void> {
  const blob = await unwrap(api.GET("/api/v1/orgs/{org_id}/dashboard", { params: { path: { org_id: orgId }, query: { ...structureQuery(f), format } }, parseAs: "blob" }));
  saveFile(blob as unknown as Blob, `tableau-de-bord-${f.from}-${f.to}.${extension(format)}`);
}

export async function exportReferrer(orgId: string, from: string, to: string, format: ExportFormat): Promise<void> {
  const blob = await unwrap(api.GET("/api/v1/orgs/{org_id}/referrer-dashboard", { params: { path: { org_id: orgId }, query: { from, to, format } }, parseAs: "blob" }));
  saveFile(blob as unknown as Blob, `orientations-${from}-${to}.${extension(format)}`);
}

export async function exportNetwork(orgId: string, year: number, format: ExportFormat): Promise<void> {
  const blob = await unwrap(api.GET("/api/v1/orgs/{org_id}/network-dashboard", { params: { path: { org_id: orgId }, query: { year, format } }, parseAs: "blob" }));
  saveFile(blob as unknown as Blob, `reseau-${year}.${extension(format)}`);
}

export async function openFunderReport(orgId: string, year: number): Promise<void> {
  openPdf((await unwrap(api.GET("/api/v1/orgs/{org_id}/funder-reports/{year}/report.pdf", { params: { path: { org_id: orgId, year } }, parseAs: "blob" }))) as Blob);
}

export function useSaveFunderTexts(orgId: string, year: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: Schemas["FunderReportInput"] }) =>
      unwrap(
        api.PUT("/api/v1/orgs/{org_id}/funder-reports/{year}", {
          params: { path: { org_id: orgId, year }, header: { "If-Match": `"${version}"` } },
          body,
        }),
      ),
    onSuccess: (saved) => client.setQueryData(dashboardKeys.funder(orgId, year), saved),
  });
}
