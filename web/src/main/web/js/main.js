// The web app: one page, routed by path. Pages under /app/ need a session; /s/ID is a share link
// and needs none.
import { signedIn } from "./api.js";
import { frame } from "./layout.js";
import { loginPage } from "./pages/login.js";
import { listPage } from "./pages/list.js";
import { sendPage } from "./pages/send.js";
import { envelopePage } from "./pages/envelope.js";
import { sharePage } from "./pages/share.js";
import { keyPage } from "./pages/key.js";

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
  Promise.resolve(show()).catch((e) => console.error(e));
}

render();
