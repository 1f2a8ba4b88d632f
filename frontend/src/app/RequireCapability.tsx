import type { ReactNode } from "react";
import type { Capability } from "@/lib/access";
import { useCurrentOrg } from "@/lib/useMe";
import { NotAvailable } from "@/components/Pages";

/** Shows the page only to roles that can use it; a friendly page to the others. */
export function RequireCapability({ any, children }: { any: Capability[]; children: ReactNode }) {
  const org = useCurrentOrg();
  if (!org || !any.some((cap) => org.caps.has(cap))) return <NotAvailable />;
  return <>{children}</>;
}
