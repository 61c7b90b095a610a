// The service worker saves decrypted files to disk as they download. The page hands it a job
// (ciphertext URL, headers, identity, file name) by message; the page then opens
// /app/dl/<random job id>, which only this worker answers: it fetches the ciphertext, decrypts
// it chunk by chunk with age-encryption, and streams the plaintext to the browser's download
// manager. Memory stays bounded whatever the file size, and no key or file name is ever in a URL
// the server sees (the job id is random and means nothing to the server).
import { Decrypter } from "age-encryption";

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

async function run(job) {
  let r;
  try {
    r = await fetch(job.url, { headers: job.headers, credentials: "same-origin", cache: "no-store" });
  } catch {
    await tell(job, { type: "error", code: "network" });
    return text(502, "The server could not be reached.");
  }
  if (!r.ok || !r.body) {
    let p = {};
    try {
      p = await r.json();
    } catch {
      // not a problem document
    }
    await tell(job, { type: "error", code: p.code ?? `http_${r.status}`, detail: p.detail ?? "" });
    return text(r.status, p.detail ?? "The download was refused.");
  }
  const total = Number(r.headers.get("Content-Length") ?? -1);
  const d = new Decrypter();
  d.addIdentity(job.identity);
  let plain;
  try {
    plain = await d.decrypt(r.body);
  } catch {
    await tell(job, { type: "error", code: "decrypt" });
    return text(400, "The file did not decrypt with this key.");
  }
  const size = total >= 0 ? plain.size(total) : -1;
  let done = 0;
  let last = 0;
  const progress = new TransformStream({
    transform(chunk, controller) {
      done += chunk.length;
      const now = Date.now();
      if (now - last > 200) {
        last = now;
        tell(job, { type: "progress", done, size });
      }
      controller.enqueue(chunk);
    },
    flush() {
      tell(job, { type: "done", done, size });
    },
  });
  const headers = {
    "Content-Type": "application/octet-stream",
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(job.name)}`,
    "X-Content-Type-Options": "nosniff",
  };
  if (size >= 0) headers["Content-Length"] = String(size);
  return new Response(watch(plain.pipeThrough(progress), job), { status: 200, headers });
}

/** Passes the plaintext through, telling the page when decryption fails (a bad or cut chunk). */
function watch(stream, job) {
  const reader = stream.getReader();
  return new ReadableStream({
    async pull(controller) {
      try {
        const { value, done } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (e) {
        await tell(job, { type: "error", code: "decrypt" });
        controller.error(e);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
