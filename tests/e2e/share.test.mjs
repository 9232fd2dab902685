// Share, embed, export and import (issue 5): a shared link reopens the same partitions; bad links
// fall back with a notice; embed mode hides the chrome and locks controls; each export is produced
// and valid; imports are validated; work survives a reload and can be reset; the postMessage API
// talks to a course page on another origin and ignores everyone else.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { serveStatic, openPage, screenshot, eventually, siteAndBrowser } from "./harness.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const env = siteAndBrowser();

/** Opens `suffix` (query and/or fragment) on the site; waits for the lifelines. */
async function open(suffix = "", options = {}) {
  const opened = await openPage(env.browser, env.site.origin, options);
  opened.page.setDefaultTimeout(10000);
  await opened.page.goto(env.site.url + suffix);
  await opened.page.locator(".lane-name").nth(3).waitFor({ timeout: 15000 });
  return opened;
}

const bandLabels = (page) => page.$$eval("g.band", (bs) => bs.map((b) => b.getAttribute("aria-label")));
const clock = (page) => page.locator("output.clock").textContent();
const fragment = (page) => page.evaluate(() => location.hash);

/** Moves the scrubber to `us` µs (a range input cannot be typed into). */
async function scrub(page, us) {
  await page.locator("input.scrubber").evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, us);
}

async function pause(page) {
  const play = page.locator(".time-controls button.play");
  if ((await play.getAttribute("aria-label")).startsWith("Pause")) await play.click();
}

/** Adds a partition at now with the keyboard on the partition tool (Enter presses it). */
async function addBandAtNow(page) {
  await page.locator("button.partition-tool").focus();
  await page.keyboard.press("Enter");
}

/** Waits until the fragment is a state link that stays the same for a while (the page rewrites
 * it 300 ms after the last change), and returns it. */
async function settledLink(page) {
  let last = "";
  return eventually(async () => {
    const h = await fragment(page);
    const settled = h.startsWith("#v1.") && h === last;
    last = h;
    return settled && h;
  }, { interval: 700, timeout: 8000, message: "the link to follow the change" });
}

