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
  cycleState: {
    planned: "Prévu",
    running: "En cours",
    finished: "Terminé",
    cancelled: "Annulé",
  } satisfies Record<Schemas["CycleState"], string>,
  enrolment: {
    enrolled: "Inscrit·e",
    waiting: "En liste d'attente",
    withdrawn: "Retiré·e",
    completed: "Cycle validé",
    not_completed: "Cycle non validé",
  } satisfies Record<Schemas["EnrolmentStatus"], string>,
  presence: {
    present: "Présent·e",
    excused: "Excusé·e",
    absent: "Absent·e",
  } satisfies Record<Schemas["Presence"], string>,
  theme: {
    equipment: "Prise en main du matériel",
    office_software: "Bureautique",
    email: "Courriels",
    browsing: "Navigation sur internet",
    digital_security: "Sécurité numérique",
    online_procedures: "Démarches en ligne",
    school_and_digital: "École et numérique (ENT, Pronote)",
    parenting_and_digital: "Parentalité et numérique",
  } satisfies Record<Schemas["Theme"], string>,
  day: {
    mon: "Lundi",
    tue: "Mardi",
    wed: "Mercredi",
    thu: "Jeudi",
    fri: "Vendredi",
    sat: "Samedi",
    sun: "Dimanche",
  } satisfies Record<Schemas["Day"], string>,
  area: {
    equipment: "Matériel",
    office: "Bureautique",
    internet_and_email: "Internet et courriel",
    online_procedures: "Démarches en ligne",
    ent_pronote: "ENT / Pronote",
    safety: "Sécurité",
  } satisfies Record<Schemas["SkillArea"], string>,
  competence: {
    keyboard_and_mouse: "Utiliser le clavier et la souris",
    files: "Ranger et retrouver ses fichiers",
    write_document: "Écrire et enregistrer un document",
    search_the_web: "Chercher une information sur internet",
    send_email: "Envoyer un courriel avec une pièce jointe",
    france_connect: "Se connecter avec FranceConnect",
    complete_procedure: "Faire une démarche en ligne jusqu'au bout",
    ent_sign_in: "Se connecter à l'ENT",
    homework_diary: "Lire le cahier de textes",
    grades: "Consulter les notes",
    message_teacher: "Écrire à un enseignant",
    stay_safe: "Protéger ses mots de passe, repérer une arnaque",
  } satisfies Record<Schemas["Competence"], string>,
  autonomy: {
    accompanied: "Accompagné·e",
    partly_autonomous: "Partiellement autonome",
    autonomous: "Autonome",
  } satisfies Record<Schemas["Autonomy"], string>,
  reminderReason: {
    day_before: "Rappel de la veille",
    moved: "Séance déplacée",
    cancelled: "Séance annulée",
  } satisfies Record<Schemas["ReminderReason"], string>,
};

export type Vocabulary = keyof typeof vocabulary;

/** The label of a vocabulary value; the raw value when the catalogue has none, so a value
 * newer than this build never breaks a page. */
export function label(kind: Vocabulary, value: string): string {
  const labels: Record<string, string> = vocabulary[kind];
  return labels[value] ?? value;
}
