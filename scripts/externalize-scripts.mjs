// Trunk post-build hook: moves the inline <script> blocks trunk writes into index.html into files
// of their own, so the page runs under a Content-Security-Policy without 'unsafe-inline'.
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? "dist";
const htmlPath = join(dir, "index.html");
const html = readFileSync(htmlPath, "utf8");
let count = 0;
const out = html.replace(/<script([^>]*)>([\s\S]*?)<\/script>/g, (whole, attrs, body) => {
  if (/\ssrc=/.test(attrs) || body.trim() === "") return whole;
  const name = `boot-${createHash("sha256").update(body).digest("hex").slice(0, 16)}.js`;
  writeFileSync(join(dir, name), body);
  count += 1;
  const kept = attrs.replace(/\snonce="[^"]*"/, "");
  return `<script${kept} src="./${name}"></script>`;
});
writeFileSync(htmlPath, out);
console.log(`externalize-scripts: moved ${count} inline script(s) out of ${htmlPath}`);
