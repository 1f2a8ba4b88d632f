// The texts of the auth feature, in French (the shared ones are in src/lib/i18n/fr.ts).
import { makeT } from "@/lib/i18n";

export const fr = {
  "login.title": "Connexion",
  "login.intro": "Connectez-vous avec l'adresse e-mail et le mot de passe de votre compte.",
  "login.email": "Adresse e-mail",
  "login.password": "Mot de passe",
  "login.submit": "Se connecter",
  "login.invalid": "L'adresse e-mail ou le mot de passe est incorrect.",
  "login.throttled": "Trop d'essais. Patientez une minute avant de réessayer.",
  "login.expired": "Votre session a expiré. Reconnectez-vous pour reprendre là où vous étiez.",
  "login.emailRequired": "Indiquez votre adresse e-mail.",
  "login.passwordRequired": "Indiquez votre mot de passe.",
  "login.forgot": "Mot de passe oublié ?",
  "reauth.title": "Votre session a expiré",
  "reauth.intro": "Pour protéger les données des familles, la session s'arrête au bout d'un moment. Saisissez à nouveau votre mot de passe : ce que vous étiez en train d'envoyer partira ensuite, rien de ce que vous avez saisi n'est perdu.",
  "reauth.invalid": "Le mot de passe est incorrect.",
  "reauth.submit": "Me reconnecter et continuer",
  "reauth.leave": "Quitter (ce qui n'est pas envoyé sera perdu)",
  "forgot.title": "Mot de passe oublié",
  "forgot.intro": "Indiquez l'adresse e-mail de votre compte : si elle existe, vous recevrez un lien pour choisir un nouveau mot de passe. Vous pouvez aussi demander un lien à l'administrateur de votre structure.",
  "forgot.submit": "Recevoir un lien",
  "forgot.sent": "Si un compte existe pour cette adresse, un e-mail vient de partir. Pensez à regarder dans les courriers indésirables.",
  "forgot.back": "Retour à la connexion",
  "password.rules": "Choisissez au moins 12 caractères. Une phrase facile à retenir convient très bien (par exemple « le vélo bleu de Lina »). Les mots de passe trop courants sont refusés.",
  "password.new": "Nouveau mot de passe",
  "password.confirm": "Confirmez le mot de passe",
  "password.mismatch": "Les deux mots de passe ne sont pas identiques.",
  "password.tooShort": "Au moins 12 caractères.",
  "invitation.title": "Rejoindre Solidaires et Connectés",
  "invitation.invalid": "Ce lien d'invitation n'est plus valable (déjà utilisé, annulé ou expiré). Demandez une nouvelle invitation à la personne qui vous a invité·e.",
  "invitation.intro": "{organisation} vous invite avec le rôle « {role} » pour l'adresse {email}.",
  "invitation.newAccount": "Créez votre accès : votre nom et un mot de passe.",
  "invitation.existing": "Vous avez déjà un compte avec cette adresse ?",
  "invitation.signInFirst": "Me connecter pour accepter",
  "invitation.signedInAs": "Vous êtes connecté·e avec l'adresse {email}. Acceptez pour rejoindre la structure avec ce compte.",
  "invitation.name": "Votre nom et prénom",
  "invitation.submit": "Accepter l'invitation",
  "reset.title": "Choisir un nouveau mot de passe",
  "reset.submit": "Enregistrer le mot de passe",
  "reset.done": "Votre mot de passe est changé. Connectez-vous avec le nouveau.",
  "reset.invalid": "Ce lien n'est plus valable. Demandez-en un nouveau.",
} as const;

/** `t("key")` for this feature's texts and the shared ones. */
export const t = makeT(fr);

/** A key of this feature's texts or the shared ones. */
export type Key = Parameters<typeof t>[0];
