import { describe, expect, it } from "vitest";
import { fromFrenchDate, isClockTime, toFrenchDate } from "./dates";

describe("French dates", () => {
  it("shows an ISO date as jj/mm/aaaa", () => {
    expect(toFrenchDate("2026-12-07")).toBe("07/12/2026");
    expect(toFrenchDate(null)).toBe("");
  });

  it("reads the usual ways of writing a date", () => {
    expect(fromFrenchDate("07/12/2026")).toBe("2026-12-07");
    expect(fromFrenchDate(" 7/12/2026 ")).toBe("2026-12-07");
    expect(fromFrenchDate("07.12.2026")).toBe("2026-12-07");
    expect(fromFrenchDate("07-12-2026")).toBe("2026-12-07");
  });

  it("refuses what is not a date of the calendar", () => {
    expect(fromFrenchDate("31/02/2026")).toBeNull();
    expect(fromFrenchDate("07/12/26")).toBeNull();
    expect(fromFrenchDate("2026-12-07")).toBeNull();
    expect(fromFrenchDate("7 décembre")).toBeNull();
  });
});

describe("isClockTime", () => {
  it("takes hh:mm as the API does", () => {
    expect(isClockTime("14:00")).toBe(true);
    expect(isClockTime("09:30")).toBe(true);
    expect(isClockTime("9:30")).toBe(false);
    expect(isClockTime("24:00")).toBe(false);
  });
});
