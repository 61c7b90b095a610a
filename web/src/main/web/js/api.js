// Calls to the Valise HTTP API from the page. The session is an HttpOnly cookie the page never
// sees; every call carries the CSRF token from the readable companion cookie in a header, which
// another site's page can neither read nor send.
const CSRF_COOKIE = "__Host-valise-csrf";

export function csrfToken() {
  for (const part of document.cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === CSRF_COOKIE) return v.join("=");
  }
  return "";
}

/** A refusal from the server: its stable code and its explanation. */
export class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail || code);
    this.status = status;
    this.code = code;
  }
}

export async function problem(response) {
  let p = {};
  try {
    p = await response.json();
  } catch {
    // not a problem document
  }
  return new ApiError(response.status, p.code ?? `http_${response.status}`, p.detail ?? response.statusText);
}

/** One API call; `json` is sent as the body; refusals throw ApiError. */
export async function call(method, path, { json, body, headers = {} } = {}) {
  const h = { "Valise-CSRF": csrfToken(), ...headers };
  let b = body;
  if (json !== undefined) {
    h["Content-Type"] = "application/json";
    b = JSON.stringify(json);
  }
  let r;
  try {
    r = await fetch(path, { method, headers: h, body: b, credentials: "same-origin", cache: "no-store" });
  } catch {
    throw new ApiError(0, "network", "network");
  }
  if (!r.ok) {
    const e = await problem(r);
    if (r.status === 401 && SESSION_GONE.has(e.code)) signInAgain();
    throw e;
  }
  return r;
}

/** Refusals that mean this tab's session is over (ended elsewhere, expired, account disabled). */
const SESSION_GONE = new Set(["unauthenticated", "bad_token", "session_expired", "account_disabled"]);

/** Back to the login page, which returns here once signed in again. */
export function signInAgain() {
  forgetSession();
  location.replace(`/app/login?next=${encodeURIComponent(location.pathname)}`);
}

export async function getJson(path) {
  return (await call("GET", path)).json();
}

export async function postJson(path, json) {
  const r = await call("POST", path, { json });
  return r.status === 204 ? null : r.json();
}

export function signedIn() {
  return csrfToken() !== "";
}

/**
 * Forgets a session the server no longer honours: drops the readable CSRF cookie, so the page
 * stops believing it is signed in (the HttpOnly session cookie is the server's to clear).
 */
export function forgetSession() {
  document.cookie = `${CSRF_COOKIE}=; Path=/; Secure; SameSite=Strict; Max-Age=0`;
}

export function b64(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function unb64(text) {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

let myself = null;

/** GET /api/me, once per page load: who I am, whether I administer, my published keys. */
export function me() {
  myself ??= getJson("/api/me").catch((e) => {
    myself = null;
    throw e;
  });
  return myself;
}
