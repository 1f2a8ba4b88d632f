// The session: the access token lives in memory only; the refresh token is an HttpOnly
// cookie the browser sends to /api/v1/auth. A refresh is scheduled a minute before expiry,
// and only one refresh is ever in flight (a second one would replay a used token and end
// the session).

type TokenResponse = { access_token: string; expires_in: number };

/** Why the session ended, shown on the sign-in page. */
export type EndReason = "expired" | "signed-out" | null;

let accessToken: string | null = null;
let endReason: EndReason = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

export function getAccessToken(): string | null {
  return accessToken;
}

export function getEndReason(): EndReason {
  return endReason;
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify() {
  listeners.forEach((listener) => listener());
}

/** Starts (or renews) the session with a token answer from the API. */
export function startSession(body: TokenResponse) {
  accessToken = body.access_token;
  endReason = null;
  clearTimeout(refreshTimer);
  const delay = Math.max(10, body.expires_in - 60) * 1000;
  refreshTimer = setTimeout(() => void refresh(), delay);
  notify();
}

export function endSession(reason: EndReason) {
  const hadSession = accessToken !== null;
  accessToken = null;
  clearTimeout(refreshTimer);
  if (hadSession) endReason = reason;
  notify();
}

export type LoginOutcome = "ok" | "invalid" | "throttled" | "network";

export async function login(email: string, password: string): Promise<LoginOutcome> {
  let response: Response;
  try {
    response = await fetch("/api/v1/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      keepalive: true,
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return "network";
  }
  if (response.status === 429) return "throttled";
  if (!response.ok) return "invalid";
  startSession((await response.json()) as TokenResponse);
  return "ok";
}

/** Exchanges the refresh cookie for a new access token; false when the session is over. */
export function refresh(): Promise<boolean> {
  inFlight ??= (async () => {
    try {
      // keepalive: if the page is left mid-request, the browser still completes it and keeps
      // the rotated cookie (otherwise the next load would replay the old one and be signed out).
      const response = await fetch("/api/v1/auth/refresh", { method: "POST", credentials: "same-origin", keepalive: true });
      if (!response.ok) {
        accessToken = null;
        notify();
        return false;
      }
      startSession((await response.json()) as TokenResponse);
      return true;
    } catch {
      return false;
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

export async function logout(): Promise<void> {
  try {
    await fetch("/api/v1/auth/logout", { method: "POST", credentials: "same-origin" });
  } finally {
    endSession("signed-out");
  }
}
