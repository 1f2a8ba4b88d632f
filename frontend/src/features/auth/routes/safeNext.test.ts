import { describe, expect, it } from "vitest";
import { safeNext } from "./LoginPage";

describe("safeNext", () => {
  it("returns to the page the person was on", () => {
    expect(safeNext("/orgs/1/referrals?status=submitted")).toBe("/orgs/1/referrals?status=submitted");
  });

  it("never follows another site", () => {
    expect(safeNext("https://evil.example/")).toBe("/");
    expect(safeNext("//evil.example/")).toBe("/");
    expect(safeNext(null)).toBe("/");
  });
});
