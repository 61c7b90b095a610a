import { h, field, liveRegion } from "../dom.js";
import { t } from "../i18n.js";
import { ApiError, problem } from "../api.js";
import { page, explain } from "../layout.js";

export function loginPage() {
  const name = h("input", { name: "name", autocomplete: "username", required: true, autocapitalize: "none", spellcheck: "false" });
  const password = h("input", { name: "password", type: "password", autocomplete: "current-password", required: true });
  const totp = h("input", { name: "totp", inputmode: "numeric", autocomplete: "one-time-code", pattern: "[0-9]{6}", maxlength: 6 });
  const status = liveRegion("status error");
  const submit = h("button", { type: "submit" }, t("login.submit"));
  const form = h(
    "form",
    { class: "card narrow", novalidate: true, onsubmit: async (ev) => {
      ev.preventDefault();
      submit.disabled = true;
      status.textContent = t("login.busy");
      try {
        const body = { name: name.value.trim(), password: password.value, cookie: true };
        if (totp.value.trim()) body.totp = totp.value.trim();
        const r = await fetch("/api/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
        if (!r.ok) throw await problem(r);
        const next = new URLSearchParams(location.search).get("next");
        location.assign(next && next.startsWith("/app/") ? next : "/app/inbox");
      } catch (e) {
        status.textContent = explain(e instanceof ApiError ? e : { code: "network" });
        if (e.code === "second_factor_required") totp.focus();
        submit.disabled = false;
      }
    } },
    field(t("login.name"), name),
    field(t("login.password"), password),
    field(t("login.totp"), totp, t("login.totpHint")),
    status,
    submit,
  );
  page(t("login.title"), form);
  name.focus();
}
