// The user's age identity in this tab. It is kept in sessionStorage, which lives as long as the
// tab and is never sent anywhere; it leaves the page only inside a download job handed to this
// origin's service worker.
import { generateHybridIdentity, identityToRecipient } from "age-encryption";

const KEY = "valise-identity";

export function current() {
  return sessionStorage.getItem(KEY);
}

export async function use(identity) {
  const s = String(identity)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.startsWith("AGE-SECRET-KEY-"));
  if (!s) throw new Error("not an identity");
  const recipient = await identityToRecipient(s); // throws on a malformed key
  sessionStorage.setItem(KEY, s);
  return recipient;
}

export async function recipient() {
  const s = current();
  return s ? identityToRecipient(s) : null;
}

export async function create() {
  const s = await generateHybridIdentity();
  const r = await identityToRecipient(s);
  return { identity: s, recipient: r };
}

export function forget() {
  sessionStorage.removeItem(KEY);
}
