// French and English. The language comes from the browser's preferences unless the user chose
// one (kept in localStorage); every visible string goes through t().
import en from "./i18n/en.js";
import fr from "./i18n/fr.js";

const messages = { en, fr };

const STORE = "valise-lang";

function initial() {
  const chosen = localStorage.getItem(STORE);
  if (chosen && messages[chosen]) return chosen;
  for (const l of navigator.languages ?? [navigator.language]) {
    const base = String(l).toLowerCase().split("-")[0];
    if (messages[base]) return base;
  }
  return "en";
}

let lang = initial();
document.documentElement.lang = lang;

export function language() {
  return lang;
}

export function setLanguage(l) {
  if (!messages[l]) return;
  lang = l;
  localStorage.setItem(STORE, l);
  document.documentElement.lang = l;
}

/** The message `key` in the current language, with {name} placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const s = messages[lang][key] ?? messages.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : `{${k}}`));
}

/** A date and time in the user's language. */
export function when(iso) {
  return new Date(iso).toLocaleString(lang === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
}

/** The seconds of an ISO-8601 duration (P7D, PT168H, PT12H30M), NaN if it is not one. */
export function durationSeconds(iso) {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(String(iso));
  if (!m) return NaN;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Math.floor(Number(m[4] ?? 0));
}

/** An ISO-8601 duration (P7D, PT168H, PT12H30M) in words: whole days when it is whole days. */
export function duration(iso) {
  const seconds = durationSeconds(iso);
  if (Number.isNaN(seconds)) return String(iso);
  if (seconds % 86400 === 0) return t(seconds === 86400 ? "duration.day" : "duration.days", { n: seconds / 86400 });
  if (seconds % 3600 === 0) return t(seconds === 3600 ? "duration.hour" : "duration.hours", { n: seconds / 3600 });
  return t("duration.minutes", { n: Math.round(seconds / 60) });
}

const UNITS = { en: ["B", "KiB", "MiB", "GiB", "TiB"], fr: ["o", "Kio", "Mio", "Gio", "Tio"] };

/** A size in bytes for people: binary units, in the user's language (1.5 MiB, 1,5 Mio). */
export function size(n) {
  const units = UNITS[lang] ?? UNITS.en;
  if (n < 1024) return `${n} ${units[0]}`;
  let v = n;
  let i = 0;
  do {
    v /= 1024;
    i++;
  } while (v >= 1024 && i < units.length - 1);
  const digits = v < 10 ? 1 : 0;
  const text = v.toLocaleString(lang === "fr" ? "fr-FR" : "en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${text} ${units[i]}`;
}
