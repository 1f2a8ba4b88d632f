// French as people write it: phones in pairs, "1er décembre", the consent text's month, dates
// typed jj/mm/aaaa whatever the browser's language, counts on the home cards, a title per
// tab, a cycle's calendar in words ("mardi 1er décembre 2026 à 14:00").
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { apiToken, assertAccessible, demoNetwork, screenshot, sendReferral, signIn } from "../lib/harness.js";

describe("French as people write it", () => {
  const demo = demoNetwork(["AMQR", "CCAS"]);

  test("a referral's life in the words and formats of a French social worker", async () => {
    // An English-speaking browser: the application's formats must not follow it.
    const { server, browser, orgs } = demo;
    const [amqr, ccas] = [orgs.AMQR, orgs.CCAS];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US", reducedMotion: "reduce" });
    const page = await context.newPage();
    const token = await apiToken(server.url, "agent@ccas.test");
    const id = await sendReferral(server.url, token, ccas, { structure_id: amqr, first_name: "Leïla", last_name: "Amrani", phone: "0671223344", commune: "Raismes" });

    await signIn(page, server.url, "animatrice@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    assert.match(await page.title(), /^Accueil — AMQR — Solidaires et Connectés$/);
    await page.getByText(/^\d+ orientations? en attente de réponse$/).waitFor();
    await assertAccessible(page, "home with counts");

    await page.goto(`${server.url}/orgs/${amqr}/referrals/${id}`);
    await page.getByRole("heading", { level: 1, name: "Orientation de Leïla Amrani" }).waitFor();
    assert.equal(await page.title(), "Orientation de Leïla Amrani — Solidaires et Connectés");
    await page.getByText("06 71 22 33 44").waitFor();
    await page.getByText(/\(version du texte : septembre 2026\)/).waitFor();

    await page.getByRole("button", { name: "Accepter" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Confirmer" }).click();
    await page.getByText("Acceptée").first().waitFor();

    // A cycle planned with dates typed the French way, whatever the browser's language.
    await page.goto(`${server.url}/orgs/${amqr}/cycles/new`);
    await page.getByRole("heading", { level: 1, name: "Nouveau cycle" }).waitFor();
    await page.getByRole("textbox", { name: /Nom du cycle/ }).fill("Cycle de décembre");
    await page.getByLabel(/^Lieu/).first().click();
    await page.getByRole("option", { name: "Maison de quartier Sabatier" }).click();
    const start = page.getByRole("textbox", { name: /À partir du/ });
    assert.equal(await start.getAttribute("placeholder"), "jj/mm/aaaa");
    await start.fill("31/02/2026");
    await page.getByText("Mardi", { exact: true }).click();
    await page.getByRole("button", { name: "Voir le calendrier" }).click();
    await page.getByText("La date s'écrit jour/mois/année, par exemple 07/12/2026.").first().waitFor();
    await start.fill("01/12/2026");
    await page.getByRole("button", { name: "Voir le calendrier" }).click();
    await page.getByText("mardi 1er décembre 2026 à 14:00 — L'ordinateur en main : clavier et souris").waitFor();
    await assertAccessible(page, "cycle calendar preview");
    await screenshot(page, "cycle-preview");
    await context.close();
  });
});
