import { h } from "../dom.js";
import { t, when, size } from "../i18n.js";
import { getJson } from "../api.js";
import { page, explain } from "../layout.js";
import { downloads, metadataOf } from "../envelopes.js";
import { lockBanner } from "../banner.js";

/** The inbox (`box` = "inbox") or the sent envelopes ("outbox"), newest first. */
export async function listPage(box) {
  const title = t(`${box}.title`);
  page(title, h("p", { class: "muted" }, "…"));
  let list;
  try {
    list = (await getJson(`/api/${box}`)).envelopes;
  } catch (e) {
    page(title, h("p", { class: "error", role: "alert" }, explain(e)));
    return;
  }
  const banner = lockBanner(() => listPage(box));
  if (list.length === 0) {
    page(title, banner, h("p", { class: "muted" }, t("list.empty")));
    return;
  }
  const rows = list.map((e) => {
    const name = h("span", { class: "name" }, "…");
    // Until the sealed metadata opens, the size shown is the ciphertext's.
    const bytes = h("span", {}, size(e.size));
    metadataOf(e).then((m) => {
      name.textContent = m.error ?? m.name;
      if (m.error) name.className = "name muted";
      if (!m.error && m.size >= 0) bytes.textContent = size(m.size);
    });
    const who = box === "inbox" ? e.sender : e.recipients.join(", ");
    return h(
      "tr",
      {},
      h("td", {}, h("a", { href: `/app/envelopes/${encodeURIComponent(e.id)}`, "aria-label": `${t("list.open")} ${e.id}` }, name)),
      h("td", {}, who),
      h("td", { class: "num" }, bytes),
      h("td", {}, h("time", { datetime: e.expiresAt }, when(e.expiresAt))),
      h("td", { class: "num" }, downloads(e)),
    );
  });
  page(
    title,
    banner,
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "envelopes" },
        h("caption", { class: "visually-hidden" }, title),
        h(
          "thead",
          {},
          h("tr", {}, [t("list.file"), box === "inbox" ? t("list.from") : t("list.to"), t("list.size"), t("list.expires"), t("list.downloads")].map((c) => h("th", { scope: "col" }, c))),
        ),
        h("tbody", {}, rows),
      ),
    ),
  );
}