test("a shared link reopens the same partitions, time and view, replacing history entries", async () => {
  const { page, problems, context } = await open();
  await pause(page);
  const historyBefore = await page.evaluate(() => history.length);
  await scrub(page, 8000);
  await addBandAtNow(page);
  await scrub(page, 20000);
  await page.selectOption(".gap-pick select", "0");
  await addBandAtNow(page);
  await page.locator("body").press("t"); // hide the truth
  await eventually(async () => (await bandLabels(page)).length === 3, { message: "three bands" });
  const link = await settledLink(page);
  const labels = await bandLabels(page);
  const time = await clock(page);
  assert.equal(await page.evaluate(() => history.length), historyBefore, "replaceState, not pushState");
  assert.match(link, /^#v1\.e=partition-after-charge&[a-z0-9=&,;_-]+~$/);
  assert.ok(link.length < 600, `the link is compact (${link.length} characters)`);

  // Copy link gives the same address.
  await page.getByRole("button", { name: "Copy link" }).click();
  const copied = await page.locator("input.copied-text").inputValue();
  assert.equal(new URL(copied).hash, await fragment(page));
  await context.close();

  const other = await open(link);
  assert.deepEqual(await bandLabels(other.page), labels, "the same partitions, band for band");
  assert.equal(await clock(other.page), time, "the same time");
  assert.equal(await other.page.locator(".view-panel.truth").count(), 0, "the truth is still hidden");
  await screenshot(other.page, "share-1-link-reopened");
  assert.deepEqual(problems.concat(other.problems), []);
  await other.context.close();
});

test("bad, truncated, edited and other-version links say so and fall back to the default", async () => {
  const good = await open();
  const defaultLabels = await bandLabels(good.page);
  const link = await settledLink(good.page);
  await good.context.close();
  const cases = [
    [link.slice(0, Math.floor(link.length / 2)), /damaged/],
    ["#v1.!!not-a-link!!", /damaged/],
    ["#v9.eyJlIjoiaGFwcHktcGF0aCJ9", /newer version/],
    ["#v0.abc", /older version/],
    ["#v1.e=happy-path&t=soon~", /damaged/],
    ["#v1.e=no-such-scenario~", /does not have/],
    ["#v1.e=happy-path&b=9,0,-,0,0~", /partitions\[0\]\.gap/],
  ];
  for (const [bad, words] of cases) {
    const { page, problems, context } = await open(bad);
    const notice = page.locator(".share-notice");
    await notice.waitFor();
    assert.match(await notice.textContent(), words, bad);
    assert.match(await notice.textContent(), /default scenario/);
    assert.deepEqual(await bandLabels(page), defaultLabels, `${bad}: the default scenario`);
    assert.deepEqual(problems, [], bad);
    if (bad === "#v0.abc") await screenshot(page, "share-2-bad-link");
    await context.close();
  }
});

test("embed mode hides the chrome, picks the scenario and time, and locks controls", async () => {
  const { page, problems, context } = await open("?embed=1&controls=partitions&scenario=happy-path&t=5&autoplay=0");
  await page.locator(".msg").first().waitFor();
  assert.equal(await page.locator("header.masthead").isVisible(), false, "no masthead");
  for (const panel of ["section.strategy:not(.network, .workload)", "section.workload", "section.network", "form.clock-control"]) {
    assert.equal(await page.locator(panel).count(), 1, `${panel} is on the page`);
    assert.equal(await page.locator(panel).isVisible(), false, `${panel} is hidden`);
  }
  assert.equal(await page.locator(".node-btn").first().isVisible(), false, "no crash buttons");
  assert.equal(await page.getByRole("button", { name: "Copy link" }).count(), 0, "no share buttons");
  assert.equal(await page.locator("button.partition-tool").isVisible(), true, "partitions stay");
  assert.equal(await page.getByRole("button", { name: "Undo", exact: true }).isVisible(), true, "and so does undo");
  assert.match(await clock(page), /^5 ms/);
  assert.equal(await page.locator(".time-controls button.play").getAttribute("aria-label"), "Play (space)");
  assert.equal(await bandLabels(page).then((l) => l.length), 0, "happy path has no partition");
  await addBandAtNow(page);
  await eventually(async () => (await bandLabels(page)).length === 1, { message: "a band can be added" });
  await page.waitForTimeout(400);
  assert.equal(await fragment(page), "", "an embed leaves its address alone");
  await screenshot(page, "share-3-embed");
  await context.close();

  const locked = await open("?embed=1&controls=none&panels=none&autoplay=0");
  const before = await bandLabels(locked.page);
  assert.equal(await locked.page.locator("button.partition-tool").isVisible(), false);
  assert.equal(await locked.page.locator(".undo-group").isVisible(), false, "nothing to undo when nothing can change");
  await locked.page.locator(".diagram-scroll").focus();
  await locked.page.keyboard.press("p");
  await locked.page.locator("g.band").first().focus();
  await locked.page.keyboard.press("ArrowDown");
  await locked.page.keyboard.press("Delete");
  await locked.page.waitForTimeout(200);
  assert.deepEqual(await bandLabels(locked.page), before, "controls=none changes nothing");
  assert.equal(await locked.page.locator("aside.side").isVisible(), false, "panels=none");
  await locked.context.close();

  // Every panel, partitions only: the log shows, but not the control that sets a clock.
  const logged = await open("?embed=1&controls=partitions&panels=all&autoplay=0");
  assert.equal(await logged.page.locator("section.merged-log").isVisible(), true, "panels=all shows the log");
  assert.equal(await logged.page.locator("form.clock-control").isVisible(), false, "controls=partitions sets no clock");
  assert.deepEqual(problems.concat(locked.problems, logged.problems), []);
  await logged.context.close();
});

/** Clicks `name` and returns the downloaded file's name and bytes. */
async function download(page, name) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
  const path = await dl.path();
  return { file: dl.suggestedFilename(), bytes: await readFile(path) };
}

