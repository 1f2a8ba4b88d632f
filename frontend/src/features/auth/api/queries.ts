import { queryOptions } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";

export const authKeys = {
  invitation: (token: string) => ["invitation", token] as const,
};

export const authQueries = {
  /** What an invitation link is for (not retried: an invalid link stays invalid). */
  invitation: (token: string) =>
    queryOptions({
      queryKey: authKeys.invitation(token),
      queryFn: () => unwrap(api.POST("/api/v1/auth/invitations/inspect", { body: { token } })),
      retry: false,
    }),
};
