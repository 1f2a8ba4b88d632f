// The texts of the home feature, in French (the shared ones are in src/lib/i18n/fr.ts).
import { makeT } from "@/lib/i18n";

export const fr = {
  "home.org": "Vous êtes connecté·e à {organisation} en tant que {role}.",
  "home.nothing": "Les modules de votre rôle (tableau de bord, atelier) arrivent bientôt. En attendant, rien n'est à faire ici.",
  "home.noMembership": "Votre compte n'est rattaché à aucune structure pour l'instant. Demandez à votre administrateur de vous inviter.",
  "home.goTo": "Ouvrir",
} as const;

/** `t("key")` for this feature's texts and the shared ones. */
export const t = makeT(fr);

/** A key of this feature's texts or the shared ones. */
export type Key = Parameters<typeof t>[0];
