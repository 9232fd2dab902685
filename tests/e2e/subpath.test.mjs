// Hosting from a sub-path (issue 5): dist/ served under /course/faultline/ by a plain static server
// loads with no errors, and its links and embeds point under that path.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { serveStatic, launchBrowser, openPage, screenshot, eventually, DIST } from "./harness.mjs";

const BASE = "/course/faultline/";
let site, browser;
before(async () => {
  site = await serveStatic(DIST, BASE);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

test("the playground loads from a sub-path with no errors", async () => {
  const { page, problems, context } = await openPage(browser, site.origin);
  const requests = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(site.url);
  await page.getByRole("heading", { level: 1, name: "Faultline" }).waitFor({ timeout: 15000 });
  await page.locator(".lane-name").nth(3).waitFor();
  assert.ok(requests.length > 3);
  for (const path of requests) assert.ok(path.startsWith(BASE), `${path} is under ${BASE}`);

  // The link the page writes and copies stays under the sub-path. Paused, so the written link
  // (which does not follow every frame of playback) catches up with the copied one.
  const play = page.locator(".time-controls button.play");
  if ((await play.getAttribute("aria-label")).startsWith("Pause")) await play.click();
  const hash = await eventually(async () => {
    const h = await page.evaluate(() => location.hash);
    await page.getByRole("button", { name: "Copy link" }).click();
    const link = await page.locator("input.copied-text").inputValue();
    return h.startsWith("#v1.") && link === `${site.url}${h}` && h;
  }, { message: "the state link under the sub-path, equal to the copied link" });
  assert.ok(hash.startsWith("#v1."));
  await page.getByRole("button", { name: "Copy embed code" }).click();
  const snippet = await page.locator("input.copied-text").inputValue();
  assert.ok(snippet.startsWith(`<iframe src="${site.url}?embed=1&amp;controls=partitions#v1.`), snippet);
  await screenshot(page, "subpath-1-loaded");
  assert.deepEqual(problems, []);
  await context.close();
});

test("an embed from the sub-path loads too", async () => {
  const { page, problems, context } = await openPage(browser, site.origin);
  await page.goto(`${site.url}?embed=1&scenario=happy-path&autoplay=0`);
  await page.locator(".lane-name").nth(3).waitFor({ timeout: 15000 });
  assert.equal(await page.locator("header.masthead").isVisible(), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the default build's index uses relative asset paths (one dist/ for any sub-path)", async () => {
  const html = await readFile(join(DIST, "index.html"), "utf8");
  assert.doesNotMatch(html, /(src|href)="\/(?!\/)/, "no root-absolute asset paths");
});
