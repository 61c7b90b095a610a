// An envelope's history from the audit log: every entry about it, oldest first, in words.
import { h } from "./dom.js";
import { t, when } from "./i18n.js";
import { getJson, unb64 } from "./api.js";
import { explain } from "./layout.js";

function describe(e) {
  const who = e.actorName ?? (e.via === "link" ? t("history.someoneWithLink") : t("history.server"));
  const key = `history.${e.type}`;
  const text = t(key, { who, range: e.range === "all" || !e.range ? "" : ` (${e.range})` });
  return text === key ? `${e.type} · ${who}` : text;
}

/** The history section of an envelope page; its entries come from the log. */
export async function historySection(id) {
  const list = h("ol", { class: "history" });
  try {
    const r = await getJson(`/api/audit/envelopes/${encodeURIComponent(id)}`);
    const dec = new TextDecoder();
    const entries = r.entries.map((x) => ({ index: x.index, ...JSON.parse(dec.decode(unb64(x.entry))) }));
    if (entries.length === 0) list.append(h("li", { class: "muted" }, t("history.none")));
    for (const e of entries) {
      list.append(h("li", { "data-type": e.type }, h("time", { datetime: e.time }, when(e.time)), " · ", describe(e),
        e.from ? h("span", { class: "muted" }, ` · ${e.from}`) : null, h("span", { class: "muted" }, ` · #${e.index}`)));
    }
  } catch (err) {
    list.append(h("li", { class: "muted" }, explain(err)));
  }
  return h("section", { "aria-labelledby": "history-title" }, h("h2", { id: "history-title" }, t("envelope.history")), h("p", { class: "muted" }, t("history.explain")), list);
}
