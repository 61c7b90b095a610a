import { h, field, liveRegion } from "../dom.js";
import { t, when } from "../i18n.js";
import { call, getJson, postJson } from "../api.js";
import { page, explain, card } from "../layout.js";
import { passkeysSupported } from "../webauthn.js";
import { recipient } from "../identity.js";
import * as vault from "../passkeys.js";
import { qrSvg } from "../qr.js";

/** Sign-in and sessions: passkeys, the authenticator app (TOTP), active sessions. */
export async function securityPage(notice = "") {
  const status = liveRegion();
  const ctx = {
    say(text, cls = "status") {
      status.className = cls;
      status.textContent = text;
    },
    fail(e) {
      ctx.say(explain(e), "status error");
    },
  };
  if (notice) ctx.say(notice, "status ok");
  // Each card stands alone: one the server refuses shows why, the others still work.
  const cards = await Promise.all([
    guarded("passkey.title", async () => passkeyCard(await vault.passkeys(), ctx)),
    guarded("totp.title", async () => totpCard(await getJson("/api/me"), ctx)),
    guarded("sessions.title", async () => sessionsCard((await getJson("/api/sessions")).sessions, ctx)),
  ]);
  page(t("security.title"), status, ...cards);
}

async function guarded(title, build) {
  try {
    return await build();
  } catch (e) {
    if (e?.status === 401) throw e;
    return card(t(title), h("p", { class: "error", role: "alert" }, explain(e)));
  }
}

function passkeyCard(pk, ctx) {
  const rows = pk.passkeys.map((p) => h("li", { "data-passkey": p.id },
    h("strong", {}, p.name), " · ", t("passkey.added", { when: when(p.createdAt) }),
    p.lastUsedAt ? ` · ${t("passkey.used", { when: when(p.lastUsedAt) })}` : "",
    p.prf ? "" : h("span", { class: "muted" }, ` · ${t("passkey.noPrf")}`), " ",
    h("button", { type: "button", class: "secondary small", onclick: async () => {
      if (!confirm(t("passkey.confirmRemove", { name: p.name }))) return;
      try {
        await vault.removePasskey(p.id);
        securityPage();
      } catch (e) {
        ctx.fail(e);
      }
    } }, t("passkey.remove"))));
  const name = h("input", { name: "passkeyName", maxlength: 64, value: t("passkey.defaultName"), required: true });
  const form = passkeysSupported()
    ? h("form", { onsubmit: async (ev) => {
        ev.preventDefault();
        ctx.say(t("identity.touch"));
        try {
          const made = await vault.enrolPasskey(name.value.trim(), await recipient());
          securityPage(made.wrapped ? t("passkey.addedWrapped") : made.prf ? t("passkey.addedLocked") : t("passkey.addedNoPrf"));
        } catch (e) {
          ctx.fail(e?.name === "NotAllowedError" ? { code: "passkey_cancelled" } : e);
        }
      } }, h("div", { class: "row" }, field(t("passkey.name"), name), h("div", { class: "field-button" }, h("button", { type: "submit", id: "add-passkey" }, t("passkey.add")))))
    : h("p", { class: "muted" }, t("passkey.unsupported"));
  return card(t("passkey.title"), h("p", {}, t("passkey.explain")), h("ul", { class: "passkeys" }, rows.length ? rows : h("li", { class: "muted" }, t("passkey.none"))), form);
}

function totpCard(me, ctx) {
  if (me.secondFactor) {
    const password = h("input", { type: "password", name: "totpRemovePassword", autocomplete: "current-password" });
    const code = h("input", { name: "totpRemoveCode", inputmode: "numeric", autocomplete: "one-time-code", maxlength: 6 });
    const form = h("form", { onsubmit: async (ev) => {
      ev.preventDefault();
      try {
        await call("DELETE", "/api/me/totp", { json: { password: password.value, code: code.value.trim() } });
        securityPage();
      } catch (e) {
        ctx.fail(e);
      }
    } }, h("div", { class: "row" }, field(t("login.password"), password), field(t("login.totp"), code)), h("button", { type: "submit", class: "secondary" }, t("totp.remove")));
    return card(t("totp.title"), h("p", { class: "ok" }, t("totp.on")), h("details", {}, h("summary", {}, t("totp.remove")), form));
  }
  const password = h("input", { type: "password", name: "totpPassword", autocomplete: "current-password" });
  const area = h("div", {});
  const start = h("form", { onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      const e = await postJson("/api/me/totp", { password: password.value });
      password.value = "";
      area.replaceChildren(confirmTotp(e, ctx));
      area.querySelector("input")?.focus();
    } catch (e) {
      ctx.fail(e);
    }
  } }, field(t("login.password"), password, t("totp.passwordHint")), h("button", { type: "submit", class: "secondary", id: "totp-start" }, t("totp.start")));
  area.append(start);
  return card(t("totp.title"), h("p", {}, t("totp.off")), area);
}

function confirmTotp(enrolment, ctx) {
  const code = h("input", { name: "totpCode", inputmode: "numeric", autocomplete: "one-time-code", maxlength: 6, required: true });
  return h("form", { onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await postJson("/api/me/totp/confirm", { enrolmentId: enrolment.enrolmentId, code: code.value.trim() });
      await securityPage();
    } catch (e) {
      ctx.fail(e);
    }
  } },
  h("p", {}, t("totp.scan")),
  h("div", { class: "qr", role: "img", "aria-label": t("totp.qrLabel") }, qrSvg(enrolment.uri)),
  h("p", {}, t("totp.orType"), " ", h("code", { id: "totp-secret" }, enrolment.secret)),
  field(t("totp.code"), code, t("login.totpHint")),
  h("button", { type: "submit", id: "totp-confirm" }, t("totp.confirm")));
}

function sessionsCard(list, ctx) {
  const rows = list.map((s) => h("tr", { "data-session": s.id },
    h("td", {}, when(s.createdAt), s.current ? h("strong", {}, ` · ${t("sessions.current")}`) : ""),
    h("td", {}, s.method ? t(`sessions.method.${s.method}`) : ""),
    h("td", {}, s.source ?? ""),
    h("td", {}, when(s.expiresAt)),
    h("td", {}, s.current ? "" : h("button", { type: "button", class: "secondary small", onclick: async () => {
      try {
        await call("DELETE", `/api/sessions/${encodeURIComponent(s.id)}`);
        securityPage();
      } catch (e) {
        ctx.fail(e);
      }
    } }, t("sessions.end")))));
  const others = list.filter((s) => !s.current).length;
  return card(t("sessions.title"),
    h("div", { class: "table-wrap" }, h("table", {}, h("thead", {}, h("tr", {}, [t("sessions.started"), t("sessions.method"), t("sessions.source"), t("sessions.expires"), ""].map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, rows))),
    others ? h("p", {}, h("button", { type: "button", class: "secondary", onclick: async () => {
      try {
        await call("DELETE", "/api/sessions");
        securityPage();
      } catch (e) {
        ctx.fail(e);
      }
    } }, t("sessions.endOthers", { n: others }))) : null);
}
