// Undo and redo of the learner's work: a dragged band is one step however many frames it moved,
// a strategy change is one step, and Ctrl+Z / Ctrl+Shift+Z walk them back and forth, as do the
// Undo and Redo buttons. A text field keeps its own Ctrl+Z.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, eventually, siteAndBrowser } from "./harness.mjs";
import { Playground, bandSpan } from "./pages/playground.mjs";

const env = siteAndBrowser();

test("a dragged band and a strategy change are undone and redone one step at a time", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pause();
  await pg.blur();
  const undo = page.getByRole("button", { name: "Undo", exact: true });
  const redo = page.getByRole("button", { name: "Redo", exact: true });
  assert.equal(await undo.getAttribute("aria-disabled"), "true", "nothing to undo on arrival");
  const start = bandSpan((await pg.bandLabels())[0]);

  // One drag of many frames: one step.
  const band = pg.bands.first();
  const grab = await pg.grabPoint(band);
  await pg.drag(grab, { x: grab.x, y: grab.y + 80 }, 20);
  const moved = await eventually(async () => {
    const s = bandSpan((await pg.bandLabels())[0]);
    return s.fromMs > start.fromMs && s;
  }, { message: "the band to move" });

  // One strategy change: a second step.
  await pg.setField("strategy-retries", "5");
  await pg.announced(/^Retries set to 5/);
  await pg.blur();

  await page.keyboard.press("Control+z");
  await pg.announced(/^Undid your last change/);
  assert.equal(await page.inputValue("#strategy-retries"), "2", "the retries are back");
  assert.equal(bandSpan((await pg.bandLabels())[0]).fromMs, moved.fromMs, "the band stays where it was dropped");

  await undo.click();
  await eventually(async () => bandSpan((await pg.bandLabels())[0]).fromMs === start.fromMs, {
    message: "the band to go back to where it started, in one step",
  });
  assert.equal(await undo.getAttribute("aria-disabled"), "true", "the drag was one step: nothing older to undo");

  await page.keyboard.press("Control+Shift+z");
  await eventually(async () => bandSpan((await pg.bandLabels())[0]).fromMs === moved.fromMs, {
    message: "redo to move the band again",
  });
  await redo.click();
  await eventually(async () => (await page.inputValue("#strategy-retries")) === "5", { message: "redo to set retries again" });
  assert.equal(await redo.getAttribute("aria-disabled"), "true", "nothing left to redo");

  // In a text field, Ctrl+Z is the field's own.
  await page.locator("#strategy-timeout").focus();
  await page.keyboard.press("Control+z");
  await page.waitForTimeout(200);
  assert.equal(await page.inputValue("#strategy-retries"), "5", "Ctrl+Z in a field undid nothing of the work");
  // On a checkbox, which has no text of its own to undo, Ctrl+Z undoes the work.
  await page.getByLabel("Hide the truth").focus();
  await page.keyboard.press("Control+z");
  await eventually(async () => (await page.inputValue("#strategy-retries")) === "2", { message: "Ctrl+Z on a checkbox to undo the retries" });
  await screenshot(page, "undo-redone");
  assert.deepEqual(problems, []);
  await context.close();
});
