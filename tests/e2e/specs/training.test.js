// Training as the centre lives it: a trainer's attendance for a session on a tablet, and a
// volunteer who reads their hours on "Mon parcours" and downloads the attestation.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, demoNetwork, screenshot, signIn } from "../lib/harness.js";

describe("Training in refurbishment", () => {
  const demo = demoNetwork(["AMQR"]);

  test("staff take a course session's attendance at 768 px, guests of the ACSRV included", async () => {
    const { server, browser, orgs } = demo;
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true, locale: "fr-FR", reducedMotion: "reduce" });
    const page = await context.newPage();
    await signIn(page, server.url, "animatrice@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.goto(`${server.url}/orgs/${orgs.AMQR}/training`);
    await page.getByRole("heading", { level: 1, name: "Formation au reconditionnement" }).waitFor();
    await assertAccessible(page, "training at 768 px");
    await page.getByRole("link", { name: "Bases du reconditionnement — automne" }).click();
    await page.getByRole("heading", { level: 1, name: "Bases du reconditionnement — automne" }).waitFor();
    await page.getByText("Karim Benali").first().waitFor();
    await assertAccessible(page, "course page at 768 px");
    await page.getByRole("link", { name: "Émargement — séance 2" }).click();
    await page.getByRole("heading", { level: 1, name: "Émargement — séance 2" }).waitFor();
    const tap = page.getByRole("button", { name: "Tous présents" });
    const box = await tap.boundingBox();
    assert.ok(box && box.height >= 44, `a large tap target (${box?.height} px)`);
    await tap.click();
    await assertAccessible(page, "course attendance at 768 px");
    await screenshot(page, "course-attendance-768");
    await page.getByRole("button", { name: "Enregistrer l'émargement" }).click();
    await page.getByText("Émargement enregistré.").waitFor();
    await context.close();
  });

  test("a volunteer sees their hours and downloads the attestation", async () => {
    const { server, browser, orgs } = demo;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR", reducedMotion: "reduce" });
    const page = await context.newPage();
    await signIn(page, server.url, "benevole@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.getByRole("link", { name: "Mon parcours" }).click();
    await page.getByRole("heading", { level: 1, name: "Mon parcours" }).waitFor();
    await page.getByText(/Vous avez suivi 10 h 30 de formation/).waitFor();
    await page.getByText(/Diagnostic du matériel — le/).waitFor();
    await assertAccessible(page, "my training");
    await screenshot(page, "my-training");
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.getByRole("button", { name: "Télécharger l'attestation (PDF)" }).click()]);
    assert.match(popup.url(), /^blob:/);
    await popup.close();
    // Other people's records are not theirs to open.
    await page.goto(`${server.url}/orgs/${orgs.AMQR}/training`);
    await page.getByRole("heading", { name: "Cette page n'est pas disponible" }).waitFor();
    await context.close();
  });
});
