// The learner's journey with the pointer (issue 4 #11): drag a partition onto web⇹inventory after the
// charge and watch the views split from the truth; drag a band's edge, drag a band off, scrub, hover.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, eventually, siteAndBrowser } from "./harness.mjs";
import { Playground, toMs, bandSpan } from "./pages/playground.mjs";

const env = siteAndBrowser();

/** Happy path, paused, at its end so every mark is drawn. */
async function happyPathAtEnd(pg) {
  await pg.pausedOn("happy-path");
}

/** Drags the Partition tool into the billing–inventory gap between "charged #1" and the Reserve request. */
async function partitionAfterCharge(pg) {
  const chargedY = await pg.markY("charged #1");
  const reserveY = await pg.arrowStartY("Reserve #1");
  assert.ok(chargedY < reserveY, `charged (y ${chargedY}) is drawn above the Reserve request (y ${reserveY})`);
  await pg.dragPartition(await pg.gapX("billing", "inventory"), (chargedY + reserveY) / 2);
  await eventually(async () => (await pg.bands.count()) === 1, { message: "one band on the diagram" });
  const [label] = await pg.bandLabels();
  assert.match(label, /web ⇹ inventory, both ways, drops messages/);
  return label;
}

/** Pairs of labels on the diagram (arrows' and marks') whose drawn boxes overlap by more than a pixel. */
async function overprintedLabels(page) {
  return page.$$eval("svg.diagram text.msg-label, svg.diagram text.mark-label", (texts) => {
    const boxes = texts
      .map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0);
    const pairs = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i].r, boxes[j].r];
        const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (across > 1 && down > 1) pairs.push(`"${boxes[i].text}" over "${boxes[j].text}" by ${across.toFixed(1)} × ${down.toFixed(1)} px`);
      }
    return pairs;
  });
}

/** Labels (on screen) that another arrow's shaft runs through, as "label × arrow" strings. */
async function labelsCrossedByArrows(page, which = "text.mark-label, text.msg-label", { letters = false } = {}) {
  return page.$$eval("svg.diagram .msg .shaft, svg.diagram line.msg", (shafts, [which, letters]) => {
    // With `letters`, only a line through the lowercase letters counts, not one grazing the
    // capitals' tops or the descenders (a label's box reaches 3 px below its baseline).
    const box = (t) => {
      const r = t.getBoundingClientRect();
      return letters ? { left: r.left, right: r.right, width: r.width, top: r.bottom - 10, bottom: r.bottom - 3 } : r;
    };
    const labels = [...document.querySelectorAll(`svg.diagram :is(${which})`)]
      .map((t) => ({ text: t.textContent, r: box(t), own: t.closest(".msg") }))
      .filter(({ r }) => r.width > 0);
    const ends = (line) => {
      const m = line.getScreenCTM();
      const at = (x, y) => new DOMPoint(x, y).matrixTransform(m);
      const v = (name) => line[name].baseVal.value;
      return [at(v("x1"), v("y1")), at(v("x2"), v("y2"))];
    };
    // Liang–Barsky: does the segment p→q enter the box (shrunk by 1 px: a touch is not a cross)?
    const crosses = ([p, q], r) => {
      const [dx, dy] = [q.x - p.x, q.y - p.y];
      let [t0, t1] = [0, 1];
      for (const [a, b] of [[-dx, p.x - (r.left + 1)], [dx, r.right - 1 - p.x], [-dy, p.y - (r.top + 1)], [dy, r.bottom - 1 - p.y]]) {
        if (a === 0) { if (b < 0) return false; }
        else if (a < 0) t0 = Math.max(t0, b / a);
        else t1 = Math.min(t1, b / a);
      }
      return t0 <= t1;
    };
    const out = [];
    for (const s of shafts) {
      const seg = ends(s);
      for (const l of labels) if (l.own !== s.closest(".msg") && crosses(seg, l.r)) out.push(`"${l.text}" × ${s.closest(".msg")?.getAttribute("aria-label")}`);
    }
    return out;
  }, [which, letters]);
}

/**
 * Labels a partition band is drawn over, whose hatching and border would run through them: a
 * mark's label that found no clear spot must be drawn again above the band (src/app/callouts.rs).
 */
