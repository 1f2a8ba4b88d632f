import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, launchBrowser, newPage, screenshot, signIn, startServer } from "../lib/harness.js";

// Every demo account signs in and lands where its role works.
const ACCOUNTS = [
  ["coordination@reseau.test", "Nadia Coordination", "Réseau Solidaires et Connectés"],
  ["admin@amqr.test", "Michel Lefebvre", "AMQR — Maisons de quartier de Raismes"],
  ["animatrice@amqr.test", "Camille Martin", "AMQR — Maisons de quartier de Raismes"],
  ["benevole@amqr.test", "Jean Dupont", "AMQR — Maisons de quartier de Raismes"],
  ["admin@acsrv.test", "Sophie Leroy", "ACSRV — Centres sociaux du Valenciennois"],
  ["animateur@acsrv.test", "Karim Benali", "ACSRV — Centres sociaux du Valenciennois"],
  ["admin@centre-independant.test", "Isabelle Moreau", "Centre social indépendant"],
  ["agent@ccas.test", "Aurélie Petit", "CCAS de Raismes"],
  ["agent@bailleur.test", "Thomas Girard", "Bailleur social"],
];

describe("sign-in", () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("the sign-in page is accessible and explains a wrong password", async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await assertAccessible(page, "login");
    await screenshot(page, "login");
    await signIn(page, server.url, "animatrice@amqr.test", "pas le bon mot de passe");
    await page.getByRole("alert").filter({ hasText: "incorrect" }).waitFor();
    assert.match(page.url(), /\/login/);
  });

  for (const [email, name, organisation] of ACCOUNTS) {
    test(`${email} signs in and lands on ${organisation}`, async () => {
      const page = await newPage(browser);
      await signIn(page, server.url, email);
      await page.getByRole("heading", { level: 1, name: `Bonjour ${name}` }).waitFor();
      assert.ok(await page.getByText(organisation).first().isVisible());
      await assertAccessible(page, `home ${email}`);
      await screenshot(page, `home-${email.split("@")[0]}-${email.split("@")[1].split(".")[0]}`);
    });
  }

  test("the superadmin lands on the instance's organisations, in the normal frame", async () => {
    const page = await newPage(browser);
    await signIn(page, server.url, "superadmin@solidaires.test");
    await page.getByRole("heading", { level: 1, name: "Organisations" }).waitFor();
    assert.ok(await page.getByText("CCAS de Raismes").isVisible());
    // The frame: the header with the application's name, the navigation, the account menu.
    await page.getByRole("banner").getByRole("link", { name: "Solidaires et Connectés" }).waitFor();
    await page.getByRole("navigation").waitFor();
    await assertAccessible(page, "superadmin organisations");
    await screenshot(page, "superadmin-organisations");
    await page.getByRole("button", { name: /Mon compte/ }).click();
    await page.getByRole("menuitem", { name: "Se déconnecter" }).click();
    await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
  });

  test("a deep link is answered by the application, then sign-in returns to it", async () => {
    const page = await newPage(browser);
    const res = await page.goto(`${server.url}/une/page/profonde`);
    assert.equal(res.status(), 200);
    await page.waitForURL(/\/login\?next=/);
    const api = await page.request.get(`${server.url}/api/v1/inexistant`);
    assert.equal(api.status(), 404);
    assert.equal(api.headers()["content-type"], "application/problem+json");
  });

  test("a reload keeps the person signed in, and signing out ends the session", async () => {
    const page = await newPage(browser);
    await signIn(page, server.url, "agent@ccas.test");
    await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
    await page.getByRole("button", { name: /Mon compte/ }).click();
    await page.getByRole("menuitem", { name: "Se déconnecter" }).click();
    await page.waitForURL(/\/login/);
    await page.reload();
    await page.waitForURL(/\/login/);
  });

  test("works on a 768-wide tablet", async () => {
    const page = await newPage(browser, { width: 768, height: 1024 });
    await signIn(page, server.url, "animatrice@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    // At 768 px the navigation stays open beside the page; narrower, it hides behind a menu button.
    const menu = page.getByRole("button", { name: "Ouvrir le menu" });
    if (await menu.isVisible()) await menu.click();
    await page.getByRole("link", { name: "Orientations reçues" }).click();
    await page.getByRole("heading", { level: 1, name: "Orientations reçues" }).waitFor();
    await assertAccessible(page, "inbox on a tablet");
    await screenshot(page, "tablet-inbox");
  });
});
