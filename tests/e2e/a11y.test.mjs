// axe-core finds no accessibility violation on the landing page, each example scenario, with a band
// selected, with the keyboard dialog open, with the truth hidden, at a 768×1024 embed size (issue 6 #1), in embed mode as a course
// page frames it, and zoomed out over a dense run whose arrows are drawn in bundles.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { serveStatic, launchBrowser, openPage, screenshot, eventually } from "./harness.mjs";
import { Playground } from "./pages/playground.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let site, browser, axeSource, scenarioIds;

before(async () => {
  axeSource = await readFile(AXE, "utf8");
  site = await serveStatic();
  browser = await launchBrowser();
  const { pg, context } = await Playground.open(browser, site);
  scenarioIds = await pg.scenarioIds();
  await context.close();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** Runs axe on the page (injected through the debugger, so the page's CSP stays as it is). */
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
    }));
  });
}

/** "color-contrast (serious): Elements must meet… \n  - .foo: Fix any of…" for each violation. */
function readable(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `  - ${n.target}\n    ${n.summary.replace(/\n/g, "\n    ")}`).join("\n"))
    .join("\n");
}

async function assertNoViolations(page, where) {
  const violations = await axe(page);
  assert.equal(violations.length, 0, `axe on ${where}:\n${readable(violations)}`);
}

/** Opens the page, paused so the DOM holds still while axe reads it. */
async function pausedPage(size) {
  const opened = await Playground.open(browser, site, size);
  await opened.pg.pause();
  return opened;
}

test("landing page", async () => {
  const { page, problems, context } = await pausedPage();
  await screenshot(page, "a11y-landing");
  await assertNoViolations(page, "the landing page");
  assert.deepEqual(problems, []);
  await context.close();
});

test("every example scenario, run to its end", async () => {
  assert.ok(scenarioIds.length >= 2, `the picker lists the examples: ${scenarioIds}`);
  const { pg, page, problems, context } = await pausedPage();
  const failures = [];
  for (const id of scenarioIds) {
    await pg.pickScenario(id);
    await pg.blur();
    await pg.seekEnd();
    const violations = await axe(page);
    if (violations.length) failures.push(`scenario ${id}:\n${readable(violations)}`);
  }
  await screenshot(page, "a11y-last-scenario");
  assert.equal(failures.length, 0, failures.join("\n\n"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("with a band selected", async () => {
  const { pg, page, problems, context } = await pausedPage();
  await pg.pickScenario("partition-after-charge");
  await pg.diagram.focus();
  await page.keyboard.press("p");
  await pg.announced(/^Added\./);
  await pg.tabTo("g.band");
  await eventually(async () => (await page.locator("g.band.selected").count()) === 1, { message: "a selected band" });
  await screenshot(page, "a11y-band-selected");
  await assertNoViolations(page, "the page with a band selected");
  assert.deepEqual(problems, []);
  await context.close();
});

test("with the symbols and keys dialog open, from the ? key or its Help button; Escape or Close shuts it", async () => {
  const { pg, page, problems, context } = await pausedPage();
  await pg.blur();
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Symbols and keys" });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Ctrl\+Z \/ Ctrl\+Shift\+Z or Ctrl\+Y\s+undo, redo/);
  assert.ok(await pg.focused(".keys-dialog button"), "focus moves into the dialog");
  // The symbols are drawn with the diagram's own rules (their sw- classes share them), so the
  // legend cannot drift from it; they carry none of the diagram's element classes.
  assert.equal(await dialog.locator(".mark, .msg, .band").count(), 0);
  assert.match(await dialog.innerText(), /a timeout fired, or the caller gave up/);
  const fills = await page.evaluate(() =>
    ["effect", "timeout", "problem", "clock"].map((kind) => {
      // A mark of this kind, drawn in the diagram for a moment.
      const g = document.createElementNS("http://www.w3.org/2000/svg", "g");
      g.setAttribute("class", `mark ${kind}`);
      g.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "path"));
      document.querySelector("svg.diagram").appendChild(g);
      const seen = [document.querySelector(`.symbols .sw-${kind}`), g.firstChild].map((e) => getComputedStyle(e).fill);
      g.remove();
      return seen;
    }),
  );
  for (const [legend, diagram] of fills) assert.equal(legend, diagram, `a swatch has its mark's colour: ${JSON.stringify(fills)}`);
  await screenshot(page, "a11y-keys-dialog");
  await assertNoViolations(page, "the page with the symbols and keys dialog open");
  await page.keyboard.press("Escape");
  await eventually(async () => !(await dialog.isVisible()), { message: "Escape to close the dialog" });
  // From its button, the dialog gives focus back to the button.
  await page.getByRole("button", { name: "Help" }).click();
  await dialog.waitFor();
  await page.keyboard.press("Enter");
  await eventually(async () => !(await dialog.isVisible()), { message: "Close to close the dialog" });
  assert.ok(await pg.focused(".keys-button"), "focus is back on the Help button");
  assert.deepEqual(problems, []);
  await context.close();
});

test("with the truth hidden", async () => {
  const { pg, page, problems, context } = await pausedPage();
  await page.getByLabel("Hide the truth").check();
  await eventually(async () => (await pg.truth().count()) === 0, { message: "the Truth panel to go" });
  await screenshot(page, "a11y-truth-hidden");
  await assertNoViolations(page, "the page with the truth hidden");
  assert.deepEqual(problems, []);
  await context.close();
});

test("at 768×1024", async () => {
  const { pg, page, problems, context } = await pausedPage({ width: 768, height: 1024 });
  await pg.blur();
  await pg.seekEnd();
  await screenshot(page, "a11y-768");
  await assertNoViolations(page, "the page at 768×1024");
  assert.deepEqual(problems, []);
  await context.close();
});

test("zoomed out over a dense run, with a message selected", async () => {
  const { pg, page, problems, context } = await pausedPage({ width: 1280, height: 900 });
  await pg.pickScenario("workload");
  await pg.blur();
  await pg.seekEnd();
  for (let i = 0; i < 20 && !(await pg.isDense()); i++) await page.getByRole("button", { name: "Zoom out" }).click();
  await eventually(() => pg.isDense(), { message: "the arrows to be drawn in bundles" });
  // Click the middle of the diagram's web lifeline area: some arrow or mark there gets selected.
  const box = await pg.svg.boundingBox();
  await page.mouse.click(box.x + box.width * 0.375, box.y + box.height * 0.45);
  await page.mouse.move(2, 2);
  await screenshot(page, "a11y-dense");
  await assertNoViolations(page, "the dense diagram");
  assert.deepEqual(problems, []);
  await context.close();
});

test("embed mode: with partitions only, locked with no panels, and whole", async () => {
  const embeds = [
    "?embed=1&controls=partitions&scenario=happy-path&t=5&autoplay=0",
    "?embed=1&controls=none&panels=none&autoplay=0",
    "?embed=1&scenario=partition-after-charge&autoplay=0",
  ];
  for (const [i, query] of embeds.entries()) {
    const { page, problems, context } = await openPage(browser, site.origin, { width: 900, height: 700 });
    await page.goto(site.url + query);
    await page.locator(".lane-name").nth(3).waitFor({ timeout: 15000 });
    await screenshot(page, `a11y-embed-${i + 1}`);
    await assertNoViolations(page, `embed mode (${query})`);
    assert.deepEqual(problems, [], query);
    await context.close();
  }
});
