// Unit tests of the page's pure functions, run by `node --test` in the Maven build (test phase).
import { test } from "node:test";
import assert from "node:assert/strict";
import { webauthn, Encrypter, generateHybridIdentity, identityToRecipient } from "age-encryption";
import { passkeyIdentity, wrapToPassphrase, unlockWithPassphrase } from "../../main/web/js/vault.js";

test("the passkey identity string is what the age-encryption package decodes", () => {
  for (const [id, rp, transports] of [
    [new Uint8Array([1, 2, 3]), "localhost", ["internal"]],
    [new Uint8Array(64).map((_, i) => i), "valise.example.org", ["usb", "nfc", "hybrid"]],
    [new Uint8Array(300).fill(7), "a".repeat(30), []],
  ]) {
    const s = passkeyIdentity(id, rp, transports);
    assert.match(s, /^AGE-PLUGIN-FIDO2PRF-1[0-9A-Z]+$/);
    const r = new webauthn.WebAuthnRecipient({ identity: s });
    assert.deepEqual([...r.credId], [...id]);
    assert.equal(r.rpId, rp);
    assert.deepEqual(r.transports, transports);
  }
});

test("a passphrase wrap opens with its passphrase only, and only into the published key", async () => {
  const identity = await generateHybridIdentity();
  const recipient = await identityToRecipient(identity);
  const wrapped = await wrapToPassphrase(identity, "correct horse battery", 10);
  const wrap = { wrapped: Buffer.from(wrapped).toString("base64"), recipient };
  const unb64 = (t) => new Uint8Array(Buffer.from(t, "base64"));
  assert.equal(await unlockWithPassphrase(wrap, "correct horse battery", unb64), identity);
  await assert.rejects(unlockWithPassphrase(wrap, "wrong horse battery", unb64), { code: "bad_passphrase" });
  const other = await identityToRecipient(await generateHybridIdentity());
  await assert.rejects(unlockWithPassphrase({ ...wrap, recipient: other }, "correct horse battery", unb64), { code: "wrap_mismatch" });
});

test("a wrap whose content is not an identity is refused", async () => {
  const e = new Encrypter();
  e.setPassphrase("correct horse battery");
  e.setScryptWorkFactor(10);
  const wrapped = await e.encrypt("not a key at all");
  const recipient = await identityToRecipient(await generateHybridIdentity());
  const unb64 = (t) => new Uint8Array(Buffer.from(t, "base64"));
  await assert.rejects(
    unlockWithPassphrase({ wrapped: Buffer.from(wrapped).toString("base64"), recipient }, "correct horse battery", unb64),
    { code: "wrap_mismatch" },
  );
});
