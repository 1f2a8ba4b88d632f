// The session: the access token lives in memory only; the refresh token is an HttpOnly
// cookie the browser sends to /api/v1/auth. A refresh is scheduled a minute before expiry,
// and only one refresh is ever in flight (a second one would replay a used token and end
// the session). When the session cannot be renewed, the person signs in again in place
// (`reauthenticate`) and what they were sending goes through: nothing typed is lost.

type TokenResponse = { access_token: string; expires_in: number };

/** Why the session ended, shown on the sign-in page. */
export type EndReason = "expired" | "signed-out" | null;

let accessToken: string | null = null;
let endReason: EndReason = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<boolean> | null = null;
const listeners = new Set<() => void>();
// Remembers across reloads that this browser had a session (never who, never a token): a
// session that cannot be restored then says it expired instead of looking like a first visit.
const HAD_SESSION = "solidaires.hadSession";

function rememberSession(on: boolean) {
  try {
    if (on) localStorage.setItem(HAD_SESSION, "1");
    else localStorage.removeItem(HAD_SESSION);
  } catch {
    // storage refused (private mode): only the notice is lost
  }
}

function hadSession(): boolean {
  try {
    return localStorage.getItem(HAD_SESSION) === "1";
  } catch {
    return false;
  }
}

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
  rememberSession(true);
  notify();
}

export function endSession(reason: EndReason) {
  const had = accessToken !== null || hadSession();
  accessToken = null;
  clearTimeout(refreshTimer);
  rememberSession(false);
  if (had) endReason = reason;
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
        // The token in memory is kept while a page is open: its next refused request asks
        // the person to sign in again over the page. On a reload there is none: the sign-in
        // page then says the session expired if this browser had one.
        if (accessToken === null && hadSession()) endSession("expired");
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

// Signing in again over the page. Every request refused meanwhile waits for the same answer.
let reauth: { promise: Promise<boolean>; settle: (ok: boolean) => void } | null = null;
const reauthListeners = new Set<() => void>();

/** Asks the person to sign in again in place; true once they did (then replay). */
export function reauthenticate(): Promise<boolean> {
  if (!reauth) {
    let settle: (ok: boolean) => void = () => undefined;
    const promise = new Promise<boolean>((resolve) => (settle = resolve));
    reauth = { promise, settle };
    reauthListeners.forEach((listener) => listener());
  }
  return reauth.promise;
}

export function isReauthenticating(): boolean {
  return reauth !== null;
}

export function onReauthChange(listener: () => void): () => void {
  reauthListeners.add(listener);
  return () => reauthListeners.delete(listener);
}

/** The dialog's answer: signed in again (true) or gave up (false: the session ends). */
export function settleReauth(ok: boolean) {
  const current = reauth;
  reauth = null;
  reauthListeners.forEach((listener) => listener());
  if (!ok) endSession("expired");
  current?.settle(ok);
}
