// A session that ends never loses typed work; whoever is sent back to the sign-in page is
// told why; a browser restoring several tabs at once keeps its session.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_PASSWORD, apiToken, assertAccessible, demoNetwork, newPage, screenshot, signIn } from "../lib/harness.js";

const NEW_PASSWORD = "le jardin partagé du mardi";

describe("the session", () => {
  const demo = demoNetwork(["AMQR"]);

  /** The person changes their password on another device: every other session ends. */
  async function passwordChangedElsewhere(email) {
    const token = await apiToken(demo.server.url, email);
    const res = await fetch(`${demo.server.url}/api/v1/me/password`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ current_password: DEMO_PASSWORD, new_password: NEW_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`password change refused: ${res.status} ${await res.text()}`);
  }

  test("a form sent after the session ended goes through once the person signs in again over it", async () => {
    const token = await apiToken(demo.server.url, "animatrice@amqr.test");
    const found = await (await fetch(`${demo.server.url}/api/v1/orgs/${demo.orgs.AMQR}/households?q=lemaire`, { headers: { Authorization: `Bearer ${token}` } })).json();
    const household = found.items[0].id;
    const page = await newPage(demo.browser);
    await signIn(page, demo.server.url, "animatrice@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.goto(`${demo.server.url}/orgs/${demo.orgs.AMQR}/households/${household}/edit`);
    await page.getByRole("heading", { level: 1, name: "Modifier la famille" }).waitFor();
    const notes = page.getByRole("textbox", { name: "Notes pratiques" });
    await notes.fill("Joignable le matin avant 10 h, par SMS de préférence.");

    await passwordChangedElsewhere("animatrice@amqr.test");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    const dialog = page.getByRole("dialog", { name: "Votre session a expiré" });
    await dialog.waitFor();
    assert.equal(await page.getByRole("heading", { level: 1, name: "Modifier la famille" }).count(), 1, "the form stays under the dialog");
    assert.equal(await dialog.getByRole("textbox", { name: "Adresse e-mail" }).inputValue(), "animatrice@amqr.test");
    await assertAccessible(page, "sign in again");
    await screenshot(page, "session-expired-dialog");
    await dialog.getByLabel(/^Mot de passe/).fill("pas le bon mot de passe");
    await dialog.getByRole("button", { name: "Me reconnecter et continuer" }).click();
    await dialog.getByText("Le mot de passe est incorrect.").waitFor();
    await dialog.getByLabel(/^Mot de passe/).fill(NEW_PASSWORD);
    await dialog.getByRole("button", { name: "Me reconnecter et continuer" }).click();
    await page.getByRole("heading", { level: 1, name: "Famille Kévin Lemaire" }).waitFor();
    await page.getByText("Joignable le matin avant 10 h, par SMS de préférence.").waitFor();
    assert.equal(await dialog.count(), 0);
  });

  test("someone sent back to the sign-in page is told their session expired", async () => {
    const page = await newPage(demo.browser);
    await signIn(page, demo.server.url, "benevole@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await passwordChangedElsewhere("benevole@amqr.test");
    await page.reload();
    await page.getByText("Votre session a expiré. Reconnectez-vous pour reprendre là où vous étiez.").waitFor();
    assert.match(page.url(), /\/login\?/);
    await assertAccessible(page, "sign-in, session expired");
  });

  test("a browser restoring several tabs at once keeps its session", async () => {
    const first = await newPage(demo.browser);
    await signIn(first, demo.server.url, "admin@amqr.test");
    await first.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    const tabs = await Promise.all([1, 2, 3, 4].map(() => first.context().newPage()));
    const paths = ["/", `/orgs/${demo.orgs.AMQR}/referrals`, `/orgs/${demo.orgs.AMQR}/households`, "/"];
    await Promise.all(tabs.map((tab, i) => tab.goto(`${demo.server.url}${paths[i]}`)));
    for (const tab of tabs) {
      await tab.getByRole("heading", { level: 1 }).first().waitFor();
      assert.doesNotMatch(tab.url(), /\/login/, "no tab is sent to the sign-in page");
    }
    await first.reload();
    await first.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
  });
});
