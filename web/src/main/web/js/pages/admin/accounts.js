import { h, field } from "../../dom.js";
import { t, when } from "../../i18n.js";
import { getJson, postJson } from "../../api.js";
import { card } from "../../layout.js";

/** Accounts: the list with their state, a form to create one, and disabling. */
export async function accountsCard(ctx) {
  const { accounts } = await getJson("/api/accounts");
  const rows = accounts.map((a) => h("tr", { "data-account": a.name },
    h("td", {}, a.name), h("td", {}, t(`admin.kind.${a.kind}`)), h("td", {}, a.admin ? t("admin.yes") : ""),
    h("td", {}, a.secondFactor ? t("admin.yes") : ""), h("td", {}, when(a.createdAt)),
    h("td", {}, a.disabled ? h("span", { class: "muted" }, t("admin.disabled")) : h("button", { type: "button", class: "secondary small", onclick: async () => {
      if (!confirm(t("admin.confirmDisable", { name: a.name }))) return;
      try {
        await postJson(`/api/accounts/${encodeURIComponent(a.name)}/disable`, {});
        ctx.reload(t("admin.disabledDone", { name: a.name }));
      } catch (e) {
        ctx.fail(e);
      }
    } }, t("admin.disable")))));
  const name = h("input", { name: "newAccount", required: true, autocapitalize: "none", spellcheck: "false" });
  const password = h("input", { name: "newPassword", type: "password", autocomplete: "new-password", minlength: 8, required: true });
  const kind = h("select", { name: "newKind" }, ["PERSON", "SYSTEM"].map((k) => h("option", { value: k }, t(`admin.kind.${k}`))));
  const admin = h("input", { type: "checkbox", name: "newAdmin", id: "new-admin" });
  const form = h("form", { novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await postJson("/api/accounts", { name: name.value.trim(), password: password.value, kind: kind.value, admin: admin.checked });
      ctx.reload(t("admin.created", { name: name.value.trim() }));
    } catch (e) {
      ctx.fail(e);
    }
  } },
  h("h3", {}, t("admin.newAccount")),
  h("div", { class: "row" }, field(t("login.name"), name), field(t("admin.initialPassword"), password, t("admin.passwordHint")), field(t("admin.kind"), kind)),
  h("p", { class: "check" }, admin, h("label", { for: "new-admin" }, t("admin.isAdmin"))),
  h("button", { type: "submit" }, t("admin.create")));
  const head = [t("login.name"), t("admin.kind"), t("admin.admin"), t("admin.secondFactor"), t("admin.createdAt"), ""];
  return card(t("admin.accounts"),
    h("div", { class: "table-wrap" }, h("table", {}, h("thead", {}, h("tr", {}, head.map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, rows))),
    form);
}
