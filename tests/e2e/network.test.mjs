// The Network panel: a learner makes one link lossy or slow, the same seed re-runs, the diagram and
// the views show the difference, and the link to the page keeps it. Bad values are refused with
// words beside the control and leave the run as it was.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, eventually, siteAndBrowser } from "./harness.mjs";
import { Playground } from "./pages/playground.mjs";

const env = siteAndBrowser();

/** Whether each Reserve arrow on the diagram was dropped. */
function reservesDropped(page) {
  return page.$$eval('.msg[aria-label^="Message Reserve"]', (els) => els.map((e) => e.classList.contains("dropped")));
}

/** The sentence under the controls that names the links that differ. */
function summary(page) {
  return page.locator(".network-summary").textContent();
}

test("a link that loses every message re-runs the same seed, and the page's link keeps it", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pausedOn("happy-path");
  assert.equal((await pg.belief(pg.truth(), "order 1", "reserved")).value, "yes", "with a sound network the stock is reserved");
  assert.equal(await summary(page), "Every link: 1–3 ms.");

  await page.selectOption("#network-link", { label: "web → inventory" });
  await pg.setField("network-loss", "100");
  await pg.announced(/^web → inventory: loses 100%\. Re-ran the same seed/);
  await pg.blur();
  await pg.seekEnd();
  const dropped = await reservesDropped(page);
  assert.ok(dropped.length >= 2, `web tried inventory more than once (${dropped.length} Reserve arrows)`);
  assert.ok(dropped.every(Boolean), `every Reserve was lost on the link (${dropped})`);
  assert.equal((await pg.belief(pg.truth(), "order 1", "reserved")).value, "no");
  assert.equal((await pg.belief(pg.truth(), "order 1", "charged")).value, "yes", "billing's link still works");
  assert.equal(await summary(page), "web → inventory: 1–3 ms, loses 100%. The others: 1–3 ms.");
  await page.locator("section.network").scrollIntoViewIfNeeded();
  await screenshot(page, "network-lossy");

  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /^#v1\.e=happy-path&o=4&/, "the link names the built-in scenario and carries the network");
  await page.reload();
  await pg.ready();
  assert.equal(await page.inputValue("#network-loss"), "100", "the reopened page shows the lossy link");
  assert.equal(await summary(page), "web → inventory: 1–3 ms, loses 100%. The others: 1–3 ms.");
  await page.selectOption("#network-link", { label: "web → billing" });
  assert.equal(await page.inputValue("#network-loss"), "0", "other links keep the defaults");

  // The defaults reach every link, a link's own setting stays.
  await page.selectOption("#network-link", { label: "every link's default" });
  await pg.setField("network-slowest", "9");
  await pg.announced(/^every link's default: slowest delivery 9 ms\./);
  assert.equal(await summary(page), "web → inventory: 1–9 ms, loses 100%. The others: 1–9 ms.");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a link that delivers twice charges twice without idempotency keys", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pause();
  await pg.pickScenario("happy-path");
  await page.locator("#strategy-keys").uncheck();
  await pg.announced(/^Idempotency keys off/);
  await page.selectOption("#network-link", { label: "web → billing" });
  await pg.setField("network-twice", "100");
  await pg.announced(/^web → billing: delivers 100% twice\./);
  await pg.blur();
  await pg.seekEnd();
  assert.ok((await pg.marks("charged #1").count()) >= 2, "billing charged order 1 once per copy");
  const status = await page.locator("section.status").innerText();
  assert.match(status, /no-double-charge|charged order 1 2 times/i, status);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a value the network cannot take is refused beside its control and changes nothing", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pause();
  await pg.pickScenario("happy-path");
  const hash = () => page.evaluate(() => location.hash);
  const before = await eventually(async () => (await hash()).includes("e=happy-path") && (await hash()), {
    message: "the link to name the scenario",
  });
  const cases = [
    ["network-fastest", "50", "Must be at most the slowest, 3 ms."],
    ["network-slowest", "0.5", "Must be at least the fastest, 1 ms."],
    ["network-loss", "250", "Type a percentage from 0 to 100, e.g. 20."],
    ["network-twice", "-4", "Type a percentage from 0 to 100, e.g. 20."],
    ["network-slowest", "99999999", "At most one hour (3,600,000 ms)."],
  ];
  for (const [id, value, words] of cases) {
    await pg.setField(id, value);
    const error = page.locator(`#${id}-error`);
    await eventually(async () => (await error.isVisible()) && (await error.textContent()).includes(words), {
      message: `${id} = ${value} to be refused with "${words}"`,
    });
    assert.equal(await page.getAttribute(`#${id}`, "aria-invalid"), "true");
  }
  await page.waitForTimeout(600); // twice the delay before the link follows a change (src/share/mod.rs)
  assert.equal(await hash(), before, "the run and its link are as they were");
  assert.equal(await summary(page), "Every link: 1–3 ms.");
  // Another link shows its own values, without the last one's complaint.
  await page.selectOption("#network-link", { label: "billing → web" });
  assert.equal(await page.locator("#network-slowest-error").isVisible(), false);
  assert.equal(await page.inputValue("#network-slowest"), "3");
  assert.deepEqual(problems, []);
  await context.close();
});
