// The curtain over the future: while the run plays it glides down on the compositor and the page
// redraws only a few times a second; what it covers cannot be seen or hovered; a paused page runs
// no animation at all, and reduced motion leaves nothing moving but playback itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, eventually, siteAndBrowser } from "./harness.mjs";
import { Playground } from "./pages/playground.mjs";

const env = siteAndBrowser();

/** Screen y of the curtain's top edge (the now line) and its running animations. */
function curtain(page) {
  return page.locator(".curtain").evaluate((c) => ({
    top: c.getBoundingClientRect().top,
    gliding: c.getAnimations().filter((a) => a.playState === "running").length,
  }));
}

/** Every running animation on the page that is not the curtain's glide. */
function otherAnimations(page) {
  return page.evaluate(() =>
    document
      .getAnimations()
      .filter((a) => a.playState === "running" && !a.effect?.target?.classList.contains("curtain"))
      .map((a) => `${a.effect?.target?.className?.baseVal ?? a.effect?.target?.className}: ${a.animationName ?? "script"}`),
  );
}

test("playing, the now line glides down while the cursor moves a few times a second", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pause();
  await pg.pickScenario("happy-path");
  await page.getByLabel(/^Playback speed/).selectOption("5");
  await pg.blur();
  await pg.seekStart();
  await page.keyboard.press(" ");
  await eventually(async () => (await curtain(page)).gliding === 1, { message: "the curtain to glide" });
  // Sample the now line every frame for half a second: it moves in small steps, never back.
  const tops = await page.evaluate(async () => {
    const c = document.querySelector(".curtain");
    const seen = [];
    const t0 = performance.now();
    while (performance.now() - t0 < 500) {
      await new Promise((ok) => requestAnimationFrame(ok));
      seen.push(c.getBoundingClientRect().top);
    }
    return seen;
  });
  const steps = tops.slice(1).map((t, i) => t - tops[i]);
  assert.ok(tops.at(-1) > tops[0], `the now line moved down (${tops[0]} → ${tops.at(-1)})`);
  assert.ok(steps.every((d) => d >= -0.5 && d < 8), `smooth steps, never back: ${steps.map((d) => d.toFixed(2))}`);
  const { nowMs } = await pg.clock();
  assert.ok(nowMs > 0, "the clock moves too");
  assert.deepEqual(await otherAnimations(page), [], "nothing else animates while playing");
  await screenshot(page, "curtain-playing");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the curtain hides an arrow's future: only the part sent so far can be seen or hovered", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pausedOn("happy-path", { at: "start" });
  // Step until an arrow is in flight, then nudge the scrubber (100 µs a key) into its flight.
  const look = () =>
    page.evaluate(() => {
      const shaft = document.querySelector("g.msg.inflight line.shaft");
      if (!shaft) return null;
      const m = shaft.getScreenCTM();
      const [x1, y1, x2, y2] = ["x1", "y1", "x2", "y2"].map((a) => Number(shaft.getAttribute(a)));
      const at = (f) => ({ x: m.a * (x1 + (x2 - x1) * f) + m.e, y: m.d * (y1 + (y2 - y1) * f) + m.f });
      const nowY = document.querySelector(".curtain").getBoundingClientRect().top;
      const hit = (p) => document.elementFromPoint(p.x, p.y);
      const near = at(0.02), far = at(0.98);
      return {
        nowY,
        nearY: near.y,
        farY: far.y,
        nearIsArrow: shaft.parentElement.contains(hit(near)),
        farIsCurtain: hit(far)?.classList.contains("curtain") ?? false,
      };
    });
  for (let i = 0; i < 30 && !(await look()); i++) {
    await page.keyboard.press(".");
    await page.waitForTimeout(50);
  }
  await pg.scrubber.focus();
  let probe = await look();
  for (let i = 0; i < 20 && probe && probe.nearY > probe.nowY - 2; i++) {
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(50);
    probe = await look();
  }
  assert.ok(probe, "an arrow is in flight");
  assert.ok(probe.nearY < probe.nowY && probe.farY > probe.nowY, `the arrow spans the now line: ${JSON.stringify(probe)}`);
  assert.ok(probe.nearIsArrow, `the part sent so far is the arrow's: ${JSON.stringify(probe)}`);
  assert.ok(probe.farIsCurtain, `the part still to come is under the curtain: ${JSON.stringify(probe)}`);
  // Paused, nothing animates at all.
  assert.equal((await curtain(page)).gliding, 0);
  assert.deepEqual(await page.evaluate(() => document.getAnimations().filter((a) => a.playState === "running").length), 0);
  await screenshot(page, "curtain-in-flight");
  assert.deepEqual(problems, []);
  await context.close();
});

test("with prefers-reduced-motion, nothing moves but playback itself", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await pg.pausedOn("retries-compensate", { at: "start" });
  await page.keyboard.press(" ");
  await eventually(async () => (await pg.clock()).nowMs > 1, { message: "playback to go on" });
  assert.equal((await curtain(page)).gliding, 1, "playback itself still moves the now line");
  assert.deepEqual(await otherAnimations(page), [], "no decoration moves");
  assert.deepEqual(problems, []);
  await context.close();
});

test("at the end of a run the now line drops below the last arrows and their labels", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pausedOn("retries-compensate");
  // The last message, Failed #1, arrives exactly at the end: nearly level at this zoom, it ran
  // along the now line and its label under it was covered.
  const last = await page.locator('.msg[aria-label^="Message Failed #1"]').evaluate((g) => {
    const box = (el) => el.getBoundingClientRect();
    g.scrollIntoView({ block: "center" });
    const nowY = box(document.querySelector(".curtain")).top;
    const label = g.querySelector("text");
    const head = box(g.querySelector("line.shaft"));
    const lb = label && box(label);
    const covered = lb && document.elementFromPoint(lb.left + lb.width / 2, lb.top + lb.height / 2);
    return { nowY, headBottom: head.bottom, labelBottom: lb?.bottom, labelSeen: covered === label || label?.contains(covered) };
  });
  assert.ok(last.headBottom < last.nowY, `the arrow ends above the now line: ${JSON.stringify(last)}`);
  assert.ok(last.labelBottom !== undefined && last.labelBottom <= last.nowY, `its label is above the now line: ${JSON.stringify(last)}`);
  assert.ok(last.labelSeen, `nothing covers its label: ${JSON.stringify(last)}`);
  // One step back, the run is not over: the curtain sits on now again and hides what comes next.
  await page.keyboard.press(",");
  await pg.waitClock((c) => c.nowMs < c.endMs, "now to step back");
  const back = await page.locator('.msg[aria-label^="Message Failed #1"]').evaluate((g) => ({
    nowY: document.querySelector(".curtain").getBoundingClientRect().top,
    headBottom: g.querySelector("line.shaft").getBoundingClientRect().bottom,
  }));
  assert.ok(back.headBottom > back.nowY, `before the end, the arrow's head is under the curtain: ${JSON.stringify(back)}`);
  await screenshot(page, "curtain-run-over");
  assert.deepEqual(problems, []);
  await context.close();
});
