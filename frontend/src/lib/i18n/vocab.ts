// The labels of the API's vocabularies, in French. Each map is checked against the list of
// values generated from the OpenAPI document (`satisfies Record<…>`): a value added to the API
// and not named here fails the type check.
import type { Schemas } from "@/lib/api/client";

export const vocabulary = {
  kind: {
    structure: "Structure",
    referrer: "Prescripteur",
    network: "Réseau",
  } satisfies Record<Schemas["OrgKind"], string>,
  role: {
    admin: "Administrateur·rice",
    staff: "Salarié·e",
    volunteer: "Bénévole",
    viewer: "Lecture seule",
    referrer: "Prescripteur·rice",
    coordinator: "Coordination du réseau",
    superadmin: "Superadministrateur·rice",
    system: "Automatique",
  } satisfies Record<Schemas["ActorRole"], string>,
  status: {
    submitted: "Envoyée",
    accepted: "Acceptée",
    declined: "Refusée",
    waitlisted: "Liste d'attente",
    enrolled: "Inscrite en cycle",
    completed: "Cycle terminé",
    dropped_out: "Abandon",
    expired: "Expirée sans réponse",
  } satisfies Record<Schemas["ReferralStatus"], string>,
  source: {
    referrer: "Prescripteur",
    structure: "Venue d'elle-même",
  } satisfies Record<Schemas["ReferralSource"], string>,
  need: {
    no_computer: "Pas d'ordinateur",
    no_internet: "Pas d'internet à la maison",
    online_admin: "Démarches administratives en ligne",
    school_follow_up: "Suivi scolaire (ENT / Pronote)",
    other: "Autre besoin",
  } satisfies Record<Schemas["Need"], string>,
  contact: {
    phone: "Téléphone",
    sms: "SMS",
    email: "E-mail",
    letter: "Courrier",
    do_not_contact: "Ne pas contacter",
  } satisfies Record<Schemas["ContactChannel"], string>,
  memberRole: {
    reference: "Personne de référence",
    adult: "Adulte",
    child: "Enfant",
    other: "Autre",
  } satisfies Record<Schemas["MemberRole"], string>,
  school: {
    maternelle: "Maternelle",
    primaire: "Primaire",
    college: "Collège",
    lycee: "Lycée",
    superieur: "Supérieur",
    autre: "Autre",
  } satisfies Record<Schemas["SchoolLevel"], string>,
  decline: {
    outside_area: "Hors secteur",
    not_eligible: "Ne correspond pas au programme",
    no_capacity: "Plus de place",
    could_not_contact: "Famille injoignable",
    no_longer_interested: "La famille n'est plus intéressée",
    duplicate: "Doublon",
    other: "Autre raison",
  } satisfies Record<Schemas["DeclineReason"], string>,
  invitationStatus: {
    pending: "En attente",
    accepted: "Acceptée",
    revoked: "Annulée",
    expired: "Expirée",
  } satisfies Record<Schemas["InvitationStatus"], string>,
  householdStatus: {
    active: "Actif",
    archived: "Archivé",
  } satisfies Record<Schemas["HouseholdStatus"], string>,
};

export type Vocabulary = keyof typeof vocabulary;

/** The label of a vocabulary value; the raw value when the catalogue has none, so a value
 * newer than this build never breaks a page. */
export function label(kind: Vocabulary, value: string): string {
  const labels: Record<string, string> = vocabulary[kind];
  return labels[value] ?? value;
}
