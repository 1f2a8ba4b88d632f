import { Badge } from "@mantine/core";
import { label } from "@/lib/i18n";
import type { CycleState } from "../api/queries";

// Dark shades keep white text above 4.5:1 contrast (checked by axe in the browser tests).
const colours: Record<CycleState, string> = {
  planned: "#1864ab",
  running: "#0b6e4f",
  finished: "#495057",
  cancelled: "#b02525",
};

export function CycleStateBadge({ state }: { state: CycleState }) {
  return (
    <Badge color={colours[state]} variant="filled" radius="sm" tt="none">
      {label("cycleState", state)}
    </Badge>
  );
}
