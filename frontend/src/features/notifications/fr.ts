// The texts of the notifications feature, in French (the shared ones are in src/lib/i18n/fr.ts).
import { makeT } from "@/lib/i18n";

export const fr = {
  "notifications.title": "Notifications",
  "notifications.empty": "Aucune notification.",
  "notifications.statusChange": "L'orientation de {structure} est maintenant : {status}",
  "notifications.reminder": "Une orientation attend votre réponse depuis plusieurs jours",
  "notifications.markAll": "Tout marquer comme lu",
  "notifications.open": "Voir l'orientation",
  "notifications.unreadOnly": "Non lues seulement",
} as const;

/** `t("key")` for this feature's texts and the shared ones. */
export const t = makeT(fr);

/** A key of this feature's texts or the shared ones. */
export type Key = Parameters<typeof t>[0];
