// The account's passkeys and identity wraps, through the API.
import { call, getJson, postJson, b64, unb64 } from "./api.js";
import { b64url, createPasskey } from "./webauthn.js";
import { wrapToPasskey, wrapToPassphrase, unlockWithPasskey, unlockWithPassphrase } from "./vault.js";
import { current, use } from "./identity.js";

/** {rpId, passkeys:[{id,name,createdAt,lastUsedAt,prf,credentialId,transports}]} */
export async function passkeys() {
  return getJson("/api/passkeys");
}

export async function wraps() {
  return (await getJson("/api/identity-wraps")).wraps;
}

/**
 * Registers a new passkey named `name`. When the key is unlocked and the passkey can derive keys,
 * also wraps the key to it (a second touch of the authenticator). Resolves to {passkey, wrapped}.
 */
export async function enrolPasskey(name, recipient) {
  const { challengeId, publicKey } = await postJson("/api/passkeys/register/options", {});
  const made = await createPasskey(publicKey);
  const passkey = await postJson("/api/passkeys", { challengeId, name, credential: made.json });
  const identity = current();
  let wrapped = false;
  if (identity && recipient && made.prf) {
    await addPasskeyWrap(identity, recipient, passkey.id, made.credentialId, publicKey.rp.id, made.transports);
    wrapped = true;
  }
  return { passkey, wrapped, prf: made.prf };
}

async function addPasskeyWrap(identity, recipient, passkeyId, credentialId, rpId, transports) {
  const file = await wrapToPasskey(identity, credentialId, rpId, transports);
  return postJson("/api/identity-wraps", { kind: "passkey", passkeyId, recipient, wrapped: b64(file) });
}

/** Wraps the unlocked key to an existing passkey (one touch). */
export async function wrapToExisting(passkey, rpId, recipient) {
  return addPasskeyWrap(current(), recipient, passkey.id, b64url.decode(passkey.credentialId), rpId, passkey.transports ?? []);
}

export async function addPassphraseWrap(passphrase, recipient) {
  const file = await wrapToPassphrase(current(), passphrase);
  return postJson("/api/identity-wraps", { kind: "passphrase", recipient, wrapped: b64(file) });
}

export async function removeWrap(id) {
  await call("DELETE", `/api/identity-wraps/${encodeURIComponent(id)}`);
}

export async function removePasskey(id) {
  await call("DELETE", `/api/passkeys/${encodeURIComponent(id)}`);
}

/** Unlocks the key with a passkey at hand; resolves to its recipient. */
export async function unlockByPasskey() {
  const [{ rpId, passkeys: list }, all] = await Promise.all([passkeys(), wraps()]);
  const byId = new Map(list.map((p) => [p.id, p]));
  const candidates = all
    .filter((w) => w.kind === "passkey" && byId.has(w.passkeyId))
    .map((w) => ({ ...w, credentialId: byId.get(w.passkeyId).credentialId, transports: byId.get(w.passkeyId).transports }));
  if (candidates.length === 0) throw Object.assign(new Error("no passkey wrap"), { code: "no_passkey_wrap" });
  return use(await unlockWithPasskey(candidates, rpId, unb64));
}

export async function unlockByPassphrase(passphrase) {
  const all = (await wraps()).filter((w) => w.kind === "passphrase");
  if (all.length === 0) throw Object.assign(new Error("no passphrase wrap"), { code: "no_passphrase_wrap" });
  let last;
  for (const w of all) {
    try {
      return await use(await unlockWithPassphrase(w, passphrase, unb64));
    } catch (e) {
      last = e;
    }
  }
  throw last;
}
