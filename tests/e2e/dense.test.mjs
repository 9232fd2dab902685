// Zoomed out over a dense run (the 200-order workload), the arrows are drawn in bundles: they are
// all still there, the pointer still picks a message by its position, and the toolbar says how to
// reach messages one by one with the keyboard.
import { test } from "node:test";
import { readFile } from "node:fs/promises";
import assert from "node:assert/strict";
import { screenshot, eventually, siteAndBrowser } from "./harness.mjs";
import { Playground } from "./pages/playground.mjs";

const env = siteAndBrowser();

const segments = (d) => [...(d ?? "").matchAll(/M(-?\d+) (-?\d+)L(-?\d+) (-?\d+)/g)].map((m) => m.slice(1, 5).map(Number));

/** Distance from (x, y) to the segment [x1, y1, x2, y2]. */
function distance([x1, y1, x2, y2], x, y) {
  const [dx, dy] = [x2 - x1, y2 - y1];
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x1 + t * dx - x, y1 + t * dy - y);
}

/** Keeps what `locator` shows on screen in the page, as `window.__shots[name]` (RGBA pixels). */
async function capture(page, locator, name) {
  const png = (await locator.screenshot()).toString("base64");
  await page.evaluate(
    async ([b64, name]) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
      const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext("2d");
      ctx.drawImage(bitmap, 0, 0);
      (window.__shots ??= {})[name] = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    },
    [png, name],
  );
}

/** The share of pixels that differ between two captures by more than anti-aliasing would. */
function differing(page, a, b) {
  return page.evaluate(
    ([a, b]) => {
      const [x, y] = [window.__shots[a], window.__shots[b]];
      if (x.width !== y.width || x.height !== y.height) return 1;
      let n = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        const d = Math.max(...[0, 1, 2].map((c) => Math.abs(x.data[i + c] - y.data[i + c])));
        if (d > 48) n++;
      }
      return n / (x.width * x.height);
    },
    [a, b],
  );
}

/**
 * The share of the diagram's pixels the dense canvas draws: `diagram` captured as `name`, then
 * again with the canvas hidden. It may belong to a worker, so it is read off the screen.
 */
async function canvasShare(page, diagram, name) {
  const shown = (visible) => page.locator(".dense-canvas").evaluate((e, visible) => (e.style.visibility = visible ? "" : "hidden"), visible);
  await capture(page, diagram, name);
  await shown(false);
  await capture(page, diagram, `${name} without the canvas`);
  await shown(true);
  return differing(page, name, `${name} without the canvas`);
}

/**
 * The middle of a delivered arrow, well clear of every mark and not under a partition band or the
 * curtain: { x, y } in the diagram's units and { sx, sy } on screen. Arrows this dense overlap, so
 * the pointer may pick any of those through that point.
 */
async function arrowMiddle(page) {
  return page.evaluate(() => {
    const segments = (d) => [...(d ?? "").matchAll(/M(-?\d+) (-?\d+)L(-?\d+) (-?\d+)/g)].map((m) => m.slice(1, 5).map(Number));
    const paths = [...document.querySelectorAll("g.messages.dense path.dense-shafts:not(.inflight):not(.dropped):not(.past):not(.future):not(.selected)")];
    const marks = [...document.querySelectorAll("g.marks.dense path")].flatMap((p) =>
      [...(p.getAttribute("d") ?? "").matchAll(/M(-?\d+) (-?\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]),
    );
    const ctm = paths[0].getScreenCTM();
    // Latest first: the first messages (the first order's) have no causal past to light up.
    for (const [x1, y1, x2, y2] of paths.flatMap((p) => segments(p.getAttribute("d"))).reverse()) {
      const [x, y] = [(x1 + x2) / 2, (y1 + y2) / 2];
      if (marks.some(([mx, my]) => Math.hypot(mx - x, my - y) < 16)) continue;
      const [sx, sy] = [ctm.a * x + ctm.c * y + ctm.e, ctm.b * x + ctm.d * y + ctm.f];
      if (!document.elementFromPoint(sx, sy)?.closest("svg.diagram g.events")) continue;
      return { x, y, sx, sy };
    }
    return null;
  });
}

test("zoomed out over 200 orders, arrows are bundled, and a click on one selects its message", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site, { height: 900, acceptDownloads: true });
  await pg.pausedOn("workload");
  const zoomOut = page.getByRole("button", { name: "Zoom out" });
  let drawn = 0;
  for (let i = 0; i < 20 && drawn <= 1000; i++) {
    await zoomOut.click();
    await page.waitForTimeout(50);
    drawn = await pg.arrowCount();
  }
  assert.ok(await pg.isDense(), "the diagram draws its arrows in bundles");
  assert.ok(drawn > 1000, `over a thousand arrows are drawn (${drawn})`);
  assert.equal(await page.locator(".msg").count(), 0, "no arrow is an element of its own");
  assert.ok(await page.getByText("Zoom in to reach each message with Tab").isVisible(), "the toolbar says how to reach messages");
  for (const look of ["path.dense-shafts", "path.dense-heads", "path.lost", "g.mark.timeout path", "g.mark.effect path"]) {
    // Bundles are cut by content, so any one may be short: the longest one draws many shapes.
    const ds = await page.locator(`svg.diagram ${look}`).evaluateAll((els) => els.map((e) => e.getAttribute("d") ?? ""));
    assert.ok(Math.max(0, ...ds.map((d) => d.length)) > 100, `${look} draws many shapes`);
  }

  // A canvas shows the bundles (their paths stay, hidden, for the export).
  const share = await canvasShare(page, page.locator("svg.diagram"), "shown");
  assert.ok(share > 0.05, `the canvas draws the arrows (${(100 * share).toFixed(1)}% of the diagram)`);
  const hidden = await page.evaluate(() => getComputedStyle(document.querySelector("path.dense-shafts.bundle")).display === "none");
  assert.ok(hidden, "the bundled paths are not drawn a second time");
  assert.deepEqual(await pg.textsOverNowLabel(), [], "the last marks' labels leave the now label readable");

  const at = await arrowMiddle(page);
  assert.ok(at, "some arrow is clear of the marks");
  await page.mouse.click(at.sx, at.sy);
  // Move the pointer off the diagram, so the panel shows the selection rather than the hover.
  await page.mouse.move(2, 2);
  await eventually(async () => /^Selected/.test(await pg.details.locator(".source").textContent({ timeout: 500 })), {
    message: "Event details to show the selected message",
  });
  assert.ok(await pg.detail("Time"), "the selected event has a time");
  const lit = segments(await page.locator("g.messages.dense path.selected").getAttribute("d"));
  assert.equal(lit.length, 1, "one arrow is drawn selected");
  assert.ok(distance(lit[0], at.x, at.y) < 1.5, `the selected arrow ${lit[0]} runs through the click at ${at.x}, ${at.y}`);
  const causal = await page.locator("g.messages.dense path.past").getAttribute("d");
  assert.ok(causal.length > 0, "its causal past is highlighted");
  await screenshot(page, "dense-1-selected");

  // The SVG export carries the bundles and the style rules that draw them.
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export the diagram as SVG" }).click()]);
  const svg = (await readFile(await dl.path())).toString("utf8");
  const shafts = [...svg.matchAll(/<path class="dense-shafts bundle" d="([^"]*)"/g)].flatMap((m) => segments(m[1]));
  assert.ok(shafts.length > 500, `the exported SVG draws the arrows (${shafts.length} delivered)`);
  assert.match(svg, /\.dense-shafts \{/, "with their style");

  // After a resize the canvas keeps one backing pixel per screen pixel, so it stays sharp.
  await page.setViewportSize({ width: 1000, height: 900 });
  await eventually(
    () =>
      page.evaluate(() => {
        const c = document.querySelector(".dense-canvas canvas");
        const [w] = (c.dataset.backing ?? "0x0").split("x").map(Number);
        return Math.abs(w - Math.round(c.getBoundingClientRect().width * devicePixelRatio)) <= 1;
      }),
    { message: "the canvas to match its new size on screen" },
  );

  assert.deepEqual(problems, []);
  await context.close();
});

