import { Center, Loader } from "@mantine/core";
import { Navigate, Outlet, useLocation } from "react-router";
import { useSession } from "@/lib/auth/useSession";
import { t } from "@/lib/i18n";

/** Pages behind sign-in: while the session is restored, a loader; without one, the login
 * page, which brings the person back here afterwards. */
export function RequireSession() {
  const state = useSession();
  const location = useLocation();
  if (state === "checking") {
    return (
      <Center h="100vh">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (state === "signed-out") {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <Outlet />;
}
