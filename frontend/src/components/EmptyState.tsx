import { Paper, Text } from "@mantine/core";
import type { ReactNode } from "react";

/** What to say (and what to do) when a list is empty. */
export function EmptyState({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <Paper withBorder p="lg" ta="center" bg="gray.0">
      <Text mb={children ? "md" : 0}>{message}</Text>
      {children}
    </Paper>
  );
}
