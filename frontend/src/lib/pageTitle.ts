// Each page names itself: in the browser's tab ("Familles — Solidaires et Connectés"), and
// to screen readers, which hear the new page's name after each change of page.
import { useEffect } from "react";

const APP = "Solidaires et Connectés";
let announced = "";
const listeners = new Set<() => void>();

export function onAnnouncement(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentAnnouncement(): string {
  return announced;
}

/** Names the page shown: the tab's title and the announcement. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} — ${APP}` : APP;
    announced = title;
    listeners.forEach((listener) => listener());
  }, [title]);
}
