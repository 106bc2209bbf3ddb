// Builds the unpacked extension for each browser, and a zip of each: build/chromium, build/firefox,
// build/openclone-browser-<browser>-<version>.zip. Readability comes from node_modules (npm ci), vendored here.
// Usage: node build.mjs [--out DIR]
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const out = resolve(args[0] === "--out" && args[1] ? args[1] : join(here, "build"));
const version = JSON.parse(readFileSync(join(here, "package.json"), "utf8")).version;
const readability = join(here, "node_modules", "@mozilla", "readability");
const VENDORED = ["Readability.js", "Readability-readerable.js", "LICENSE.md"];

for (const file of VENDORED) {
  if (!existsSync(join(readability, file))) {
    console.error(`missing ${join(readability, file)}: run npm ci in ${here} first (install.sh does)`);
    process.exit(1);
  }
}

const base = JSON.parse(readFileSync(join(here, "src", "manifest.json"), "utf8"));
const patches = { chromium: {}, firefox: JSON.parse(readFileSync(join(here, "src", "manifest.firefox.json"), "utf8")) };

mkdirSync(out, { recursive: true });
for (const [browser, patch] of Object.entries(patches)) {
  const dir = join(out, browser);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(here, "src"), dir, { recursive: true, filter: (p) => !/manifest[^/]*\.json$/.test(p) });
  mkdirSync(join(dir, "vendor"), { recursive: true });
  for (const file of VENDORED) {
    cpSync(join(readability, file), join(dir, "vendor", file));
  }
  const manifest = { ...base, ...patch, version };
  for (const [key, value] of Object.entries(manifest)) {
    if (value === null) {
      delete manifest[key];
    }
  }
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  const zip = join(out, `openclone-browser-${browser}-${version}.zip`);
  writeFileSync(zip, zipOf(dir));
  console.log(`${browser}: ${dir} and ${zip}`);
}

/** A zip archive of a folder's files (deflated), paths relative to it. */
function zipOf(root) {
  const files = [];
  const walk = (d) => readdirSync(d).sort().forEach((name) => {
    const p = join(d, name);
    statSync(p).isDirectory() ? walk(p) : files.push(p);
  });
  walk(root);
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const path of files) {
    const name = Buffer.from(relative(root, path).split("\\").join("/"), "utf8");
    const data = readFileSync(path);
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const header = (central) => {
      const b = Buffer.alloc(central ? 46 : 30);
      let i = 0;
      b.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, i); i += 4;
      if (central) { b.writeUInt16LE(20, i); i += 2; }
      b.writeUInt16LE(20, i); i += 2; // version needed
      b.writeUInt16LE(0x0800, i); i += 2; // UTF-8 names
      b.writeUInt16LE(8, i); i += 2; // deflate
      b.writeUInt16LE(0, i); i += 2; // time
      b.writeUInt16LE(0x21, i); i += 2; // date 1980-01-01
      b.writeUInt32LE(crc, i); i += 4;
      b.writeUInt32LE(packed.length, i); i += 4;
      b.writeUInt32LE(data.length, i); i += 4;
      b.writeUInt16LE(name.length, i); i += 2;
      b.writeUInt16LE(0, i); i += 2;
      if (central) {
        b.writeUInt16LE(0, i); i += 2; // comment
        b.writeUInt16LE(0, i); i += 2; // disk
        b.writeUInt16LE(0, i); i += 2; // internal attributes
        b.writeUInt32LE(0, i); i += 4; // external attributes
        b.writeUInt32LE(offset, i); i += 4;
      }
      return b;
    };
    const local = Buffer.concat([header(false), name, packed]);
    centrals.push(Buffer.concat([header(true), name]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}

function crc32(data) {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) {
      crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
    }
  }
  return (crc ^ 0xffffffff) >>> 0;
}
