// The payload decrypter of the download worker against age-encryption's own encrypter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from "age-encryption";
import { CHUNK, decryptPayload, plaintextSize } from "../../main/web/js/payload.js";

async function sealed(plain) {
  const identity = await generateX25519Identity();
  const e = new Encrypter();
  e.addRecipient(await identityToRecipient(identity));
  const file = await e.encrypt(plain);
  // The header ends with the line "--- MAC".
  const text = new TextDecoder("latin1").decode(file.subarray(0, Math.min(file.length, 4096)));
  const end = text.indexOf("\n", text.indexOf("\n---") + 1) + 1;
  const d = new Decrypter();
  d.addIdentity(identity);
  const fileKey = await d.decryptHeader(file.subarray(0, end));
  return { payload: file.subarray(end), fileKey };
}

/** A stream of `bytes` in pieces of random sizes; `byob` makes it a byte stream. */
function streamOf(bytes, byob) {
  let at = 0;
  const piece = () => Math.max(1, Math.floor(Math.random() * 100_000));
  if (byob) {
    return new ReadableStream({
      type: "bytes",
      pull(c) {
        if (at >= bytes.length) {
          c.close();
          c.byobRequest?.respond(0);
          return;
        }
        const n = Math.min(piece(), bytes.length - at);
        const req = c.byobRequest;
        if (req) {
          const v = req.view;
          const k = Math.min(n, v.byteLength);
          new Uint8Array(v.buffer, v.byteOffset, k).set(bytes.subarray(at, at + k));
          at += k;
          req.respond(k);
        } else {
          c.enqueue(bytes.slice(at, at + n));
          at += n;
        }
      },
    });
  }
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      const n = Math.min(piece(), bytes.length - at);
      c.enqueue(bytes.slice(at, at + n));
      at += n;
    },
  });
}

async function drain(stream) {
  const parts = [];
  for await (const p of stream) parts.push(p);
  return Buffer.concat(parts);
}

const SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 5];

for (const byob of [false, true]) {
  test(`every size round-trips (${byob ? "BYOB" : "default"} reader)`, async () => {
    for (const n of SIZES) {
      const plain = randomBytes(n);
      const { payload, fileKey } = await sealed(plain);
      assert.equal(plaintextSize(payload.length), n, `size of ${n}`);
      const out = await drain(decryptPayload(streamOf(payload, byob), fileKey));
      assert.ok(out.equals(plain), `plaintext of ${n} bytes`);
    }
  });
}

test("with reuse, chunks come from a ring of buffers and a consumer that copies each gets every size whole", async () => {
  for (const n of SIZES) {
    const plain = randomBytes(n);
    const { payload, fileKey } = await sealed(plain);
    const parts = [];
    const buffers = new Set();
    for await (const p of decryptPayload(streamOf(payload, true), fileKey, {}, 2)) {
      buffers.add(p.buffer);
      parts.push(Buffer.from(p)); // a copy, as the browser makes of a Response body's chunk
    }
    assert.ok(Buffer.concat(parts).equals(plain), `plaintext of ${n} bytes`);
    assert.ok(buffers.size <= 2, `${n} bytes used ${buffers.size} buffers, not at most 2`);
  }
  assert.throws(() => decryptPayload(streamOf(new Uint8Array(0), false), new Uint8Array(16), {}, 1), RangeError);
});

test("a flipped byte, a cut, appended bytes and the wrong key are refused", async () => {
  const plain = randomBytes(2 * CHUNK + 100);
  const { payload, fileKey } = await sealed(plain);
  const flipped = payload.slice();
  flipped[CHUNK + 40] ^= 1;
  const cases = {
    flipped,
    "cut at a chunk boundary": payload.subarray(0, 16 + 2 * (CHUNK + 16)),
    "cut inside a chunk": payload.subarray(0, payload.length - 7),
    "cut inside the nonce": payload.subarray(0, 9),
    "one byte appended": Buffer.concat([payload, Buffer.from([0])]),
    "a chunk appended": Buffer.concat([payload, payload.subarray(16, 16 + CHUNK + 16)]),
  };
  for (const [what, bytes] of Object.entries(cases)) {
    await assert.rejects(drain(decryptPayload(streamOf(bytes, false), fileKey)), { code: "decrypt" }, what);
  }
  const other = (await sealed(plain)).fileKey;
  await assert.rejects(drain(decryptPayload(streamOf(payload, true), other)), { code: "decrypt" }, "another key");
});

test("an empty last chunk after a full one is refused", async () => {
  const { payload, fileKey } = await sealed(randomBytes(CHUNK));
  // Re-seal by hand is not needed: a full chunk then a 16-byte tail can never open.
  const bytes = Buffer.concat([payload, randomBytes(16)]);
  await assert.rejects(drain(decryptPayload(streamOf(bytes, false), fileKey)), { code: "decrypt" });
  assert.equal(plaintextSize(16 + 5), -1);
  assert.equal(plaintextSize(16 + 16), 0);
});
