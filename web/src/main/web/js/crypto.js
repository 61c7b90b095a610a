// The age work done in the page: encrypting a file as a stream to the recipients' keys, sealing
// and opening the envelope's metadata (file name, type, size) under its file key exactly as the
// valise CLI does, and unwrapping a header's file key.
import { Decrypter, Encrypter } from "age-encryption";
import { chacha20poly1305 } from "@noble/ciphers/chacha.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";

const utf8 = new TextEncoder();
const MAX_METADATA_JSON = 4096;
const CHUNK = 64 * 1024;

/**
 * Encrypts `stream` to `recipients` (age1... strings); resolves to the ciphertext stream and the
 * file key, which the page needs to seal the metadata and then forgets.
 */
export async function encrypt(stream, recipients) {
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  let fileKey = null;
  // A recipient with no stanza of its own: age-encryption hands every recipient the file key.
  e.addRecipient({
    wrapFileKey(key) {
      fileKey = key.slice();
      return [];
    },
  });
  const out = await e.encrypt(stream);
  return { out, fileKey };
}

/** The payload key of an age payload: HKDF-SHA-256 of the file key, salted with the nonce. */
function payloadKey(fileKey, nonce) {
  return hkdf(sha256, fileKey, nonce, utf8.encode("payload"), 32);
}

/** A STREAM nonce: 11-byte big-endian counter, then the last-chunk flag. */
function chunkNonce(counter, last) {
  const n = new Uint8Array(12);
  new DataView(n.buffer).setUint32(7, counter);
  n[11] = last ? 1 : 0;
  return n;
}

/** Metadata `{name,type,size}` sealed as an age payload (16-byte nonce, STREAM) under `fileKey`. */
export function sealMetadata(fileKey, meta) {
  const json = utf8.encode(JSON.stringify({ name: meta.name, type: meta.type || "application/octet-stream", size: meta.size }));
  if (json.length > MAX_METADATA_JSON) throw new Error("the file name is too long to be sent");
  const nonce = crypto.getRandomValues(new Uint8Array(16));
  const sealed = chacha20poly1305(payloadKey(fileKey, nonce), chunkNonce(0, true)).encrypt(json);
  const out = new Uint8Array(16 + sealed.length);
  out.set(nonce);
  out.set(sealed, 16);
  return out;
}

/** Opens sealed metadata; throws if it was not sealed under `fileKey` or is not metadata. */
export function openMetadata(fileKey, sealed) {
  if (sealed.length < 16 + 16 || sealed.length > 16 + CHUNK + 16) throw new Error("bad metadata");
  const nonce = sealed.subarray(0, 16);
  const json = chacha20poly1305(payloadKey(fileKey, nonce), chunkNonce(0, true)).decrypt(sealed.subarray(16));
  const m = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(json));
  if (typeof m.name !== "string") throw new Error("metadata without a name");
  return { name: m.name, type: typeof m.type === "string" ? m.type : "application/octet-stream", size: Number(m.size ?? -1) };
}

/** The file key of an age header, with `identity` (AGE-SECRET-KEY-...). */
export async function fileKeyOf(header, identity) {
  const d = new Decrypter();
  d.addIdentity(identity);
  return d.decryptHeader(header);
}

/**
 * A file name safe to offer for saving: no path, no control characters, not empty, at most 200
 * characters. The name comes from the sender and is untrusted.
 */
export function safeName(name) {
  let n = String(name).split(/[\\/]/).pop() ?? "";
  n = n.replace(/[\u0000-\u001f\u007f"<>:|?*]/g, "_").replace(/^\.+/, "").trim();
  if (n.length > 200) n = n.slice(0, 200);
  return n || "download";
}
