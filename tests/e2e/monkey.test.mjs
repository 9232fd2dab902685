// A seeded monkey (issue 6 #4): random clicks, drags, wheel turns, key presses and scenario picks for a
// bounded time; fails on any page error, console error, panic or hang, printing the seed and last actions.
// Replay with MONKEY_SEED=<seed> (the choices repeat; the timing between them may not).
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, siteAndBrowser } from "./harness.mjs";
import { Playground } from "./pages/playground.mjs";

const SEED = Number(process.env.MONKEY_SEED ?? 20261127);
const DURATION_MS = Number(process.env.MONKEY_MS ?? 20000);
const PANIC = /panicked at|RuntimeError: unreachable|RuntimeError/;
const KEYS = [
  " ", ".", ",", "Home", "End", "p", "P", "d", "m", "f", "t", "[", "]", "+", "-", "Delete", "Backspace",
  "Tab", "Shift+Tab", "Enter", "Escape", "PageUp", "PageDown", "ArrowUp", "ArrowDown", "ArrowLeft",
  "ArrowRight", "Control+ArrowDown", "Control+ArrowUp", "Alt+ArrowUp", "Alt+ArrowDown", "Shift+ArrowDown",
  "0", "9", "5", "e", "k",
];

const env = siteAndBrowser();

/** mulberry32: a small seeded generator, the same sequence everywhere. */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

/** Resolves to true, or to false if the page does not answer within `ms` (a hang). */
async function answers(page, ms = 5000) {
  const frame = page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok(true))));
  return Promise.race([frame, new Promise((ok) => setTimeout(() => ok(false), ms))]);
}

/** A random point: half the time on the diagram, else anywhere in the window. */
async function point(page, rnd) {
  const vp = page.viewportSize();
  const svg = rnd.next() < 0.5 ? await page.locator("svg.diagram").boundingBox() : null;
  const box = svg ?? { x: 0, y: 0, width: vp.width, height: vp.height };
  return { x: box.x + rnd.next() * box.width, y: box.y + rnd.next() * Math.min(box.height, vp.height) };
}

/** Where a drag starts: the partition tool, a band's body or edge, or anywhere. */
async function dragStart(page, rnd) {
  const r = rnd.next();
  const target =
    r < 0.3 ? page.locator("button.partition-tool")
    : r < 0.6 ? page.locator(rnd.pick(["g.band .band-body", "g.band .band-edge.end", "g.band .band-edge.start"])).first()
    : r < 0.7 ? page.locator("input.scrubber")
    : null;
  const box = target && (await target.count()) ? await target.boundingBox().catch(() => null) : null;
  return box ? { x: box.x + box.width * rnd.next(), y: box.y + box.height * rnd.next() } : point(page, rnd);
}

/** One random action; returns its description. */
async function act(page, rnd, ids) {
  const m = page.mouse;
  const r = rnd.next();
  if (r < 0.3) {
    const p = await point(page, rnd);
    await m.click(p.x, p.y);
    return `click ${p.x.toFixed(0)},${p.y.toFixed(0)}`;
  }
  if (r < 0.5) {
    const a = await dragStart(page, rnd);
    const b = await point(page, rnd);
    await m.move(a.x, a.y);
    await m.down();
    await m.move(b.x, b.y, { steps: rnd.int(2, 10) });
    await m.up();
    return `drag ${a.x.toFixed(0)},${a.y.toFixed(0)} → ${b.x.toFixed(0)},${b.y.toFixed(0)}`;
  }
  if (r < 0.6) {
    const p = await point(page, rnd);
    const dy = rnd.pick([-1, 1]) * rnd.int(20, 1500);
    const ctrl = rnd.next() < 0.3;
    await m.move(p.x, p.y);
    if (ctrl) await page.keyboard.down("Control");
    await m.wheel(0, dy);
    if (ctrl) await page.keyboard.up("Control");
    return `${ctrl ? "ctrl+" : ""}wheel ${dy} at ${p.x.toFixed(0)},${p.y.toFixed(0)}`;
  }
  if (r < 0.95) {
    const key = rnd.pick(KEYS);
    await page.keyboard.press(key);
    return `key ${JSON.stringify(key)}`;
  }
  if (r < 0.98) {
    const id = rnd.pick(ids);
    await page.selectOption("#scenario-picker", id);
    return `scenario ${id}`;
  }
  const size = rnd.pick([{ width: 1280, height: 800 }, { width: 768, height: 1024 }, { width: 1024, height: 700 }]);
  await page.setViewportSize(size);
  return `resize ${size.width}×${size.height}`;
}

test(`monkey (seed ${SEED}, ${DURATION_MS / 1000} s) breaks nothing`, async (t) => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  page.on("popup", (p) => p.close());
  const ids = await pg.scenarioIds();
  const rnd = random(SEED);
  const done = [];
  const why = (what) => `${what}\nseed ${SEED} (MONKEY_SEED=${SEED} to replay); last actions:\n  ${done.slice(-15).join("\n  ")}`;
  const started = Date.now();
  while (Date.now() - started < DURATION_MS && problems.length === 0) {
    done.push(await act(page, rnd, ids));
    if (done.length % 10 === 0) assert.ok(await answers(page), why("the page stopped answering (a hang?)"));
  }
  await screenshot(page, "monkey-end");
  assert.deepEqual(problems, [], why("problems"));
  assert.ok(await answers(page), why("the page stopped answering at the end"));
  const text = await page.locator("body").innerText();
  assert.doesNotMatch(text, PANIC, why("panic text on the page"));
  assert.ok(await page.getByRole("heading", { level: 1, name: "Faultline" }).isVisible(), why("the app is still there"));
  assert.equal(await page.locator(".lane-name").count(), 4, why("the diagram is still drawn"));
  assert.ok(done.length > 50, `the monkey did enough (${done.length} actions)`);
  t.diagnostic(`monkey: ${done.length} actions with seed ${SEED}`);
  await context.close();
});
