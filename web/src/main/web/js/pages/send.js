import { h, field, liveRegion } from "../dom.js";
import { t, duration, durationSeconds, size } from "../i18n.js";
import { ApiError, b64, csrfToken, getJson } from "../api.js";
import { encrypt, sealMetadata } from "../crypto.js";
import { page, explain } from "../layout.js";
import { recipientsFor } from "../keys.js";

/**
 * The keys to encrypt to: every key of the named accounts and groups' members, and mine so I can
 * open what I sent, each proved in the audit log, all of one kind (keys.js).
 */
async function recipientKeys(names) {
  const members = new Map();
  for (const n of names) {
    let d;
    try {
      d = await getJson(`/api/directory/${encodeURIComponent(n)}`);
    } catch (e) {
      if (e.status === 404) throw new Error(t("send.unknown", { name: n }));
      throw e;
    }
    for (const m of d.members) {
      if (m.keys.length === 0) throw new Error(t("send.noKey", { name: m.account }));
      members.set(m.account, m);
    }
  }
  const mine = await getJson("/api/me");
  const own = mine.keys.length ? { account: mine.account, keys: mine.keys } : null;
  return recipientsFor([...members.values()], own);
}

/** Counts plaintext bytes as the encryptor reads them. */
function counting(stream, onBytes) {
  let n = 0;
  return stream.pipeThrough(new TransformStream({ transform(chunk, c) {
    n += chunk.length;
    onBytes(n);
    c.enqueue(chunk);
  } }));
}

/**
 * Encrypts `file` to `keys` into a Blob, piece by piece: the browser keeps large blobs on disk,
 * so the page never holds the whole file.
 */
async function encryptToBlob(file, keys, onProgress) {
  const { out, fileKey } = await encrypt(counting(file.stream(), onProgress), keys);
  const parts = [];
  let pending = [];
  let pendingBytes = 0;
  const reader = out.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending.push(value);
    pendingBytes += value.length;
    if (pendingBytes >= 8 << 20) {
      parts.push(new Blob(pending));
      pending = [];
      pendingBytes = 0;
    }
  }
  parts.push(new Blob(pending));
  const metadata = sealMetadata(fileKey, { name: file.name, type: file.type, size: file.size });
  fileKey.fill(0);
  return { blob: new Blob(parts, { type: "application/octet-stream" }), metadata };
}

/** POSTs the age file with upload progress (fetch has none); resolves to the envelope. */
function upload(blob, query, metadata, onProgress) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open("POST", `/api/envelopes?${query}`);
    x.setRequestHeader("Content-Type", "application/octet-stream");
    x.setRequestHeader("Valise-CSRF", csrfToken());
    x.setRequestHeader("Valise-Metadata", b64(metadata));
    x.upload.onprogress = (e) => onProgress(e.loaded, e.total);
    x.onerror = () => reject(new ApiError(0, "network", "network"));
    x.onload = () => {
      let body = {};
      try {
        body = JSON.parse(x.responseText);
      } catch {
        // not JSON
      }
      if (x.status === 201) resolve(body);
      else reject(new ApiError(x.status, body.code ?? `http_${x.status}`, body.detail ?? ""));
    };
    x.send(blob);
  });
}

/** Expiry choices up to the policy's maximum, the policy's default selected. */
async function expiryChoices() {
  let policy = { expiryDefault: "P7D", expiryMax: "P30D" };
  try {
    policy = await getJson("/api/policy");
  } catch {
    // an older server: the usual defaults
  }
  const days = (iso) => Math.floor(durationSeconds(iso) / 86400);
  const max = days(policy.expiryMax);
  const def = days(policy.expiryDefault);
  const list = [...new Set([1, 3, 7, 14, 30, 90, 365, def, max])].filter((d) => d >= 1 && d <= max).sort((a, b) => a - b);
  return list.map((d) => ({ value: `${d}d`, label: duration(`P${d}D`), selected: d === def }));
}

export function sendPage() {
  let files = [];
  const chosen = h("ul", { class: "files", "aria-live": "polite" });
  const picker = h("input", { type: "file", multiple: true, class: "visually-hidden", id: "files", onchange: () => setFiles([...picker.files]) });
  function setFiles(list) {
    files = list;
    chosen.replaceChildren(...files.map((f) => h("li", {}, `${f.name} (${size(f.size)})`)));
  }
  const drop = h(
    "div",
    { class: "drop", ondragover: (e) => {
      e.preventDefault();
      drop.classList.add("over");
    }, ondragleave: () => drop.classList.remove("over"), ondrop: (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      setFiles([...e.dataTransfer.files]);
    } },
    h("p", {}, t("send.drop")),
    h("label", { for: "files", class: "button secondary" }, t("send.choose")),
    picker,
    chosen,
  );
  const to = h("input", { name: "to", required: true, autocapitalize: "none", spellcheck: "false", placeholder: "bob, cpam-75", list: "known-groups" });
  const groups = h("datalist", { id: "known-groups" });
  getJson("/api/groups").then((g) => groups.replaceChildren(...g.groups.map((x) => h("option", { value: x.name })))).catch(() => {});
  const expires = h("select", { name: "expires" });
  expiryChoices().then((choices) => expires.replaceChildren(...choices.map((c) => h("option", { value: c.value, selected: c.selected }, c.label))));
  const max = h("input", { name: "maxDownloads", type: "number", min: 1, max: 1000, inputmode: "numeric" });
  const status = liveRegion();
  const bar = h("progress", { max: 100, value: 0, hidden: true });
  const results = h("ul", { class: "sent" });
  const submit = h("button", { type: "submit" }, t("send.submit"));
  const form = h(
    "form",
    { class: "card", onsubmit: async (ev) => {
      ev.preventDefault();
      const names = to.value.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
      if (files.length === 0) return void (status.textContent = t("send.noFiles"));
      if (names.length === 0) return void (status.textContent = t("send.noRecipients"));
      submit.disabled = true;
      bar.hidden = false;
      status.className = "status";
      try {
        status.textContent = t("send.checkingKeys");
        const { recipients: keys, ownIncluded } = await recipientKeys(names);
        if (!ownIncluded) results.append(h("li", { class: "muted" }, t("send.ownExcluded")));
        const q = new URLSearchParams({ to: names.join(","), expires: expires.value });
        if (max.value) q.set("maxDownloads", max.value);
        for (const f of files) {
          const { blob, metadata } = await encryptToBlob(f, keys, (n) => {
            const pct = f.size ? Math.floor((100 * n) / f.size) : 100;
            bar.value = pct;
            status.textContent = t("send.encrypting", { name: f.name, pct });
          });
          const env = await upload(blob, q.toString(), metadata, (n, total) => {
            const pct = total ? Math.floor((100 * n) / total) : 100;
            bar.value = pct;
            status.textContent = t("send.uploading", { name: f.name, pct });
          });
          results.append(h("li", {}, h("a", { href: `/app/envelopes/${encodeURIComponent(env.id)}`, "data-envelope": env.id }, t("send.sent", { name: f.name }))));
          status.textContent = t("send.sent", { name: f.name });
        }
        setFiles([]);
      } catch (e) {
        status.className = "status error";
        status.textContent = explain(e);
      } finally {
        submit.disabled = false;
      }
    } },
    drop,
    field(t("send.to"), to),
    h("div", { class: "row" }, field(t("send.expires"), expires), field(t("send.maxDownloads"), max)),
    bar,
    status,
    submit,
  );
  page(t("send.title"), form, groups, results);
}
