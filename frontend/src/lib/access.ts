// What each role can do, for navigation and for guarding pages. The server enforces the
// same rules; this only keeps people away from pages that would refuse them.

export type OrgKind = "structure" | "referrer" | "network";
export type Role = "admin" | "staff" | "volunteer" | "viewer" | "referrer" | "coordinator";

export type Capability =
  | "referrals.inbox"
  | "referrals.send"
  | "households"
  | "admin.members"
  | "admin.sites"
  | "admin.partnerships"
  | "admin.settings"
  | "admin.journal"
  | "privacy"
  | "notifications"
  | "cycles"
  | "cycles.schedule"
  | "programmes.edit"
  | "workshop"
  | "workshop.allocate"
  | "training"
  | "training.mine"
  | "dashboard"
  | "dashboard.referrer"
  | "dashboard.network";

/** `role` null: the superadmin acting in an organisation it is not a member of. */
export function capabilities(kind: OrgKind, role: Role | null): Set<Capability> {
  const caps = new Set<Capability>();
  const add = (...list: Capability[]) => list.forEach((c) => caps.add(c));
  if (role === null) {
    add("admin.members", "admin.settings");
    if (kind === "structure") add("admin.sites", "admin.partnerships");
    return caps;
  }
  if (kind === "structure") {
    // The people who handle referrals read their notifications (as the API's rule).
    if (role === "admin" || role === "staff") add("referrals.inbox", "households", "notifications", "cycles", "cycles.schedule", "workshop", "workshop.allocate", "training", "training.mine");
    // Volunteers read the schedule of the cycles, nothing personal, and do the workshop's
    // steps (giving a machine to a family stays with the staff).
    if (role === "volunteer") add("cycles.schedule", "workshop", "training.mine");
    if (role === "admin") add("admin.members", "admin.sites", "admin.partnerships", "admin.settings", "admin.journal", "privacy", "programmes.edit");
    // The structure's figures: admins, staff and viewers (volunteers do not read them).
    if (role === "admin" || role === "staff" || role === "viewer") add("dashboard");
  }
  if (kind === "referrer") {
    if (role === "referrer") add("referrals.send", "notifications", "dashboard.referrer");
    if (role === "admin") add("admin.members", "admin.settings", "admin.journal");
  }
  if (kind === "network" && role === "coordinator") add("dashboard.network");
  return caps;
}

export function canAdminister(caps: Set<Capability>): boolean {
  return caps.has("admin.members") || caps.has("admin.settings");
}
