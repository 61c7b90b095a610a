// The note shown above the lists while the user's key is locked in this tab: file names stay
// sealed and files cannot be opened until it is unlocked.
import { h } from "./dom.js";
import { t } from "./i18n.js";
import { current } from "./identity.js";
import { passkeysSupported } from "./webauthn.js";
import * as vault from "./passkeys.js";
import { explain } from "./layout.js";

export function lockBanner(onUnlocked) {
  if (current()) return null;
  const note = h("p", {}, t("banner.locked"));
  const box = h("div", { class: "banner", role: "region", "aria-label": t("banner.label") }, note);
  const quick = passkeysSupported() && sessionStorage.getItem("valise-passkey-login") === "1";
  if (quick) {
    box.append(h("button", { type: "button", id: "banner-unlock", onclick: async (ev) => {
      ev.currentTarget.disabled = true;
      try {
        await vault.unlockByPasskey();
        onUnlocked();
      } catch (e) {
        note.textContent = explain(e);
        ev.currentTarget.disabled = false;
      }
    } }, t("identity.unlockPasskey")), " ");
  }
  box.append(h("a", { href: "/app/key", class: quick ? "button secondary" : "button" }, t("banner.open")));
  return box;
}
