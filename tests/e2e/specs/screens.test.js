// Phones, tablets and old screens: the main pages at 1280, 768 and 375 px, each checked by
// axe and kept as a screenshot (tests/e2e/artifacts/screen-<page>-<width>.png). Below a
// desktop, lists are stacked cards with the state in sight, the counters one line, the
// form's fields one under the other, and no page scrolls sideways.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { apiToken, assertAccessible, demoNetwork, newPage, screenshot, signIn } from "../lib/harness.js";

const WIDTHS = [1280, 768, 375];

describe("screens", () => {
  const demo = demoNetwork(["AMQR", "CCAS"]);
  let referral;
  let household;
  before(async () => {
    const staffToken = await apiToken(demo.server.url, "animatrice@amqr.test");
    const get = async (path) => (await fetch(`${demo.server.url}${path}`, { headers: { Authorization: `Bearer ${staffToken}` } })).json();
    referral = (await get(`/api/v1/orgs/${demo.orgs.AMQR}/referrals?limit=1`)).items[0].id;
    household = (await get(`/api/v1/orgs/${demo.orgs.AMQR}/households?limit=1`)).items[0].id;
  });

  /** Nothing wider than the screen: no sideways scrolling of the page. */
  async function fitsTheScreen(page, label) {
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll <= width, `${label}: the page is ${scroll} px wide on a ${width} px screen`);
  }

  for (const width of WIDTHS) {
    test(`the structure's pages at ${width} px`, async () => {
      const page = await newPage(demo.browser, { width, height: 900 });
      await signIn(page, demo.server.url, "animatrice@amqr.test");
      await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
      const pages = [
        ["home", `/orgs/${demo.orgs.AMQR}`, /Bonjour/],
        ["inbox", `/orgs/${demo.orgs.AMQR}/referrals`, "Orientations reçues"],
        ["referral", `/orgs/${demo.orgs.AMQR}/referrals/${referral}`, /^Orientation de /],
        ["households", `/orgs/${demo.orgs.AMQR}/households`, "Familles"],
        ["household", `/orgs/${demo.orgs.AMQR}/households/${household}`, /^Famille /],
        ["notifications", `/orgs/${demo.orgs.AMQR}/notifications`, "Notifications"],
      ];
      for (const [name, path, heading] of pages) {
        await page.goto(`${demo.server.url}${path}`);
        await page.getByRole("heading", { level: 1, name: heading }).waitFor();
        await page.waitForLoadState("networkidle");
        await assertAccessible(page, `${name} at ${width} px`);
        await fitsTheScreen(page, `${name} at ${width} px`);
        await screenshot(page, `screen-${name}-${width}`);
      }

      await page.goto(`${demo.server.url}/orgs/${demo.orgs.AMQR}/referrals`);
      await page.getByRole("heading", { level: 1, name: "Orientations reçues" }).waitFor();
      if (width < 992) {
        const cards = page.locator("article");
        await cards.first().waitFor();
        // Each card shows its state inside the screen.
        const badge = await cards.first().locator(".mantine-Badge-root").boundingBox();
        assert.ok(badge && badge.x + badge.width <= width, "the state is in sight");
        const line = page.getByText(/en attente · .* en retard · .* en cours/);
        const box = await line.boundingBox();
        assert.ok(box && box.height < 32, `the counters take one line (${box?.height} px)`);
      } else {
        await page.getByRole("table").waitFor();
      }
    });
  }

  test("the referral form's fields stack on a phone", async () => {
    const page = await newPage(demo.browser, { width: 375, height: 900 });
    await signIn(page, demo.server.url, "agent@ccas.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.goto(`${demo.server.url}/orgs/${demo.orgs.CCAS}/referrals/new`);
    await page.getByRole("heading", { level: 1, name: "Orienter une famille" }).waitFor();
    const first = await page.getByRole("textbox", { name: "Prénom", exact: true }).boundingBox();
    const last = await page.getByRole("textbox", { name: "Nom", exact: true }).boundingBox();
    assert.ok(first && last && last.y > first.y + first.height && Math.abs(last.x - first.x) < 2, "one under the other");
    await assertAccessible(page, "referral form at 375 px");
    await fitsTheScreen(page, "referral form at 375 px");
    await screenshot(page, "screen-referral-form-375");
    await page.goto(`${demo.server.url}/orgs/${demo.orgs.CCAS}/referrals`);
    await page.getByRole("heading", { level: 1, name: "Mes orientations" }).waitFor();
    await assertAccessible(page, "sent referrals at 375 px");
    await fitsTheScreen(page, "sent referrals at 375 px");
    await screenshot(page, "screen-sent-375");
  });
});
