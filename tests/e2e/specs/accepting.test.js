// Accepting a referral never files a family under another family's record by default, and
// the lookalike (same name, same commune, another phone and year) is suggested with why.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { apiToken, assertAccessible, demoNetwork, newPage, screenshot, sendReferral, signIn } from "../lib/harness.js";

describe("accepting a referral", () => {
  const demo = demoNetwork(["AMQR", "CCAS"]);

  /** The CCAS sends a family to AMQR (set-up through the API: the form is tested elsewhere). */
  async function send(family) {
    const token = await apiToken(demo.server.url, "agent@ccas.test");
    return sendReferral(demo.server.url, token, demo.orgs.CCAS, { structure_id: demo.orgs.AMQR, ...family });
  }

  async function openAsStaff(referralId, name) {
    const staff = await newPage(demo.browser);
    await signIn(staff, demo.server.url, "animatrice@amqr.test");
    await staff.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await staff.goto(`${demo.server.url}/orgs/${demo.orgs.AMQR}/referrals/${referralId}`);
    await staff.getByRole("heading", { level: 1, name: `Orientation de ${name}` }).waitFor();
    return staff;
  }

  test("a family sharing another's phone gets its own household unless the person chooses otherwise", async () => {
    // Karim Mansouri gives the number of Jordan Petit's family (a neighbour's phone).
    const id = await send({ first_name: "Karim", last_name: "Mansouri", birth_year: 1990, phone: "06 98 76 54 32", commune: "Anzin" });
    const staff = await openAsStaff(id, "Karim Mansouri");
    await staff.getByText("Jordan Petit — même numéro de téléphone").waitFor();
    await staff.getByRole("button", { name: "Accepter" }).click();
    const dialog = staff.getByRole("dialog", { name: "Accepter l'orientation" });
    const fresh = dialog.getByRole("radio", { name: /Créer un nouveau foyer pour Karim Mansouri/ });
    const existing = dialog.getByRole("radio", { name: /Rattacher au foyer de Jordan Petit/ });
    assert.equal(await fresh.isChecked(), true, "a new household is the default");
    assert.equal(await existing.isChecked(), false);
    // The suggestion says why and who lives there.
    await dialog.getByText("Proposé car : même numéro de téléphone").waitFor();
    await dialog.getByText(/Personnes du foyer : Jordan Petit \(1995, personne de référence\)/).waitFor();
    await assertAccessible(staff, "accept dialog");
    await screenshot(staff, "referral-accept-dialog");
    await dialog.getByRole("button", { name: "Confirmer" }).click();
    await staff.getByRole("link", { name: "Voir le foyer" }).click();
    await staff.getByRole("heading", { level: 1, name: "Famille Karim Mansouri" }).waitFor();
    assert.equal(await staff.getByText("Jordan Petit").count(), 0, "Karim is not filed in Jordan's family");
  });

  test("attaching asks who the person referred is, and can add them to the household", async () => {
    const id = await send({ first_name: "Samir", last_name: "Petit", birth_year: 1999, phone: "06 98 76 54 32", commune: "Raismes" });
    const staff = await openAsStaff(id, "Samir Petit");
    await staff.getByRole("button", { name: "Accepter" }).click();
    const dialog = staff.getByRole("dialog", { name: "Accepter l'orientation" });
    await dialog.getByRole("radio", { name: /Rattacher au foyer de Jordan Petit/ }).check();
    const who = dialog.getByRole("radiogroup", { name: "Qui est Samir Petit dans ce foyer ?" });
    await who.waitFor();
    assert.equal(await who.getByRole("radio", { checked: true }).count(), 0, "nobody is chosen for the person");
    await dialog.getByRole("button", { name: "Confirmer" }).click();
    await dialog.getByText("Choisissez qui est la personne orientée, ou ajoutez-la au foyer.").waitFor();
    await assertAccessible(staff, "accept dialog, member missing");
    await who.getByRole("radio", { name: "Une nouvelle personne : ajouter Samir Petit au foyer" }).check();
    await dialog.getByRole("button", { name: "Confirmer" }).click();
    await staff.getByRole("link", { name: "Voir le foyer" }).click();
    await staff.getByRole("heading", { level: 1, name: "Famille Jordan Petit" }).waitFor();
    await staff.getByText(/Samir Petit/).first().waitFor();
  });

  test("the same name in the same commune is suggested despite another phone and year", async () => {
    // A second "Fatima Benali" in Raismes, written differently, with another phone and year.
    const id = await send({ first_name: "fatima", last_name: "BENALI", birth_year: 1986, phone: "07 01 02 03 04", commune: "RAISMES" });
    const staff = await openAsStaff(id, "fatima BENALI");
    await staff.getByText("Fatima Benali — même nom dans la même commune").waitFor();
    await staff.getByRole("button", { name: "Accepter" }).click();
    const dialog = staff.getByRole("dialog", { name: "Accepter l'orientation" });
    await dialog.getByRole("radio", { name: /Rattacher au foyer de Fatima Benali/ }).check();
    await dialog.getByText(/Personnes du foyer : .*Yanis Benali \(2012, enfant\)/).waitFor();
    // She bears the name of the household's reference person: proposed, and kept.
    const who = dialog.getByRole("radiogroup", { name: "Qui est fatima BENALI dans ce foyer ?" });
    assert.equal(await who.getByRole("radio", { name: /Fatima Benali \(1985/ }).isChecked(), true);
    await dialog.getByRole("button", { name: "Confirmer" }).click();
    await staff.getByRole("link", { name: "Voir le foyer" }).click();
    await staff.getByRole("heading", { level: 1, name: "Famille Fatima Benali" }).waitFor();
    assert.equal(await staff.getByText(/fatima BENALI/).count(), 0, "no second Fatima added to the household");
  });
});
