import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";
import { getAccessToken, reauthenticate, refresh } from "@/lib/auth/session";

// Requests are kept (cloned) until answered, so one that meets an expired token can be
// replayed once after a silent refresh, or after the person signed in again over the page.
const pending = new Map<string, Request>();

const auth: Middleware = {
  onRequest({ request, id }) {
    const token = getAccessToken();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    pending.set(id, request.clone());
    return request;
  },
  async onResponse({ response, id }) {
    const original = pending.get(id);
    pending.delete(id);
    if (response.status !== 401 || !original || original.url.includes("/api/v1/auth/")) return response;
    if (!(await refresh()) && !(await reauthenticate())) return response;
    const retry = new Request(original);
    retry.headers.set("Authorization", `Bearer ${getAccessToken() ?? ""}`);
    return fetch(retry);
  },
  onError({ id }) {
    pending.delete(id);
  },
};

/** The typed API client, generated from openapi/openapi.json. */
export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(auth);

export type { paths };
export type { components } from "./schema";
export type Schemas = import("./schema").components["schemas"];
