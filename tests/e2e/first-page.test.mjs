// The release build loads in Chromium, the wasm mounts, and nothing errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveStatic, launchBrowser, openPage, screenshot } from "./harness.mjs";

let site, browser;
before(async () => {
  site = await serveStatic();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

test("the page mounts the wasm app with no errors", async () => {
  const { page, problems, context } = await openPage(browser, site.origin);
  await page.goto(site.url);
  // The heading is rendered by the wasm, not by index.html.
  const heading = page.getByRole("heading", { level: 1, name: "Faultline" });
  await heading.waitFor({ timeout: 15000 });
  assert.equal(await page.title(), "Faultline");
  await screenshot(page, "first-page");
  assert.deepEqual(problems, []);
  await context.close();
});
