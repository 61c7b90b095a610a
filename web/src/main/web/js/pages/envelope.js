import { h, field, liveRegion } from "../dom.js";
import { t, when, size } from "../i18n.js";
import { b64, call, getJson, postJson } from "../api.js";
import { fileKeyOf, safeName } from "../crypto.js";
import { linkHeader } from "../linkheader.js";
import { current } from "../identity.js";
import { saveDecrypted } from "../download.js";
import { page, explain } from "../layout.js";
import { downloads, header, metadataOf } from "../envelopes.js";
import { historySection } from "../history.js";

export async function envelopePage(id) {
  let e;
  try {
    e = await getJson(`/api/envelopes/${encodeURIComponent(id)}`);
  } catch (err) {
    page(t("envelope.title"), h("p", { class: "error", role: "alert" }, explain(err)));
    return;
  }
  const meta = await metadataOf(e);
  const name = meta.error ? e.id : meta.name;
  const status = liveRegion();
  const bar = h("progress", { max: 100, value: 0, hidden: true });
  const download = h("button", { type: "button", disabled: !current(), onclick: async () => {
    download.disabled = true;
    bar.hidden = false;
    status.className = "status";
    try {
      await saveDecrypted({
        url: `/api/envelopes/${encodeURIComponent(e.id)}/file`,
        headerUrl: `/api/envelopes/${encodeURIComponent(e.id)}/header`,
        identity: current(),
        name: safeName(name),
        onProgress: (done, size) => {
          const pct = size > 0 ? Math.floor((100 * done) / size) : 0;
          bar.value = pct;
          status.textContent = t("envelope.downloading", { pct });
        },
      });
      status.textContent = t("envelope.done", { name: safeName(name) });
    } catch (err) {
      status.className = "status error";
      status.textContent = err.code === "decrypt" ? t("share.tampered") : explain(err);
    } finally {
      download.disabled = false;
    }
  } }, t("envelope.download"));

  const facts = h(
    "dl",
    { class: "facts" },
    h("dt", {}, t("list.file")), h("dd", { class: meta.error ? "muted" : "" }, meta.error ?? meta.name),
    h("dt", {}, t("list.from")), h("dd", {}, e.sender),
    h("dt", {}, t("list.to")), h("dd", {}, e.recipients.join(", ")),
    h("dt", {}, t("list.size")), h("dd", {}, size(!meta.error && meta.size >= 0 ? meta.size : e.size)),
    h("dt", {}, t("list.expires")), h("dd", {}, when(e.expiresAt)),
    h("dt", {}, t("list.downloads")), h("dd", {}, downloads(e)),
  );
  page(name, facts, h("p", {}, download), bar, status, current() ? null : h("p", { class: "muted" }, t("err.no_identity")), linksSection(e), await historySection(e.id));
}

function linksSection(e) {
  const list = h("ul", { class: "links" });
  let shown = e.links;
  const render = (links) => {
    shown = links;
    if (links.length === 0) list.replaceChildren(h("li", { class: "muted" }, t("envelope.noLinks")));
    else list.replaceChildren(...links.map((l) => linkItem(e, l, render, () => shown)));
  };
  render(e.links);
  const expires = h("select", { name: "linkExpires" }, ["1d", "3d", "7d"].map((d) => h("option", { value: d, selected: d === "1d" }, t(`expiry.${d}`))));
  const max = h("input", { name: "linkDownloads", type: "number", min: 1, max: 100, value: 1, inputmode: "numeric" });
  const password = h("input", { name: "linkPassword", type: "password", autocomplete: "new-password" });
  const created = h("div", { class: "created", "aria-live": "polite" });
  const status = liveRegion();
  const submit = h("button", { type: "submit" }, t("envelope.newLink"));
  const form = h(
    "form",
    { class: "card", onsubmit: async (ev) => {
      ev.preventDefault();
      submit.disabled = true;
      status.textContent = "";
      try {
        const identity = current();
        if (!identity) throw { code: "no_identity" };
        const fileKey = await fileKeyOf(await header(e.id), identity);
        const link = await linkHeader(fileKey);
        fileKey.fill(0);
        const body = { header: b64(link.header), expires: expires.value };
        if (max.value) body.maxDownloads = Number(max.value);
        if (password.value) body.password = password.value;
        const made = await postJson(`/api/envelopes/${encodeURIComponent(e.id)}/links`, body);
        const url = `${location.origin}/s/${made.id}#${link.identity}`;
        const out = h("input", { readonly: true, value: url, class: "url", "aria-label": t("envelope.links"), id: "new-link" });
        const copy = h("button", { type: "button", class: "secondary", onclick: async () => {
          await navigator.clipboard?.writeText(url).catch(() => {});
          out.select();
          copy.textContent = t("envelope.copied");
        } }, t("envelope.copy"));
        created.replaceChildren(h("p", {}, t("envelope.linkCreated")), h("div", { class: "row" }, out, copy));
        render(await linksOr(e, [...shown, made]));
        password.value = "";
      } catch (err) {
        status.className = "status error";
        status.textContent = explain(err);
      } finally {
        submit.disabled = false;
      }
    } },
    h("div", { class: "row" }, field(t("envelope.linkExpires"), expires), field(t("envelope.linkDownloads"), max)),
    field(t("envelope.linkPassword"), password),
    status,
    submit,
    created,
  );
  return h("section", { "aria-labelledby": "links-title" }, h("h2", { id: "links-title" }, t("envelope.links")), list, form);
}

/** The envelope's links; only its sender may list them, so a recipient sees `mine`, what it made here. */
async function linksOr(e, mine) {
  try {
    return (await getJson(`/api/envelopes/${encodeURIComponent(e.id)}/links`)).links;
  } catch (err) {
    if (err.code === "not_sender") return mine;
    throw err;
  }
}

function linkItem(e, l, render, shown) {
  const revoke = h("button", { type: "button", class: "secondary small", onclick: async () => {
    revoke.disabled = true;
    try {
      await call("DELETE", `/api/envelopes/${encodeURIComponent(e.id)}/links/${encodeURIComponent(l.id)}`);
      render(await linksOr(e, shown().map((x) => (x.id === l.id ? { ...x, revoked: true } : x))));
    } catch {
      revoke.disabled = false;
    }
  } }, t("envelope.revoke"));
  return h(
    "li",
    { "data-link": l.id },
    h("code", {}, l.path), " · ", when(l.expiresAt), " · ", downloads(l),
    l.revoked ? h("span", { class: "muted" }, ` · ${t("envelope.revoked")}`) : [" ", revoke],
  );
}
