import { h, field, liveRegion } from "../dom.js";
import { t } from "../i18n.js";
import { getJson, postJson } from "../api.js";
import { create, current, forget, recipient, use } from "../identity.js";
import { page, explain } from "../layout.js";

/** The user's age key: unlocked in this tab or not, import, create and publish, lock. */
export async function keyPage() {
  const me = await getJson("/api/me");
  const published = new Set(me.keys.map((k) => k.recipient));
  const status = liveRegion();
  const mine = await recipient();
  const state = mine
    ? h("div", { class: "card" },
        h("p", { class: "ok" }, t("identity.unlocked")),
        field(t("identity.recipient"), h("input", { readonly: true, value: mine, class: "url", id: "my-recipient" })),
        published.has(mine) ? null : h("p", { class: "error" }, t("identity.notPublished")),
        h("button", { type: "button", class: "secondary", onclick: () => {
          forget();
          keyPage();
        } }, t("identity.forget")))
    : h("p", { class: "muted" }, t("identity.locked"));

  const secret = h("textarea", { name: "identity", rows: 3, autocomplete: "off", spellcheck: "false", class: "mono" });
  const file = h("input", { type: "file", accept: ".txt,.key,text/plain", onchange: async () => {
    if (file.files[0]) secret.value = await file.files[0].text();
  } });
  const importForm = h(
    "form",
    { class: "card", onsubmit: async (ev) => {
      ev.preventDefault();
      try {
        await use(secret.value);
        secret.value = "";
        keyPage();
      } catch {
        status.className = "status error";
        status.textContent = t("identity.bad");
      }
    } },
    h("h2", {}, t("identity.import")),
    field(t("identity.import"), secret, t("identity.importHint")),
    file,
    h("button", { type: "submit" }, t("identity.importSubmit")),
  );

  const createButton = h("button", { type: "button", onclick: async () => {
    createButton.disabled = true;
    try {
      const made = await create();
      await postJson("/api/keys", { recipient: made.recipient });
      await use(made.identity);
      const blob = new Blob([`# Valise identity for ${me.account}, created ${new Date().toISOString()}\n# public key: ${made.recipient}\n${made.identity}\n`], { type: "text/plain" });
      const a = h("a", { href: URL.createObjectURL(blob), download: `valise-${me.account}.key`, class: "button" }, t("identity.saveRecovery"));
      status.className = "status ok";
      status.textContent = t("identity.created");
      createForm.append(a);
      a.focus();
    } catch (e) {
      status.className = "status error";
      status.textContent = explain(e);
      createButton.disabled = false;
    }
  } }, t("identity.create"));
  const createForm = h("div", { class: "card" }, h("h2", {}, t("identity.create")), h("p", {}, t("identity.createExplain")), createButton);

  page(t("identity.title"), h("p", {}, t("identity.explain")), state, status, current() ? null : importForm, current() ? null : createForm);
}
