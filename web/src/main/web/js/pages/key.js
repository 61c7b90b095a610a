import { h, field, liveRegion } from "../dom.js";
import { t, when } from "../i18n.js";
import { getJson, postJson } from "../api.js";
import { create, current, forget, recipient, use } from "../identity.js";
import { page, explain, card } from "../layout.js";
import { passkeysSupported } from "../webauthn.js";
import * as vault from "../passkeys.js";

/**
 * The user's age key: unlock it (passkey, recovery passphrase or identity file), create and
 * publish one, and choose what protects it on the server (wraps the server cannot open).
 */
export async function keyPage(notice = "") {
  const [me, wraps, pk] = await Promise.all([getJson("/api/me"), vault.wraps(), vault.passkeys()]);
  const status = liveRegion();
  const say = (text, cls = "status") => {
    status.className = cls;
    status.textContent = text;
  };
  const fail = (e) => say(e?.code === "bad_passphrase" ? t("identity.badPassphrase") : explain(e), "status error");
  if (notice) say(notice, "status ok");
  const mine = await recipient();
  const published = new Set(me.keys.map((k) => k.recipient));
  const sections = mine
    ? [unlockedCard(me, mine, published, fail), protectionCard(mine, wraps, pk, say, fail)]
    : [unlockCard(wraps, say, fail), importCard(say), createCard(me, published.size > 0, say, fail)];
  page(t("identity.title"), h("p", {}, t("identity.explain")), status, ...sections);
}

function unlockedCard(me, mine, published, fail) {
  return h(
    "section",
    { class: "card" },
    h("p", { class: "ok" }, t("identity.unlocked")),
    field(t("identity.recipient"), h("input", { readonly: true, value: mine, class: "url", id: "my-recipient" })),
    published.has(mine) ? null : h("p", { class: "error" }, t("identity.notPublished")),
    published.has(mine)
      ? null
      : h("button", { type: "button", onclick: async () => {
          try {
            await postJson("/api/keys", { recipient: mine });
            keyPage();
          } catch (e) {
            fail(e);
          }
        } }, t("identity.publish")),
    h("p", {}, h("button", { type: "button", class: "secondary", onclick: () => {
      forget();
      keyPage();
    } }, t("identity.forget")), " ", recoveryFileLink(me.account, mine)),
  );
}

/** A link that saves the unlocked identity as a file, the recovery of last resort. */
function recoveryFileLink(account, mine) {
  const text = `# Valise identity of ${account}, saved ${new Date().toISOString()}\n# public key: ${mine}\n${current()}\n`;
  return h("a", { href: URL.createObjectURL(new Blob([text], { type: "text/plain" })), download: `valise-${account}.key`, class: "button secondary", id: "save-identity" }, t("identity.saveRecovery"));
}

function protectionCard(mine, wraps, pk, say, fail) {
  const names = new Map(pk.passkeys.map((p) => [p.id, p.name]));
  const wrapped = new Set(wraps.filter((w) => w.kind === "passkey").map((w) => w.passkeyId));
  const list = h("ul", { class: "wraps" }, wraps.length === 0 ? h("li", { class: "muted" }, t("identity.noWraps")) : wraps.map((w) =>
    h("li", { "data-wrap": w.kind }, w.kind === "passkey" ? t("identity.wrapPasskey", { name: names.get(w.passkeyId) ?? "?" }) : t("identity.wrapPassphrase"),
      ` · ${when(w.createdAt)} `, w.recipient === mine ? null : h("span", { class: "muted" }, t("identity.otherKey")), " ",
      h("button", { type: "button", class: "secondary small", onclick: async () => {
        try {
          await vault.removeWrap(w.id);
          keyPage();
        } catch (e) {
          fail(e);
        }
      } }, t("identity.removeWrap")))));
  const usable = pk.passkeys.filter((p) => p.prf && !wrapped.has(p.id));
  const byPasskey = passkeysSupported()
    ? h("div", { class: "row" },
        usable.map((p) => h("button", { type: "button", class: "secondary", onclick: async () => {
          say(t("identity.touch"));
          try {
            await vault.wrapToExisting(p, pk.rpId, mine);
            keyPage();
          } catch (e) {
            fail(e);
          }
        } }, t("identity.protectWith", { name: p.name }))),
        h("a", { href: "/app/security", class: "button secondary" }, t("identity.addPasskey")))
    : h("p", { class: "muted" }, t("passkey.unsupported"));
  const pass = h("input", { type: "password", name: "recoveryPassphrase", autocomplete: "new-password", minlength: 12 });
  const again = h("input", { type: "password", name: "recoveryPassphrase2", autocomplete: "new-password" });
  const passForm = h("form", { onsubmit: async (ev) => {
    ev.preventDefault();
    if (pass.value.length < 12) return say(t("identity.passphraseShort"), "status error");
    if (pass.value !== again.value) return say(t("identity.passphraseMismatch"), "status error");
    say(t("identity.wrapping"));
    try {
      await vault.addPassphraseWrap(pass.value, mine);
      keyPage();
    } catch (e) {
      fail(e);
    }
  } }, h("div", { class: "row" }, field(t("identity.passphrase"), pass, t("identity.passphraseHint")), field(t("identity.passphraseAgain"), again)),
  h("button", { type: "submit", class: "secondary" }, t("identity.addPassphrase")));
  return card(t("identity.protection"), h("p", {}, t("identity.protectionExplain")), list, byPasskey, h("h3", {}, t("identity.recoveryTitle")), passForm);
}

