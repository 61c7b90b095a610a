// French and English. The language comes from the browser's preferences unless the user chose
// one (kept in localStorage); every visible string goes through t().
const messages = {
  en: {
    "app.tagline": "Sealed envelopes for health data",
    "nav.inbox": "Inbox", "nav.outbox": "Sent", "nav.send": "Send", "nav.identity": "My key",
    "nav.signout": "Sign out", "nav.language": "Français", "nav.languageLabel": "Lire en français",
    "login.title": "Sign in", "login.name": "Account name", "login.password": "Password",
    "login.totp": "Authenticator code", "login.totpHint": "6 digits from your authenticator app",
    "login.submit": "Sign in", "login.busy": "Signing in…",
    "err.bad_credentials": "Wrong name or password.",
    "err.second_factor_required": "This account needs the code from your authenticator app.",
    "err.second_factor_invalid": "Wrong, expired or already used code.",
    "err.banned": "Too many failed attempts: wait before trying again.",
    "err.network": "The server could not be reached.",
    "err.link_unavailable": "This link has expired, was revoked, or has no downloads left.",
    "err.link_password_required": "This link is protected by a password.",
    "err.link_password_wrong": "Wrong password for this link.",
    "err.not_found": "Not found: it may have expired.",
    "err.no_identity": "Unlock or create your key first.",
    "identity.title": "My key",
    "identity.explain": "Files sent to you are encrypted to your age key. Its secret half stays in this browser: the server only ever sees it wrapped.",
    "identity.locked": "Your key is not unlocked in this tab.",
    "identity.unlocked": "Your key is unlocked in this tab.",
    "identity.recipient": "Public key (what senders encrypt to)",
    "identity.import": "Import an identity file", "identity.importHint": "An AGE-SECRET-KEY-… line, as made by valise keygen or age-keygen.",
    "identity.importSubmit": "Use this key", "identity.create": "Create a new key",
    "identity.createExplain": "Makes a post-quantum (ML-KEM-768 + X25519) key in this page and publishes its public half. Save the recovery file it offers: without it, files sent to this key cannot be opened on another device.",
    "identity.created": "Key created and published. Save the recovery file now.",
    "identity.saveRecovery": "Save the recovery file",
    "identity.forget": "Lock (forget in this tab)",
    "identity.bad": "That is not an age identity (AGE-SECRET-KEY-1… or AGE-SECRET-KEY-PQ-1…).",
    "identity.notPublished": "This key's public half is not published for your account; senders cannot reach it.",
    "inbox.title": "Inbox", "outbox.title": "Sent",
    "list.empty": "Nothing here.", "list.file": "File", "list.from": "From", "list.to": "To",
    "list.size": "Size", "list.expires": "Expires", "list.downloads": "Downloads",
    "list.sealed": "(name sealed: unlock your key)", "list.unreadable": "(name unreadable)",
    "list.open": "Open",
    "downloads.left": "{used} of {max}", "downloads.unlimited": "{used}, no limit",
    "send.title": "Send files", "send.drop": "Drop files here, or choose them",
    "send.choose": "Choose files", "send.to": "To (accounts or groups, comma separated)",
    "send.expires": "Expires after", "send.maxDownloads": "Download limit (empty: none)",
    "send.submit": "Encrypt and send", "send.encrypting": "Encrypting {name}: {pct}%",
    "send.uploading": "Uploading {name}: {pct}%", "send.sent": "Sent {name}",
    "send.noFiles": "Choose at least one file.", "send.noRecipients": "Name at least one recipient.",
    "send.noKey": "{name} has no published key yet: nobody could open the file.",
    "send.unknown": "No account or group named {name}.",
    "envelope.title": "Envelope", "envelope.download": "Download and decrypt",
    "envelope.downloading": "Decrypting {pct}%", "envelope.done": "Saved {name}",
    "envelope.links": "Share links", "envelope.newLink": "Create a share link",
    "envelope.linkExpires": "Link expires after", "envelope.linkDownloads": "Downloads allowed",
    "envelope.linkPassword": "Password (optional)",
    "envelope.linkCreated": "Copy this link now: its key is in the part after #, which the server never sees.",
    "envelope.copy": "Copy", "envelope.copied": "Copied", "envelope.revoke": "Revoke",
    "envelope.revoked": "revoked", "envelope.noLinks": "No share links.",
    "envelope.history": "History",
    "share.title": "A file was shared with you", "share.size": "Size",
    "share.expires": "Available until", "share.password": "Password",
    "share.download": "Download and decrypt", "share.noKey": "This link is incomplete: the key after # is missing.",
    "share.explain": "The file is decrypted in this page as it downloads; the server only holds ciphertext.",
    "share.done": "Saved {name}.",
    "share.failed": "The download failed: {reason}",
    "share.tampered": "The file did not decrypt: it was altered or the link is wrong.",
    "share.unsupported": "This browser cannot save a decrypted stream (no service workers).",
    "expiry.1d": "1 day", "expiry.3d": "3 days", "expiry.7d": "7 days", "expiry.30d": "30 days",
    "foot.zk": "The server stores ciphertext only. Files are encrypted and decrypted in this page.",
  },
  fr: {
    "app.tagline": "Des plis scellés pour les données de santé",
    "nav.inbox": "Reçus", "nav.outbox": "Envoyés", "nav.send": "Envoyer", "nav.identity": "Ma clé",
    "nav.signout": "Se déconnecter", "nav.language": "English", "nav.languageLabel": "Read in English",
    "login.title": "Connexion", "login.name": "Nom du compte", "login.password": "Mot de passe",
    "login.totp": "Code de l’application d’authentification", "login.totpHint": "6 chiffres donnés par votre application d’authentification",
    "login.submit": "Se connecter", "login.busy": "Connexion…",
    "err.bad_credentials": "Nom ou mot de passe incorrect.",
    "err.second_factor_required": "Ce compte demande le code de votre application d’authentification.",
    "err.second_factor_invalid": "Code faux, expiré ou déjà utilisé.",
    "err.banned": "Trop d’échecs : attendez avant de réessayer.",
    "err.network": "Le serveur est injoignable.",
    "err.link_unavailable": "Ce lien a expiré, a été révoqué ou n’a plus de téléchargements.",
    "err.link_password_required": "Ce lien est protégé par un mot de passe.",
    "err.link_password_wrong": "Mot de passe incorrect pour ce lien.",
    "err.not_found": "Introuvable : il a peut-être expiré.",
    "err.no_identity": "Déverrouillez ou créez d’abord votre clé.",
    "identity.title": "Ma clé",
    "identity.explain": "Les fichiers qui vous sont envoyés sont chiffrés pour votre clé age. Sa moitié secrète reste dans ce navigateur : le serveur ne la voit jamais qu’enveloppée.",
    "identity.locked": "Votre clé n’est pas déverrouillée dans cet onglet.",
    "identity.unlocked": "Votre clé est déverrouillée dans cet onglet.",
    "identity.recipient": "Clé publique (celle pour laquelle on vous chiffre)",
    "identity.import": "Importer un fichier d’identité", "identity.importHint": "Une ligne AGE-SECRET-KEY-…, comme en produit valise keygen ou age-keygen.",
    "identity.importSubmit": "Utiliser cette clé", "identity.create": "Créer une nouvelle clé",
    "identity.createExplain": "Crée dans cette page une clé post-quantique (ML-KEM-768 + X25519) et publie sa moitié publique. Enregistrez le fichier de secours proposé : sans lui, les fichiers chiffrés pour cette clé ne s’ouvriront sur aucun autre appareil.",
    "identity.created": "Clé créée et publiée. Enregistrez maintenant le fichier de secours.",
    "identity.saveRecovery": "Enregistrer le fichier de secours",
    "identity.forget": "Verrouiller (oublier dans cet onglet)",
    "identity.bad": "Ce n’est pas une identité age (AGE-SECRET-KEY-1… ou AGE-SECRET-KEY-PQ-1…).",
    "identity.notPublished": "La moitié publique de cette clé n’est pas publiée pour votre compte : personne ne peut chiffrer pour elle.",
    "inbox.title": "Reçus", "outbox.title": "Envoyés",
    "list.empty": "Rien ici.", "list.file": "Fichier", "list.from": "De", "list.to": "À",
    "list.size": "Taille", "list.expires": "Expire", "list.downloads": "Téléchargements",
    "list.sealed": "(nom scellé : déverrouillez votre clé)", "list.unreadable": "(nom illisible)",
    "list.open": "Ouvrir",
    "downloads.left": "{used} sur {max}", "downloads.unlimited": "{used}, sans limite",
    "send.title": "Envoyer des fichiers", "send.drop": "Déposez des fichiers ici, ou choisissez-les",
    "send.choose": "Choisir des fichiers", "send.to": "Destinataires (comptes ou groupes, séparés par des virgules)",
    "send.expires": "Expire après", "send.maxDownloads": "Limite de téléchargements (vide : aucune)",
    "send.submit": "Chiffrer et envoyer", "send.encrypting": "Chiffrement de {name} : {pct} %",
    "send.uploading": "Envoi de {name} : {pct} %", "send.sent": "{name} envoyé",
    "send.noFiles": "Choisissez au moins un fichier.", "send.noRecipients": "Nommez au moins un destinataire.",
    "send.noKey": "{name} n’a pas encore publié de clé : personne ne pourrait ouvrir le fichier.",
    "send.unknown": "Aucun compte ni groupe nommé {name}.",
    "envelope.title": "Pli", "envelope.download": "Télécharger et déchiffrer",
    "envelope.downloading": "Déchiffrement {pct} %", "envelope.done": "{name} enregistré",
    "envelope.links": "Liens de partage", "envelope.newLink": "Créer un lien de partage",
    "envelope.linkExpires": "Le lien expire après", "envelope.linkDownloads": "Téléchargements permis",
    "envelope.linkPassword": "Mot de passe (facultatif)",
    "envelope.linkCreated": "Copiez ce lien maintenant : sa clé est dans la partie après #, que le serveur ne voit jamais.",
    "envelope.copy": "Copier", "envelope.copied": "Copié", "envelope.revoke": "Révoquer",
    "envelope.revoked": "révoqué", "envelope.noLinks": "Aucun lien de partage.",
    "envelope.history": "Historique",
    "share.title": "Un fichier vous a été transmis", "share.size": "Taille",
    "share.expires": "Disponible jusqu’au", "share.password": "Mot de passe",
    "share.download": "Télécharger et déchiffrer", "share.noKey": "Ce lien est incomplet : la clé après # manque.",
    "share.explain": "Le fichier est déchiffré dans cette page pendant le téléchargement ; le serveur ne détient que du chiffré.",
    "share.done": "{name} enregistré.",
    "share.failed": "Le téléchargement a échoué : {reason}",
    "share.tampered": "Le fichier ne se déchiffre pas : il a été modifié ou le lien est faux.",
    "share.unsupported": "Ce navigateur ne peut pas enregistrer un flux déchiffré (pas de service worker).",
    "expiry.1d": "1 jour", "expiry.3d": "3 jours", "expiry.7d": "7 jours", "expiry.30d": "30 jours",
    "foot.zk": "Le serveur ne stocke que du chiffré. Les fichiers sont chiffrés et déchiffrés dans cette page.",
  },
};

const STORE = "valise-lang";

function initial() {
  const chosen = localStorage.getItem(STORE);
  if (chosen && messages[chosen]) return chosen;
  for (const l of navigator.languages ?? [navigator.language]) {
    const base = String(l).toLowerCase().split("-")[0];
    if (messages[base]) return base;
  }
  return "en";
}

let lang = initial();
document.documentElement.lang = lang;

export function language() {
  return lang;
}

export function setLanguage(l) {
  if (!messages[l]) return;
  lang = l;
  localStorage.setItem(STORE, l);
  document.documentElement.lang = l;
}

/** The message `key` in the current language, with {name} placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const s = messages[lang][key] ?? messages.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : `{${k}}`));
}

/** A date and time in the user's language. */
export function when(iso) {
  return new Date(iso).toLocaleString(lang === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
}

/** Exposed for the test that checks both languages have the same keys. */
export const catalogues = messages;
