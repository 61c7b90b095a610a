// The audit log's verifiable parts for the page, as the CLI has them (docs/audit.md): C2SP signed
// notes and checkpoints under the log's Ed25519 key, and RFC 9162 inclusion (§2.1.3.2) and
// consistency (§2.1.4.2) proofs over RFC 6962 hashes. Everything here checks data from an
// untrusted server, so anything malformed is refused like anything wrong, with a reason.
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { base64 } from "@scure/base";

const utf8 = new TextEncoder();

export class LogError extends Error {
  constructor(message) {
    super(message);
    this.code = "log_refused";
  }
}

const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const hex = (b) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");

export const leafHash = (entry) => sha256(concat([0], entry));
const nodeHash = (l, r) => sha256(concat([1], l, r));

/** A verifier key `<name>+<8 hex key id>+<base64 of 0x01 ‖ Ed25519 public key>`. */
export function parseVerifierKey(text) {
  // The name has no "+"; the base64 key may.
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/.exec(String(text).trim());
  if (!m) throw new LogError("the log key is not a verifier key");
  const [, name, id, key] = m;
  let raw;
  try {
    raw = base64.decode(key);
  } catch {
    throw new LogError("the log key's public key is not base64");
  }
  if (raw.length !== 33 || raw[0] !== 1) throw new LogError("the log key is not an Ed25519 key");
  const computed = hex(sha256(concat(utf8.encode(name), [0x0a], raw)).subarray(0, 4));
  if (computed !== id) throw new LogError("the log key's id does not match its key");
  return { name, id: Uint8Array.from(id.match(/../g).map((h) => parseInt(h, 16))), pub: raw.subarray(1), text: String(text).trim() };
}

/** Opens a signed checkpoint note with `key`: resolves to {size, root}, or throws LogError. */
export function openCheckpoint(note, key) {
  const text = String(note);
  const split = text.indexOf("\n\n");
  if (split < 0) throw new LogError("the checkpoint has no signature");
  const body = text.slice(0, split + 1);
  let verified = false;
  for (const line of text.slice(split + 2).split("\n")) {
    if (!line.startsWith(`\u2014 ${key.name} `)) continue;
    let sig;
    try {
      sig = base64.decode(line.slice(key.name.length + 3));
    } catch {
      continue;
    }
    if (sig.length === 68 && equal(sig.subarray(0, 4), key.id) && ed25519.verify(sig.subarray(4), utf8.encode(body), key.pub)) {
      verified = true;
    }
  }
  if (!verified) throw new LogError("the checkpoint is not signed by the log's key");
  const [origin, size, root] = body.split("\n");
  if (origin !== key.name) throw new LogError(`the checkpoint is for another log (${origin})`);
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size)) throw new LogError("the checkpoint's size is not a number");
  let rootBytes;
  try {
    rootBytes = base64.decode(root);
  } catch {
    throw new LogError("the checkpoint's root is not base64");
  }
  if (rootBytes.length !== 32) throw new LogError("the checkpoint's root is not a SHA-256 hash");
  return { size: Number(size), root: rootBytes };
}

/** Proves leaf `index` (hash `leaf`) is in the tree `size`/`root` (RFC 9162 §2.1.3.2). */
export function verifyInclusion(index, size, leaf, proof, root) {
  if (!(index >= 0 && index < size)) throw new LogError(`entry ${index} is not in a log of ${size} entries`);
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) throw new LogError(`the proof for entry ${index} is too long`);
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0 || !equal(r, root)) throw new LogError(`entry ${index} is not proved to be in the log of ${size} entries`);
}

/** Proves the tree `size2`/`root2` extends `size1`/`root1` (RFC 9162 §2.1.4.2). */
export function verifyConsistency(size1, size2, root1, root2, proof) {
  const refuse = () => new LogError(`the log of ${size2} entries does not extend the one of ${size1} this browser saw: history was rewritten or forked`);
  if (size1 > size2) throw refuse();
  if (size1 === size2) {
    if (proof.length !== 0 || !equal(root1, root2)) throw refuse();
    return;
  }
  if (size1 === 0) {
    if (proof.length !== 0) throw refuse();
    return;
  }
  let path = proof;
  // If size1 is a power of two, the old root is the first node of the path.
  if (Number.isInteger(Math.log2(size1))) path = [root1, ...proof];
  if (path.length === 0) throw refuse();
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) throw refuse();
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0 || !equal(fr, root1) || !equal(sr, root2)) throw refuse();
}
