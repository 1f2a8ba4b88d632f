import { describe, expect, it } from "vitest";
import { t } from "./index";

describe("t", () => {
  it("fills placeholders from values", () => {
    expect(t("home.title", { name: "Camille" })).toBe("Bienvenue, Camille");
  });

  it("leaves unknown placeholders visible rather than inventing text", () => {
    expect(t("home.title")).toBe("Bienvenue, {name}");
  });
});