test("each export is produced and valid", async () => {
  const { page, problems, context } = await open("", { acceptDownloads: true });
  await pause(page);
  await page.locator("body").press("End");

  const svg = await download(page, "Export the diagram as SVG");
  assert.equal(svg.file, "faultline-partition-after-charge.svg");
  // Parsed in a blank page: DOMParser documents take the app page's CSP, which refuses <style>.
  const blank = await context.newPage();
  const parsed = await blank.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    return {
      error: doc.querySelector("parsererror")?.textContent ?? null,
      root: doc.documentElement.namespaceURI + " " + doc.documentElement.localName,
      styles: doc.querySelectorAll("style").length,
      arrows: doc.querySelectorAll(".msg").length,
    };
  }, svg.bytes.toString("utf8"));
  await blank.close();
  assert.equal(parsed.error, null, "the SVG parses as XML");
  assert.equal(parsed.root, "http://www.w3.org/2000/svg svg");
  assert.equal(parsed.styles, 1, "styles are inlined");
  assert.ok(parsed.arrows > 3, `arrows are in the SVG (${parsed.arrows})`);
  assert.match(svg.bytes.toString("utf8"), /\.msg \.shaft/);

  const png = await download(page, "Export the diagram as PNG");
  assert.equal(png.file, "faultline-partition-after-charge.png");
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
  assert.ok(png.bytes.readUInt32BE(16) > 700 && png.bytes.readUInt32BE(20) > 300, "PNG size");

  const json = JSON.parse((await download(page, "Export the run's Trace JSON")).bytes.toString("utf8"));
  assert.equal(json.format, "faultline-trace");
  assert.equal(json.version, 1);
  assert.equal(json.scenario.id, "partition-after-charge");
  assert.ok(json.trace.events.length > 10);
  json.trace.events.forEach((e, i) => assert.equal(e.seq, i));

  const mmd = (await download(page, "Export the run as a Mermaid sequence diagram")).bytes.toString("utf8");
  const lines = mmd.trimEnd().split("\n");
  assert.equal(lines[0], "sequenceDiagram");
  const node = "(client|web|billing|inventory)";
  const grammar = new RegExp(
    `^(sequenceDiagram|    title [^;#\\n]+|    participant ${node}|    ${node}(->>|-x|-\\))${node}: [^;#\\n]+|    Note over ${node}(,${node})?: [^;#\\n]+)$`,
  );
  for (const line of lines) assert.match(line, grammar);
  assert.ok(lines.some((l) => /-x/.test(l)), "a lost message is a crossed arrow");

  const log = (await download(page, "Export the trace as a ShiViz log")).bytes.toString("utf8");
  const [regexLine, delimiter] = log.split("\n");
  assert.equal(regexLine, String.raw`(?<event>.*)\n(?<host>\S*) (?<clock>{.*})`);
  assert.equal(delimiter, "");
  const body = log.split("\n").slice(2).join("\n");
  const entries = [...body.matchAll(new RegExp(regexLine, "g"))];
  assert.equal(entries.length * 2, body.trimEnd().split("\n").length, "every line belongs to an entry");
  const own = {};
  for (const m of entries) {
    const clock = JSON.parse(m.groups.clock);
    own[m.groups.host] = (own[m.groups.host] ?? 0) + 1;
    assert.equal(clock[m.groups.host], own[m.groups.host], "ShiViz: each host's clock counts by one");
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("a scenario file imports by picker or drop; a bad one says which field and keeps the state", async () => {
  const { page, problems, context } = await open();
  await pause(page);
  const before = await bandLabels(page);
  const input = page.locator('input[type="file"]');
  await input.setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"id":"mine","strategy":{"timeout_us":-5}}'),
  });
  const notice = page.locator(".share-notice");
  await notice.waitFor();
  assert.match(await notice.textContent(), /broken\.json: strategy\.timeout_us: .*unchanged/);
  assert.deepEqual(await bandLabels(page), before, "the current state is kept");
  await screenshot(page, "share-4-import-error");

  const text = await readFile(join(ROOT, "crates/sim/scenarios/asymmetric-partition.json"), "utf8");
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], "mine.json", { type: "application/json" }));
    window.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text.replace('"asymmetric-partition"', '"my-own"'));
  await eventually(async () => (await page.locator("#scenario-picker option[disabled]").count()) === 1, {
    message: "the picker to show the learner's own scenario",
  });
  assert.equal(await notice.count(), 0, "the notice is gone");
  // The imported scenario travels in the link in full.
  const link = await settledLink(page);
  const other = await open(link);
  assert.match(await other.page.locator("#scenario-picker option[disabled]").textContent(), /Your own/);
  assert.deepEqual(await bandLabels(other.page), await bandLabels(page));
  assert.deepEqual(problems.concat(other.problems), []);
  await other.context.close();
  await context.close();
});

