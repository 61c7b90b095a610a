// The age payload (age.md, "Payload"), decrypted as a stream with bounded and reused memory: the
// ciphertext is read into two reused buffers (a BYOB reader where the browser has one), and each
// 64 KiB chunk is opened with ChaCha20-Poly1305 under the payload key, into a new buffer or, for a
// consumer that is done with a chunk when it asks for the next, into a small ring of reused ones.
// The service worker uses it for downloads of any size.
//
// The rules it enforces: a 16-byte nonce, then chunks of 64 KiB + 16; the last chunk carries the
// last-chunk flag in its nonce and may be shorter; it is empty only when the whole file is; every
// chunk but the last is full. A stream cut at a chunk boundary fails (its last chunk was not
// sealed as last), so does a flipped byte or anything appended.
import { chacha20poly1305 } from "@noble/ciphers/chacha.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";

export const CHUNK = 64 * 1024;
const TAG = 16;
const SEALED = CHUNK + TAG;
const NONCE = 16;

/** The plaintext size of a payload of `n` bytes (nonce included), or -1 if no payload has it. */
export function plaintextSize(n) {
  const body = n - NONCE;
  if (body < TAG) return -1;
  const full = Math.floor(body / SEALED);
  const rest = body % SEALED;
  if (rest === 0) return full * CHUNK;
  if (rest < TAG) return -1;
  return full * CHUNK + rest - TAG;
}

/**
 * Reads a byte stream into a caller's buffer, exactly `want` bytes unless the stream ends first.
 * With a BYOB reader the bytes land in the buffer directly; otherwise chunks are copied in and a
 * chunk's remainder is kept for the next call.
 */
class Filler {
  constructor(stream) {
    try {
      this.reader = stream.getReader({ mode: "byob" });
      this.byob = true;
    } catch {
      this.reader = stream.getReader();
      this.byob = false;
      this.rest = null;
    }
  }

  /** Fills `buf` from offset 0 up to `want` bytes; resolves to {buf, n}: the buffer (BYOB may move it) and the count. */
  async fill(buf, want) {
    let n = 0;
    if (this.byob) {
      const size = buf.length; // the view is detached by the first read
      let ab = buf.buffer;
      while (n < want) {
        const { value, done } = await this.reader.read(new Uint8Array(ab, n, want - n));
        if (value) ab = value.buffer;
        if (done) break;
        n += value.byteLength;
      }
      return { buf: new Uint8Array(ab, 0, size), n };
    }
    while (n < want) {
      let piece = this.rest;
      this.rest = null;
      if (!piece) {
        const { value, done } = await this.reader.read();
        if (done) break;
        piece = value;
      }
      const take = Math.min(piece.length, want - n);
      buf.set(piece.subarray(0, take), n);
      n += take;
      if (take < piece.length) this.rest = piece.subarray(take);
    }
    return { buf, n };
  }

  cancel(reason) {
    return this.reader.cancel(reason).catch(() => {});
  }
}

function chunkNonce(counter, last) {
  const n = new Uint8Array(12);
  new DataView(n.buffer).setUint32(7, counter); // 11-byte big-endian counter: 2^32 chunks is 256 TiB
  n[11] = last ? 1 : 0;
  return n;
}

function refused(message) {
  return Object.assign(new Error(message), { code: "decrypt" });
}

/**
 * The plaintext of the age payload `stream` (starting at its 16-byte nonce) under `fileKey`, as a
 * ReadableStream of chunks. It errors with code "decrypt" on anything that is not a whole,
 * unaltered payload for this key. `watch.progress(bytes)` hears of each chunk handed on,
 * `watch.done()` of the end and `watch.failed(error)` of a failure, so a caller needs no further stream around it (every layer
 * of streams costs promises per chunk, which the worker's collector must keep up with).
 *
 * With `reuse` (a number of buffers, at least 2), the plaintext chunks are views of that many
 * reused 64 KiB buffers, taken in turn: a chunk stays intact only while fewer than `reuse` further
 * chunks have been read. That suits a consumer that copies each chunk out before it asks for the
 * next, as a browser does with a Response body (Chromium holds one chunk until its bytes are in the
 * download's pipe, then reads the next): a 1 GiB download then makes no 1 GiB of garbage for the
 * worker's collector to keep up with. A consumer that keeps chunks (collecting them, tee) must not
 * pass it. Without it every chunk is a new buffer.
 */
export function decryptPayload(stream, fileKey, watch = {}, reuse = 0) {
  if (reuse !== 0 && !(Number.isInteger(reuse) && reuse >= 2)) throw new RangeError(`reuse must be 0 or at least 2, not ${reuse}`);
  const ring = Array.from({ length: reuse }, () => new Uint8Array(CHUNK));
  const filler = new Filler(stream);
  let key = null;
  let counter = 0;
  // Two buffers: the chunk being opened and the one read ahead, which tells whether it is last.
  let current = new Uint8Array(SEALED);
  let ahead = new Uint8Array(SEALED);
  let currentLength = -1;
  let finished = false;

  async function start() {
    const nonce = await filler.fill(new Uint8Array(NONCE), NONCE);
    if (nonce.n < NONCE) throw refused("the payload is shorter than its nonce");
    key = hkdf(sha256, fileKey, nonce.buf, new TextEncoder().encode("payload"), 32);
    const first = await filler.fill(current, SEALED);
    current = first.buf;
    currentLength = first.n;
  }

  return new ReadableStream(
    {
      async pull(controller) {
        try {
          await step(controller);
        } catch (e) {
          watch.failed?.(e);
          throw e;
        }
      },
      cancel(reason) {
        return filler.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );

  async function step(controller) {
    if (finished) return;
    if (key === null) await start();
    // A full chunk is last only if nothing follows it. A short one ended the stream (fill reads
    // until its count or the end), so it is last, and anything appended was read into it and
    // makes it fail to open.
    const next = currentLength === SEALED ? await filler.fill(ahead, SEALED) : { buf: ahead, n: 0 };
    ahead = next.buf;
    const last = next.n === 0;
    if (currentLength < TAG) throw refused("the payload is cut or has bytes after its end");
    if (last && currentLength === TAG && counter > 0) throw refused("the last chunk is empty");
    let plain;
    try {
      const into = reuse === 0 ? undefined : ring[counter % reuse].subarray(0, currentLength - TAG);
      plain = chacha20poly1305(key, chunkNonce(counter, last)).decrypt(current.subarray(0, currentLength), into);
    } catch {
      throw refused(last ? "the last chunk does not open: cut, altered or not for this key" : "a chunk does not open: altered or not for this key");
    }
    counter++;
    if (plain.length > 0) {
      controller.enqueue(plain);
      watch.progress?.(plain.length);
    }
    if (last) {
      finished = true;
      key.fill(0);
      controller.close();
      watch.done?.();
      return;
    }
    [current, ahead] = [ahead, current];
    currentLength = next.n;
  }
}
