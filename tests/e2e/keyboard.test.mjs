// The main journey with the keyboard only (issue 6 #1): partition web⇹inventory at now with P, move,
// resize and toggle the band with keys, watch the views diverge, remove it — and every step is announced.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, eventually, siteAndBrowser } from "./harness.mjs";
import { Playground, bandSpan } from "./pages/playground.mjs";

const env = siteAndBrowser();

test("keyboard only: partition web⇹inventory, move and toggle it, see the views diverge, remove it", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  // No mouse in this test: any pointer use is a mistake in the test itself.
  for (const name of ["click", "down", "up", "move", "wheel", "dblclick"]) {
    page.mouse[name] = () => assert.fail(`keyboard test used mouse.${name}`);
  }
  const keys = page.keyboard;
  const label = async () => (await pg.bandLabels())[0];

  // Space toggles play.
  await keys.press(" ");
  await pg.announced(/^Paused$/);
  assert.equal(await pg.playButton.getAttribute("aria-label"), "Play (space)");
  await keys.press(" ");
  await pg.announced(/^Playing$/);
  await keys.press(" ");
  await pg.announced(/^Paused$/);

  // The scenario picker is the first stop; the arrow keys choose the happy path.
  await pg.tabTo("#scenario-picker");
  await keys.press("Home");
  await pg.announced(/^Happy path: press Enter to load it$/);
  await keys.press("Enter");
  await pg.announced(/^Loaded scenario: Happy path$/);
  assert.equal(await page.inputValue("#scenario-picker"), "happy-path");
  // Going down the list loads nothing; leaving it without Enter shows the loaded one again.
  await keys.press("ArrowDown");
  await pg.announced(/: press Enter to load it$/);
  await keys.press("Tab");
  assert.equal(await page.inputValue("#scenario-picker"), "happy-path");
  assert.match(await page.locator(".picker-description").textContent(), /^Nothing goes wrong/);

  // Tab on to the diagram; Home, End, "." and "," move now.
  await pg.tabTo(".diagram-scroll");
  await screenshot(page, "keyboard-1-diagram-focused");
  await keys.press("End");
  const { endMs } = await pg.waitClock((c) => c.nowMs === c.endMs && c.endMs > 0, "End to jump to the end");
  // The next Tab stop is the first message, and Shift+Tab comes back to the diagram.
  await keys.press("Tab");
  // Its name says who sent it to whom, and when, as the drawing does.
  assert.equal(
    await page.evaluate(() => document.activeElement.getAttribute("aria-label")),
    "Message PlaceOrder #1, client to web, sent at 1 ms",
  );
  await keys.press("Shift+Tab");
  assert.ok(await pg.focused(".diagram-scroll"), "back on the diagram");
  await keys.press("Home");
  await pg.waitClock((c) => c.nowMs === 0, "Home to jump to 0");
  let charged = null;
  for (let i = 0; i < 40 && !charged; i++) {
    const before = (await pg.clock()).nowMs;
    await keys.press(".");
    const { nowMs } = await pg.waitClock((c) => c.nowMs > before, "'.' to step forward");
    const said = await pg.announced(/^\S+ (µs|ms): /);
    if (/billing: received Charge/.test(said)) charged = nowMs;
  }
  assert.ok(charged !== null, "stepping with '.' reaches billing's charge");
  assert.equal(await pg.marks("charged #1").count(), 1, "billing has charged at this instant");
  await keys.press(",");
  const back = await pg.waitClock((c) => c.nowMs < charged, "',' to step back");
  await pg.announced(/^\S+ (µs|ms): /);
  await keys.press(".");
  await pg.waitClock((c) => c.nowMs === charged, "'.' to step to the charge again");
  assert.ok(back.nowMs < charged && endMs > charged);

  // P adds a partition at now on web ⇹ inventory (the link the tool targets by default).
  await keys.press("p");
  await pg.announced(/^Added\. Partition 1: web ⇹ inventory, both ways, drops messages, from .* Tab to it/);
  const added = bandSpan(await label());
  assert.equal(added.fromMs, Number(charged.toFixed(1)), "the band starts at now");

  // Tab to the band; arrows move it, Ctrl+ArrowDown stretches its end, D and M toggle it.
  await pg.tabTo("g.band");
  const steps = [
    ["ArrowDown", (s) => s.fromMs === added.fromMs + 5 && s.toMs === added.toMs + 5, /both ways/],
    ["ArrowUp", (s) => s.fromMs === added.fromMs && s.toMs === added.toMs, /both ways/],
    ["Control+ArrowDown", (s) => s.fromMs === added.fromMs && s.toMs === added.toMs + 5, /both ways/],
    ["d", () => true, /requests only \(left to right\)/],
    ["d", () => true, /replies only \(right to left\)/],
    ["d", () => true, /both ways, drops messages/],
    ["m", () => true, /both ways, holds then releases messages/],
    ["m", () => true, /both ways, drops messages/],
  ];
  for (const [key, spanOk, words] of steps) {
    const was = await label();
    await keys.press(key);
    const now = await eventually(async () => {
      const l = await label();
      return l !== was ? l : false;
    }, { message: `${key} to change the band` });
    assert.match(now, words, `after ${key}`);
    assert.ok(spanOk(bandSpan(now)), `after ${key}: ${now} (added: ${JSON.stringify(added)})`);
    await pg.announced(new RegExp(`^${now.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
    assert.ok(await pg.focused("g.band"), `the band keeps focus after ${key}`);
  }
  await screenshot(page, "keyboard-2-band-focused");

  // End: web's retries time out, and its view differs from the truth.
  await keys.press("End");
  await pg.waitClock((c) => c.nowMs === c.endMs && c.endMs > endMs, "End to reach the longer run's end");
  const reserved = await pg.belief(pg.viewOf("web"), "order 1", "reserved");
  assert.ok(reserved?.unknown && /timed out/.test(reserved.text), `web: reservation Unknown, timed out: ${JSON.stringify(reserved)}`);
  assert.ok(reserved.diverges && reserved.truly === "no", `web's row shows the truth differs: ${JSON.stringify(reserved)}`);
  assert.equal((await pg.belief(pg.truth(), "order 1", "reserved"))?.value, "no");
  await screenshot(page, "keyboard-3-views-diverge");

  // Delete removes the band; with no partition, web's view agrees with the truth again.
  await keys.press("Delete");
  await pg.announced(/^Partition 1 removed$/);
  assert.equal(await pg.bands.count(), 0);
  assert.ok(await pg.focused(".diagram-scroll"), "the focus goes back to the diagram, not to the page");
  // T hides the truth and says so; the scrubber reads its time in words.
  await keys.press("t");
  await pg.announced(/^The truth is hidden$/);
  await keys.press("t");
  await pg.announced(/^The truth is shown$/);
  await keys.press("End");
  await pg.waitClock((c) => c.nowMs === c.endMs, "End after removing the band");
  const healed = await pg.belief(pg.viewOf("web"), "order 1", "reserved");
  assert.equal(healed?.value, "yes", `web's view after the band is gone: ${JSON.stringify(healed)}`);
  assert.equal(await pg.viewOf("web").locator(".belief.diverges").count(), 0, "no divergence left");
  await screenshot(page, "keyboard-4-band-removed");
  assert.match(await page.locator("input.scrubber").getAttribute("aria-valuetext"), /^\d+(\.\d)? ms$/);
  // On the scrubber, Space still plays and pauses.
  await page.locator("input.scrubber").focus();
  await keys.press(" ");
  await pg.announced(/^Playing$/);
  await keys.press(" ");
  await pg.announced(/^Paused$/);

  assert.deepEqual(problems, []);
  await context.close();
});

test("a control that goes away under the focus leaves it on its panel, not on the page", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pause();
  await pg.blur();
  await pg.seekEnd();
  // A line of the merged log, focused; Home takes now back to 0, where the log has no lines.
  await page.locator(".log-line").first().focus();
  await page.keyboard.press("Home");
  await eventually(async () => (await page.locator(".log-line").count()) === 0, { message: "the log to empty" });
  await eventually(async () => pg.focused("section.merged-log"), { message: "the focus on the log's panel" });
  assert.deepEqual(problems, []);
  await context.close();
});
