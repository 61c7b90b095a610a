// Builds the web app into the folder given as the only argument (the Maven build passes
// target/classes/io/valise/web/static):
//   assets/app-HASH.js, assets/app-HASH.css   the page's script and style, named by content
//   sw.js                                      the service worker (fixed name: its URL is its identity)
//   index.html                                 the one page, with Subresource Integrity for both assets
//   files.txt                                  every served file: path, media type, SHA-256
// The server serves exactly the files in files.txt, and the SHA-256 of files.txt is the bundle
// hash it writes to the audit log, which `valise verify-web` recomputes from what a server serves.
import * as esbuild from "esbuild";
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

const out = process.argv[2];
if (!out) {
  console.error("usage: node build.mjs OUTPUT_DIR");
  process.exit(2);
}
const src = "src/main/web";
const target = ["chrome120", "firefox128", "safari17"];

const sha = (alg, bytes) => createHash(alg).update(bytes).digest();
const hex8 = (bytes) => sha("sha256", bytes).toString("hex").slice(0, 12);

async function bundle(entry, format) {
  const r = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format,
    target,
    minify: true,
    write: false,
    legalComments: "none",
    charset: "utf8",
    outdir: "out",
  });
  if (r.errors.length || r.outputFiles.length !== 1) {
    throw new Error(`esbuild: ${entry}: ${JSON.stringify(r.errors)}`);
  }
  return Buffer.from(r.outputFiles[0].contents);
}

// Both languages must say everything: a key missing from one would show its raw name on the page.
async function checkCatalogues() {
  const { default: en } = await import(`./${src}/js/i18n/en.js`);
  const { default: fr } = await import(`./${src}/js/i18n/fr.js`);
  const missing = (a, b) => Object.keys(a).filter((k) => !(k in b));
  const problems = [...missing(en, fr).map((k) => `fr.js lacks ${k}`), ...missing(fr, en).map((k) => `en.js lacks ${k}`)];
  for (const [lang, m] of [["en", en], ["fr", fr]]) {
    for (const [k, v] of Object.entries(m)) {
      if (typeof v !== "string" || v.trim() === "") problems.push(`${lang}.js: ${k} is empty`);
    }
  }
  // Every key a page asks for by its literal name must exist (keys built at run time, such as
  // `nav.${k}`, are not seen here).
  const { readdir } = await import("node:fs/promises");
  const files = (await readdir(`${src}/js`, { recursive: true })).filter((f) => f.endsWith(".js") && !f.startsWith("i18n"));
  for (const f of files) {
    const text = await readFile(join(src, "js", f), "utf8");
    for (const m of text.matchAll(/\bt\("([^"]+)"/g)) {
      if (!(m[1] in en)) problems.push(`${f} asks for ${m[1]}, which en.js lacks`);
    }
  }
  if (problems.length) throw new Error(`messages:\n  ${[...new Set(problems)].join("\n  ")}`);
}
await checkCatalogues();

await rm(out, { recursive: true, force: true });
await mkdir(join(out, "assets"), { recursive: true });

const js = await bundle(join(src, "js/main.js"), "esm");
const css = await bundle(join(src, "css/app.css"), "esm");
// A classic script: module service workers are not in every browser Valise supports.
const sw = await bundle(join(src, "js/sw.js"), "iife");

const files = [];
async function emit(path, type, bytes) {
  await writeFile(join(out, path), bytes);
  files.push([`/${path}`, type, sha("sha256", bytes).toString("hex")]);
}
const jsPath = `assets/app-${hex8(js)}.js`;
const cssPath = `assets/app-${hex8(css)}.css`;
await emit(jsPath, "text/javascript; charset=utf-8", js);
await emit(cssPath, "text/css; charset=utf-8", css);
await emit("sw.js", "text/javascript; charset=utf-8", sw);
const icon = await readFile(join(src, "favicon.svg"));
await emit("assets/favicon.svg", "image/svg+xml", icon);

const sri = (bytes) => `sha384-${sha("sha384", bytes).toString("base64")}`;
const template = await readFile(join(src, "index.html"), "utf8");
const html = template
  .replaceAll("{{APP_JS}}", `/${jsPath}`)
  .replaceAll("{{APP_JS_SRI}}", sri(js))
  .replaceAll("{{APP_CSS}}", `/${cssPath}`)
  .replaceAll("{{APP_CSS_SRI}}", sri(css));
if (html.includes("{{")) {
  throw new Error("index.html: a placeholder was left unfilled");
}
await emit("index.html", "text/html; charset=utf-8", Buffer.from(html, "utf8"));

files.sort((a, b) => (a[0] < b[0] ? -1 : 1));
const manifest = files.map((f) => f.join("\t") + "\n").join("");
await writeFile(join(out, "files.txt"), manifest);
console.log(`valise web: ${files.length} files, bundle ${sha("sha256", Buffer.from(manifest)).toString("hex")}`);
