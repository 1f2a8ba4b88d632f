import { useMediaQuery } from "@mantine/hooks";

/** Whether lists have room for a table (a desktop; the menu takes 250 px beside the page).
 * Read at once, so a desktop never shows the phone layout first. */
export function useWideScreen(): boolean {
  return useMediaQuery("(min-width: 62em)", true, { getInitialValueInEffect: false }) ?? true;
}
