import { useEffect, useState, useSyncExternalStore } from "react";
import { getAccessToken, onSessionChange, refresh } from "./session";

/** Whether someone is signed in; "checking" while a saved session is being restored. */
export type SessionState = "checking" | "signed-in" | "signed-out";

export function useSession(): SessionState {
  const token = useSyncExternalStore(onSessionChange, getAccessToken);
  const [restored, setRestored] = useState(() => getAccessToken() !== null);
  useEffect(() => {
    if (restored) return;
    // A page reload loses the in-memory token: the refresh cookie restores it.
    let cancelled = false;
    void refresh().finally(() => {
      if (!cancelled) setRestored(true);
    });
    return () => {
      cancelled = true;
    };
  }, [restored]);
  if (token) return "signed-in";
  return restored ? "signed-out" : "checking";
}
