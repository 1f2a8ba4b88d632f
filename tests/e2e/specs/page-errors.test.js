// No raw error screen: a page whose code cannot be loaded says so in French inside the
// normal frame, with "Réessayer"; after a release replaced the files, the application
// reloads itself once and the page opens.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiToken, assertAccessible, launchBrowser, newPage, orgId, repo, screenshot, signIn, startServer } from "../lib/harness.js";

/** Every built file gets a new name, as a new release's hashes would, references included. */
function publishNewRelease(dir) {
  const assets = join(dir, "assets");
  const renamed = readdirSync(assets).map((name) => [name, name.replace(/\.(js|css)$/, "-r2.$1")]);
  for (const [from, to] of renamed) renameSync(join(assets, from), join(assets, to));
  const texts = [join(dir, "index.html"), ...renamed.filter(([, to]) => /\.(js|css)$/.test(to)).map(([, to]) => join(assets, to))];
  for (const file of texts) {
    let text = readFileSync(file, "utf8");
    for (const [from, to] of renamed) text = text.split(from).join(to);
    writeFileSync(file, text);
  }
}

describe("pages that fail to load", () => {
  let server;
  let browser;
  let spaDir;
  let amqr;
  before(async () => {
    spaDir = mkdtempSync(join(tmpdir(), "solidaires-spa-"));
    cpSync(join(repo, "frontend/dist"), spaDir, { recursive: true });
    server = await startServer({ spaDir });
    browser = await launchBrowser();
    amqr = await orgId(server.url, await apiToken(server.url, "animatrice@amqr.test"), "AMQR");
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(spaDir, { recursive: true, force: true });
  });

  test("out of reach: a French message with Réessayer in the frame, and the page once back", async () => {
    const page = await newPage(browser);
    await signIn(page, server.url, "animatrice@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.context().setOffline(true);
    await page.getByRole("navigation").getByRole("link", { name: "Familles" }).click();
    await page.getByRole("heading", { level: 1, name: "Cette page n'a pas pu s'afficher" }).waitFor();
    await page.getByText("Le serveur ne répond pas. Vérifiez votre connexion internet puis réessayez.").waitFor();
    assert.equal(await page.getByRole("link", { name: "Orientations reçues" }).count(), 1, "the menu stays");
    await assertAccessible(page, "page that failed to load");
    await screenshot(page, "page-unreachable");
    await page.context().setOffline(false);
    await page.getByRole("button", { name: "Réessayer" }).click();
    await page.getByRole("heading", { level: 1, name: "Familles" }).waitFor();
    assert.match(page.url(), new RegExp(`/orgs/${amqr}/households$`));
  });

  test("after a release, the application reloads itself once instead of failing", async () => {
    const page = await newPage(browser);
    await signIn(page, server.url, "animatrice@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.evaluate(() => (window.beforeRelease = true));
    publishNewRelease(spaDir);
    await page.getByRole("navigation").getByRole("link", { name: "Familles" }).click();
    await page.getByRole("heading", { level: 1, name: "Familles" }).waitFor();
    assert.equal(await page.evaluate(() => window.beforeRelease), undefined, "the page was reloaded");
    assert.equal(await page.getByText("Cette page n'a pas pu s'afficher").count(), 0);
  });
});
