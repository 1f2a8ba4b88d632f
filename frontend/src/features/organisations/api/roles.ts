import type { OrgKind, Role } from "@/lib/access";

/** The roles a kind of organisation has (as the API's rule). */
export function rolesOf(kind: OrgKind): Role[] {
  switch (kind) {
    case "structure":
      return ["admin", "staff", "volunteer", "viewer"];
    case "referrer":
      return ["admin", "referrer"];
    default:
      return ["coordinator"];
  }
}
