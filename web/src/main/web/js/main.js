// The web app: one page, routed by path. Pages under /app/ need a session; /s/ID is a share link
// and needs none.
import { signInAgain, signedIn } from "./api.js";
import { frame, page, explain } from "./layout.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";
import { loginPage } from "./pages/login.js";
import { listPage } from "./pages/list.js";
import { sendPage } from "./pages/send.js";
import { envelopePage } from "./pages/envelope.js";
import { sharePage } from "./pages/share.js";
import { keyPage } from "./pages/key.js";
import { securityPage } from "./pages/security.js";
import { adminPage } from "./pages/admin.js";

function route() {
  const parts = location.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "s" && parts.length === 2) return ["share", () => sharePage(parts[1])];
  if (parts[0] === "app" && parts[1] === "login") return ["login", loginPage];
  if (!signedIn()) {
    location.replace(`/app/login?next=${encodeURIComponent(location.pathname)}`);
    return null;
  }
  switch (parts[1] ?? "inbox") {
    case "inbox":
      return ["inbox", () => listPage("inbox")];
    case "outbox":
      return ["outbox", () => listPage("outbox")];
    case "send":
      return ["send", sendPage];
    case "key":
      return ["identity", keyPage];
    case "security":
      return ["security", securityPage];
    case "admin":
      return ["admin", () => adminPage(parts[2] ?? "accounts")];
    case "envelopes":
      return ["", () => envelopePage(parts[2] ?? "")];
    default:
      return ["inbox", () => listPage("inbox")];
  }
}

function render() {
  const r = route();
  if (!r) return;
  const [active, show] = r;
  frame(active, render);
  Promise.resolve(show()).catch((e) => {
    if (e?.status === 401) {
      // The session ended (signed out elsewhere, expired): sign in again and come back here.
      signInAgain();
      return;
    }
    page(t("err.title"), h("p", { class: "error", role: "alert" }, explain(e)));
  });
}

render();
