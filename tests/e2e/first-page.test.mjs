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
  // Under the scenario's description, one change to try; another scenario has its own.
  const tryLine = page.locator(".picker-try");
  assert.match(await tryLine.innerText(), /^Try: Drag the band's bottom edge up to about 40 ms/);
  await page.selectOption("#scenario-picker", "slow-inventory");
  await page.waitForFunction(() => /Raise the Timeout to 40 ms/.test(document.querySelector(".picker-try").textContent));
  await screenshot(page, "first-page");
  assert.deepEqual(problems, []);
  await context.close();
});

test("while the wasm downloads, the page says it is loading, and the note goes once it mounts", async () => {
  const { page, problems, context } = await openPage(env.browser, env.site.origin);
  // Hold the wasm back, as a slow network would.
  let release;
  const held = new Promise((ok) => (release = ok));
  await context.route(/_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(env.site.url);
  const note = page.getByRole("status").filter({ hasText: "Loading the playground…" });
  await note.waitFor({ timeout: 5000 });
  assert.match(await note.textContent(), /Faultline\s*Some parts fail while others work/, "it says what the page is while it loads");
  await screenshot(page, "first-page-loading");
  release();
  await page.getByRole("heading", { level: 1, name: "Faultline" }).waitFor({ timeout: 15000 });
  assert.equal(await page.locator(".boot-note").isVisible(), false, "the loading note is gone");
  assert.equal(await page.getByRole("status").filter({ hasText: "Loading" }).count(), 0, "and says nothing to a screen reader");
  assert.deepEqual(problems, []);
  await context.close();
});
