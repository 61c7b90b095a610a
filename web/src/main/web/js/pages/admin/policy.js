import { h } from "../../dom.js";
import { t, when, duration, size } from "../../i18n.js";
import { getJson } from "../../api.js";
import { card } from "../../layout.js";

/** The policy in force (set by the operator's configuration) and what is stored until when. */
export async function policyCard() {
  const p = await getJson("/api/policy");
  const facts = h("dl", { class: "facts" },
    h("dt", {}, t("policy.expiryDefault")), h("dd", {}, duration(p.expiryDefault)),
    h("dt", {}, t("policy.expiryMax")), h("dd", {}, duration(p.expiryMax)),
    h("dt", {}, t("policy.maxUpload")), h("dd", {}, size(p.maxUploadBytes)),
    h("dt", {}, t("policy.quota")), h("dd", {}, size(p.quotaBytesPerAccount)),
    h("dt", {}, t("policy.secondFactor")), h("dd", {}, p.secondFactorRequired ? t("admin.yes") : t("admin.no")));
  return card(t("policy.title"), facts, h("p", { class: "muted" }, t("policy.where")));
}

export async function retentionCard() {
  const r = await getJson("/api/admin/retention");
  const rows = r.accounts.map((a) => h("tr", {},
    h("td", {}, a.account), h("td", { class: "num" }, `${a.sent} · ${size(a.sentBytes)}`),
    h("td", { class: "num" }, `${a.received} · ${size(a.receivedBytes)}`), h("td", {}, when(a.latestExpiry))));
  const head = [t("retention.account"), t("retention.sent"), t("retention.received"), t("retention.lastExpiry")];
  return card(t("retention.title"),
    h("p", {}, t("retention.summary", { n: r.envelopes.length, size: size(r.totalBytes), at: when(r.at) })),
    rows.length ? h("div", { class: "table-wrap" }, h("table", {}, h("thead", {}, h("tr", {}, head.map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, rows))) : null,
    h("p", { class: "muted" }, t("retention.explain")));
}