/**
 * Drags a band across a dense run and checks the canvas after it against the same drawing painted
 * afresh. With `painterMissing`, the worker's script cannot be fetched, so the page paints itself.
 */
async function dragAndCompare({ painterMissing }) {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site, { height: 900 });
  // The page asks for the painter with a hash of its script in the query (build.rs).
  const painter = (url) => url.pathname.endsWith("/dense-painter.js");
  let painterUrl;
  if (painterMissing)
    await context.route(painter, (route) => {
      painterUrl = route.request().url();
      return route.fulfill({ status: 404, body: "" });
    });
  await pg.pausedOn("workload");
  const zoomOut = page.getByRole("button", { name: "Zoom out" });
  for (let i = 0; i < 20 && !(await pg.isDense()); i++) await zoomOut.click();
  assert.ok(await pg.isDense(), "the diagram draws its arrows in bundles");
  const diagram = page.locator("svg.diagram");
  await page.waitForTimeout(300);
  await capture(page, diagram, "before");

  // A band between billing and inventory, dragged down and back a little: each move repaints
  // only the areas whose arrows changed.
  const svg = await diagram.boundingBox();
  await pg.dragPartition(await pg.gapX("billing", "inventory"), svg.y + svg.height / 3);
  const band = page.locator("g.band.selected");
  await band.waitFor();
  const grab = await pg.grabPoint(band);
  const m = page.mouse;
  await m.move(grab.x, grab.y);
  await m.down();
  for (const dy of [10, 25, 40, 30, 15]) await m.move(grab.x, grab.y + dy, { steps: 3 });
  await m.up();
  await page.waitForTimeout(300);
  const inked = await canvasShare(page, diagram, "repainted");
  assert.ok(inked > 0.05, `the canvas draws the arrows (${(100 * inked).toFixed(1)}% of the diagram)`);
  assert.ok((await differing(page, "before", "repainted")) > 0.001, "the band changed what the diagram shows");

  // The same drawing painted whole, as after a resize.
  await page.evaluate(() => window.dispatchEvent(new Event("resize")));
  await page.waitForTimeout(300);
  await capture(page, diagram, "afresh");
  const off = await differing(page, "repainted", "afresh");
  assert.ok(off < 0.0005, `repainting in place leaves the pixels a fresh paint gives (${(100 * off).toFixed(3)}% differ)`);
  await screenshot(page, painterMissing ? "dense-3-painted-here" : "dense-2-dragged");
  if (painterMissing) assert.match(painterUrl, /\/dense-painter\.js\?v=[0-9a-f]{16}$/, "the painter's URL carries its hash");
  const expected = painterMissing ? [`HTTP 404 for ${painterUrl}`] : [];
  assert.deepEqual(problems, expected);
  await context.close();
}

test("a drag repaints the dense canvas in place, and it matches the same drawing painted afresh", () =>
  dragAndCompare({ painterMissing: false }));

test("where the painter worker cannot start, the page paints the canvas itself, just the same", () =>
  dragAndCompare({ painterMissing: true }));
