// The keys a file is encrypted to, checked as the CLI checks them (docs/audit.md, "Keys in the
// log"): each key's key.publish entry must be in the audit log, proved under a checkpoint signed
// by the log key this browser pinned on first use, and that checkpoint must extend the last one
// this browser saw. A server that hands out a key of its own must log it where the account's
// owner and auditors see it. Then one kind is chosen for the file: age forbids mixing
// post-quantum and classical recipients.
import { base64 } from "@scure/base";
import { getJson } from "./api.js";
import { LogError, leafHash, openCheckpoint, parseVerifierKey, verifyConsistency, verifyInclusion } from "./tlog.js";
import { t } from "./i18n.js";

const LOG_KEY = "valise-log-key";
const CHECKPOINT = "valise-log-checkpoint";

async function text(path) {
  const r = await fetch(path, { cache: "no-store", credentials: "same-origin" });
  if (!r.ok) throw new LogError(`the server did not give ${path} (${r.status})`);
  return r.text();
}

/** The latest checkpoint, verified against the pinned key and the last one seen here, then kept. */
export async function verifiedCheckpoint() {
  const served = (await text("/api/audit/key")).trim();
  const pinned = localStorage.getItem(LOG_KEY);
  if (pinned && pinned !== served) {
    throw new LogError(t("keys.logKeyChanged", { pinned, served }));
  }
  const key = parseVerifierKey(pinned ?? served);
  if (!pinned) localStorage.setItem(LOG_KEY, key.text);
  const latest = openCheckpoint(await text("/api/audit/checkpoint"), key);
  const seen = JSON.parse(localStorage.getItem(CHECKPOINT) ?? "null");
  if (seen) {
    const seenRoot = base64.decode(seen.root);
    if (latest.size < seen.size) throw new LogError(t("keys.rolledBack", { seen: seen.size, now: latest.size }));
    const proof = latest.size === seen.size ? { proof: [] } : await getJson(`/api/audit/proof/consistency?from=${seen.size}&to=${latest.size}`);
    verifyConsistency(seen.size, latest.size, seenRoot, latest.root, proof.proof.map((h) => base64.decode(h)));
  }
  localStorage.setItem(CHECKPOINT, JSON.stringify({ size: latest.size, root: base64.encode(latest.root) }));
  return latest;
}

/** Checks one key of `account` against its log entry and the checkpoint. */
async function proveKey(account, key, checkpoint) {
  const what = t("keys.what", { account, key: `${key.recipient.slice(0, 16)}…` });
  if (!key.log) throw new LogError(t("keys.notLogged", { what }));
  const entry = base64.decode(key.log.entry);
  let fields;
  try {
    fields = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(entry));
  } catch {
    throw new LogError(t("keys.notLogged", { what }));
  }
  if (fields.type !== "key.publish" || fields.accountName !== account || fields.recipient !== key.recipient || fields.key !== key.id) {
    throw new LogError(t("keys.notLogged", { what }));
  }
  const { index } = key.log;
  if (!(Number.isSafeInteger(index) && index < checkpoint.size)) throw new LogError(t("keys.notLogged", { what }));
  const p = await getJson(`/api/audit/proof/inclusion?index=${index}&size=${checkpoint.size}`);
  verifyInclusion(index, checkpoint.size, leafHash(entry), p.proof.map((h) => base64.decode(h)), checkpoint.root);
}

const isPostQuantum = (recipient) => recipient.startsWith("age1pq1");

/**
 * The recipients of a file for `required` (members who must be able to open it) and `own` (the
 * sender, added when it has a key of the file's kind), every key proved in the log. Members are
 * {account, keys:[{id, recipient, log}]}. Resolves to {recipients, ownIncluded, postQuantum}.
 */
export async function recipientsFor(required, own) {
  let checkpoint = await verifiedCheckpoint();
  const all = [...required, ...(own ? [own] : [])];
  const newest = Math.max(-1, ...all.flatMap((m) => m.keys.map((k) => k.log?.index ?? -1)));
  if (newest >= checkpoint.size) checkpoint = await verifiedCheckpoint(); // a key just published
  for (const m of all) for (const k of m.keys) await proveKey(m.account, k, checkpoint);

  const postQuantum = required.every((m) => m.keys.some((k) => isPostQuantum(k.recipient)));
  const lacking = required.filter((m) => !m.keys.some((k) => isPostQuantum(k.recipient) === postQuantum)).map((m) => m.account);
  if (lacking.length) {
    throw Object.assign(new Error(t("keys.mixed", { names: lacking.join(", ") })), { code: "mixed_keys" });
  }
  const chosen = (m) => m.keys.filter((k) => isPostQuantum(k.recipient) === postQuantum).map((k) => k.recipient);
  const recipients = new Set(required.flatMap(chosen));
  const mine = own ? chosen(own) : [];
  for (const r of mine) recipients.add(r);
  return { recipients: [...recipients], ownIncluded: mine.length > 0, postQuantum };
}
