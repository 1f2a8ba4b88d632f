import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";
import { getAccessToken } from "@/lib/auth/session";

/** Adds the in-memory access token to every API call. */
const bearer: Middleware = {
  onRequest({ request }) {
    const token = getAccessToken();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  },
};

/** The typed API client, generated from openapi/openapi.json. */
export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(bearer);

export type { paths };
export type { components } from "./schema";
