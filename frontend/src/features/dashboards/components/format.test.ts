import { describe, expect, it } from "vitest";
import { formatDays, formatNetwork, formatRate, recentMonths } from "./format";

describe("dashboard numbers", () => {
  it("writes rates with a decimal comma and masked counts as people read them", () => {
    expect(formatRate(78.5)).toBe("78,5 %");
    expect(formatRate(null)).toBe("—");
    expect(formatNetwork({ figure: "referrals", key: "", value: "< 5" })).toBe("< 5");
    expect(formatNetwork({ figure: "referrals", key: "", value: "masked" })).toBe("masqué");
    expect(formatNetwork({ figure: "attendance_rate", key: "", value: 81.2 })).toBe("81,2 %");
    expect(formatNetwork(undefined)).toBe("0");
    expect(formatNetwork(undefined, "attendance_rate")).toBe("—");
    expect(formatDays(1)).toBe("1 jour");
    expect(formatDays(12)).toBe("12 jours");
  });

  it("lists months back across a year", () => {
    expect(recentMonths(new Date(2026, 1, 10), 3)).toEqual(["2026-02", "2026-01", "2025-12"]);
  });
});
