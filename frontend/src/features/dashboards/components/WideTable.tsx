import { Box } from "@mantine/core";
import type { ReactNode } from "react";

/** A table wider than a tablet's screen: it scrolls sideways, and the keyboard reaches that
 * scroll (the region is focusable and named). */
export function WideTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: "auto" }} mb="md">
      {children}
    </Box>
  );
}
