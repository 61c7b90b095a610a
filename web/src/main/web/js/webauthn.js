// Passkeys in the page: registration and sign-in ceremonies with options made by the server, and
// the PRF extension that unlocks the user's age identity (see vault.js). Binary values cross the
// API as base64url without padding, the WebAuthn JSON form.
import { base64urlnopad } from "@scure/base";

/** True when this browser can make and use passkeys from JSON options. */
export function passkeysSupported() {
  return typeof PublicKeyCredential !== "undefined" && typeof navigator.credentials?.create === "function";
}

export const b64url = {
  encode: (bytes) => base64urlnopad.encode(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)),
  decode: (text) => base64urlnopad.decode(text),
};

function creationOptions(json) {
  if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function") {
    return PublicKeyCredential.parseCreationOptionsFromJSON(json);
  }
  return {
    ...json,
    challenge: b64url.decode(json.challenge),
    user: { ...json.user, id: b64url.decode(json.user.id) },
    excludeCredentials: (json.excludeCredentials ?? []).map((c) => ({ ...c, id: b64url.decode(c.id) })),
  };
}

function requestOptions(json) {
  if (typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function") {
    return PublicKeyCredential.parseRequestOptionsFromJSON(json);
  }
  return {
    ...json,
    challenge: b64url.decode(json.challenge),
    allowCredentials: (json.allowCredentials ?? []).map((c) => ({ ...c, id: b64url.decode(c.id) })),
  };
}

/** The credential as the server reads it (what `toJSON()` gives where the browser has it). */
function credentialJson(cred) {
  if (typeof cred.toJSON === "function") return cred.toJSON();
  const r = cred.response;
  const response = { clientDataJSON: b64url.encode(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = b64url.encode(r.attestationObject);
    response.transports = r.getTransports?.() ?? [];
  } else {
    response.authenticatorData = b64url.encode(r.authenticatorData);
    response.signature = b64url.encode(r.signature);
    if (r.userHandle) response.userHandle = b64url.encode(r.userHandle);
  }
  return {
    id: cred.id,
    rawId: b64url.encode(cred.rawId),
    type: cred.type,
    response,
    authenticatorAttachment: cred.authenticatorAttachment ?? undefined,
    clientExtensionResults: {},
  };
}

/**
 * Makes a passkey from the server's creation options. Resolves to the JSON to send back, whether
 * the authenticator can derive keys (PRF), and the credential's id and transports.
 */
export async function createPasskey(options) {
  const publicKey = creationOptions(options);
  publicKey.extensions = { ...(publicKey.extensions ?? {}), prf: {} };
  const cred = await navigator.credentials.create({ publicKey });
  const prf = cred.getClientExtensionResults().prf?.enabled === true;
  return {
    json: credentialJson(cred),
    prf,
    credentialId: new Uint8Array(cred.rawId),
    transports: cred.response.getTransports?.() ?? [],
  };
}

/** Signs the server's challenge with a passkey the user picks; resolves to the JSON to send. */
export async function getPasskey(options) {
  const cred = await navigator.credentials.get({ publicKey: requestOptions(options), mediation: "optional" });
  return credentialJson(cred);
}

/**
 * Asks one of the given credentials (`[{id: Uint8Array, transports, inputs: {first, second}}]`)
 * for its PRF outputs on its own inputs, in one prompt. Resolves to {id, results}.
 */
export async function prfOutputs(rpId, credentials) {
  const evalByCredential = {};
  for (const c of credentials) evalByCredential[b64url.encode(c.id)] = c.inputs;
  const assertion = await navigator.credentials.get({
    publicKey: {
      rpId,
      challenge: crypto.getRandomValues(new Uint8Array(32)),
      allowCredentials: credentials.map((c) => ({ type: "public-key", id: c.id, transports: c.transports })),
      userVerification: "required",
      extensions: { prf: { evalByCredential } },
    },
  });
  const results = assertion.getClientExtensionResults().prf?.results;
  if (!results) throw Object.assign(new Error("no PRF"), { code: "passkey_no_prf" });
  return { id: new Uint8Array(assertion.rawId), results };
}
