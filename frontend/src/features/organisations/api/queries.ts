import { queryOptions } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";

/** The query keys of an organisation's administration (invalidate a resource's key). */
export const adminKeys = {
  organisation: (orgId: string) => ["organisation", orgId] as const,
  members: (orgId: string) => ["members", orgId] as const,
  invitations: (orgId: string) => ["invitations", orgId] as const,
  sites: (orgId: string) => ["sites", orgId] as const,
  partnerships: (orgId: string) => ["partnerships", orgId] as const,
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
};