async function labelsUnderBands(page) {
  return page.evaluate(() => {
    const bands = [...document.querySelectorAll("svg.diagram-over .band-body")].map((b) => b.getBoundingClientRect());
    const meets = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const key = (t) => `${t.getAttribute("x")},${t.getAttribute("y")},${t.textContent}`;
    const above = new Set([...document.querySelectorAll(".callouts text")].map(key));
    const labels = [...document.querySelectorAll("svg.diagram text.mark-label, svg.diagram text.msg-label")];
    return labels
      .filter((t) => bands.some((b) => meets(t.getBoundingClientRect(), b)) && !above.has(key(t)))
      .map((t) => `"${t.textContent}"`);
  });
}

/**
 * Labels a learner cannot read whole: cut off at the diagram's edges, or hidden in part by the
 * curtain though their mark is reached (at the end of a run every mark is); and time-grid lines
 * drawn over the reached part, where they would strike through labels.
 */
async function labelsCutOrStruck(page) {
  return page.evaluate(() => {
    const svg = document.querySelector("svg.diagram").getBoundingClientRect();
    const nowY = document.querySelector(".curtain").getBoundingClientRect().top;
    const redrawn = new Set([...document.querySelectorAll(".callouts text")].map((t) => t.textContent));
    const out = [];
    for (const t of document.querySelectorAll("svg.diagram text.msg-label, svg.diagram text.mark-label")) {
      const r = t.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < svg.left - 0.5 || r.right > svg.right + 0.5) out.push(`"${t.textContent}" sticks out of the diagram`);
      if (t.classList.contains("mark-label") && r.bottom > nowY && !redrawn.has(t.textContent)) out.push(`"${t.textContent}" is cut by the curtain`);
    }
    for (const l of document.querySelectorAll(".diagram-over .grid line")) {
      const r = l.getBoundingClientRect();
      if (r.top < nowY) out.push(`a grid line at y ${r.top.toFixed(0)} is drawn over the part above now (${nowY.toFixed(0)})`);
    }
    return out;
  });
}

test("a partition dropped on web⇹inventory after the charge splits the views from the truth", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await happyPathAtEnd(pg);
  await screenshot(page, "playground-1-happy-path-end");
  assert.deepEqual(await overprintedLabels(page), [], "no label prints over another");
  assert.deepEqual(await labelsCrossedByArrows(page), [], "no arrow runs through another's label or a mark's");

  // Where and when the learner drops it: just after billing's charge, before web asks inventory.
  await pg.hover(pg.marks("charged #1").first());
  const chargedMs = toMs(await pg.detail("Time"));
  await pg.hover(pg.arrow("Reserve #1"));
  const reserveMs = toMs(await pg.detail("Sent at"));
  const label = await partitionAfterCharge(pg);
  const { fromMs } = bandSpan(label);
  assert.ok(chargedMs <= fromMs && fromMs <= reserveMs, `band starts at ${fromMs} ms, between ${chargedMs} and ${reserveMs} ms`);
  await pg.announced(/^Added\. Partition 1: web ⇹ inventory/);
  await screenshot(page, "playground-2-partition-dropped");

  // Re-simulated: web's retries time out, so the run is longer now.
  const { endMs } = await pg.seekEnd();
  assert.ok(endMs > 11.6, `the run with the partition lasts longer (${endMs} ms)`);
  await screenshot(page, "playground-3-views-diverge");
  assert.deepEqual(await overprintedLabels(page), [], "no label prints over another, retries included");

  // The run comes to rest where the band ends: the broken invariant's label crosses the band's
  // end, and is painted after every band, so above it.
  const verdict = page.locator("svg.diagram-over .callouts text", { hasText: "charged-implies-reserved-or-refunded" });
  await verdict.waitFor();
  const [v, b] = [await verdict.boundingBox(), await pg.bands.first().boundingBox()];
  assert.ok(v.x < b.x + b.width && b.x < v.x + v.width && v.y < b.y + b.height && b.y < v.y + v.height, "the verdict's label crosses the band");
  const above = await verdict.evaluate((t) =>
    [...document.querySelectorAll("svg.diagram-over g.band")].every((band) => band.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING),
  );
  assert.ok(above, "the verdict is painted above every band");

  const billing = await pg.belief(pg.viewOf("billing"), "order 1", "charged");
  assert.equal(billing?.value, "yes", `billing's view shows order 1 charged: ${JSON.stringify(billing)}`);

  const inventory = await pg.belief(pg.viewOf("inventory"), "order 1", "reserved");
  assert.equal(inventory?.value, "no", `inventory's view: ${JSON.stringify(inventory)}`);
  assert.match(inventory.note ?? "", /never heard of order 1/);

  const web = pg.viewOf("web");
  const reserved = await pg.belief(web, "order 1", "reserved");
  assert.ok(reserved?.unknown, `web's view shows the reservation Unknown: ${JSON.stringify(reserved)}`);
  assert.match(reserved.text, /timed out/, "web says why: its requests to inventory timed out");
  const reachable = await pg.belief(web, "inventory", "reachable");
  assert.ok(reachable?.unknown, `web's view shows inventory Unknown: ${JSON.stringify(reachable)}`);

  // Timed-out retries on the diagram (scrolled back to the start, zoomed out to show the whole run):
  // a timeout mark per try and the retried requests numbered and drawn dropped.
  await pg.scrollToStart();
  await pg.zoomOutToShow(endMs);
  await screenshot(page, "playground-3b-retries-timed-out");
  assert.deepEqual(await overprintedLabels(page), [], "zoomed out to the whole run, no label prints over another");
  assert.ok((await pg.marks("timeout #1").count()) >= 2, "at least two timeouts are marked on web's lifeline");
  const try2 = page.locator('.msg[aria-label^="Message Reserve #1 (key k1) · try 2, web to inventory, sent at "][aria-label$=", dropped"]');
  assert.equal(await try2.count(), 1, "try 2 of Reserve is drawn dropped");

  // The Truth panel differs from web's view, and the difference is highlighted in web's panel.
  const truly = await pg.belief(pg.truth(), "order 1", "reserved");
  assert.equal(truly?.value, "no", `the truth: order 1 is not reserved: ${JSON.stringify(truly)}`);
  assert.ok(reserved.diverges && reserved.truly === "no", `web's reservation row is highlighted with "truly: no": ${JSON.stringify(reserved)}`);
  assert.ok(await web.locator(".belief.diverges").first().isVisible(), "a highlighted divergence is visible");

  assert.deepEqual(problems, []);
  await context.close();
});

