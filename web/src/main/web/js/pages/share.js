import { h, field, liveRegion } from "../dom.js";
import { t, when, size } from "../i18n.js";
import { problem, unb64 } from "../api.js";
import { fileKeyOf, openMetadata, safeName } from "../crypto.js";
import { saveDecrypted, supported } from "../download.js";
import { page, explain } from "../layout.js";

const PASSWORD = "Valise-Link-Password";

/** The public page of a share link: /s/ID#AGE-SECRET-KEY-1... */
export async function sharePage(id) {
  const identity = decodeURIComponent(location.hash.slice(1));
  if (!identity.startsWith("AGE-SECRET-KEY-1")) {
    page(t("share.title"), h("p", { class: "error", role: "alert" }, t("share.noKey")));
    return;
  }
  if (!supported()) {
    page(t("share.title"), h("p", { class: "error", role: "alert" }, t("share.unsupported")));
    return;
  }
  const base = `/api/links/${encodeURIComponent(id)}`;
  const status = liveRegion();
  const password = h("input", { type: "password", name: "password", autocomplete: "off" });
  const passwordField = field(t("share.password"), password);
  passwordField.hidden = true;
  const facts = h("dl", { class: "facts" });
  const bar = h("progress", { max: 100, value: 0, hidden: true });
  const submit = h("button", { type: "submit" }, t("share.download"));
  let name = "download";

  const headers = () => (password.value ? { [PASSWORD]: utf8Header(password.value) } : {});

  async function describe() {
    const r = await fetch(base, { headers: headers(), cache: "no-store" });
    if (!r.ok) throw await problem(r);
    const link = await r.json();
    const hr = await fetch(`${base}/header`, { headers: headers(), cache: "no-store" });
    if (!hr.ok) throw await problem(hr);
    const key = await fileKeyOf(new Uint8Array(await hr.arrayBuffer()), identity);
    const meta = openMetadata(key, unb64(link.metadata));
    key.fill(0);
    name = safeName(meta.name);
    facts.replaceChildren(
      h("dt", {}, t("list.file")), h("dd", { class: "name" }, meta.name),
      h("dt", {}, t("share.size")), h("dd", {}, size(meta.size >= 0 ? meta.size : link.size)),
      h("dt", {}, t("share.expires")), h("dd", {}, when(link.expiresAt)),
    );
    if (link.downloadsLeft != null) {
      facts.append(h("dt", {}, t("share.left")), h("dd", { class: "left" }, String(link.downloadsLeft)));
    }
    return link;
  }

  function refusal(e) {
    status.className = "status error";
    if (e.code === "link_password_required") {
      passwordField.hidden = false;
      password.focus();
    }
    if (e.code === "bad_link_password") password.select();
    status.textContent = e.code === "bad_link_password" ? t("err.link_password_wrong") : explain(e);
  }

  const form = h(
    "form",
    { class: "card narrow", onsubmit: async (ev) => {
      ev.preventDefault();
      submit.disabled = true;
      status.className = "status";
      status.textContent = "";
      try {
        await describe();
        bar.hidden = false;
        await saveDecrypted({
          url: `${base}/file`,
          headerUrl: `${base}/header`,
          headers: headers(),
          identity,
          name,
          onProgress: (done, size) => {
            const pct = size > 0 ? Math.floor((100 * done) / size) : 0;
            bar.value = pct;
            status.textContent = t("envelope.downloading", { pct });
          },
        });
        status.textContent = t("share.done", { name });
        status.dataset.done = "true";
      } catch (e) {
        if (e.code === "decrypt") {
          status.className = "status error";
          status.textContent = t("share.tampered");
        } else refusal(e);
      } finally {
        submit.disabled = false;
      }
    } },
    facts,
    passwordField,
    bar,
    status,
    submit,
  );
  page(t("share.title"), h("p", {}, t("share.explain")), form);
  try {
    await describe();
  } catch (e) {
    refusal(e);
    if (e.code !== "link_password_required" && e.code !== "bad_link_password") submit.hidden = true;
  }
}

/** HTTP header values travel as bytes: send the password's UTF-8 bytes, as the CLI does. */
function utf8Header(s) {
  return String.fromCharCode(...new TextEncoder().encode(s));
}
