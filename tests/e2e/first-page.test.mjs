// The release build loads in Chromium, the wasm mounts, and nothing errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, screenshot, siteAndBrowser } from "./harness.mjs";

const env = siteAndBrowser();

test("the page mounts the wasm app with no errors", async () => {
  const { page, problems, context } = await openPage(env.browser, env.site.origin);
  await page.goto(env.site.url);
  // The heading is rendered by the wasm, not by index.html.
  const heading = page.getByRole("heading", { level: 1, name: "Faultline" });
  await heading.waitFor({ timeout: 15000 });
  assert.equal(await page.title(), "Faultline");
  await screenshot(page, "first-page");
  assert.deepEqual(problems, []);
  await context.close();
});