test("a band's end edge drags later, and a band dragged off the diagram is removed", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await happyPathAtEnd(pg);
  await partitionAfterCharge(pg);
  const band = pg.bands.first();

  await pg.zoomOutToShowEnd(band);
  const before = bandSpan((await pg.bandLabels())[0]);
  const edge = await pg.edgePoint(band, "end");
  await pg.drag(edge, { x: edge.x, y: edge.y + 40 });
  const after = bandSpan((await pg.bandLabels())[0]);
  assert.ok(after.toMs > before.toMs, `the end moved later: ${before.toMs} → ${after.toMs} ms`);
  assert.equal(after.fromMs, before.fromMs, "the start stayed put");
  await pg.announced(new RegExp(`to ${after.toMs.toFixed(1)} ms`));
  await screenshot(page, "playground-4-band-end-dragged");

  const grab = await pg.grabPoint(band);
  const svg = await pg.svg.boundingBox();
  await pg.drag(grab, { x: svg.x + svg.width + 40, y: grab.y }); // off the diagram's right side
  await eventually(async () => (await pg.bands.count()) === 0, { message: "the band to be removed" });
  await pg.announced(/^Partition 1 removed/);
  await screenshot(page, "playground-5-band-dragged-off");

  assert.deepEqual(problems, []);
  await context.close();
});

