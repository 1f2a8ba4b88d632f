// The workshop as the centre runs it: a volunteer on a tablet takes a donated laptop through
// diagnosis, erasure (its certificate) and the system; the staff sign the quality check (four
// eyes), hand the machine to a family who completed a cycle and print the agreement; the
// CCAS, with the family's agreement, reads "ordinateur remis le …".
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { apiToken, assertAccessible, demoNetwork, screenshot, sendReferral, signIn } from "../lib/harness.js";

/** A JSON call to the API (set-up, not under test). */
async function call(base, token, method, path, body, headers = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return { json: text ? JSON.parse(text) : null, etag: res.headers.get("etag") };
}

/** A family sent by the CCAS, accepted, who attended all 8 sessions of a finished cycle. */
async function familyWhoCompletedACycle(base, amqr, ccas) {
  const agent = await apiToken(base, "agent@ccas.test");
  const staff = await apiToken(base, "animatrice@amqr.test");
  const referral = await sendReferral(base, agent, ccas, { structure_id: amqr, first_name: "Inès", last_name: "Carpentier", phone: "0673445566", commune: "Raismes" });
  const accepted = await call(base, staff, "POST", `/api/v1/orgs/${amqr}/referrals/${referral}/accept`, {});
  const sites = await call(base, staff, "GET", `/api/v1/orgs/${amqr}/sites`);
  const monday = new Date();
  monday.setDate(monday.getDate() - 63 - ((monday.getDay() + 6) % 7));
  const cycle = await call(base, staff, "POST", `/api/v1/orgs/${amqr}/cycles`, {
    site_id: sites.json[0].id,
    name: "Cycle de l'été indien",
    capacity: 8,
    first_day: monday.toISOString().slice(0, 10),
    weekdays: ["mon"],
    start_time: "14:00",
    duration_minutes: 120,
  });
  const id = cycle.json.id;
  await call(base, staff, "POST", `/api/v1/orgs/${amqr}/cycles/${id}/enrolments`, { referral_id: referral });
  const view = await call(base, staff, "GET", `/api/v1/orgs/${amqr}/cycles/${id}`);
  const enrolment = view.json.participants[0].enrolment_id;
  for (const session of view.json.sessions) {
    const path = `/api/v1/orgs/${amqr}/cycles/${id}/sessions/${session.id}/attendance`;
    const sheet = await call(base, staff, "GET", path);
    await call(base, staff, "PUT", path, { entries: [{ enrolment_id: enrolment, presence: "present" }] }, { "If-Match": sheet.etag });
  }
  await call(base, staff, "POST", `/api/v1/orgs/${amqr}/cycles/${id}/state`, { state: "finished", reason: "Cycle terminé" });
  return { referral, household: accepted.json.household_id };
}

