// Trunk post-build hook, release builds only: minifies wasm-bindgen's JS glue with terser (trunk's
// own JS minifier fails on it and ships it whole) and puts the new file's hash in index.html's
// integrity attribute, so the browser still checks what it loads.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? "dist";
if ((process.env.TRUNK_PROFILE ?? "release") !== "release") process.exit(0);

const sri = (text) => `sha384-${createHash("sha384").update(text).digest("base64")}`;
const htmlPath = join(dir, "index.html");
let html = readFileSync(htmlPath, "utf8");
for (const name of readdirSync(dir).filter((n) => /^faultline-[0-9a-f]+\.js$/.test(n))) {
  const path = join(dir, name);
  const before = readFileSync(path, "utf8");
  const { code } = await minify(before, { module: true, compress: true, mangle: true });
  writeFileSync(path, code);
  const [was, now] = [sri(before), sri(code)];
  if (html.includes(name) && html.includes("integrity=") && !html.includes(was)) {
    throw new Error(`minify-glue: index.html names ${name} but not its integrity ${was}`);
  }
  html = html.replaceAll(was, now);
  console.log(`minify-glue: ${name} ${before.length} → ${code.length} bytes`);
}
writeFileSync(htmlPath, html);
