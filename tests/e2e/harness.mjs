// Shared pieces of the end-to-end tests: a static server for dist/, headless Chromium, and a page
// that records every console error, page error and request leaving the origin.
import { before, after } from "node:test";
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { chromium } from "playwright-core";

const ROOT = resolve(import.meta.dirname, "../..");
export const DIST = process.env.FAULTLINE_DIST ?? join(ROOT, "dist");
export const SCREENSHOTS = join(ROOT, "test-results", "screenshots");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
};

/** Serves `dir` under `basePath` (e.g. "/" or "/course/faultline/") on a free loopback port. */
export async function serveStatic(dir = DIST, basePath = "/") {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (!url.pathname.startsWith(basePath)) {
      res.writeHead(404).end("not under " + basePath);
      return;
    }
    let rel = url.pathname.slice(basePath.length) || "index.html";
    if (rel.endsWith("/")) rel += "index.html";
    const file = normalize(join(dir, decodeURIComponent(rel)));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { server, origin, url: origin + basePath, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches Debian's Chromium headless with a fresh profile, never reaching for the network. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

/**
 * Opens a page that records problems: console errors, page errors, requests off the origin.
 * Other options (e.g. `reducedMotion`, `bypassCSP`) go to `browser.newContext`.
 */
export async function openPage(browser, origin, { width = 1280, height = 800, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")) {
      problems.push(`request left the origin: ${u}`);
    }
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  return { page, context, problems };
}

/** Saves a full-page screenshot under test-results/screenshots/NAME.png. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  // Panels off screen skip rendering (content-visibility: auto); a full-page capture shows them all.
  const sheet = await page.evaluateHandle(() => {
    const s = new CSSStyleSheet();
    s.replaceSync(".panel, .view-panel { content-visibility: visible !important; }");
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, s];
    return s;
  });
  await page.screenshot({ path, fullPage: true });
  await page.evaluate((s) => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((x) => x !== s);
  }, sheet);
  return path;
}

/**
 * Polls `check` until it returns a truthy value (which is returned) or `timeout` ms pass; then
 * throws with `message` and the last value or error. For conditions no single event signals.
 */
export async function eventually(check, { timeout = 5000, interval = 50, message = "condition" } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeout} ms waiting for ${message} (last: ${why})`);
    }
    await new Promise((ok) => setTimeout(ok, interval));
  }
}

/** Serves dist/ and launches Chromium before a file's tests, and stops both after them. */
export function siteAndBrowser(basePath = "/") {
  const env = {};
  before(async () => {
    env.site = await serveStatic(DIST, basePath);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.site?.close();
  });
  return env;
}
