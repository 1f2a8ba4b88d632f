// The journal and a family's rights: a centre's admin finds who read a family's file,
// filters and downloads the journal, exports a family's data and erases it.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { apiToken, assertAccessible, demoNetwork, screenshot, signIn } from "../lib/harness.js";

describe("Journal and personal data", () => {
  const demo = demoNetwork(["AMQR"]);

  test("an admin sees who read a family's file and exports the journal", async () => {
    const { server, browser, orgs } = demo;
    // Set-up through the API: a staff member opens a family's file.
    const staff = await apiToken(server.url, "animatrice@amqr.test");
    const headers = { Authorization: `Bearer ${staff}` };
    const list = await (await fetch(`${server.url}/api/v1/orgs/${orgs.AMQR}/households?limit=1`, { headers })).json();
    const household = list.items[0].id;
    assert.equal((await fetch(`${server.url}/api/v1/orgs/${orgs.AMQR}/households/${household}`, { headers })).status, 200);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR", reducedMotion: "reduce", acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, server.url, "admin@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.goto(`${server.url}/orgs/${orgs.AMQR}/admin`);
    await page.getByRole("tab", { name: "Journal" }).click();
    const table = page.getByRole("table", { name: "Entrées du journal" });
    await table.getByRole("cell", { name: "Connexion", exact: true }).first().waitFor();

    const filters = page.getByRole("form", { name: "Filtrer le journal" });
    await filters.getByLabel("Action", { exact: true }).click();
    await page.getByRole("option", { name: "Consultation", exact: true }).click();
    await filters.getByRole("textbox", { name: "Identifiant de la ressource" }).fill(household);
    await filters.getByRole("button", { name: "Filtrer" }).click();
    const row = table.getByRole("row", { name: /Camille Martin/ });
    await row.waitFor();
    assert.equal(await table.getByRole("row").count(), 2, "the header and the one read");
    await row.getByText(household).waitFor();
    await assertAccessible(page, "journal");
    await screenshot(page, "journal");

    const [download] = await Promise.all([page.waitForEvent("download"), filters.getByRole("button", { name: "Exporter (CSV)" }).click()]);
    const text = await readFile(await download.path(), "utf8");
    assert.ok(text.startsWith("\uFEFF"), "a BOM for Excel");
    assert.match(text, /^Date \(UTC\);Personne;/m);
    assert.ok(text.includes(`;read;households;${household};`), "the read is in the file");
    assert.ok(!text.includes("sign_in"), "the file follows the filter");
    await context.close();
  });

  test("an admin exports a family's data and erases it on request", async () => {
    const { server, browser, orgs } = demo;
    const token = await apiToken(server.url, "admin@amqr.test");
    const list = await (await fetch(`${server.url}/api/v1/orgs/${orgs.AMQR}/households?limit=3`, { headers: { Authorization: `Bearer ${token}` } })).json();
    const family = list.items[2];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR", reducedMotion: "reduce", acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, server.url, "admin@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.goto(`${server.url}/orgs/${orgs.AMQR}/households/${family.id}`);
    await page.getByRole("heading", { level: 1, name: `Famille ${family.reference_name}` }).waitFor();
    await page.getByRole("heading", { name: "Données personnelles" }).waitFor();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Exporter (JSON)" }).click()]);
    const exported = JSON.parse(await readFile(await download.path(), "utf8"));
    assert.equal(exported.household_id, family.id);
    assert.ok(exported.sections.some((s) => s.table === "household_members" && s.rows.length > 0), "the members are in the export");

    await page.getByRole("button", { name: "Effacer les données…" }).click();
    const dialog = page.getByRole("dialog", { name: "Effacer les données de la famille" });
    const confirm = dialog.getByRole("button", { name: "Effacer définitivement" });
    assert.ok(await confirm.isDisabled(), "no erasure without a reason");
    await dialog.getByRole("textbox", { name: /Motif de la demande/ }).fill("Courrier de la famille du 20/11/2026");
    await assertAccessible(page, "erasure dialog");
    await confirm.click();
    await page.getByText("Les données de la famille ont été effacées.").waitFor();
    await page.getByRole("heading", { level: 1, name: "Famille Personne anonymisée" }).waitFor();
    await page.getByText(/^Données anonymisées le/).waitFor();
    assert.equal(await page.getByRole("link", { name: "Modifier" }).count(), 0, "an anonymised family cannot be edited");
    assert.equal(await page.getByText(family.reference_name).count(), 0, "the name is gone from the page");
    await assertAccessible(page, "anonymised family");
    await screenshot(page, "family-erased");
    await context.close();
  });

  test("an admin publishes a new version of the referral consent and finds the old one", async () => {
    const { server, browser, orgs } = demo;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR", reducedMotion: "reduce" });
    const page = await context.newPage();
    await signIn(page, server.url, "admin@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.goto(`${server.url}/orgs/${orgs.AMQR}/admin`);
    await page.getByRole("tab", { name: "Textes" }).click();
    const consent = page.getByRole("form", { name: "Accord pour être orienté·e" });
    await consent.getByText("Texte de la plateforme").waitFor();
    assert.match(await consent.getByRole("textbox", { name: /^Texte/ }).inputValue(), /^J'accepte que mes coordonnées/, "the platform's text to start from");
    for (const [body, label] of [
      ["J'accepte d'être orienté·e vers l'AMQR pour le programme Solidaires et Connectés.", "v1"],
      ["J'accepte que mes coordonnées soient transmises à l'AMQR, pour ce programme seulement.", "v2"],
    ]) {
      await consent.getByRole("textbox", { name: /^Texte/ }).fill(body);
      await consent.getByRole("button", { name: "Publier une nouvelle version" }).click();
      await page.getByText(`Version ${label} publiée.`).waitFor();
      await consent.getByText(new RegExp(`^Version ${label} du`)).waitFor();
    }
    await consent.getByRole("button", { name: "Versions précédentes" }).click();
    await consent.getByText("J'accepte d'être orienté·e vers l'AMQR pour le programme Solidaires et Connectés.").waitFor();
    await assertAccessible(page, "texts");
    await screenshot(page, "texts");
    await context.close();
  });
});
