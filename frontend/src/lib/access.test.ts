import { describe, expect, it } from "vitest";
import { capabilities } from "./access";

describe("capabilities", () => {
  it("keeps volunteers and viewers away from families", () => {
    expect(capabilities("structure", "volunteer").has("households")).toBe(false);
    expect(capabilities("structure", "viewer").has("referrals.inbox")).toBe(false);
  });

  it("gives staff the inbox and the families, but not the administration", () => {
    const staff = capabilities("structure", "staff");
    expect(staff.has("referrals.inbox")).toBe(true);
    expect(staff.has("households")).toBe(true);
    expect(staff.has("admin.members")).toBe(false);
  });

  it("lets referrers send but never see households", () => {
    const referrer = capabilities("referrer", "referrer");
    expect(referrer.has("referrals.send")).toBe(true);
    expect(referrer.has("households")).toBe(false);
  });

  it("shows referral notifications to the people who handle referrals only", () => {
    expect(capabilities("structure", "staff").has("notifications")).toBe(true);
    expect(capabilities("referrer", "referrer").has("notifications")).toBe(true);
    expect(capabilities("structure", "volunteer").has("notifications")).toBe(false);
    expect(capabilities("structure", "viewer").has("notifications")).toBe(false);
    expect(capabilities("network", "coordinator").has("notifications")).toBe(false);
  });

  it("lets the superadmin administer an organisation but not read its families", () => {
    const superadmin = capabilities("structure", null);
    expect(superadmin.has("admin.partnerships")).toBe(true);
    expect(superadmin.has("households")).toBe(false);
  });

  it("lets volunteers work in the workshop but not give machines to families", () => {
    const volunteer = capabilities("structure", "volunteer");
    expect(volunteer.has("workshop")).toBe(true);
    expect(volunteer.has("workshop.allocate")).toBe(false);
    expect(capabilities("structure", "staff").has("workshop.allocate")).toBe(true);
    expect(capabilities("structure", "viewer").has("workshop")).toBe(false);
    expect(capabilities("referrer", "referrer").has("workshop")).toBe(false);
  });

  it("lets volunteers read the cycles' schedule, and only staff take attendance", () => {
    expect(capabilities("structure", "volunteer").has("cycles.schedule")).toBe(true);
    expect(capabilities("structure", "volunteer").has("cycles")).toBe(false);
    expect(capabilities("structure", "staff").has("cycles")).toBe(true);
    expect(capabilities("structure", "viewer").has("cycles.schedule")).toBe(false);
    expect(capabilities("structure", "admin").has("programmes.edit")).toBe(true);
    expect(capabilities("structure", "staff").has("programmes.edit")).toBe(false);
  });

  it("opens the journal to admins of structures and referrers only", () => {
    expect(capabilities("structure", "admin").has("admin.journal")).toBe(true);
    expect(capabilities("referrer", "admin").has("admin.journal")).toBe(true);
    expect(capabilities("structure", "staff").has("admin.journal")).toBe(false);
    expect(capabilities("structure", null).has("admin.journal")).toBe(false);
    expect(capabilities("structure", "admin").has("privacy")).toBe(true);
    expect(capabilities("structure", "staff").has("privacy")).toBe(false);
  });

  it("shows each kind of organisation its own dashboard, never a volunteer", () => {
    expect(capabilities("structure", "viewer").has("dashboard")).toBe(true);
    expect(capabilities("structure", "staff").has("dashboard")).toBe(true);
    expect(capabilities("structure", "volunteer").has("dashboard")).toBe(false);
    expect(capabilities("referrer", "referrer").has("dashboard.referrer")).toBe(true);
    expect(capabilities("referrer", "admin").has("dashboard.referrer")).toBe(false);
    expect(capabilities("network", "coordinator").has("dashboard.network")).toBe(true);
    expect(capabilities("network", "coordinator").has("dashboard")).toBe(false);
  });
});
