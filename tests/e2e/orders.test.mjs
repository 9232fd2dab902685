// The Orders panel: more orders than stock, and the late ones are refused and refunded; the link
// keeps the orders; a count out of range is refused beside its control.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, eventually, siteAndBrowser } from "./harness.mjs";
import { Playground } from "./pages/playground.mjs";

const env = siteAndBrowser();

test("twelve orders against a stock of ten: the last two are out of stock and refunded", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pause();
  await pg.pickScenario("happy-path");
  await pg.setField("workload-orders", "12");
  await pg.announced(/^Orders set to 12\. Re-ran the same seed/);
  await pg.setField("workload-interval", "2");
  await pg.announced(/^Between orders set to 2 ms/);
  assert.equal(await page.inputValue("#workload-stock"), "10");
  await pg.blur();
  await pg.seekEnd();
  // Ten times closer together, the run shrank to under half the view, which zoomed in to fit it.
  const { endMs } = await pg.clock();
  const ticks = await pg.tickMs();
  assert.ok(ticks.at(-1) < 2 * endMs, `the view fits the ${endMs} ms run (ticks up to ${ticks.at(-1)} ms)`);
  // By name: where marks crowd, a mark may have no room for its label, never for its name.
  const mark = (name) => page.locator(`g.mark[aria-label^="${name}, "]`);
  for (const name of ["out of stock #11", "out of stock #12", "refunded #11", "refunded #12"]) {
    assert.equal(await mark(name).count(), 1, `the diagram shows "${name}"`);
  }
  assert.equal(await mark("out of stock #10").count(), 0, "the tenth order got the last item");
  await screenshot(page, "orders-out-of-stock");
  await eventually(async () => /^#v1\.e=happy-path&o=8&/.test(await page.evaluate(() => location.hash)), {
    message: "the link to carry the orders",
  });

  await pg.setField("workload-orders", "0");
  const error = page.locator("#workload-orders-error");
  await eventually(async () => (await error.textContent()).includes("Orders must be a whole number from 1 to 500."), {
    message: "0 orders to be refused",
  });
  assert.equal(await mark("out of stock #12").count(), 1, "the run is as it was");
  // As many orders as the busiest example, and more: the diagram bundles them.
  await pg.setField("workload-orders", "300");
  const events = async () => Number((await page.locator(".outcome").textContent()).match(/([\d,]+) events/)?.[1].replace(/,/g, "") ?? 0);
  await eventually(async () => (await events()) > 300 * 8, { message: "300 orders to run" });
  assert.equal(await error.isHidden(), true, "300 orders are allowed");
  await pg.setField("workload-orders", "501");
  await eventually(async () => (await error.textContent()).includes("from 1 to 500."), { message: "501 orders to be refused" });
  await pg.setField("workload-orders", "12");
  await eventually(async () => (await mark("out of stock #12").count()) === 1, { message: "back to 12 orders" });

  await page.reload();
  await pg.ready();
  assert.equal(await page.inputValue("#workload-orders"), "12", "the reopened link keeps the orders");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a change the run has not reached yet still updates the whole run's summary", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pausedOn("happy-path", { at: "start" });
  const outcome = page.locator(".outcome");
  const events = async () => Number((await outcome.textContent()).match(/(\d+) events/)?.[1] ?? 0);
  const one = await events();
  assert.ok(one > 0, `the summary counts the run's events: ${await outcome.textContent()}`);
  // At 0 ms nothing has happened in either run, so the snapshot at now is the same: the summary
  // used to follow only that snapshot and kept counting the old run.
  await pg.setField("workload-orders", "3");
  await pg.announced(/^Orders set to 3\. Re-ran the same seed/);
  await eventually(async () => (await events()) > 2 * one, { message: `three orders' events (one order: ${one})` });
  assert.deepEqual(problems, []);
  await context.close();
});
