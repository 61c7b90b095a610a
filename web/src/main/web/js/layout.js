// The frame of every page: title, navigation for a signed-in user, language switch, footer.
import { h, show } from "./dom.js";
import { language, setLanguage, t } from "./i18n.js";
import { call, me, signedIn } from "./api.js";
import { forget } from "./identity.js";

export function frame(active, render) {
  const nav = signedIn()
    ? h(
        "nav",
        { "aria-label": "Valise" },
        h("ul", {},
          [["inbox", "/app/inbox"], ["outbox", "/app/outbox"], ["send", "/app/send"], ["identity", "/app/key"], ["security", "/app/security"]].map(([k, href]) =>
            h("li", {}, h("a", { href, "aria-current": active === k ? "page" : undefined }, t(`nav.${k}`))),
          ),
          h("li", { class: "admin-link", hidden: true }, h("a", { href: "/app/admin", "aria-current": active === "admin" ? "page" : undefined }, t("nav.admin"))),
          h("li", {}, h("button", { type: "button", class: "link", onclick: signOut }, t("nav.signout"))),
        ),
      )
    : null;
  const lang = h(
    "button",
    { type: "button", class: "lang", lang: language() === "fr" ? "en" : "fr", "aria-label": t("nav.languageLabel"), onclick: () => {
      setLanguage(language() === "fr" ? "en" : "fr");
      render();
    } },
    t("nav.language"),
  );
  show(
    document.getElementById("top"),
    h("div", { class: "brand" }, h("a", { href: signedIn() ? "/app/inbox" : "/app/login", class: "logo" }, "Valise"), h("span", { class: "tagline" }, t("app.tagline"))),
    nav,
    lang,
  );
  show(document.getElementById("foot"), h("p", {}, t("foot.zk")));
  if (nav) {
    me()
      .then((m) => {
        if (m.admin) nav.querySelector(".admin-link").hidden = false;
      })
      .catch(() => {});
  }
}

async function signOut() {
  try {
    await call("POST", "/api/logout");
  } finally {
    forget();
    location.assign("/app/login");
  }
}

/** Shows `nodes` in the main area and moves focus there, for keyboard and screen-reader users. */
export function page(title, ...nodes) {
  document.title = `${title} · Valise`;
  const main = document.getElementById("main");
  show(main, h("h1", {}, title), ...nodes);
}

/** A message for an ApiError or Error, in the user's language when the code is known. */
export function explain(e) {
  const key = `err.${e?.code}`;
  const known = t(key);
  return known !== key ? known : e?.message || String(e);
}

/** A titled card: a section of a page. */
export function card(title, ...nodes) {
  return h("section", { class: "card" }, h("h2", {}, title), ...nodes);
}
