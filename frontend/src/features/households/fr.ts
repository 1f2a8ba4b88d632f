// The texts of the households feature, in French (the shared ones are in src/lib/i18n/fr.ts).
import { makeT } from "@/lib/i18n";

export const fr = {
  "family.notes": "Notes pratiques",
  "family.notesWarning": "N'écrivez ici aucune information de santé, de religion, d'opinion ou de situation judiciaire : seulement ce qui aide à l'accompagnement (disponibilités, langue…).",
  "family.status": "Statut du dossier",
  "family.statusActive": "Actif",
  "family.statusArchived": "Archivé",
  "households.title": "Familles",
  "eligibility.title": "Équipement en ordinateur",
  "eligibility.yes": "Le foyer peut recevoir un ordinateur : {attended} séance(s) suivie(s) dans un cycle.",
  "eligibility.no": "Le foyer ne peut pas encore recevoir d'ordinateur :",
  "computer.handed": "remis le {date}",
  "computer.noneReady": "Aucun ordinateur n'est prêt dans l'atelier pour le moment.",
  "computer.reserveLabel": "Réserver un ordinateur prêt",
  "computer.reserve": "Réserver",
  "computer.handoverTitle": "Remise de {tag} ({model})",
  "computer.recipient": "Reçu par (nom de la personne qui signe)",
  "computer.date": "Date de remise (jj/mm/aaaa)",
  "computer.accessories": "Accessoires remis",
  "computer.condition": "État constaté",
  "computer.conditionDefault": "Bon état de fonctionnement",
  "computer.agreement": "Imprimer la convention",
  "computer.handover": "Enregistrer la remise",
  "computer.release": "Annuler la réservation",
  "households.search": "Nom, téléphone ou e-mail",
  "households.new": "Nouvelle famille",
  "households.empty": "Aucune famille ne correspond à la recherche.",
  "households.emptyAll": "Aucune famille enregistrée. Les familles acceptées depuis les orientations apparaissent ici.",
  "households.reference": "Personne de référence",
  "households.members": "Membres",
  "households.updated": "Mise à jour",
  "households.createTitle": "Nouvelle famille",
  "households.editTitle": "Modifier la famille",
  "households.detailTitle": "Famille {name}",
  "households.referrals": "Orientations",
  "households.noReferrals": "Aucune orientation liée.",
  "households.createdBy": "Créée le {date} par {name}",
  "households.updatedBy": "Modifiée le {date} par {name}",
  "households.conflictTitle": "Quelqu'un a modifié cette famille pendant que vous la modifiiez",
  "households.conflictBody": "Vos modifications ne sont pas enregistrées, et rien n'a été écrasé. Voici ce qui a changé de leur côté :",
  "households.conflictNothing": "Aucune différence visible dans les champs principaux.",
  "households.conflictKeepMine": "Enregistrer quand même ma version",
  "households.conflictTakeTheirs": "Abandonner mes modifications et recharger",
  "households.field": "{field} : « {value} »",
  "households.includeArchived": "Afficher les dossiers archivés",
} as const;

/** `t("key")` for this feature's texts and the shared ones. */
export const t = makeT(fr);

/** A key of this feature's texts or the shared ones. */
export type Key = Parameters<typeof t>[0];
