// The service worker saves decrypted files to disk as they download. The page hands it a job
// (the header's and the file's URLs, headers, identity, file name) by message; the page then opens
// /app/dl/<random job id>, which only this worker answers: it fetches the age header (not counted
// as a download) and opens the file key with age-encryption, then fetches the payload alone (a
// Range request after the header, which counts as the one download), decrypts it chunk by chunk
// into reused buffers (payload.js) and streams the plaintext to the browser's download manager.
// Memory stays flat whatever the file size, and no key or file name is ever in a URL the server
// sees (the job id is random and means nothing to the server).
import { Decrypter } from "age-encryption";
import { decryptPayload, plaintextSize } from "./payload.js";

const REUSED_CHUNKS = 4;

const jobs = new Map();
const JOB_ID = /^\/app\/dl\/([A-Za-z0-9_-]{22,64})$/;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("message", (event) => {
  const m = event.data;
  if (m && m.type === "download" && typeof m.job === "string") {
    jobs.set(m.job, { ...m, client: event.source ? event.source.id : null, at: Date.now() });
    // A job not started within a minute is dropped with its identity.
    setTimeout(() => jobs.delete(m.job), 60_000);
    event.ports[0]?.postMessage({ type: "ready" });
  }
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  const m = JOB_ID.exec(url.pathname);
  if (!m) return;
  const job = jobs.get(m[1]);
  jobs.delete(m[1]);
  if (!job) {
    event.respondWith(text(404, "This download is no longer prepared: start it again from the Valise page."));
    return;
  }
  event.respondWith(run(job));
});

function text(status, body) {
  return new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

async function tell(job, message) {
  if (!job.client) return;
  const c = await self.clients.get(job.client);
  c?.postMessage({ job: job.job, ...message });
}

async function refusal(job, r) {
  let p = {};
  try {
    p = await r.json();
  } catch {
    // not a problem document
  }
  await tell(job, { type: "error", code: p.code ?? `http_${r.status}`, detail: p.detail ?? "" });
  return text(r.status, p.detail ?? "The download was refused.");
}

async function get(url, headers) {
  return fetch(url, { headers, credentials: "same-origin", cache: "no-store" });
}

async function run(job) {
  let fileKey;
  let headerLength;
  try {
    const h = await get(job.headerUrl, job.headers);
    if (!h.ok) return refusal(job, h);
    const header = new Uint8Array(await h.arrayBuffer());
    headerLength = header.length;
    const d = new Decrypter();
    d.addIdentity(job.identity);
    try {
      fileKey = await d.decryptHeader(header);
    } catch {
      await tell(job, { type: "error", code: "decrypt" });
      return text(400, "The file does not open with this key.");
    }
  } catch {
    await tell(job, { type: "error", code: "network" });
    return text(502, "The server could not be reached.");
  }
  let r;
  try {
    r = await get(job.url, { ...job.headers, Range: `bytes=${headerLength}-` });
  } catch {
    await tell(job, { type: "error", code: "network" });
    return text(502, "The server could not be reached.");
  }
  if (r.status !== 206 || !r.body) return r.ok ? text(502, "The server did not send the payload alone.") : refusal(job, r);
  const size = plaintextSize(Number(r.headers.get("Content-Length") ?? -1));
  let done = 0;
  let last = 0;
  // The browser copies each chunk of a Response body out before it reads the next, so the chunks
  // can come from a ring of reused buffers (see decryptPayload); 4 leaves room to spare.
  const plain = decryptPayload(r.body, fileKey, {
    progress(bytes) {
      done += bytes;
      const now = Date.now();
      if (now - last > 200) {
        last = now;
        tell(job, { type: "progress", done, size });
      }
    },
    done() {
      tell(job, { type: "done", done, size });
    },
    failed(e) {
      tell(job, { type: "error", code: e?.code === "decrypt" ? "decrypt" : "network" });
    },
  }, REUSED_CHUNKS);
  const headers = {
    "Content-Type": "application/octet-stream",
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(job.name)}`,
    "X-Content-Type-Options": "nosniff",
  };
  if (size >= 0) headers["Content-Length"] = String(size);
  return new Response(plain, { status: 200, headers });
}
