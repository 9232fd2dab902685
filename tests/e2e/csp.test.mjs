// The page works under its strict Content-Security-Policy (issue 6 #5): no violation is reported and no
// request leaves the origin during the learner's whole journey; and the violation detector itself works.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, screenshot, eventually, siteAndBrowser } from "./harness.mjs";
import { Playground, bandSpan } from "./pages/playground.mjs";

const env = siteAndBrowser();

/** Opens the page with CSP violations, CSP console messages and every request URL recorded. */
async function watchedPage() {
  const opened = await openPage(env.browser, env.site.origin);
  const { page, context } = opened;
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const cspConsole = [];
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspConsole.push(`${m.type()}: ${m.text()}`);
  });
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(env.site.url);
  const pg = new Playground(page);
  await pg.ready();
  const violations = () => page.evaluate(() => window.__cspViolations);
  return { ...opened, pg, cspConsole, requests, violations };
}

test("the learner's whole journey runs under the CSP, all on the page's own origin", async () => {
  const { pg, page, problems, context, cspConsole, requests, violations } = await watchedPage();

  // The policy is the strict one, and the page has no inline script for it to allow.
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\s\*/);
  assert.deepEqual(await page.$$eval("script:not([src])", (s) => s.map((e) => e.outerHTML.slice(0, 80))), []);

  // The journey: happy path, a partition after the charge, the run to its end, hover, drag, scrub.
  await pg.pausedOn("happy-path");
  const y = ((await pg.markY("charged #1")) + (await pg.arrowStartY("Reserve #1"))) / 2;
  await pg.dragPartition(await pg.gapX("billing", "inventory"), y);
  await eventually(async () => (await pg.bands.count()) === 1, { message: "the band to be dropped" });
  await pg.hover(pg.arrow("Charge #1"));
  const band = pg.bands.first();
  await pg.zoomOutToShowEnd(band);
  const before = bandSpan((await pg.bandLabels())[0]);
  const edge = await pg.edgePoint(band, "end");
  await pg.drag(edge, { x: edge.x, y: edge.y + 30 });
  assert.ok(bandSpan((await pg.bandLabels())[0]).toMs > before.toMs, "the end edge moved");
  await pg.seekEnd();
  await page.getByLabel("Hide the truth").check();
  await page.getByLabel("Hide the truth").uncheck();
  const box = await pg.scrubber.boundingBox();
  await pg.drag({ x: box.x + box.width * 0.8, y: box.y + box.height / 2 }, { x: box.x + box.width * 0.2, y: box.y + box.height / 2 });
  await page.getByLabel(/^Playback speed/).selectOption("1000");
  await pg.playButton.click();
  await pg.waitClock((c) => c.nowMs === c.endMs, "playback to reach the end");
  const grab = await pg.grabPoint(band);
  const svg = await pg.svg.boundingBox();
  await pg.drag(grab, { x: svg.x + svg.width + 40, y: grab.y });
  await eventually(async () => (await pg.bands.count()) === 0, { message: "the band to be dragged off" });
  await screenshot(page, "csp-journey-end");

  assert.deepEqual(await violations(), [], "no CSP violation was reported");
  assert.deepEqual(cspConsole, [], "no console message about the Content Security Policy");
  const foreign = requests.filter((u) => !u.startsWith(env.site.origin + "/"));
  assert.deepEqual(foreign, [], "every request stays on the page's origin");
  assert.ok(requests.some((u) => u.endsWith(".wasm")), `the wasm came from the origin: ${requests.join(", ")}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the violation detector sees a blocked inline script (so its silence above means something)", async () => {
  const { page, context, cspConsole, violations } = await watchedPage();
  await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.__inlineRan = true";
    document.head.append(s);
  });
  const seen = await eventually(async () => {
    const v = await violations();
    return v.length ? v : false;
  }, { message: "a securitypolicyviolation event" });
  assert.match(seen[0], /^script-src(-elem)? blocked inline/);
  assert.equal(await page.evaluate(() => window.__inlineRan), undefined, "the inline script did not run");
  assert.ok(cspConsole.length > 0, "Chromium also said so on the console");
  await context.close();
});
