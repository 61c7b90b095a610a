// The user's age identity, kept on the server only as age files the server cannot open ("wraps"):
// one per passkey, encrypted to the passkey's PRF with the age-encryption package's passkey
// recipient (stanza age-encryption.org/fido2prf), and optionally one to a recovery passphrase
// (scrypt). Unwrapping happens here, in the page; what it yields is checked against the public key
// the account published, so a wrap the server swapped can never become the user's key.
import { Decrypter, Encrypter, identityToRecipient, webauthn } from "age-encryption";
import { base64nopad, bech32 } from "@scure/base";
import { chacha20poly1305 } from "@noble/ciphers/chacha.js";
import { extract } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { b64url, prfOutputs } from "./webauthn.js";

const LABEL = "age-encryption.org/fido2prf";
const utf8 = new TextEncoder();

// Minimal CBOR (RFC 8949) for the identity string of the passkey recipient: version, credential
// id, RP id, transports.
function head(major, n) {
  if (n < 24) return [(major << 5) | n];
  if (n < 0x100) return [(major << 5) | 24, n];
  if (n < 0x10000) return [(major << 5) | 25, n >> 8, n & 0xff];
  throw new Error("CBOR item too long");
}
const cborBytes = (b) => [...head(2, b.length), ...b];
const cborText = (s) => {
  const b = utf8.encode(s);
  return [...head(3, b.length), ...b];
};
const cborArray = (items) => [...head(4, items.length), ...items.flat()];

/** The AGE-PLUGIN-FIDO2PRF-1... string that names one passkey to the age-encryption package. */
export function passkeyIdentity(credentialId, rpId, transports = []) {
  const data = new Uint8Array([...head(0, 1), ...cborBytes([...credentialId]), ...cborText(rpId), ...cborArray(transports.map(cborText))]);
  return bech32.encode("AGE-PLUGIN-FIDO2PRF-", bech32.toWords(data), false).toUpperCase();
}

/** Encrypts `identity` to a passkey (one prompt on the authenticator). */
export async function wrapToPasskey(identity, credentialId, rpId, transports) {
  const e = new Encrypter();
  e.addRecipient(new webauthn.WebAuthnRecipient({ identity: passkeyIdentity(credentialId, rpId, transports) }));
  return e.encrypt(identity);
}

/** Encrypts `identity` to a passphrase (scrypt, age's default work factor 18 unless told). */
export async function wrapToPassphrase(identity, passphrase, workFactor = 18) {
  const e = new Encrypter();
  e.setPassphrase(passphrase);
  e.setScryptWorkFactor(workFactor);
  return e.encrypt(identity);
}

/** The identity inside a wrap, checked to be the secret half of `expected` (its recipient). */
async function checked(identity, expected) {
  const s = String(identity).trim();
  if (!s.startsWith("AGE-SECRET-KEY-") || (await identityToRecipient(s)) !== expected) {
    throw Object.assign(new Error("wrap does not hold the published key"), { code: "wrap_mismatch" });
  }
  return s;
}

/** The fido2prf stanza's nonce of a wrap, read by a decrypter that stops at the header. */
async function prfNonce(wrapped) {
  let nonce = null;
  const d = new Decrypter();
  d.addIdentity({
    unwrapFileKey(stanzas) {
      const s = stanzas.find((x) => x.args[0] === LABEL && x.args.length === 2);
      if (s) nonce = base64nopad.decode(s.args[1]);
      return null;
    },
  });
  await d.decrypt(wrapped).catch(() => {});
  if (!nonce || nonce.length !== 16) throw Object.assign(new Error("not a passkey wrap"), { code: "bad_wrap" });
  return nonce;
}

function prfInputs(nonce) {
  const input = (n) => new Uint8Array([...utf8.encode(LABEL), n, ...nonce]);
  return { first: input(1), second: input(2) };
}

function toBytes(r) {
  return r instanceof ArrayBuffer ? new Uint8Array(r) : new Uint8Array(r.buffer, r.byteOffset, r.byteLength);
}

/**
 * Unlocks with whichever of the account's passkeys is at hand, in one prompt: every passkey wrap
 * offers its credential with the PRF inputs of its own stanza. `wraps` are the API's wraps of kind
 * passkey, each with `credentialId` (base64url) and `transports` of its passkey.
 */
export async function unlockWithPasskey(wraps, rpId, unb64) {
  const candidates = [];
  for (const w of wraps) {
    const wrapped = unb64(w.wrapped);
    const nonce = await prfNonce(wrapped);
    candidates.push({ w, wrapped, id: b64url.decode(w.credentialId), transports: w.transports ?? [], inputs: prfInputs(nonce) });
  }
  const { id, results } = await prfOutputs(rpId, candidates);
  const chosen = candidates.find((c) => c.id.length === id.length && c.id.every((b, i) => b === id[i]));
  if (!chosen || !results.second) throw Object.assign(new Error("no PRF"), { code: "passkey_no_prf" });
  const key = extract(sha256, new Uint8Array([...toBytes(results.first), ...toBytes(results.second)]), utf8.encode(LABEL));
  const d = new Decrypter();
  d.addIdentity({
    unwrapFileKey(stanzas) {
      for (const s of stanzas) {
        if (s.args[0] !== LABEL || s.body.length !== 32) continue;
        try {
          return chacha20poly1305(key, new Uint8Array(12)).decrypt(s.body);
        } catch {
          // another stanza
        }
      }
      return null;
    },
  });
  return checked(await d.decrypt(chosen.wrapped, "text"), chosen.w.recipient);
}

/** Unlocks a passphrase wrap; a wrong passphrase rejects with code bad_passphrase. */
export async function unlockWithPassphrase(wrap, passphrase, unb64) {
  const d = new Decrypter();
  d.addPassphrase(passphrase);
  let text;
  try {
    text = await d.decrypt(unb64(wrap.wrapped), "text");
  } catch {
    throw Object.assign(new Error("wrong passphrase"), { code: "bad_passphrase" });
  }
  return checked(text, wrap.recipient);
}
