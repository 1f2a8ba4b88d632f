import { Button, Container, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useRouteError } from "react-router";
import { LoadingBlock } from "@/components/LoadingBlock";
import { t } from "@/lib/i18n";
import { usePageTitle } from "@/lib/pageTitle";

// A page that fails to show, in the frame of the application (the menu stays): never the
// browser's or React's raw error. A page's code that cannot be loaded is either a server
// out of reach (say so, offer to retry) or a new release that replaced the files (reload
// once, by itself, to get the new ones).

const RELOADED_AT = "solidaires.reloadedForRelease";

/** The browsers' messages for a module (a page's code) that could not be fetched. */
export function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|module script failed|Importing a module script|Unable to preload|Failed to fetch/i.test(error.message)
  );
}

/** Whether the server answers at all (the page itself, never cached). */
async function serverAnswers(): Promise<boolean> {
  try {
    return (await fetch("/", { cache: "no-store" })).ok;
  } catch {
    return false;
  }
}

/** Reloads for a new release, unless that was just done (a broken release must not loop). */
function reloadOnce(): boolean {
  try {
    const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
    if (Date.now() - last < 60_000) return false;
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  } catch {
    return false;
  }
  window.location.reload();
  return true;
}

type State = "checking" | "unreachable" | "failed";

export function RouteError() {
  const error = useRouteError();
  const chunk = isChunkLoadError(error);
  const [state, setState] = useState<State>(chunk ? "checking" : "failed");
  const [busy, setBusy] = useState(false);
  usePageTitle(t("pageError.title"));

  useEffect(() => {
    if (!chunk) return;
    let cancelled = false;
    void serverAnswers().then((answers) => {
      if (cancelled) return;
      if (!answers) setState("unreachable");
      else if (!reloadOnce()) setState("failed");
    });
    return () => {
      cancelled = true;
    };
  }, [chunk]);

  async function retry() {
    setBusy(true);
    if (await serverAnswers()) {
      window.location.reload();
      return;
    }
    setBusy(false);
    setState("unreachable");
  }

  if (state === "checking") return <LoadingBlock />;
  return (
    <Container size="sm" py="xl">
      <Title order={1} size="h2" mb="md">
        {t("pageError.title")}
      </Title>
      <Text mb="lg" role="alert">
        {state === "unreachable" ? t("error.network") : t("pageError.body")}
      </Text>
      <Button onClick={() => void retry()} loading={busy}>
        {t("error.retry")}
      </Button>
    </Container>
  );
}
