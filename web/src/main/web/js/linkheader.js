// A share link's header: the envelope's file key wrapped to a fresh X25519 identity made for the
// link (age's X25519 recipient type), with the header MAC under the same file key. The identity
// goes into the part of the link after '#', which browsers never send to the server.
import { generateX25519Identity, identityToRecipient } from "age-encryption";
import { x25519 } from "@noble/curves/ed25519.js";
import { chacha20poly1305 } from "@noble/ciphers/chacha.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { base64nopad, bech32 } from "@scure/base";

const utf8 = new TextEncoder();

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Base64 without padding, cut into lines of 64 columns, the last one shorter (age.md). */
function bodyLines(bytes) {
  const b = base64nopad.encode(bytes);
  const lines = [];
  for (let i = 0; i <= b.length; i += 64) lines.push(b.slice(i, i + 64));
  return lines.join("\n");
}

/** Resolves to {identity, header}: the link's identity and its one-stanza header. */
export async function linkHeader(fileKey) {
  const identity = await generateX25519Identity();
  const recipient = bech32.fromWords(bech32.decode(await identityToRecipient(identity), 1000).words);
  const ephemeral = x25519.utils.randomSecretKey();
  const share = x25519.getPublicKey(ephemeral);
  const shared = x25519.getSharedSecret(ephemeral, recipient);
  const wrapKey = hkdf(sha256, shared, concat(share, recipient), utf8.encode("age-encryption.org/v1/X25519"), 32);
  const body = chacha20poly1305(wrapKey, new Uint8Array(12)).encrypt(fileKey);
  const head = `age-encryption.org/v1\n-> X25519 ${base64nopad.encode(share)}\n${bodyLines(body)}\n---`;
  const macKey = hkdf(sha256, fileKey, undefined, utf8.encode("header"), 32);
  const mac = hmac(sha256, macKey, utf8.encode(head));
  return { identity, header: utf8.encode(`${head} ${base64nopad.encode(mac)}\n`) };
}
