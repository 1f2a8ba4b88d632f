import { describe, expect, it } from "vitest";
import { formatDate, formatMonth, formatPhone, label, t, tp } from "./index";

describe("t", () => {
  it("fills placeholders from values", () => {
    expect(t("home.title", { name: "Camille" })).toBe("Bonjour Camille");
  });

  it("leaves unknown placeholders visible rather than inventing text", () => {
    expect(t("home.title")).toBe("Bonjour {name}");
  });
});

describe("label", () => {
  it("names a vocabulary value in French", () => {
    expect(label("status", "waitlisted")).toBe("Liste d'attente");
  });

  it("falls back to the raw value for a value the catalogue does not know yet", () => {
    expect(label("status", "brand_new_state")).toBe("brand_new_state");
  });
});

describe("formatDate", () => {
  it("writes a calendar date in French without shifting the day", () => {
    expect(formatDate("2026-12-07")).toBe("7 décembre 2026");
  });

  it("shows a dash for a missing date", () => {
    expect(formatDate(null)).toBe("—");
  });

  it("writes the first of the month as French does", () => {
    expect(formatDate("2026-12-01")).toBe("1er décembre 2026");
    expect(formatDate("2026-12-11")).toBe("11 décembre 2026");
  });
});

describe("formatMonth and formatPhone", () => {
  it("says a text's version as a month", () => {
    expect(formatMonth("2026-09")).toBe("septembre 2026");
    expect(formatMonth("v2")).toBe("v2");
  });

  it("writes a stored phone number as it is written in France", () => {
    expect(formatPhone("+33671223344")).toBe("06 71 22 33 44");
    expect(formatPhone("+33123456789")).toBe("01 23 45 67 89");
    expect(formatPhone(null)).toBe("—");
  });
});

describe("tp", () => {
  it("uses French plural forms (0 and 1 are singular)", () => {
    expect(tp("shell.unread", 0)).toBe("0 non lue");
    expect(tp("shell.unread", 1)).toBe("1 non lue");
    expect(tp("shell.unread", 3)).toBe("3 non lues");
  });
});
