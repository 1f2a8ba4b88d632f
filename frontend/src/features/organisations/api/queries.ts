import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api, type Schemas } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { saveFile } from "@/lib/pdf";

export type AuditEntry = Schemas["AuditEntry"];
/** The journal's filters, as the API takes them (days `AAAA-MM-JJ`). */
export type JournalFilters = {
  user_id?: string;
  action?: Schemas["Action"];
  resource_type?: string;
  resource_id?: string;
  from?: string;
  to?: string;
};

/** The query keys of an organisation's administration (invalidate a resource's key). */
export const adminKeys = {
  organisation: (orgId: string) => ["organisation", orgId] as const,
  members: (orgId: string) => ["members", orgId] as const,
  invitations: (orgId: string) => ["invitations", orgId] as const,
  sites: (orgId: string) => ["sites", orgId] as const,
  partnerships: (orgId: string) => ["partnerships", orgId] as const,
  journal: (orgId: string, filters: JournalFilters) => ["journal", orgId, filters] as const,
};

export const adminQueries = {
  organisation: (orgId: string) =>
    queryOptions({
      queryKey: adminKeys.organisation(orgId),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}", { params: { path: { org_id: orgId } } })),
    }),
  members: (orgId: string) =>
    queryOptions({
      queryKey: adminKeys.members(orgId),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/members", { params: { path: { org_id: orgId } } })),
    }),
  invitations: (orgId: string) =>
    queryOptions({
      queryKey: adminKeys.invitations(orgId),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/invitations", { params: { path: { org_id: orgId } } })),
    }),
  sites: (orgId: string) =>
    queryOptions({
      queryKey: adminKeys.sites(orgId),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/sites", { params: { path: { org_id: orgId }, query: { include_archived: true } } })),
    }),
  partnerships: (orgId: string) =>
    queryOptions({
      queryKey: adminKeys.partnerships(orgId),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/partnerships", { params: { path: { org_id: orgId } } })),
    }),
  journal: (orgId: string, filters: JournalFilters) =>
    infiniteQueryOptions({
      queryKey: adminKeys.journal(orgId, filters),
      initialPageParam: undefined as string | undefined,
      queryFn: async ({ pageParam }) =>
        (await unwrap(
          api.GET("/api/v1/orgs/{org_id}/audit-entries", { params: { path: { org_id: orgId }, query: { ...filters, cursor: pageParam, limit: 50 } } }),
        )) as Schemas["Page_AuditEntry"],
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
};

/** The journal's entries of the filter as a CSV file (the newest 50,000). */
export async function downloadJournal(orgId: string, filters: JournalFilters): Promise<void> {
  const blob = await unwrap(
    api.GET("/api/v1/orgs/{org_id}/audit-entries", { params: { path: { org_id: orgId }, query: { ...filters, format: "csv" } }, parseAs: "blob" }),
  );
  saveFile(blob as unknown as Blob, "journal.csv");
}
