import { Badge } from "@mantine/core";
import { label } from "@/lib/i18n";
import type { DeviceState } from "../api/queries";

// Dark shades keep white text above 4.5:1 contrast (checked by axe in the browser tests).
const colours: Record<DeviceState, string> = {
  received: "#495057",
  diagnosed: "#1864ab",
  erased: "#3b5bdb",
  os_installed: "#6741d9",
  ready: "#0b6e4f",
  reserved: "#8a5a00",
  handed_over: "#087f5b",
  returned: "#c2410c",
  scrapped: "#212529",
};

/** A device's state, in words (the colour only repeats them). */
export function DeviceStateBadge({ state }: { state: DeviceState }) {
  return (
    <Badge color={colours[state]} variant="filled" radius="sm" tt="none" style={{ flexShrink: 0, maxWidth: "none" }}>
      {label("deviceState", state)}
    </Badge>
  );
}
