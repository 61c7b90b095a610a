// The page's one Trusted Types policy (the CSP allows only "valise"): it turns exactly one string,
// the service worker's URL, into a script URL. Everything else the page shows is built as DOM
// nodes and text (dom.js), so no other string ever needs to become markup or script.
const WORKER = "/sw.js";

const policy = globalThis.trustedTypes?.createPolicy("valise", {
  createScriptURL(url) {
    if (url !== WORKER) throw new TypeError(`not a script this page runs: ${url}`);
    return url;
  },
});

/** The service worker's URL, as a TrustedScriptURL where the browser enforces Trusted Types. */
export function workerUrl() {
  return policy ? policy.createScriptURL(WORKER) : WORKER;
}
