// The journal: a centre's admin finds who read a family's file, filters the journal and
// downloads it for French Excel.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { apiToken, assertAccessible, demoNetwork, screenshot, signIn } from "../lib/harness.js";

describe("Journal", () => {
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
});
