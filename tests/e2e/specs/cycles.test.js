// A cycle as the centre runs it: staff plan it (the calendar shown before saving), enrol a
// family whose referral they accepted, take attendance on a tablet in the room, print the
// sheet; the referrer, with the family's agreement, then reads "2 séances sur 8".
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { apiToken, assertAccessible, demoNetwork, screenshot, sendReferral, signIn } from "../lib/harness.js";

describe("A cycle from planning to the referrer's view", () => {
  const demo = demoNetwork(["AMQR", "CCAS"]);

  test("staff create a cycle, enrol an accepted family, take attendance at 768 px and print the sheet", async () => {
    const { server, browser, orgs } = demo;
    const [amqr, ccas] = [orgs.AMQR, orgs.CCAS];
    const agentToken = await apiToken(server.url, "agent@ccas.test");
    const referral = await sendReferral(server.url, agentToken, ccas, { structure_id: amqr, first_name: "Zoé", last_name: "Marchand", phone: "0672334455", commune: "Raismes" });

    // A tablet held upright in the session room.
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true, locale: "fr-FR", reducedMotion: "reduce" });
    const page = await context.newPage();
    await signIn(page, server.url, "animatrice@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();

    // Accept the referral (a new household).
    await page.goto(`${server.url}/orgs/${amqr}/referrals/${referral}`);
    await page.getByRole("button", { name: "Accepter" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Confirmer" }).click();
    await page.getByRole("button", { name: "Inscrire dans un cycle" }).waitFor();

    // Plan the cycle: the calendar first, then save.
    await page.goto(`${server.url}/orgs/${amqr}/cycles`);
    await page.getByRole("heading", { level: 1, name: "Cycles d'accompagnement" }).waitFor();
    await assertAccessible(page, "cycles list at 768 px");
    await page.getByRole("link", { name: "Nouveau cycle" }).click();
    await page.getByRole("textbox", { name: /Nom du cycle/ }).fill("Cycle tablette");
    await page.getByLabel(/^Lieu/).first().click();
    await page.getByRole("option", { name: "Maison de quartier Sabatier" }).click();
    await page.getByRole("textbox", { name: /À partir du/ }).fill("07/12/2026");
    await page.getByText("Lundi", { exact: true }).click();
    await page.getByRole("button", { name: "Voir le calendrier" }).click();
    await page.getByText("lundi 7 décembre 2026 à 14:00 — L'ordinateur en main : clavier et souris").waitFor();
    await page.getByText(/lundi 25 janvier 2027 à 14:00 — Pronote et sécurité numérique/).waitFor();
    await assertAccessible(page, "new cycle with its calendar");
    await screenshot(page, "cycle-new-768");
    await page.getByRole("button", { name: "Créer le cycle" }).click();
    await page.getByRole("heading", { level: 1, name: "Cycle tablette" }).waitFor();
    const cycleUrl = page.url();

    // Enrol the accepted family from its referral page.
    await page.goto(`${server.url}/orgs/${amqr}/referrals/${referral}`);
    await page.getByRole("button", { name: "Inscrire dans un cycle" }).click();
    const dialog = page.getByRole("dialog", { name: "Inscrire dans un cycle" });
    await dialog.getByLabel(/^Cycle/).first().click();
    await page.getByRole("option", { name: /^Cycle tablette/ }).click();
    await dialog.getByRole("button", { name: "Inscrire dans un cycle" }).click();
    await page.getByRole("heading", { level: 1, name: "Cycle tablette" }).waitFor();
    assert.equal(page.url(), cycleUrl);
    await page.getByRole("link", { name: "Zoé Marchand" }).waitFor();
    await assertAccessible(page, "cycle page with a participant");
    await screenshot(page, "cycle-768");

    // Two sessions' attendance, each on one screen: everyone present, then save.
    for (const number of [1, 2]) {
      await page.goto(cycleUrl);
      await page.getByRole("link", { name: `Émargement — Séance ${number}` }).click();
      await page.getByRole("heading", { level: 1, name: `Émargement — séance ${number}` }).waitFor();
      const tap = page.getByRole("button", { name: "Tous présents" });
      const box = await tap.boundingBox();
      assert.ok(box && box.height >= 44, `a large tap target (${box?.height} px)`);
      await tap.click();
      await page.getByRole("radio", { name: "Présent·e" }).first().isChecked();
      if (number === 1) {
        await assertAccessible(page, "attendance sheet at 768 px");
        await screenshot(page, "attendance-768");
      }
      await page.getByRole("button", { name: "Enregistrer l'émargement" }).click();
      await page.getByText("Émargement enregistré.").waitFor();
    }

    // The printable sheet opens as a PDF.
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.getByRole("button", { name: "Imprimer la feuille" }).click()]);
    assert.match(popup.url(), /^blob:/);
    await popup.close();

    await page.goto(cycleUrl);
    await page.getByText("Inscrit·e — 2 sur 8").waitFor();
    await context.close();

    // The referrer reads the milestones the family agreed to share.
    const referrer = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR", reducedMotion: "reduce" });
    const theirs = await referrer.newPage();
    await signIn(theirs, server.url, "agent@ccas.test");
    await theirs.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await theirs.goto(`${server.url}/orgs/${ccas}/referrals/${referral}`);
    await theirs.getByText("2 séances sur 8 suivies").waitFor();
    await theirs.getByText("Inscrite dans un cycle qui commence le 7 décembre 2026").waitFor();
    await assertAccessible(theirs, "referrer's view of the journey");
    await screenshot(theirs, "referrer-sessions");
    await referrer.close();
  });

  test("a volunteer reads the schedule without any family's name", async () => {
    const { server, browser } = demo;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR", reducedMotion: "reduce" });
    const page = await context.newPage();
    await signIn(page, server.url, "benevole@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.getByRole("link", { name: "Cycles" }).click();
    await page.getByRole("link", { name: "Cycle d'hiver — Sabatier" }).click();
    await page.getByRole("heading", { level: 1, name: "Cycle d'hiver — Sabatier" }).waitFor();
    await page.getByText("Séances").first().waitFor();
    const text = await page.locator("main").innerText();
    for (const family of ["Benali", "Vasseur", "Lemaire"]) assert.ok(!text.includes(family), `${family} shown to a volunteer`);
    assert.equal(await page.getByRole("link", { name: /Émargement/ }).count(), 0);
    await assertAccessible(page, "volunteer's schedule");
    await context.close();
  });

  test("an admin edits the programme's modules; cycles keep their sessions", async () => {
    const { server, browser, orgs } = demo;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR", reducedMotion: "reduce" });
    const page = await context.newPage();
    await signIn(page, server.url, "admin@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.goto(`${server.url}/orgs/${orgs.AMQR}/cycles`);
    await page.getByRole("link", { name: "Parcours", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Parcours", exact: true }).waitFor();
    const first = page.getByRole("group", { name: "Module 1" });
    await first.getByRole("textbox", { name: /Titre/ }).fill("Premiers pas : clavier, souris et écran");
    await page.getByRole("button", { name: "Descendre le module 1" }).click();
    await assertAccessible(page, "programme editor");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Parcours enregistré. Les cycles déjà créés gardent leurs séances.").waitFor();
    await page.reload();
    await page.getByRole("group", { name: "Module 2" }).getByRole("textbox", { name: /Titre/ }).waitFor();
    assert.equal(await page.getByRole("group", { name: "Module 2" }).getByRole("textbox", { name: /Titre/ }).inputValue(), "Premiers pas : clavier, souris et écran");
    await context.close();
  });
});
