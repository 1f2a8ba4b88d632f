// Nobody reads a stale state: coming back to a tab shows what the other side changed, on the
// page and on the bell; the referrer's page names the structure the family was sent to.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { apiToken, assertAccessible, demoNetwork, newPage, sendReferral, signIn } from "../lib/harness.js";

describe("fresh state", () => {
  const demo = demoNetwork(["AMQR", "CCAS"]);

  /** The person comes back to the tab (the event the browser fires, which reaches the window). */
  const comeBack = (page) => page.evaluate(() => document.dispatchEvent(new Event("visibilitychange", { bubbles: true })));

  test("the referrer's open page and bell follow the structure's answer", async () => {
    const { server, orgs } = demo;
    const [amqr, ccas] = [orgs.AMQR, orgs.CCAS];
    const agentToken = await apiToken(server.url, "agent@ccas.test");
    const id = await sendReferral(server.url, agentToken, ccas, { structure_id: amqr, first_name: "Samira", last_name: "Haddad", phone: "06 14 00 00 01", commune: "Raismes" });
    const page = await newPage(demo.browser);
    await signIn(page, server.url, "agent@ccas.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.goto(`${server.url}/orgs/${ccas}/referrals/${id}`);
    await page.getByRole("heading", { level: 1, name: "Orientation de Samira Haddad" }).waitFor();
    await page.getByText("L'orientation vers AMQR — Maisons de quartier de Raismes").waitFor();
    await assertAccessible(page, "referral (referrer)");
    const bell = page.locator('header [aria-label^="Notifications — "]');
    const before = await bell.getAttribute("aria-label");

    // The structure accepts (through the API: the other side's screen is not under test).
    const accepted = await fetch(`${server.url}/api/v1/orgs/${amqr}/referrals/${id}/accept`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await apiToken(server.url, "animatrice@amqr.test")}`, "Content-Type": "application/json" },
      body: "{}",
    });
    assert.equal(accepted.status, 200);
    await comeBack(page);
    await page.getByText("Acceptée").first().waitFor();
    await page.waitForFunction((label) => document.querySelector('header [aria-label^="Notifications — "]')?.getAttribute("aria-label") !== label, before);
    const count = (label) => Number(/(\d+)/.exec(label ?? "")?.[1] ?? 0);
    assert.equal(count(await bell.getAttribute("aria-label")), count(before) + 1, "the bell counts the answer");
  });
});
