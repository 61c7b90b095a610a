// Starts a streaming, decrypting download through the service worker (sw.js) and reports its
// progress. The worker is registered on first use; the page waits until it controls the page.
import { csrfToken } from "./api.js";
import { workerUrl } from "./trusted.js";

let ready = null;

export function supported() {
  return "serviceWorker" in navigator && typeof ReadableStream !== "undefined";
}

function worker() {
  if (!ready) {
    ready = (async () => {
      await navigator.serviceWorker.register(workerUrl(), { scope: "/" });
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
      }
      return navigator.serviceWorker.controller;
    })();
  }
  return ready;
}

function jobId() {
  const b = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...b)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * Downloads `url` (an age file whose header alone is at `headerUrl`), decrypts it with `identity`
 * and saves it as `name`.
 * `onProgress(done, size)` is called as bytes arrive; resolves when the file is saved, rejects
 * with {code} when the server refuses or the file does not decrypt.
 */
export async function saveDecrypted({ url, headerUrl, headers = {}, identity, name, onProgress }) {
  const sw = await worker();
  const job = jobId();
  const finished = new Promise((resolve, reject) => {
    const listen = (event) => {
      const m = event.data;
      if (!m || m.job !== job) return;
      if (m.type === "progress") onProgress?.(m.done, m.size);
      if (m.type === "done") {
        onProgress?.(m.done, m.size);
        navigator.serviceWorker.removeEventListener("message", listen);
        resolve(m);
      }
      if (m.type === "error") {
        navigator.serviceWorker.removeEventListener("message", listen);
        reject(Object.assign(new Error(m.detail || m.code), { code: m.code }));
      }
    };
    navigator.serviceWorker.addEventListener("message", listen);
  });
  await new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = resolve;
    sw.postMessage(
      { type: "download", job, url, headerUrl, identity, name, headers: { "Valise-CSRF": csrfToken(), ...headers } },
      [channel.port2],
    );
  });
  const frame = document.createElement("iframe");
  frame.hidden = true;
  frame.title = "download";
  frame.src = `/app/dl/${job}`;
  document.body.append(frame);
  try {
    return await finished;
  } finally {
    setTimeout(() => frame.remove(), 1000);
  }
}
