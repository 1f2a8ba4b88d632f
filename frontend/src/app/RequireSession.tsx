import { Outlet, Navigate, useLocation } from "react-router";
import { LoadingBlock } from "@/components/LoadingBlock";
import { getEndReason } from "@/lib/auth/session";
import { useSession } from "@/lib/auth/useSession";

/** Pages behind sign-in: while the session is restored, a placeholder; without one, the
 * sign-in page, which brings the person back to this page afterwards. */
export function RequireSession() {
  const state = useSession();
  const location = useLocation();
  if (state === "checking") return <LoadingBlock />;
  if (state === "signed-out") {
    const next = encodeURIComponent(location.pathname + location.search);
    const reason = getEndReason() === "expired" ? "&expired=1" : "";
    return <Navigate to={`/login?next=${next}${reason}`} replace />;
  }
  return <Outlet />;
}
