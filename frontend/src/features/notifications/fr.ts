// The texts of the notifications feature, in French (the shared ones are in src/lib/i18n/fr.ts).
import { makeT } from "@/lib/i18n";

export const fr = {
  "notifications.title": "Notifications",
  "notifications.empty": "Aucune notification.",
  "notifications.received": "{family} — nouvelle orientation envoyée par {referrer}",
  "notifications.reminder": "{family} — l'orientation attend votre réponse depuis plusieurs jours",
  "notifications.progress": "{family} — avancement noté par {structure}",
  "notifications.accepted": "{family} — orientation acceptée par {structure}",
  "notifications.declined": "{family} — orientation refusée par {structure}",
  "notifications.waitlisted": "{family} — mise en liste d'attente par {structure}",
  "notifications.enrolled": "{family} — inscrite dans un cycle par {structure}",
  "notifications.completed": "{family} — a terminé son cycle avec {structure}",
  "notifications.dropped_out": "{family} — a arrêté l'accompagnement avec {structure}",
  "notifications.expired": "{family} — orientation expirée, sans réponse de {structure}",
  "notifications.other": "{family} — l'orientation vers {structure} est maintenant : {status}",
  "notifications.markAll": "Tout marquer comme lu",
  "notifications.open": "Voir l'orientation",
  "notifications.unreadOnly": "Non lues seulement",
} as const;

/** `t("key")` for this feature's texts and the shared ones. */
export const t = makeT(fr);

/** A key of this feature's texts or the shared ones. */
export type Key = Parameters<typeof t>[0];
