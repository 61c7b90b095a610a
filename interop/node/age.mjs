#!/usr/bin/env node
// A tiny age CLI over the npm age-encryption package (typage), so that Valise's interop tests can
// drive an implementation nobody here wrote. Data streams stdin -> stdout; armor is buffered
// (the package's armor API works on whole files).
//
//   node age.mjs keygen [--pq]                 prints a new identity (X25519, or ML-KEM-768+X25519)
//   node age.mjs to-recipient                  reads an identity on stdin, prints its recipient
//   node age.mjs encrypt -r RECIPIENT... [-a]  encrypts stdin to the recipients
//   node age.mjs encrypt -p PASSPHRASE [-a]    encrypts stdin with a passphrase (scrypt)
//   node age.mjs decrypt -i FILE... | -p PASSPHRASE   decrypts stdin (binary or armored)
import * as age from "age-encryption";
import { readFileSync } from "node:fs";
import { Readable, Writable } from "node:stream";
import { text } from "node:stream/consumers";

function fail(message) {
  process.stderr.write(`age.mjs: ${message}\n`);
  process.exit(1);
}

function parse(args) {
  const opts = { r: [], i: [], p: null, a: false, pq: false };
  for (let k = 0; k < args.length; k++) {
    const flag = args[k];
    if (flag === "-a") opts.a = true;
    else if (flag === "--pq") opts.pq = true;
    else if (flag === "-r") opts.r.push(args[++k]);
    else if (flag === "-i") opts.i.push(args[++k]);
    else if (flag === "-p") opts.p = args[++k];
    else fail(`unknown argument ${flag}`);
  }
  return opts;
}

function identitiesIn(file) {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

async function readAll(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return new Uint8Array(Buffer.concat(chunks));
}

const stdin = () => Readable.toWeb(process.stdin);
const stdout = () => Writable.toWeb(process.stdout);

async function encrypt(opts) {
  const e = new age.Encrypter();
  if (opts.p !== null) e.setPassphrase(opts.p);
  for (const r of opts.r) e.addRecipient(r);
  if (opts.a) {
    const out = await e.encrypt(await readAll(process.stdin));
    process.stdout.write(age.armor.encode(out));
  } else {
    await (await e.encrypt(stdin())).pipeTo(stdout());
  }
}

async function decrypt(opts) {
  const d = new age.Decrypter();
  if (opts.p !== null) d.addPassphrase(opts.p);
  for (const f of opts.i) for (const id of identitiesIn(f)) d.addIdentity(id);
  const input = await readAll(process.stdin);
  const head = Buffer.from(input.subarray(0, 64)).toString("latin1").trimStart();
  const file = head.startsWith("-----BEGIN")
    ? age.armor.decode(Buffer.from(input).toString("latin1"))
    : input;
  process.stdout.write(await d.decrypt(file));
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const opts = parse(rest);
  switch (command) {
    case "keygen":
      console.log(opts.pq ? await age.generateHybridIdentity() : await age.generateX25519Identity());
      break;
    case "to-recipient":
      console.log(await age.identityToRecipient((await text(process.stdin)).trim()));
      break;
    case "encrypt":
      await encrypt(opts);
      break;
    case "decrypt":
      await decrypt(opts);
      break;
    default:
      fail("usage: age.mjs keygen|to-recipient|encrypt|decrypt ...");
  }
}

main().catch((e) => fail(e && e.message ? e.message : String(e)));
