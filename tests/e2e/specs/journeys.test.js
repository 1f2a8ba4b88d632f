import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_PASSWORD, apiToken, assertAccessible, launchBrowser, newPage, orgId, screenshot, signIn, startServer, visit } from "../lib/harness.js";

describe("journeys", () => {
  let server;
  let browser;
  let amqr;
  let ccas;
  let landlord;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const token = await apiToken(server.url, "agent@ccas.test");
    [amqr, ccas, landlord] = await Promise.all(["AMQR", "CCAS", "Bailleur"].map((s) => orgId(server.url, token, s)));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("the CCAS sends a family, AMQR accepts it into a known household, the CCAS sees it", async () => {
    const agent = await newPage(browser);
    await signIn(agent, server.url, "agent@ccas.test");
    await agent.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await visit(agent, `${server.url}/orgs/${ccas}/referrals/new`, "Orienter une famille", "referral-form");

    await agent.getByLabel("Structure d'accompagnement").first().click();
    await agent.getByRole("option", { name: "AMQR — Maisons de quartier de Raismes" }).click();
    await agent.getByRole("textbox", { name: "Prénom", exact: true }).fill("Fatima");
    await agent.getByRole("textbox", { name: "Nom", exact: true }).fill("Benali");
    await agent.getByRole("textbox", { name: "Année de naissance", exact: true }).fill("1985");
    await agent.getByRole("textbox", { name: "Téléphone" }).fill("0611223344");
    await agent.getByRole("textbox", { name: "Commune" }).fill("Raismes");
    await agent.getByLabel("Besoins").first().click({ force: true });
    await agent.getByRole("option", { name: "Pas d'ordinateur" }).click();
    await agent.keyboard.press("Escape");
    await agent.getByRole("textbox", { name: "Message à la structure" }).fill("La famille souhaite suivre Pronote.");
    // Without the family's agreement, nothing is sent and the reason is given.
    await agent.getByRole("button", { name: "Envoyer l'orientation" }).click();
    await agent.getByText("L'accord de la famille est nécessaire pour l'orienter.").waitFor();
    await agent.getByRole("checkbox", { name: /La famille a donné son accord/ }).check();
    await agent.getByRole("radio", { name: /accepte que je sois informé/ }).check();
    await screenshot(agent, "referral-form-filled");
    await agent.getByRole("button", { name: "Envoyer l'orientation" }).click();
    await agent.getByRole("heading", { level: 1, name: "Orientation de Fatima Benali" }).waitFor();
    const referralUrl = agent.url();
    const referralId = referralUrl.split("/").pop();
    await assertAccessible(agent, "referral sent (referrer)");
    await screenshot(agent, "referral-referrer-submitted");

    const staff = await newPage(browser);
    await signIn(staff, server.url, "animatrice@amqr.test");
    await staff.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await visit(staff, `${server.url}/orgs/${amqr}/referrals`, "Orientations reçues", "inbox");
    await staff.getByRole("link", { name: "Fatima Benali" }).click();
    await staff.getByRole("heading", { level: 1, name: "Orientation de Fatima Benali" }).waitFor();
    await staff.getByText("même numéro de téléphone").first().waitFor();
    await assertAccessible(staff, "referral (structure)");
    await screenshot(staff, "referral-structure");
    await staff.getByRole("button", { name: "Accepter" }).click();
    await staff.getByRole("radio", { name: /Rattacher au foyer de Fatima Benali/ }).check();
    await staff.getByRole("textbox", { name: "Message au prescripteur" }).fill("Nous connaissons déjà la famille.");
    await staff.getByRole("button", { name: "Confirmer" }).click();
    await staff.getByRole("link", { name: "Voir le foyer" }).waitFor();
    await staff.getByRole("link", { name: "Voir le foyer" }).click();
    await staff.getByRole("heading", { level: 1, name: "Famille Fatima Benali" }).waitFor();
    const orientations = await staff.getByRole("link", { name: /CCAS de Raismes/ }).count();
    assert.ok(orientations >= 2, "the household lists both of its referrals");

    await agent.goto(referralUrl);
    await agent.getByRole("heading", { level: 1, name: "Orientation de Fatima Benali" }).waitFor();
    await agent.getByText("Acceptée").first().waitFor();
    await agent.getByText("Nous connaissons déjà la famille.").waitFor();
    assert.equal(await agent.getByText("Camille Martin").count(), 0, "the referrer does not see staff names");
    await screenshot(agent, "referral-referrer-accepted");
    await visit(agent, `${server.url}/orgs/${ccas}/notifications`, "Notifications", "notifications");
    // Each notification names the family and who acted, and opens a page the reader can use.
    const cards = agent.locator(".mantine-Card-root").filter({ has: agent.locator(`a[href$="${referralId}"]`) });
    assert.equal(await cards.count(), 1, "told once");
    await cards.getByText("Fatima Benali — orientation acceptée par AMQR — Maisons de quartier de Raismes").waitFor();
    await cards.getByRole("link", { name: "Voir l'orientation" }).click();
    await agent.getByRole("heading", { level: 1, name: "Orientation de Fatima Benali" }).waitFor();
    await visit(staff, `${server.url}/orgs/${amqr}/notifications`, "Notifications", "notifications-structure");
    await staff
      .locator(".mantine-Card-root")
      .filter({ has: staff.locator(`a[href$="${referralId}"]`) })
      .getByText("Fatima Benali — nouvelle orientation envoyée par CCAS de Raismes")
      .waitFor();
    assert.ok(referralId);
  });

  test("a decline with its reason reaches the referrer", async () => {
    const staff = await newPage(browser);
    await signIn(staff, server.url, "animatrice@amqr.test");
    await staff.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await staff.goto(`${server.url}/orgs/${amqr}/referrals`);
    await staff.getByRole("link", { name: "Jacques Delattre" }).click();
    await staff.getByRole("heading", { level: 1, name: "Orientation de Jacques Delattre" }).waitFor();
    const url = staff.url().replace(`/orgs/${amqr}/`, `/orgs/${ccas}/`);
    await staff.getByRole("button", { name: "Refuser" }).click();
    await staff.getByLabel("Motif du refus").first().click();
    await staff.getByRole("option", { name: "Plus de place" }).click();
    await staff.getByRole("button", { name: "Confirmer" }).click();
    await staff.getByText("Refusée").first().waitFor();

    const agent = await newPage(browser);
    await signIn(agent, server.url, "agent@ccas.test");
    await agent.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await agent.goto(url);
    await agent.getByRole("heading", { level: 1, name: "Orientation de Jacques Delattre" }).waitFor();
    await agent.getByText("Motif du refus : Plus de place").waitFor();
    await screenshot(agent, "referral-referrer-declined");
  });

  test("the social landlord sees none of the CCAS's referrals", async () => {
    const agent = await newPage(browser);
    await signIn(agent, server.url, "agent@bailleur.test");
    await agent.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await visit(agent, `${server.url}/orgs/${landlord}/referrals`, "Mes orientations", "sent-referrals");
    await agent.getByRole("link", { name: "Rémi Caron" }).waitFor();
    for (const ccasFamily of ["Jordan Petit", "Nadia Kaci", "Jacques Delattre", "Mehdi Saïdi"]) {
      assert.equal(await agent.getByRole("link", { name: ccasFamily }).count(), 0, `${ccasFamily} is the CCAS's`);
    }
    const token = await apiToken(server.url, "agent@ccas.test");
    const res = await fetch(`${server.url}/api/v1/orgs/${ccas}/referrals?q=petit`, { headers: { Authorization: `Bearer ${token}` } });
    const ccasReferral = (await res.json()).items[0].id;
    await agent.goto(`${server.url}/orgs/${landlord}/referrals/${ccasReferral}`);
    await agent.getByText("Cet élément n'existe pas ou n'est plus accessible.").waitFor();
  });

  test("a volunteer cannot reach households", async () => {
    const page = await newPage(browser);
    await signIn(page, server.url, "benevole@amqr.test");
    await page.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    assert.equal(await page.getByRole("link", { name: "Familles" }).count(), 0, "not in the navigation");
    await page.goto(`${server.url}/orgs/${amqr}/households`);
    await page.getByRole("heading", { level: 1, name: "Cette page n'est pas disponible" }).waitFor();
    await assertAccessible(page, "not available");
    await screenshot(page, "not-available");
  });

  test("an invited person sets a password and signs in", async () => {
    const admin = await newPage(browser);
    await signIn(admin, server.url, "admin@amqr.test");
    await admin.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await visit(admin, `${server.url}/orgs/${amqr}/admin`, /Administration/, "admin-members");
    await admin.getByRole("tab", { name: "Invitations" }).click();
    await admin.getByRole("textbox", { name: "E-mail" }).fill("nouvelle.salariee@exemple.fr");
    await admin.getByRole("button", { name: "Inviter une personne" }).click();
    const link = await admin.getByRole("textbox", { name: "Invitation créée" }).inputValue();
    assert.match(link, /\/invitation#/);
    await admin.getByRole("button", { name: "Copier le lien" }).waitFor();
    await assertAccessible(admin, "invitation created");
    await screenshot(admin, "admin-invitation-link");

    const invited = await newPage(browser);
    await invited.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
    await invited.getByText(/vous invite avec le rôle/).waitFor();
    await assertAccessible(invited, "invitation");
    await screenshot(invited, "invitation");
    await invited.getByRole("textbox", { name: "Votre nom et prénom" }).fill("Léa Nouvelle");
    await invited.getByLabel(/^Nouveau mot de passe/).fill("court");
    await invited.getByLabel(/^Confirmez le mot de passe/).fill("court");
    await invited.getByRole("button", { name: "Accepter l'invitation" }).click();
    await invited.getByText("Au moins 12 caractères.", { exact: true }).waitFor();
    await invited.getByLabel(/^Nouveau mot de passe/).fill("la mer est calme ce soir");
    await invited.getByLabel(/^Confirmez le mot de passe/).fill("la mer est calme ce soir");
    await invited.getByRole("button", { name: "Accepter l'invitation" }).click();
    await invited.getByRole("heading", { level: 1, name: "Bonjour Léa Nouvelle" }).waitFor();

    const again = await newPage(browser);
    await signIn(again, server.url, "nouvelle.salariee@exemple.fr", "la mer est calme ce soir");
    await again.getByRole("heading", { level: 1, name: "Bonjour Léa Nouvelle" }).waitFor();
  });

  test("a person who already has an account accepts an invitation from their own session", async () => {
    const token = await apiToken(server.url, "admin@acsrv.test");
    const acsrv = await orgId(server.url, token, "ACSRV");
    const created = await (
      await fetch(`${server.url}/api/v1/orgs/${acsrv}/invitations`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ email: "benevole@amqr.test", role: "viewer" }),
      })
    ).json();
    const invited = await newPage(browser);
    await invited.goto(created.url.replace(/^https?:\/\/[^/]+/, server.url));
    await invited.getByText(/vous invite avec le rôle/).waitFor();
    await invited.getByRole("button", { name: "Me connecter pour accepter" }).click();
    await invited.getByLabel("Adresse e-mail").fill("benevole@amqr.test");
    await invited.getByLabel(/^Mot de passe/).fill(DEMO_PASSWORD);
    await invited.getByRole("button", { name: "Se connecter" }).click();
    await invited.getByText(/connecté·e avec l'adresse benevole@amqr.test/).waitFor();
    await assertAccessible(invited, "invitation signed in");
    assert.doesNotMatch(invited.url(), /#|token/, "the token never rides in the address");
    await invited.getByRole("button", { name: "Accepter l'invitation" }).click();
    await invited.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    const me = await (await fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${await apiToken(server.url, "benevole@amqr.test")}` } })).json();
    assert.equal(me.memberships.length, 2);
  });

  test("an edit conflict shows what changed and overwrites nothing silently", async () => {
    const token = await apiToken(server.url, "animatrice@amqr.test");
    const list = await (await fetch(`${server.url}/api/v1/orgs/${amqr}/households?q=lemaire`, { headers: { Authorization: `Bearer ${token}` } })).json();
    const id = list.items[0].id;

    const first = await newPage(browser);
    await signIn(first, server.url, "animatrice@amqr.test");
    await first.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await visit(first, `${server.url}/orgs/${amqr}/households`, "Familles", "households");
    await visit(first, `${server.url}/orgs/${amqr}/households/${id}`, /Famille Kévin Lemaire/, "household");
    await visit(first, `${server.url}/orgs/${amqr}/households/${id}/edit`, "Modifier la famille", "household-edit");
    await first.getByRole("textbox", { name: "Notes pratiques" }).fill("Préfère le mercredi.");

    const second = await newPage(browser);
    await signIn(second, server.url, "admin@amqr.test");
    await second.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    await second.goto(`${server.url}/orgs/${amqr}/households/${id}/edit`);
    await second.getByRole("textbox", { name: "Commune" }).fill("Valenciennes");
    await second.getByRole("button", { name: "Enregistrer" }).click();
    await second.getByRole("heading", { level: 1, name: /Famille Kévin Lemaire/ }).waitFor();

    await first.getByRole("button", { name: "Enregistrer" }).click();
    await first.getByText("Quelqu'un a modifié cette famille pendant que vous la modifiiez").waitFor();
    await first.getByText("Commune : « Valenciennes »").waitFor();
    await assertAccessible(first, "edit conflict");
    await screenshot(first, "household-conflict");
    await first.getByRole("button", { name: "Enregistrer quand même ma version" }).click();
    await first.getByRole("heading", { level: 1, name: /Famille Kévin Lemaire/ }).waitFor();
    await first.getByText("Préfère le mercredi.", { exact: false }).waitFor();
  });

  test("an admin renames a site", async () => {
    const admin = await newPage(browser);
    await signIn(admin, server.url, "admin@acsrv.test");
    await admin.getByRole("heading", { level: 1, name: /Bonjour/ }).waitFor();
    const acsrv = await orgId(server.url, await apiToken(server.url, "admin@acsrv.test"), "ACSRV");
    await admin.goto(`${server.url}/orgs/${acsrv}/admin`);
    await admin.getByRole("tab", { name: "Lieux" }).click();
    await admin.getByRole("row", { name: /Centre social Dutemple/ }).getByRole("button", { name: "Modifier" }).click();
    const dialog = admin.getByRole("dialog", { name: "Modifier le lieu" });
    await dialog.getByRole("textbox", { name: "Nom du lieu" }).fill("Centre social Dutemple — Valenciennes");
    await assertAccessible(admin, "site edit");
    await screenshot(admin, "admin-site-edit");
    await dialog.getByRole("button", { name: "Enregistrer" }).click();
    await admin.getByRole("cell", { name: "Centre social Dutemple — Valenciennes" }).waitFor();
  });
});
