// Browser figures for scripts/bench, measured in headless Chromium on a release build with the
// `bench` feature (scripts/bench builds it to target/dist-bench and passes it as FAULTLINE_DIST):
// simulation speed in wasm, seek time across a ~100,000-event run, the main thread's busy fraction
// during live play, and frame times while dragging a partition band over ~2,000 drawn messages.
// A benchmark: it prints figures (JSON on stdout, progress on stderr) and fails only on errors.
//
//   node tests/perf/bench.mjs [--orders 10000] [--play-seconds 10] [--drag-seconds 3] [--only wasm,busy,drag]
//                             [--native native.json] [--size size.json] [--out figures.json]
// With --native (`faultline-sim bench --format json`) and --size ({ gzip, raw }), it prints the
// whole table of scripts/bench; --out saves every figure as JSON.
import { readFile, writeFile } from "node:fs/promises";
import { serveStatic, launchBrowser, openPage } from "../e2e/harness.mjs";
import { figures, format } from "./table.mjs";

const opts = parseArgs(process.argv.slice(2));
const log = (...a) => console.error("bench:", ...a);

function parseArgs(argv) {
  const o = { orders: 10000, playSeconds: 10, dragSeconds: 3, only: ["wasm", "busy", "drag"], native: null, size: null, out: null };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    switch (argv[i]) {
      case "--orders": o.orders = Number(v); i++; break;
      case "--play-seconds": o.playSeconds = Number(v); i++; break;
      case "--drag-seconds": o.dragSeconds = Number(v); i++; break;
      case "--only": o.only = v.split(","); i++; break;
      case "--native": o.native = v; i++; break;
      case "--size": o.size = v; i++; break;
      case "--out": o.out = v; i++; break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return o;
}

/**
 * While window.__frames.on is true, records each animation frame's start (performance.now(), in
 * `t`) and how long the main thread took to produce it (in `work`): from the frame's begin time
 * (the timestamp rAF callbacks get, before input handling) until a message posted from the frame's
 * first rAF callback runs, which is after its input, rAF callbacks, style, layout, paint and
 * commit. That is the frame's duration as the Long Animation Frames API defines it (start to
 * render end). Headless Chromium begins frames from a 60 Hz timer, so `t`'s intervals cannot fall
 * below about 16.7 ms however little a frame costs; `work` can.
 */
function frameRecorder() {
  const f = { on: false, t: [], work: [] };
  window.__frames = f;
  const done = new MessageChannel();
  done.port1.onmessage = (e) => f.work.push(performance.now() - e.data);
  const loop = (begin) => {
    if (f.on) {
      f.t.push(performance.now());
      done.port2.postMessage(begin);
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
}

/** Opens the app and waits for it to mount and expose its wasm exports; returns { page, context, problems }. */
async function open(browser, site, options = {}) {
  const opened = await openPage(browser, site.origin, options);
  if (options.recordFrames) await opened.context.addInitScript(frameRecorder);
  await opened.page.goto(site.url);
  await opened.page.locator(".lane-name").nth(3).waitFor({ timeout: 20000 });
  await opened.page.waitForFunction(() => !!window.wasmBindings, null, { timeout: 20000 });
  return opened;
}

const playButton = (page) => page.locator(".time-controls button.play");
const isPlaying = async (page) => (await playButton(page).getAttribute("aria-label")).startsWith("Pause");
const clockText = (page) => page.locator("output.clock").textContent();
/** Arrows drawn: the message layer says how many (zoomed out, they are bundled, not one element each). */
const msgCount = (page) =>
  page.evaluate(() => Number(document.querySelector("g.messages")?.getAttribute("data-messages") ?? 0));

async function pause(page) {
  if (await isPlaying(page)) await playButton(page).click();
}

async function pickScenario(page, id) {
  await page.selectOption("#scenario-picker", id);
  await page.waitForFunction((v) => document.querySelector("#scenario-picker")?.value === v, id);
  // Keys go to the window, not the select.
  await page.evaluate(() => document.activeElement?.blur());
}

/** Times between consecutive frames. */
const intervals = (ts) => ts.slice(1).map((t, i) => t - ts[i]);

function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

// --- wasm: throughput and seek ------------------------------------------------------------------

async function wasmFigures(browser, site) {
  const { page, context, problems } = await open(browser, site);
  await pause(page);
  if (!(await page.evaluate(() => typeof window.wasmBindings.bench_seek_json === "function"))) {
    throw new Error(`${site.url} has no bench exports: build it with \`trunk build --release --features bench\` (scripts/bench does)`);
  }
  log(`wasm throughput on ${opts.orders} orders…`);
  const throughput = JSON.parse(await page.evaluate((n) => window.wasmBindings.bench_throughput_json(n), opts.orders));
  const eps = await page.evaluate((n) => window.wasmBindings.bench_events_per_second(n), opts.orders);
  log("wasm seek across a ~100,000-event run…");
  const seek = JSON.parse(await page.evaluate(() => window.wasmBindings.bench_seek_json(0)));
  await context.close();
  // Two independent best-of-5 figures; keep the better one (both are in the JSON).
  return { throughput, events_per_s_second_try: eps, seek, problems };
}

// --- busy fraction during live play --------------------------------------------------------------

async function metrics(cdp) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** Plays `setup`'s scenario for opts.playSeconds and returns TaskDuration / wall time. */
async function busyFraction(browser, site, label, setup) {
  const { page, context, problems } = await open(browser, site);
  await setup(page);
  if (!(await isPlaying(page))) await playButton(page).click();
  await page.evaluate(() => document.activeElement?.blur());
  return { ...(await sampleBusy(page, context, label)), problems };
}

/** A yardstick for this machine and browser: a blank page that changes one text node every frame. */
async function referenceBusy(browser, site) {
  const { page, context, problems } = await openPage(browser, site.origin);
  await page.setContent("<!DOCTYPE html><p id=n>0</p>");
  await page.evaluate(() => {
    const p = document.getElementById("n");
    let i = 0;
    const tick = () => { p.textContent = String(i++); requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  return { ...(await sampleBusy(page, context, "reference: a blank page changing one text node per frame", false)), problems };
}

/** TaskDuration over opts.playSeconds of whatever `page` is doing, with the playground's clock if any. */
async function sampleBusy(page, context, label, app = true) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable", { timeDomain: "timeTicks" });
  await page.waitForTimeout(500); // let the first frames settle
  const clockBefore = app ? await clockText(page) : "";
  const a = await metrics(cdp);
  await page.waitForTimeout(opts.playSeconds * 1000);
  const b = await metrics(cdp);
  const clockAfter = app ? await clockText(page) : "";
  const stillPlaying = app ? await isPlaying(page) : true;
  const msgs = app ? await msgCount(page) : 0;
  await cdp.send("Performance.disable");
  await context.close();
  const wall = b.Timestamp - a.Timestamp;
  const task = b.TaskDuration - a.TaskDuration;
  log(`${label}: ${(100 * task / wall).toFixed(2)}% busy over ${wall.toFixed(1)} s${app ? ` (clock ${clockBefore} → ${clockAfter})` : ""}`);
  return {
    label,
    reference: !app,
    wall_s: wall,
    task_s: task,
    script_s: b.ScriptDuration - a.ScriptDuration,
    layout_s: b.LayoutDuration - a.LayoutDuration,
    style_s: b.RecalcStyleDuration - a.RecalcStyleDuration,
    busy_fraction: task / wall,
    clock_before: clockBefore,
    clock_after: clockAfter,
    played_throughout: stillPlaying,
    messages_drawn_at_end: msgs,
  };
}

async function busyFigures(browser, site) {
  const slowest = async (page) => {
    const speeds = await page.$$eval(".time-controls select option", (os) => os.map((o) => o.value));
    const slow = speeds.map(Number).sort((x, y) => x - y)[0];
    await page.selectOption(".time-controls select", String(slow));
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press("Home");
  };
  const workload = async (page) => {
    await pickScenario(page, "workload");
    await page.keyboard.press("Home");
  };
  return [
    await busyFraction(browser, site, "default scenario at the slowest speed", slowest),
    await busyFraction(browser, site, "workload scenario at the default speed", workload),
    await referenceBusy(browser, site),
  ];
}

// --- frame times while dragging a band -----------------------------------------------------------

/** The `workload` scenario with enough orders (280, over 2,000 messages), imported as a learner would. */
async function importBiggerWorkload(page) {
  const path = new URL("../../crates/sim/scenarios/workload.json", import.meta.url);
  const scenario = JSON.parse(await readFile(path, "utf8"));
  scenario.id = "workload-big";
  scenario.title = "280 orders on a lossy network";
  scenario.workload.orders = 280;
  await page.locator('input[type="file"]').setInputFiles({
    name: "workload-big.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  // An imported scenario shows in the picker as the learner's own (a notice would mean an error).
  await page.waitForFunction(() => document.querySelector("#scenario-picker option[disabled]")?.textContent.includes("280 orders"));
  await page.evaluate(() => document.activeElement?.blur());
}

/** Clicks "Zoom out" until ≥ target messages are drawn or the count stops growing. */
async function zoomOutTo(page, target) {
  const zoomOut = page.getByRole("button", { name: "Zoom out" });
  let count = await msgCount(page);
  let still = 0;
  for (let i = 0; i < 60 && count < target && still < 4; i++) {
    await zoomOut.click();
    await page.waitForTimeout(50);
    const next = await msgCount(page);
    still = next === count ? still + 1 : 0;
    count = next;
  }
  return count;
}

async function dragFigures(browser, site) {
  const { page, context, problems } = await open(browser, site, { recordFrames: true, height: 900 });
  await importBiggerWorkload(page);
  await pause(page);
  await page.keyboard.press("End");
  await page.waitForFunction(() => {
    const [now, end] = document.querySelector("output.clock").textContent.split("/");
    return now.trim() === end.trim();
  });
  const drawn = await zoomOutTo(page, 2000);
  log(`drag: ${drawn} messages drawn; dropping the Partition tool onto the diagram…`);

  // Drop a new band in the gap between billing and inventory, a third of the way down the diagram.
  const lanes = Object.fromEntries(
    await page.$$eval(".lane-name", (els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return [e.textContent.trim(), r.x + r.width / 2];
      }),
    ),
  );
  const svg = await page.locator("svg.diagram").boundingBox();
  const gapX = (lanes.billing + lanes.inventory) / 2;
  // The band goes in the middle of the run and sweeps over its middle two thirds, so every move
  // changes what the run does (a sweep into empty time after the end would cost nothing).
  const endY = (await page.locator(".now-label").boundingBox()).y;
  const runTop = svg.y + (await page.locator(".curtain-clip").evaluate((e) => e.offsetTop));
  const dropY = (runTop + endY) / 2;
  const sweep = (endY - runTop) / 3;
  const before = await page.locator("g.band").count();
  const tool = await page.locator("button.partition-tool").boundingBox();
  const m = page.mouse;
  await m.move(tool.x + tool.width / 2, tool.y + tool.height / 2);
  await m.down();
  await m.move(gapX, dropY, { steps: 15 });
  await m.up();
  await page.waitForFunction((n) => document.querySelectorAll("g.band").length > n, before);
  const body = await page.locator("g.band.selected rect.band-body").boundingBox();
  const grab = { x: body.x + body.width / 2, y: body.y + body.height / 2 };

  // Baseline: one second of frames with nothing happening (shows the display's own frame interval).
  await m.move(grab.x, grab.y);
  const record = () => page.evaluate(() => { window.__frames.t = []; window.__frames.work = []; window.__frames.on = true; });
  const stop = () => page.evaluate(async () => {
    window.__frames.on = false;
    await new Promise((ok) => setTimeout(ok, 50)); // the last frame's message
    return window.__frames;
  });
  await record();
  await page.waitForTimeout(1000);
  const idleFrames = await stop();
  const idle = intervals(idleFrames.t);

  // Drag the band's body up and down for opts.dragSeconds, one pointer move per call.
  await m.down();
  await record();
  const start = Date.now();
  let moves = 0;
  while (Date.now() - start < opts.dragSeconds * 1000) {
    const phase = (moves % 60) / 60; // one full sweep every 60 moves
    const dy = sweep * Math.sin(2 * Math.PI * phase);
    await m.move(grab.x, grab.y + dy);
    moves++;
  }
  const frames = await stop();
  await m.move(grab.x, grab.y);
  await m.up();
  const label = await page.locator("g.band.selected").getAttribute("aria-label");
  await context.close();

  const dt = intervals(frames.t);
  const work = frames.work;
  const fig = {
    idle_p50_ms: quantile(idle, 0.5),
    idle_p95_ms: quantile(idle, 0.95),
    idle_work_p95_ms: quantile(idleFrames.work, 0.95),
    work_p50_ms: quantile(work, 0.5),
    work_p95_ms: quantile(work, 0.95),
    work_max_ms: Math.max(...work),
    work_over_16_7_ms: work.filter((d) => d > 16.7).length,
    messages_drawn: drawn,
    sweep_px: 2 * sweep,
    pointer_moves: moves,
    frames: dt.length,
    seconds: (Date.now() - start) / 1000,
    p50_ms: quantile(dt, 0.5),
    p95_ms: quantile(dt, 0.95),
    max_ms: Math.max(...dt),
    over_16_7_ms: dt.filter((d) => d > 16.7).length,
    // A frame that took longer than 1.5 display intervals missed at least one refresh.
    missed_refresh: dt.filter((d) => d > 1.5 * quantile(idle, 0.5)).length,
    band_after: label,
    problems,
  };
  log(`drag: ${fig.frames} frames; frame time p50 ${fig.work_p50_ms.toFixed(1)} ms, p95 ${fig.work_p95_ms.toFixed(1)} ms, max ${fig.work_max_ms.toFixed(1)} ms; ` +
    `interval p50 ${fig.p50_ms.toFixed(1)} ms, p95 ${fig.p95_ms.toFixed(1)} ms, max ${fig.max_ms.toFixed(1)} ms`);
  return fig;
}

// --- main ----------------------------------------------------------------------------------------

const readJson = async (path) => (path ? JSON.parse(await readFile(path, "utf8")) : null);
const native = await readJson(opts.native);
const size = await readJson(opts.size);
const site = await serveStatic();
const browser = await launchBrowser();
const out = { chromium: browser.version() };
try {
  if (opts.only.includes("wasm")) out.wasm = await wasmFigures(browser, site);
  if (opts.only.includes("busy")) out.busy = await busyFigures(browser, site);
  if (opts.only.includes("drag")) out.drag = await dragFigures(browser, site);
} finally {
  await browser.close();
  await site.close();
}
const problems = [out.wasm, ...(out.busy ?? []), out.drag].flatMap((f) => f?.problems ?? []);
if (opts.out) await writeFile(opts.out, JSON.stringify({ size, native, browser: out }, null, 2) + "\n");
console.log(format(figures({ size, native, browser: out })));
if (problems.length) {
  console.log(`\nthe page reported ${problems.length} problem(s) while measuring:\n  ${problems.join("\n  ")}`);
  process.exitCode = 1;
}
