// Queries every part of the application shares: the signed-in person and the directory of
// organisations. Each feature keeps its own in `src/features/<feature>/api/queries.ts`.
import { queryOptions } from "@tanstack/react-query";
import { api, type Schemas } from "./client";
import { unwrap } from "./errors";

export const sharedKeys = {
  me: () => ["me"] as const,
  directory: (kind?: Schemas["OrgKind"]) => ["organisations", kind ?? "all"] as const,
  directoryAll: () => ["organisations"] as const,
};

export const sharedQueries = {
  me: () => queryOptions({ queryKey: sharedKeys.me(), queryFn: () => unwrap(api.GET("/api/v1/me")), staleTime: 60_000 }),
  directory: (kind?: Schemas["OrgKind"]) =>
    queryOptions({
      queryKey: sharedKeys.directory(kind),
      queryFn: () => unwrap(api.GET("/api/v1/organisations", { params: { query: { kind } } })),
      staleTime: 60_000,
    }),
};
