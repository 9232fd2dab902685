// On a phone: a finger on the drawing scrolls the page up and down and the drawing sideways (it
// keeps a readable width), a finger on a partition band drags the band instead (or an edge of
// it, which a fingertip can grab a little off), and a finger drags the Partition tool from the
// toolbar onto the drawing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, eventually, siteAndBrowser } from "./harness.mjs";
import { Playground, bandSpan } from "./pages/playground.mjs";

const env = siteAndBrowser();
const PHONE = { width: 390, height: 844, hasTouch: true };

/** A one-finger swipe from `from` to `to`, as a touchscreen sends it. */
async function swipe(cdp, from, to, steps = 12) {
  const point = (t) => [{ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t }];
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: point(0) });
  for (let i = 1; i <= steps; i++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: point(i / steps) });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

/** The page's scroll offset once a fling from an earlier swipe has died down. */
async function settledScroll(page) {
  let last = -1;
  return eventually(async () => {
    const y = await page.evaluate(() => window.scrollY);
    const still = y === last;
    last = y;
    await page.waitForTimeout(150);
    return still && { y };
  }, { message: "the page to stop scrolling" }).then((s) => s.y);
}

/** A point over the drawing's empty time, left of the lifelines' labels. */
async function emptyPoint(pg, fy) {
  const b = await pg.svg.boundingBox();
  return { x: b.x + 12, y: b.y + b.height * fy };
}

test("on a phone a finger scrolls over the drawing and drags a band", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site, PHONE);
  const cdp = await context.newCDPSession(page);
  await pg.pause();
  // Under a finger the small controls are targets of 24 px at least.
  const small = await page.$$eval(".node-btn, .log-line, .panel input[type=checkbox], .merged-log input[type=radio]", (els) =>
    els.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && (r.height < 23.5 || r.width < 23.5)).length,
  );
  assert.equal(small, 0, "no control under a finger is smaller than 24 px");
  await pg.svg.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, 0));

  // Up and down: the page scrolls under the finger.
  const start = await emptyPoint(pg, 0.8);
  await swipe(cdp, start, { x: start.x, y: start.y - 300 });
  const scrolled = await eventually(async () => {
    const y = await page.evaluate(() => window.scrollY);
    return y > 100 && y;
  }, { message: "the page to scroll under a vertical swipe over the drawing" });
  assert.ok(scrolled > 100, `the page scrolled ${scrolled} px`);

  // Sideways: the drawing scrolls to show inventory, cut off at first.
  const wide = page.locator(".diagram-wide");
  const hidden = await wide.evaluate((w) => w.scrollWidth - w.clientWidth);
  assert.ok(hidden > 50, `at 390 px the drawing is wider than its panel (${hidden} px hidden)`);
  assert.equal(await page.getByText("Swipe sideways for every lifeline").isVisible(), true, "the page says so");
  const mid = await emptyPoint(pg, 0.5);
  await swipe(cdp, { x: mid.x + 250, y: mid.y }, { x: mid.x + 20, y: mid.y });
  await eventually(async () => (await wide.evaluate((w) => w.scrollLeft)) > 50, {
    message: "the drawing to scroll sideways under a horizontal swipe",
  });

  // On a band: the band moves, the page does not.
  const band = pg.bands.first();
  const before = bandSpan(await band.getAttribute("aria-label"));
  await settledScroll(page);
  const grab = await pg.grabPoint(band);
  const pageY = await page.evaluate(() => window.scrollY);
  await swipe(cdp, grab, { x: grab.x, y: grab.y + 60 });
  const after = await eventually(async () => {
    const span = bandSpan(await band.getAttribute("aria-label"));
    return span.fromMs > before.fromMs && span;
  }, { message: "the band to move under the finger" });
  assert.ok(after.fromMs > before.fromMs, `the band moved later: ${before.fromMs} → ${after.fromMs} ms`);
  assert.equal(await page.evaluate(() => window.scrollY), pageY, "dragging the band did not scroll the page");
  // A fingertip a little off the 8-unit start edge still grabs it, and moves the start alone.
  const edge = await pg.edgeCentre(band, "start");
  const near = { x: edge.x, y: edge.y - 6 };
  const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.getAttribute("class"), near);
  assert.equal(hit, "band-edge start", "6 px off the edge, a finger still lands on it");
  await swipe(cdp, near, { x: near.x, y: near.y - 30 });
  const resized = await eventually(async () => {
    const span = bandSpan(await band.getAttribute("aria-label"));
    return span.fromMs < after.fromMs && span;
  }, { message: "the start edge to move up under the finger" });
  assert.equal(resized.toMs, after.toMs, "the end stays where it was");

  // From the toolbar: a finger drags the Partition tool into the web–billing gap.
  const count = (await pg.bandLabels()).length;
  await pg.partitionTool.evaluate((b) => b.scrollIntoView({ block: "start" }));
  await settledScroll(page);
  const tool = await pg.partitionTool.boundingBox();
  const lanes = await pg.lanes();
  const svg = await pg.svg.boundingBox();
  await swipe(cdp, { x: tool.x + tool.width / 2, y: tool.y + tool.height / 2 }, {
    x: (lanes.web + lanes.billing) / 2,
    y: svg.y + 200,
  }, 20);
  const labels = await eventually(async () => {
    const l = await pg.bandLabels();
    return l.length > count && l;
  }, { message: "a band to be added by a finger" });
  assert.ok(labels.some((l) => /web ⇹ billing/.test(l)), labels.join("\n"));
  await screenshot(page, "touch-phone");
  assert.deepEqual(problems, []);
  await context.close();
});