test("the learner's work survives a reload and Reset my work forgets it", async () => {
  const { page, problems, context } = await open();
  await pause(page);
  const defaults = await bandLabels(page);
  await scrub(page, 30000);
  await addBandAtNow(page);
  const link = await settledLink(page);
  const labels = await bandLabels(page);
  assert.equal(labels.length, defaults.length + 1);
  await page.goto(env.site.url); // no fragment: storage brings the work back
  await page.locator(".lane-name").nth(3).waitFor();
  assert.deepEqual(await bandLabels(page), labels);
  assert.match(await page.locator(".announcer").textContent(), /Restored your work/);
  // A link to a given scenario opens that scenario, saved work or not.
  await page.goto(env.site.url + "?scenario=clock-skew");
  await page.locator(".lane-name").nth(3).waitFor();
  assert.equal(await page.inputValue("#scenario-picker"), "clock-skew");
  assert.doesNotMatch(await page.locator(".announcer").textContent(), /Restored your work/);
  await page.goto(env.site.url);
  await page.locator(".lane-name").nth(3).waitFor();
  assert.deepEqual(await bandLabels(page), labels, "the saved work is still there afterwards");
  const reset = page.locator("button.reset-work");
  await reset.click();
  assert.equal(await reset.textContent(), "Press again to reset");
  await reset.click();
  await eventually(async () => JSON.stringify(await bandLabels(page)) === JSON.stringify(defaults), {
    message: "the default partitions",
  });
  await page.waitForTimeout(400);
  await page.goto(env.site.url);
  await page.locator(".lane-name").nth(3).waitFor();
  assert.deepEqual(await bandLabels(page), defaults, "nothing comes back after a reset");
  assert.notEqual(link, "");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the course page hears events and sends commands; other origins are ignored", async () => {
  const course = await serveStatic(join(ROOT, "examples"), "/");
  try {
    const { page, problems, context } = await openPage(env.browser, course.origin);
    page.setDefaultTimeout(15000);
    // The Faultline site is another origin: only its requests are expected besides the course page's.
    const offOrigin = () => problems.filter((p) => !p.includes(env.site.origin));
    await page.goto(`${course.url}course-page.html?faultline=${encodeURIComponent(env.site.url)}`);
    const events = page.locator("#events li");
    const seen = (re) => eventually(async () => (await events.allTextContents()).some((t) => re.test(t)), {
      timeout: 15000,
      message: String(re),
    });
    await seen(/^faultline:ready/);
    const frame = page.frameLocator("#faultline");
    await frame.locator(".lane-name").nth(3).waitFor();

    // The page's challenge: with the seed's band removed, the client is told its order is
    // confirmed, and the course page hears what the change did to the end of the run.
    assert.equal(await page.locator("#challenge").textContent(), "Not yet.");
    await frame.locator("g.band").first().focus();
    await page.keyboard.press("Delete");
    await seen(/^faultline:run-changed: Your last change, same seed, .*order 1 as the client was told: pending → confirmed/);
    assert.equal(await page.locator("#challenge").textContent(), "✓ Done: the client was told the order is confirmed.");

    await frame.locator("button.partition-tool").focus();
    await page.keyboard.press("Enter");
    await seen(/^faultline:partition-added: Partition 2: web ⇹ inventory/);

    await page.getByRole("button", { name: "Load: lost reply, no idempotency" }).click();
    await seen(/^faultline:scenario-loaded: lost-reply-no-idempotency/);
    await frame.locator(".diagram-scroll").focus();
    await page.keyboard.press("End");
    await seen(/^faultline:invariant-violated: no-double-charge \(expected/);
    await seen(/^faultline:run-finished: \d+ events/);
    // Each run's end is heard once, however often playback comes back to it.
    const finished = async () => (await events.allTextContents()).filter((t) => t.startsWith("faultline:run-finished")).length;
    const once = await finished();
    await page.keyboard.press("Home");
    await page.keyboard.press("End");
    await page.waitForTimeout(500);
    assert.equal(await finished(), once, "the same run's end is not heard again");
    await screenshot(page, "share-5-course-page");

    // A message from the frame itself (not the parent, wrong origin) is not a command.
    const count = await events.count();
    const inner = page.frames().find((f) => f.url().startsWith(env.site.origin));
    await inner.evaluate(() => window.postMessage({ type: "faultline:reset" }, "*"));
    await page.waitForTimeout(500);
    assert.equal(await events.count(), count, "nothing happened");

    await page.getByRole("button", { name: "Reset the playground" }).click();
    await seen(/^faultline:scenario-loaded: partition-after-charge/);
    assert.deepEqual(offOrigin(), []);
    await context.close();
  } finally {
    await course.close();
  }
});
