// Nobody reads a stale state: coming back to a tab shows what the other side changed, on the
// page and on the bell; the referrer's page names the structure the family was sent to.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { apiToken, assertAccessible, launchBrowser, newPage, orgId, signIn, startServer } from "../lib/harness.js";

describe("fresh state", () => {
  let server;
  let browser;
  let amqr;
  let ccas;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const token = await apiToken(server.url, "agent@ccas.test");
    [amqr, ccas] = await Promise.all(["AMQR", "CCAS"].map((s) => orgId(server.url, token, s)));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function post(path, token, body) {
    const res = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  /** The person comes back to the tab (the event the browser fires, which reaches the window). */
  const comeBack = (page) => page.evaluate(() => document.dispatchEvent(new Event("visibilitychange", { bubbles: true })));

  test("the referrer's open page and bell follow the structure's answer", async () => {
    const agentToken = await apiToken(server.url, "agent@ccas.test");
    const sent = await post(`/api/v1/orgs/${ccas}/referrals`, agentToken, {
      structure_id: amqr,
      first_name: "Samira",
      last_name: "Haddad",
      phone: "06 14 00 00 01",
      preferred_contact: "phone",
      commune: "Raismes",
      members: [],
      needs: ["no_computer"],
      consent: { given_on: new Date().toISOString().slice(0, 10), text_version: "2026-09" },
      share_progress: true,
    });
    const page = await newPage(browser);
    await signIn(page, server.url, "agent@ccas.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.goto(`${server.url}/orgs/${ccas}/referrals/${sent.id}`);
    await page.getByRole("heading", { level: 1, name: "Orientation de Samira Haddad" }).waitFor();
    await page.getByText("L'orientation vers AMQR — Maisons de quartier de Raismes").waitFor();
    await assertAccessible(page, "referral (referrer)");
    const bell = page.locator('header [aria-label^="Notifications — "]');
    const before = await bell.getAttribute("aria-label");

    await post(`/api/v1/orgs/${amqr}/referrals/${sent.id}/accept`, await apiToken(server.url, "animatrice@amqr.test"), {});
    await comeBack(page);
    await page.getByText("Acceptée").first().waitFor();
    await page.waitForFunction((label) => document.querySelector('header [aria-label^="Notifications — "]')?.getAttribute("aria-label") !== label, before);
    const count = (label) => Number(/(\d+)/.exec(label ?? "")?.[1] ?? 0);
    assert.equal(count(await bell.getAttribute("aria-label")), count(before) + 1, "the bell counts the answer");
  });
});