test("the landing's Try line works with the pointer: the band that never heals has an end edge to drag up", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pause();
  await pg.blur();
  const band = pg.bands.first();
  assert.equal(bandSpan((await pg.bandLabels())[0]).toMs, Infinity, "the seed's band never heals");
  // Its end lies below the view, so its end edge waits at the diagram's foot, inside it.
  const edge = await pg.edgePoint(band, "end"); // scrolls the page to it
  const svg = await pg.svg.boundingBox();
  assert.ok(edge.y < svg.y + svg.height && edge.y > svg.y + svg.height - 12, `edge at ${edge.y}, foot at ${svg.y + svg.height}`);

  // "Drag the band's bottom edge up to about 40 ms": the cut heals before web's last retry.
  const ticks = await page.$$eval(".tick-label", (ts) => ts.map((t) => [Number.parseFloat(t.textContent), t.getBoundingClientRect().y]));
  const [[ms0, y0], [ms1, y1]] = ticks;
  const y40 = y0 + ((40 - ms0) * (y1 - y0)) / (ms1 - ms0);
  await pg.drag(edge, { x: edge.x, y: y40 }, 12);
  const healed = bandSpan((await pg.bandLabels())[0]);
  assert.ok(Math.abs(healed.toMs - 40) < 3, `heals at about 40 ms: ${healed.toMs}`);
  await eventually(async () => /order 1 as the client was told: pending → confirmed/.test(await page.locator(".end-changes").textContent()), {
    message: "the order to be confirmed",
  });
  await screenshot(page, "playground-try-line-done");

  // Undone, it never heals again; Ctrl+↑ brings its end up from the foot, not from "never".
  await page.keyboard.press("Control+z");
  await eventually(async () => bandSpan((await pg.bandLabels())[0]).toMs === Infinity, { message: "the undo" });
  await band.focus();
  await page.keyboard.press("Control+ArrowUp");
  const nudged = bandSpan((await pg.bandLabels())[0]);
  const foot = ticks.at(-1)[0] + (ticks[1][0] - ticks[0][0]);
  assert.ok(nudged.toMs > 6 && nudged.toMs < foot, `an end within the view: ${nudged.toMs} ms`);
  assert.equal(await page.locator(".sim-error").count(), 0, "the change could be simulated");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the Partition tool let go below the diagram adds nothing; pressed, it adds a band at now", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site, { height: 1000 });
  await happyPathAtEnd(pg);
  const svg = await pg.svg.boundingBox();
  await pg.dragPartition(await pg.gapX("billing", "inventory"), svg.y + svg.height + 40);
  await pg.announced(/^Partition not added: drop it on the diagram/);
  assert.equal(await pg.bands.count(), 0);
  const tool = await pg.partitionTool.boundingBox();
  await pg.drag({ x: tool.x + tool.width / 2, y: tool.y + tool.height / 2 }, { x: tool.x + tool.width / 2 + 2, y: tool.y + tool.height / 2 }, 2);
  await pg.announced(/^Added\. Partition 1: web ⇹ inventory/);
  assert.equal(await pg.bands.count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("scrubbing back and forth moves the clock and redraws the arrows", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pause();
  await pg.pickScenario("happy-path");
  const box = await pg.scrubber.boundingBox();
  const at = (f) => ({ x: box.x + 8 + f * (box.width - 16), y: box.y + box.height / 2 });
  const seen = [];
  const m = page.mouse;
  await m.move(at(0).x, at(0).y);
  await m.down();
  for (const f of [0, 0.5, 1, 0.25, 0.5]) {
    await m.move(at(f).x, at(f).y, { steps: 5 });
    const last = seen.at(-1)?.nowMs;
    const c = await pg.waitClock((c) => last === undefined || c.nowMs !== last, `the clock to move at ${f}`);
    seen.push({ f, nowMs: c.nowMs, arrows: await pg.arrowCount() });
    await screenshot(page, `playground-6-scrub-${Math.round(f * 100)}`);
  }
  await m.up();
  const [start, half, end, quarter, halfAgain] = seen;
  const summary = JSON.stringify(seen);
  assert.equal(start.nowMs, 0, summary);
  assert.equal(start.arrows, 0, `no arrow before the first send: ${summary}`);
  assert.ok(start.nowMs < quarter.nowMs && quarter.nowMs < half.nowMs && half.nowMs < end.nowMs, summary);
  assert.ok(half.arrows > 0 && half.arrows <= end.arrows && quarter.arrows <= half.arrows, summary);
  assert.ok(end.arrows > quarter.arrows, `scrubbing back removes arrows: ${summary}`);
  assert.deepEqual([halfAgain.nowMs, halfAgain.arrows], [half.nowMs, half.arrows], `back at the same place, the same picture: ${summary}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the scrubber's right end is the end of the run", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pause();
  await pg.pickScenario("happy-path");
  const box = await pg.scrubber.boundingBox();
  await pg.drag({ x: box.x + 8, y: box.y + box.height / 2 }, { x: box.x + box.width + 20, y: box.y + box.height / 2 });
  const c = await pg.waitClock((c) => c.nowMs > 0, "the scrubber to move");
  assert.equal(c.nowMs, c.endMs, `dragged to its right end, the scrubber shows the whole run (clock ${c.nowMs} / ${c.endMs} ms)`);
  assert.equal(await pg.marks("#1: confirmed").count(), 1, "the last mark of the run is drawn");
  assert.deepEqual(problems, []);
  await context.close();
});

test("hovering an arrow shows its clocks and highlights its causal past and future", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await happyPathAtEnd(pg);
  await pg.hover(pg.arrow("Charge #1"));
  assert.match(await pg.details.locator(".summary").textContent(), /Charge/);
  assert.match(await pg.detail("Lamport clock"), /^\d+$/);
  assert.ok(Number(await pg.detail("Lamport clock")) >= 1, "a send has a Lamport clock of at least 1");
  assert.match(await pg.detail("Vector clock"), /^\[client \d+, web \d+, billing \d+, inventory \d+\]$/);
  assert.equal(await pg.detail("From → to"), "web → billing");
  assert.match(await pg.arrow("PlaceOrder #1").getAttribute("class"), /\bpast\b/, "the order that caused the charge is in its causal past");
  assert.match(await pg.arrow("Charged #1").getAttribute("class"), /\bfuture\b/, "billing's reply is in its causal future");
  await screenshot(page, "playground-7-hover-details");
  assert.deepEqual(problems, []);
  await context.close();
});

test("every example scenario loads, runs to its end and is drawn without an error", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pause();
  const ids = await pg.scenarioIds();
  assert.ok(ids.length >= 2, `the picker lists the examples: ${ids}`);
  const seen = [];
  for (const id of ids) {
    await pg.pickScenario(id);
    await pg.blur();
    const { endMs } = await pg.seekEnd();
    seen.push(`${id}: ${endMs} ms, ${await pg.arrowCount()} arrows, problems: ${problems.length}`);
    assert.ok(endMs > 0 && (await pg.lanes()).inventory > 0, seen.at(-1));
    assert.deepEqual(await pg.textsOverNowLabel(), [], `${id}: nothing prints over the now label`);
    if (id === "workload") continue;
    assert.deepEqual(await labelsCutOrStruck(page), [], `${id}: every label can be read whole`);
    assert.deepEqual(await labelsCrossedByArrows(page, "text.mark-label"), [], `${id}: no arrow runs through a mark's label`);
    assert.deepEqual(await labelsCrossedByArrows(page, "text.msg-label", { letters: true }), [], `${id}: no arrow strikes out a message's label`);
    assert.deepEqual(await labelsUnderBands(page), [], `${id}: no partition band is drawn over a label`);
    if (id === "retries-compensate") {
      // The compensation is named on its arrow: after the timeout's label there is no room for
      // "Refund #1 (key k1)", so it is drawn without its key.
      const refund = page.locator('.msg[aria-label^="Message Refund #1 (key k1),"] text.msg-label');
      assert.equal(await refund.textContent(), "Refund #1", `${id}: the refund's arrow is labelled`);
    }
  }
  // Narrower, as in a course page's frame: where arrows crowd a mark on both sides (web giving up
  // while the refund goes out and comes back), its label still finds a clear spot.
  await page.setViewportSize({ width: 768, height: 1024 });
  for (const id of ids.filter((id) => id !== "workload")) {
    await pg.pickScenario(id);
    await pg.blur();
    await pg.seekEnd();
    assert.deepEqual(await labelsCrossedByArrows(page, "text.mark-label"), [], `${id} at 768 px: no arrow runs through a mark's label`);
  }
  await screenshot(page, "playground-8-last-scenario");
  assert.deepEqual(problems, [], seen.join("\n"));
  await context.close();
});

test("zooming in and scrolling back above a band keeps the diagram alive", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pause();
  await pg.blur();
  await pg.seekEnd();
  await pg.diagram.focus();
  await page.keyboard.press("p"); // a band from now, at the end of the run
  await pg.announced(/^Added\./);
  for (let i = 0; i < 4; i++) await page.keyboard.press("+");
  // Back to the start with Page Up: the new band now begins below the visible part.
  for (let i = 0; (await pg.tickMs())[0] !== 0; i++) {
    assert.ok(i < 10, "Page Up scrolls back to 0 ms");
    const first = (await pg.tickMs())[0];
    await page.keyboard.press("PageUp");
    await eventually(async () => (await pg.tickMs())[0] !== first, { message: "Page Up to scroll" });
  }
  await page.keyboard.press("PageDown");
  await eventually(async () => (await pg.tickMs())[0] > 0, { message: "the diagram to scroll on again" });
  await screenshot(page, "playground-9-zoomed-scrolled");
  assert.deepEqual(problems, []);
  assert.equal(await pg.bands.count(), 2, "the scenario's band and the new one are still there");
  await context.close();
});