function unlockCard(wraps, say, fail) {
  if (wraps.length === 0) return h("p", { class: "muted", id: "key-state" }, t("identity.locked"));
  const byPasskey = wraps.some((w) => w.kind === "passkey") && passkeysSupported()
    ? h("button", { type: "button", id: "unlock-passkey", onclick: async () => {
        say(t("identity.touch"));
        try {
          await vault.unlockByPasskey();
          keyPage();
        } catch (e) {
          fail(e);
        }
      } }, t("identity.unlockPasskey"))
    : null;
  const pass = h("input", { type: "password", name: "unlockPassphrase", autocomplete: "current-password" });
  const byPassphrase = wraps.some((w) => w.kind === "passphrase")
    ? h("form", { onsubmit: async (ev) => {
        ev.preventDefault();
        say(t("identity.unlocking"));
        try {
          await vault.unlockByPassphrase(pass.value);
          pass.value = "";
          keyPage();
        } catch (e) {
          fail(e);
        }
      } }, field(t("identity.passphrase"), pass), h("button", { type: "submit", class: "secondary" }, t("identity.unlockPassphrase")))
    : null;
  return card(t("identity.unlockTitle"), h("p", { id: "key-state" }, t("identity.locked")), byPasskey, byPassphrase);
}

function importCard(say) {
  const secret = h("textarea", { name: "identity", rows: 3, autocomplete: "off", spellcheck: "false", class: "mono" });
  const file = h("input", { type: "file", accept: ".txt,.key,text/plain", "aria-label": t("identity.importFile"), onchange: async () => {
    if (file.files[0]) secret.value = await file.files[0].text();
  } });
  const form = h("form", { onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await use(secret.value);
      secret.value = "";
      keyPage();
    } catch {
      say(t("identity.bad"), "status error");
    }
  } }, field(t("identity.import"), secret, t("identity.importHint")), file, h("p", {}, h("button", { type: "submit", class: "secondary" }, t("identity.importSubmit"))));
  return h("details", { class: "card" }, h("summary", {}, t("identity.import")), form);
}

function createCard(me, hasKeys, say, fail) {
  const button = h("button", { type: "button", id: "create-key", onclick: async () => {
    button.disabled = true;
    say(t("identity.creating"));
    try {
      const made = await create();
      await postJson("/api/keys", { recipient: made.recipient });
      await use(made.identity);
      await keyPage(t("identity.created"));
    } catch (e) {
      fail(e);
      button.disabled = false;
    }
  } }, t("identity.create"));
  const body = [h("p", {}, t("identity.createExplain")), hasKeys ? h("p", { class: "muted" }, t("identity.createAnother")) : null, button];
  return hasKeys ? h("details", { class: "card" }, h("summary", {}, t("identity.create")), ...body) : card(t("identity.create"), ...body);
}
