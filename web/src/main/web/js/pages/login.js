import { h, field, liveRegion } from "../dom.js";
import { t } from "../i18n.js";
import { ApiError, forgetSession, me, problem, signedIn } from "../api.js";
import { page, explain } from "../layout.js";
import { getPasskey, passkeysSupported } from "../webauthn.js";

async function post(path, body) {
  let r;
  try {
    r = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin", cache: "no-store" });
  } catch {
    throw new ApiError(0, "network", "network");
  }
  if (!r.ok) throw await problem(r);
  return r.json();
}

function next() {
  const n = new URLSearchParams(location.search).get("next");
  location.assign(n && n.startsWith("/app/") && !n.startsWith("/app/login") ? n : "/app/inbox");
}

export async function loginPage() {
  if (signedIn()) {
    // Already signed in (another tab, the back button): go on, unless the session has ended.
    try {
      await me();
      next();
      return;
    } catch {
      forgetSession();
    }
  }
  const name = h("input", { name: "name", autocomplete: "username webauthn", required: true, autocapitalize: "none", spellcheck: "false" });
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
        await post("/api/login", body);
        next();
      } catch (e) {
        status.textContent = explain(e instanceof ApiError ? e : { code: "network" });
        if (e.code === "second_factor_required") totp.focus();
        submit.disabled = false;
      }
    } },
    field(t("login.name"), name),
    field(t("login.password"), password),
    field(t("login.totp"), totp, t("login.totpHint")),
    submit,
  );
  const withPasskey = passkeysSupported()
    ? h("div", { class: "card narrow" },
        h("p", {}, t("login.passkeyExplain")),
        h("button", { type: "button", class: "secondary", id: "passkey-login", onclick: async (ev) => {
          const button = ev.currentTarget;
          button.disabled = true;
          status.textContent = t("identity.touch");
          try {
            const { challengeId, publicKey } = await post("/api/login/passkey/options", {});
            const credential = await getPasskey(publicKey);
            await post("/api/login/passkey", { challengeId, credential, cookie: true });
            sessionStorage.setItem("valise-passkey-login", "1");
            next();
          } catch (e) {
            status.textContent = e?.name === "NotAllowedError" ? t("err.passkey_cancelled") : explain(e instanceof ApiError ? e : { code: "passkey_failed" });
            button.disabled = false;
          }
        } }, t("login.passkey")))
    : null;
  page(t("login.title"), status, withPasskey, form);
  name.focus();
}
