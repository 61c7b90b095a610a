// The page's log verification against RFC 6962's own definitions (MTH, PATH, PROOF, §2.1.1 and
// §2.1.2) computed here from scratch, and signed notes made with a fresh Ed25519 key.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { base64 } from "@scure/base";
import { leafHash, openCheckpoint, parseVerifierKey, verifyConsistency, verifyInclusion } from "../../main/web/js/tlog.js";

const cat = (...p) => Uint8Array.from(p.flatMap((x) => [...x]));
const node = (l, r) => sha256(cat([1], l, r));
const k = (n) => 2 ** Math.floor(Math.log2(n - 1)); // largest power of two below n
const leaves = (n) => Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));

function mth(d) {
  if (d.length === 0) return sha256(new Uint8Array(0));
  if (d.length === 1) return d[0];
  const s = k(d.length);
  return node(mth(d.slice(0, s)), mth(d.slice(s)));
}
function path(m, d) {
  if (d.length <= 1) return [];
  const s = k(d.length);
  return m < s ? [...path(m, d.slice(0, s)), mth(d.slice(s))] : [...path(m - s, d.slice(s)), mth(d.slice(0, s))];
}
function subproof(m, d, b) {
  if (m === d.length) return b ? [] : [mth(d)];
  const s = k(d.length);
  return m <= s ? [...subproof(m, d.slice(0, s), b), mth(d.slice(s))] : [...subproof(m - s, d.slice(s), false), mth(d.slice(0, s))];
}

test("every inclusion proof of trees up to 40 entries verifies, and a wrong one does not", () => {
  for (let n = 1; n <= 40; n++) {
    const d = leaves(n);
    const root = mth(d);
    for (let i = 0; i < n; i++) {
      verifyInclusion(i, n, d[i], path(i, d), root);
      if (n > 1) assert.throws(() => verifyInclusion(i, n, d[(i + 1) % n], path(i, d), root), { code: "log_refused" }, `other leaf ${i}/${n}`);
      if (n > 1) assert.throws(() => verifyInclusion(i, n, d[i], path(i, d).slice(1), root), { code: "log_refused" });
    }
    assert.throws(() => verifyInclusion(n, n, d[0], [], root), { code: "log_refused" });
  }
});

test("every consistency proof up to 40 entries verifies, and a forked history does not", () => {
  for (let n = 1; n <= 40; n++) {
    const d = leaves(n);
    for (let m = 1; m <= n; m++) {
      const proof = m === n ? [] : subproof(m, d, true);
      verifyConsistency(m, n, mth(d.slice(0, m)), mth(d), proof);
      if (m < n) {
        const forked = [...d.slice(0, m - 1), leafHash(new Uint8Array([9])), ...d.slice(m)];
        assert.throws(() => verifyConsistency(m, n, mth(forked.slice(0, m)), mth(d), proof), { code: "log_refused" }, `fork ${m}->${n}`);
      }
    }
  }
  assert.throws(() => verifyConsistency(5, 4, new Uint8Array(32), new Uint8Array(32), []), { code: "log_refused" });
});

test("a checkpoint opens with the log's key only", () => {
  const seed = ed25519.utils.randomSecretKey();
  const pub = ed25519.getPublicKey(seed);
  const name = "valise/test";
  const id = sha256(cat(new TextEncoder().encode(name), [0x0a, 1], pub)).subarray(0, 4);
  const keyText = `${name}+${[...id].map((b) => b.toString(16).padStart(2, "0")).join("")}+${base64.encode(cat([1], pub))}`;
  const key = parseVerifierKey(keyText);
  const root = sha256(new TextEncoder().encode("root"));
  const body = `${name}\n42\n${base64.encode(root)}\n`;
  const sig = ed25519.sign(new TextEncoder().encode(body), seed);
  const note = `${body}\n\u2014 ${name} ${base64.encode(cat(id, sig))}\n`;
  const c = openCheckpoint(note, key);
  assert.equal(c.size, 42);
  assert.deepEqual([...c.root], [...root]);
  assert.throws(() => openCheckpoint(note.replace("\n42\n", "\n43\n"), key), { code: "log_refused" });
  const other = ed25519.utils.randomSecretKey();
  const forged = `${body}\n\u2014 ${name} ${base64.encode(cat(id, ed25519.sign(new TextEncoder().encode(body), other)))}\n`;
  assert.throws(() => openCheckpoint(forged, key), { code: "log_refused" });
  assert.throws(() => parseVerifierKey(keyText.replace(/\+[0-9a-f]{8}\+/, "+00000000+")), { code: "log_refused" });
});
