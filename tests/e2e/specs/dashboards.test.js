// The figures people ask for: the network's coordinator reads masked counts, a centre's
// admin exports its dashboard for French Excel and writes its funder report, a referrer
// follows the families it sent.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { assertAccessible, demoNetwork, screenshot, signIn } from "../lib/harness.js";

describe("Dashboards", () => {
  const demo = demoNetwork(["AMQR"]);

  test("the coordinator sees the network's figures with small counts masked", async () => {
    const { server, browser } = demo;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR", reducedMotion: "reduce" });
    const page = await context.newPage();
    await signIn(page, server.url, "coordination@reseau.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Tableau de bord", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Tableau de bord du réseau" }).waitFor();
    await page.getByText(/les effectifs de 1 à 4 sont affichés « < 5 »/).waitFor();
    const amqrRow = page.getByRole("row", { name: /^AMQR/ }).first();
    await amqrRow.waitFor();
    assert.ok((await page.getByRole("cell", { name: "< 5", exact: true }).count()) > 0, "a masked count is shown");
    await assertAccessible(page, "network dashboard");
    await screenshot(page, "network-dashboard");
    await context.close();
  });

  test("an admin exports the dashboard as CSV and prints the funder report", async () => {
    const { server, browser, orgs } = demo;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR", reducedMotion: "reduce", acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, server.url, "admin@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.goto(`${server.url}/orgs/${orgs.AMQR}/dashboard`);
    await page.getByRole("heading", { level: 1, name: "Tableau de bord" }).waitFor();
    await page.getByRole("heading", { name: "Le parcours des familles" }).waitFor();
    await page.getByRole("figure", { name: /Orientations reçues et ordinateurs remis/ }).waitFor();
    await assertAccessible(page, "structure dashboard");
    await screenshot(page, "structure-dashboard");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Exporter (CSV)" }).click()]);
    assert.match(download.suggestedFilename(), /^tableau-de-bord-\d{4}-\d{2}-\d{4}-\d{2}\.csv$/);
    const text = await readFile(await download.path(), "utf8");
    assert.ok(text.startsWith("\uFEFF"), "a BOM for Excel");
    assert.match(text, /^Orientations reçues;\d+\r$/m, "semicolons");
    assert.match(text, /^Taux de présence \(%\);\d+(,\d)?\r$/m, "a decimal comma");

    await page.getByRole("link", { name: "Rapport aux financeurs" }).click();
    await page.getByRole("heading", { level: 1, name: /Rapport aux financeurs/ }).waitFor();
    await page.getByLabel("Contexte (le territoire, les familles, les partenaires)").fill("Quartier prioritaire, familles orientées par le CCAS.");
    await page.getByRole("button", { name: "Enregistrer les textes" }).click();
    await page.getByText("Textes enregistrés.").waitFor();
    await assertAccessible(page, "funder report");
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.getByRole("button", { name: "Télécharger le rapport (PDF)" }).click()]);
    assert.match(popup.url(), /^blob:/);
    await popup.close();
    await context.close();
  });

  test("a referrer follows where its families went", async () => {
    const { server, browser } = demo;
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: "fr-FR", reducedMotion: "reduce" });
    const page = await context.newPage();
    await signIn(page, server.url, "agent@ccas.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Tableau de bord", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Suivi de mes orientations" }).waitFor();
    await page.getByRole("row", { name: /^AMQR/ }).first().waitFor();
    await page.getByText("Familles ayant accepté de partager leur parcours").waitFor();
    await assertAccessible(page, "referrer dashboard");
    await context.close();
  });
});
