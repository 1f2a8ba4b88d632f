import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";

export type Household = Schemas["HouseholdView"];
export type HouseholdInput = Schemas["HouseholdInput"];

export function useHouseholds(orgId: string, q: string, includeArchived: boolean) {
  return useInfiniteQuery({
    queryKey: ["households", orgId, q, includeArchived],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/orgs/{org_id}/households", {
          params: { path: { org_id: orgId }, query: { q: q || undefined, include_archived: includeArchived, cursor: pageParam, limit: 25 } },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export function useHousehold(orgId: string, id: string | undefined) {
  return useQuery({
    queryKey: ["household", orgId, id],
    queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/households/{household_id}", { params: { path: { org_id: orgId, household_id: id ?? "" } } })),
    enabled: Boolean(id),
  });
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
      client.setQueryData(["household", orgId, saved.id], saved);
      void client.invalidateQueries({ queryKey: ["households", orgId] });
    },
  });
}
