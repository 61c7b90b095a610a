// What the page knows how to say about an envelope: its file name (sealed metadata opened with
// the user's key), its downloads and its expiry.
import { call, unb64 } from "./api.js";
import { fileKeyOf, openMetadata } from "./crypto.js";
import { current } from "./identity.js";
import { t } from "./i18n.js";

/** The envelope's header, which the server gives without counting a download. */
export async function header(id) {
  return new Uint8Array(await (await call("GET", `/api/envelopes/${encodeURIComponent(id)}/header`)).arrayBuffer());
}

/** {name,type,size} of an envelope, or null with a reason the user can read. */
export async function metadataOf(envelope) {
  const identity = current();
  if (!identity) return { error: t("list.sealed") };
  try {
    const key = await fileKeyOf(await header(envelope.id), identity);
    return openMetadata(key, unb64(envelope.metadata));
  } catch {
    return { error: t("list.unreadable") };
  }
}

export function downloads(e) {
  return e.maxDownloads === null
    ? t("downloads.unlimited", { used: e.downloads })
    : t("downloads.left", { used: e.downloads, max: e.maxDownloads });
}
