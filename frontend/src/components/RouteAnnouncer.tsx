import { VisuallyHidden } from "@mantine/core";
import { useSyncExternalStore } from "react";
import { currentAnnouncement, onAnnouncement } from "@/lib/pageTitle";

/** Says the new page's name to screen readers when the page changes (a single-page
 * application changes pages without the browser announcing it). */
export function RouteAnnouncer() {
  const title = useSyncExternalStore(onAnnouncement, currentAnnouncement);
  return (
    <VisuallyHidden role="status" aria-live="polite" aria-atomic="true">
      {title}
    </VisuallyHidden>
  );
}