describe("A donated laptop from the workbench to a family", () => {
  const demo = demoNetwork(["AMQR", "CCAS"]);

  test("a volunteer takes it to ready at 768 px, the staff hand it over and the CCAS sees it", async () => {
    const { server, browser, orgs } = demo;
    const [amqr, ccas] = [orgs.AMQR, orgs.CCAS];
    const family = await familyWhoCompletedACycle(server.url, amqr, ccas);

    const tablet = await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true, locale: "fr-FR", reducedMotion: "reduce" });
    const page = await tablet.newPage();
    await signIn(page, server.url, "benevole@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await page.goto(`${server.url}/orgs/${amqr}/workshop`);
    await page.getByRole("heading", { level: 1, name: "Atelier de reconditionnement" }).waitFor();
    await assertAccessible(page, "workshop board at 768 px");
    await screenshot(page, "workshop-board-768");

    // Registered from the handball club's lot: it gets the next asset tag.
    await page.getByRole("link", { name: "Enregistrer un équipement" }).click();
    await page.getByRole("textbox", { name: /^Marque/ }).fill("Dell");
    await page.getByRole("textbox", { name: /^Modèle/ }).fill("Latitude 7490");
    await page.getByRole("textbox", { name: /^Numéro de série/ }).fill("7490-TAB-01");
    await page.getByLabel(/^Don \(lot\)/).first().click();
    await page.getByRole("option", { name: /^Saint-Amand Handball Club/ }).click();
    await assertAccessible(page, "new device at 768 px");
    await page.getByRole("button", { name: "Enregistrer et attribuer un numéro" }).click();
    const heading = page.getByRole("heading", { level: 1, name: /^AMQR-\d{4} — Dell Latitude 7490$/ });
    await heading.waitFor();
    const tag = (await heading.innerText()).split(" — ")[0];

    // Diagnosis: one SSD, the tests as found.
    await page.getByRole("textbox", { name: /^Processeur/ }).fill("Intel Core i5-8350U");
    await page.getByRole("textbox", { name: /^Capacité du disque 1/ }).fill("256");
    await page.getByRole("textbox", { name: /^N° de série du disque 1/ }).fill("S4-7490-SSD");
    await assertAccessible(page, "diagnosis form at 768 px");
    await screenshot(page, "workshop-diagnosis-768");
    await page.getByRole("button", { name: "Enregistrer le diagnostic" }).click();

    // Erasure of the disk, then the certificate.
    await page.getByRole("heading", { name: "Effacement des données" }).waitFor();
    const declare = page.getByRole("button", { name: "Déclarer l'équipement effacé" });
    assert.equal(await declare.isDisabled(), true, "not before the disk is erased");
    await page.getByRole("button", { name: "Enregistrer l'effacement" }).click();
    await page.getByText(/S4-7490-SSD — effacé/).first().waitFor();
    await assertAccessible(page, "erasure at 768 px");
    await declare.click();
    await page.getByRole("heading", { name: "Installation du système" }).waitFor();
    await page.getByText(/Code de vérification : [2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/).waitFor();
    const [certificate] = await Promise.all([page.waitForEvent("popup"), page.getByRole("button", { name: "Certificat d'effacement" }).click()]);
    assert.match(certificate.url(), /^blob:/);
    await certificate.close();

    // The system, then the check: not by the person who installed it.
    await page.getByRole("button", { name: "Enregistrer l'installation" }).click();
    await page.getByRole("heading", { name: "Contrôle qualité" }).waitFor();
    await assertAccessible(page, "quality check at 768 px");
    await page.getByRole("button", { name: "Signer le contrôle" }).click();
    await page.getByText("Le contrôle qualité doit être fait par une autre personne que celle qui a installé le système.").first().waitFor();
    const deviceUrl = page.url();
    await tablet.close();

    // The staff sign the check and hand the machine to the family from its page.
    const office = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR", reducedMotion: "reduce" });
    const staff = await office.newPage();
    await signIn(staff, server.url, "animatrice@amqr.test");
    await staff.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await staff.goto(deviceUrl);
    await staff.getByRole("button", { name: "Signer le contrôle" }).click();
    await staff.getByText("Prêt : réservez-le depuis la page du foyer qui doit le recevoir.").waitFor();
    await staff.goto(`${server.url}/orgs/${amqr}/households/${family.household}`);
    await staff.getByText(/Le foyer peut recevoir un ordinateur/).waitFor();
    await staff.getByLabel(/^Réserver un ordinateur prêt/).first().click();
    await staff.getByRole("option", { name: new RegExp(`^${tag}`) }).click();
    await staff.getByRole("button", { name: "Réserver", exact: true }).click();
    await staff.getByRole("heading", { name: new RegExp(`^Remise de ${tag}`) }).waitFor();
    await staff.getByText("Souris", { exact: true }).click();
    await assertAccessible(staff, "handover form on the household page");
    await screenshot(staff, "workshop-handover");
    const [agreement] = await Promise.all([staff.waitForEvent("popup"), staff.getByRole("button", { name: "Imprimer la convention" }).click()]);
    assert.match(agreement.url(), /^blob:/);
    await agreement.close();
    await staff.getByRole("button", { name: "Enregistrer la remise" }).click();
    await staff.getByText(new RegExp(`^${tag} — remis le `)).waitFor();
    await office.close();

    // The CCAS follows the family: the computer is a milestone of its journey.
    const ccasContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR", reducedMotion: "reduce" });
    const theirs = await ccasContext.newPage();
    await signIn(theirs, server.url, "agent@ccas.test");
    await theirs.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await theirs.goto(`${server.url}/orgs/${ccas}/referrals/${family.referral}`);
    await theirs.getByText(/[Oo]rdinateur remis le /).waitFor();
    await assertAccessible(theirs, "referrer sees the computer handed over");
    await ccasContext.close();
  });

  test("anyone checks a certificate's code without an account", async () => {
    const { server, browser, orgs } = demo;
    const token = await apiToken(server.url, "benevole@amqr.test");
    const ready = await call(server.url, token, "GET", `/api/v1/orgs/${orgs.AMQR}/devices?state=ready`);
    const device = await call(server.url, token, "GET", `/api/v1/orgs/${orgs.AMQR}/devices/${ready.json.items[0].id}`);
    const code = device.json.certificate.code;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "fr-FR", reducedMotion: "reduce" });
    const page = await context.newPage();
    await page.goto(`${server.url}/verifier`);
    await page.getByRole("textbox", { name: /Code de vérification/ }).fill(code.toLowerCase());
    await page.getByRole("button", { name: "Vérifier" }).click();
    await page.getByText("Certificat authentique").waitFor();
    await page.getByText(new RegExp(`pour l'équipement ${device.json.asset_tag}`)).waitFor();
    await assertAccessible(page, "certificate check");
    await page.getByRole("textbox", { name: /Code de vérification/ }).fill("2345-6789-ABCD");
    await page.getByRole("button", { name: "Vérifier" }).click();
    await page.getByText(/Aucun certificat ne porte ce code/).waitFor();
    await context.close();
  });
});
