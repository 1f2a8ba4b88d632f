// A refused form shows what to fix where the person is looking: every fault at once, in
// whole sentences, a summary linking to each field, focus on the first; nothing typed is cut.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, demoNetwork, newPage, screenshot, signIn } from "../lib/harness.js";

describe("refused forms", () => {
  const demo = demoNetwork(["CCAS"]);

  test("every fault at once, a summary that leads to each field, nothing cut", async () => {
    const page = await newPage(demo.browser);
    await signIn(page, demo.server.url, "agent@ccas.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.goto(`${demo.server.url}/orgs/${demo.orgs.CCAS}/referrals/new`);
    await page.getByRole("heading", { level: 1, name: "Orienter une famille" }).waitFor();
    const longName = "Benali-".repeat(43);
    await page.getByRole("textbox", { name: "Nom", exact: true }).fill(longName);
    await page.getByRole("textbox", { name: "Année de naissance", exact: true }).fill("19a5");
    await page.getByRole("button", { name: "Envoyer l'orientation" }).click();

    const year = new Date().getFullYear();
    const summary = page.getByRole("alert").filter({ hasText: "champs sont à corriger" });
    await summary.waitFor();
    for (const line of [
      "Prénom : Ce champ est obligatoire.",
      "Nom : Ce champ compte au plus 100 caractères.",
      `Année de naissance : L'année de naissance doit être comprise entre 1900 et ${year}.`,
    ]) {
      await summary.getByRole("link", { name: line }).waitFor();
    }
    // Focus is on the first faulty field, the one the summary names first.
    const first = await summary.getByRole("link").first().innerText();
    const focused = await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent ?? document.activeElement?.getAttribute("aria-label") ?? "");
    assert.ok(first.startsWith(focused.replace(/\s*\*\s*$/, "").trim()), `focus on "${focused}", summary starts with "${first}"`);
    // What was typed is kept whole, and the year as typed.
    assert.equal(await page.getByRole("textbox", { name: "Nom", exact: true }).inputValue(), longName);
    assert.equal(await page.getByRole("textbox", { name: "Année de naissance", exact: true }).inputValue(), "19a5");
    await assertAccessible(page, "refused referral form");
    await screenshot(page, "referral-form-refused");

    await summary.getByRole("link", { name: /^Année de naissance/ }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent?.trim()), "Année de naissance");
  });

  test("keyboard: a visible ring on fields, focus on a new person, the family's name, pages announced", async () => {
    const page = await newPage(demo.browser);
    await signIn(page, demo.server.url, "agent@ccas.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Orienter une famille" }).click();
    await page.getByRole("heading", { level: 1, name: "Orienter une famille" }).waitFor();
    // The new page is named in the tab and said to screen readers.
    assert.equal(await page.title(), "Orienter une famille — Solidaires et Connectés");
    await page.getByRole("status").filter({ hasText: "Orienter une famille" }).waitFor({ state: "attached" });

    await page.getByRole("textbox", { name: "Nom", exact: true }).fill("Haddad");
    await page.getByRole("textbox", { name: "Nom", exact: true }).press("Tab");
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement);
      return { width: parseFloat(style.outlineWidth), style: style.outlineStyle, color: style.outlineColor };
    });
    assert.ok(ring.width >= 2 && ring.style !== "none", `focus ring ${JSON.stringify(ring)}`);
    assert.equal(ring.color, "rgb(11, 114, 133)");

    await page.getByRole("button", { name: "Ajouter une personne" }).click();
    const person = page.getByRole("group", { name: "Personne 1" });
    const focusedIsFirstName = await person.getByRole("textbox", { name: "Prénom" }).evaluate((el) => el === document.activeElement);
    assert.ok(focusedIsFirstName, "focus moves to the new person's first name");
    assert.equal(await person.getByRole("textbox", { name: "Nom", exact: true }).inputValue(), "Haddad", "the family's name is pre-filled");
  });
});
