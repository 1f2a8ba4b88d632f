import { Badge } from "@mantine/core";
import { label } from "@/lib/i18n";

// Dark shades keep white text above 4.5:1 contrast (checked by axe in the browser tests).
const colours: Record<string, string> = {
  submitted: "#1864ab",
  accepted: "#0b6e4f",
  enrolled: "#0b6e4f",
  completed: "#1e6b31",
  waitlisted: "#a63d00",
  declined: "#b02525",
  dropped_out: "#495057",
  expired: "#495057",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={colours[status] ?? "#495057"} variant="filled" radius="sm" tt="none">
      {label("status", status)}
    </Badge>
  );
}
