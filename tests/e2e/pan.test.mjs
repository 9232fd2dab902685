// A mouse drag on the diagram's background scrolls it in time, as a map is dragged; a drag that
// starts on a band still moves the band, and a drag that scrolled does not select what it ends on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, eventually, siteAndBrowser } from "./harness.mjs";
import { Playground } from "./pages/playground.mjs";

const env = siteAndBrowser();

/** A point on the diagram's background near `fy` of its height, between client and web. */
async function backgroundPoint(pg, fy) {
  const lanes = await pg.lanes();
  const box = await pg.page.locator("svg.diagram").boundingBox();
  for (const f of [fy, fy + 0.05, fy - 0.05, fy + 0.1, fy - 0.1]) {
    const p = { x: (lanes.client + lanes.web) / 2, y: box.y + box.height * f };
    const free = await pg.page.evaluate(({ x, y }) => !document.elementFromPoint(x, y)?.closest(".band, .msg, .mark, text"), p);
    if (free) return p;
  }
  throw new Error("no free background point");
}

test("dragging the background with a mouse scrolls the diagram in time, and is not a click", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pausedOn("retries-compensate");
  // Zoomed in, the run is longer than the view.
  await pg.diagram.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press("+");
  await pg.scrollToStart();
  const before = await pg.tickMs();
  await pg.blur();
  const from = await backgroundPoint(pg, 0.7);
  await pg.drag(from, { x: from.x, y: from.y - 250 }, 10);
  await eventually(async () => (await pg.tickMs())[0] > before[0], { message: "the view to scroll later" });
  const later = await pg.tickMs();
  // As a map: the drawing followed the pointer up by about as far as it moved.
  const stepPx = await page.$$eval(".tick-label", (ts) => ts[1].getBoundingClientRect().y - ts[0].getBoundingClientRect().y);
  const stepMs = before[1] - before[0];
  const movedMs = later[0] - before[0];
  assert.ok(Math.abs(movedMs - (250 / stepPx) * stepMs) <= 2 * stepMs, `moved ${movedMs} ms for 250 px at ${stepMs} ms per ${stepPx} px`);
  assert.match(await pg.details.textContent(), /Hover over, or select/, "nothing was selected by the drag");
  await screenshot(page, "pan-scrolled");
  // Dragging back down scrolls back.
  const back = await backgroundPoint(pg, 0.3);
  await pg.drag(back, { x: back.x, y: back.y + 250 }, 10);
  await eventually(async () => (await pg.tickMs())[0] < later[0], { message: "the view to scroll back" });
  // A band still drags as a band: its label moves, the view does not.
  await pg.scrollToStart();
  const ticks = await pg.tickMs();
  const band = pg.bands.first();
  const grab = await pg.grabPoint(band);
  const label = await band.getAttribute("aria-label");
  await pg.drag(grab, { x: grab.x, y: grab.y + 60 }, 8);
  await eventually(async () => (await band.getAttribute("aria-label")) !== label, { message: "the band to move" });
  assert.deepEqual(await pg.tickMs(), ticks, "dragging a band does not scroll");
  assert.deepEqual(problems, []);
  await context.close();
});
