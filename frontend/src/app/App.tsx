import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./styles.css";
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router";
import { getAccessToken, onSessionChange } from "@/lib/auth/session";
import { ReauthDialog } from "@/features/auth/components/ReauthDialog";
import { RouteAnnouncer } from "@/components/RouteAnnouncer";
import { router } from "./router";
import { cssVariables, theme } from "./theme";

const queryClient = new QueryClient({
  // Coming back to the tab shows the current state (another person may have changed it).
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: "always", staleTime: 30_000 } },
});

// Nothing of one person's session stays in memory for the next one.
onSessionChange(() => {
  if (!getAccessToken()) queryClient.clear();
});

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
        <ReauthDialog />
        <RouteAnnouncer />
      </QueryClientProvider>
    </MantineProvider>
  );
}
