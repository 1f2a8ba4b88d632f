import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, launchBrowser, newPage, screenshot, signIn, startServer } from "../lib/harness.js";

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

  test("a staff member signs in and sees her structure", async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await assertAccessible(page, "login");
    await screenshot(page, "login");
    await signIn(page, server.url, "animatrice@amqr.test");
    await page.getByRole("heading", { name: "Bienvenue, Camille Martin" }).waitFor();
    assert.ok(await page.getByText("AMQR — Maisons de quartier de Raismes").isVisible());
    await assertAccessible(page, "home");
    await screenshot(page, "home");
  });

  test("a wrong password is explained and nothing else happens", async () => {
    const page = await newPage(browser);
    await signIn(page, server.url, "animatrice@amqr.test", "pas le bon mot de passe");
    await page.getByRole("alert").filter({ hasText: "incorrect" }).waitFor();
    assert.match(page.url(), /\/login/);
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

  test("a reload keeps the person signed in (refresh cookie)", async () => {
    const page = await newPage(browser);
    await signIn(page, server.url, "agent@ccas.test");
    await page.getByRole("heading", { name: /Bienvenue/ }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: /Bienvenue/ }).waitFor();
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.reload();
    await page.waitForURL(/\/login/);
  });
});
