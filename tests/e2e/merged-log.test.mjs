// The nodes' logs merged into one: by skewed wall clocks a line can come before its own cause;
// by Lamport clock never; real time is the truth, so hiding the truth takes that order away.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, eventually, siteAndBrowser } from "./harness.mjs";
import { Playground } from "./pages/playground.mjs";

const env = siteAndBrowser();

/** The merged log on screen: its verdict, and per line its stamp, words and note. */
function mergedLog(page) {
  return page.locator(".panel.merged-log").evaluate((panel) => ({
    verdict: panel.querySelector(".log-verdict").textContent.trim(),
    lines: [...panel.querySelectorAll(".log-lines li")].map((li) => ({
      stamp: li.querySelector(".stamp").textContent.trim(),
      note: li.querySelector(".early-note")?.textContent.trim() ?? null,
      text: li.textContent.trim(),
    })),
  }));
}

/** A stamp as a number: "−8 ms" → -8000, "524 µs" → 524, "L9" → 9. */
function stampValue(s) {
  if (s.startsWith("L")) return Number(s.slice(1));
  const m = /^(−?)([\d.]+) (µs|ms|s)$/.exec(s);
  assert.ok(m, `a stamp: ${s}`);
  return (m[1] ? -1 : 1) * Number(m[2]) * { µs: 1, ms: 1e3, s: 1e6 }[m[3]];
}

const nonDecreasing = (xs) => xs.every((x, i) => i === 0 || xs[i - 1] <= x);

test("merged by wall clock, inventory's slow clock lists effects before their causes; by Lamport clock, none", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site, { height: 1500 });
  await pg.pausedOn("clock-skew");
  const panel = page.getByRole("region", { name: "One log from four clocks" });
  await panel.scrollIntoViewIfNeeded();
  assert.ok(await page.getByRole("radio", { name: "each node's wall clock" }).isChecked(), "wall clocks by default");

  const byWall = await eventually(async () => {
    const log = await mergedLog(page);
    return log.lines.length > 10 ? log : null;
  }, { message: "the merged log" });
  assert.ok(nonDecreasing(byWall.lines.map((l) => stampValue(l.stamp))), "ordered by wall clock");
  const early = byWall.lines.filter((l) => l.note);
  assert.match(byWall.verdict, new RegExp(`^${early.length} lines? comes? before one of (its|their) causes\\.$`));
  const received = early.find((l) => l.text.includes("inventory: received Reserve #1"));
  assert.ok(received, byWall.lines.map((l) => l.text).join("\n"));
  assert.equal(received.note, "⚠ before its cause: web: sent Reserve #1 (key k1) to inventory");
  await screenshot(page, "merged-log-1-wall-clock");

  // A line is a button that selects its event: the details name it.
  await page.getByRole("button", { name: /inventory: received Reserve #1/ }).click();
  await eventually(async () => (await page.locator(".details .summary").textContent()) === "inventory: received Reserve #1 (key k1) from web", {
    message: "the line's event in the details",
  });
  assert.match(await page.locator(".details .source").textContent(), /^Selected/);

  // Lamport clocks respect cause and effect: the same lines, none before its cause.
  await page.getByRole("radio", { name: "Lamport clock" }).check();
  const byLamport = await eventually(async () => {
    const log = await mergedLog(page);
    return log.lines[0]?.stamp.startsWith("L") ? log : null;
  }, { message: "the log by Lamport clock" });
  assert.equal(byLamport.verdict, "No line comes before one of its causes.");
  assert.equal(byLamport.lines.length, byWall.lines.length);
  assert.ok(byLamport.lines.every((l) => l.note === null));
  assert.ok(nonDecreasing(byLamport.lines.map((l) => stampValue(l.stamp))), "ordered by Lamport clock");
  await screenshot(page, "merged-log-2-lamport");

  // Real time is the truth: hidden with it, and the log falls back to the wall clocks.
  const real = page.getByRole("radio", { name: "real time (the truth)" });
  await real.check();
  const byReal = await eventually(async () => {
    const log = await mergedLog(page);
    return log.lines[0] && !log.lines[0].stamp.startsWith("L") && log.verdict.startsWith("No line") ? log : null;
  }, { message: "the log by real time" });
  assert.ok(nonDecreasing(byReal.lines.map((l) => stampValue(l.stamp))), "ordered by real time");
  // inventory's clock runs 8 ms behind: its line's real time is 8 ms after its own stamp.
  const at = (log) => stampValue(log.lines.find((l) => l.text.includes("inventory: received Reserve #1")).stamp);
  assert.ok(Math.abs(at(byReal) - at(byWall) - 8000) <= 100, `${at(byReal)} vs ${at(byWall)}`);
  await page.getByRole("checkbox", { name: "Hide the truth" }).check();
  assert.ok(await real.isDisabled(), "real time cannot be chosen with the truth hidden");
  await eventually(async () => (await mergedLog(page)).verdict === byWall.verdict, { message: "back to the wall clocks" });
  assert.ok(await page.getByRole("radio", { name: "each node's wall clock" }).isChecked());

  assert.deepEqual(problems, []);
  await context.close();
});

test("a learner sets a clock behind with the keyboard: the mark shows it, the log misorders, the link keeps it", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site, { height: 1500 });
  await pg.pausedOn("happy-path", { at: "start" });
  assert.equal((await mergedLog(page)).verdict, "No line comes before one of its causes.");

  await page.locator("#clock-node").focus();
  await page.keyboard.press("Home"); // client
  await page.keyboard.press("End"); // inventory
  assert.equal(await page.inputValue("#clock-node"), "3");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("8");
  await page.keyboard.press("Tab");
  assert.equal(await page.inputValue("#clock-way"), "behind", "behind is the first choice");
  await page.keyboard.press("Tab");
  assert.ok(await pg.focused("button[type=submit]"), "Set clock comes next");
  await page.keyboard.press("Enter");
  await pg.announced(/^inventory's clock reads 8 ms behind from 0 ms on\./);
  await pg.blur();
  await pg.seekEnd();
  await eventually(async () => /^[1-9]\d* lines? comes? before/.test((await mergedLog(page)).verdict), {
    message: "the wall-clock order to put a line before its cause",
  });
  const early = (await mergedLog(page)).lines.filter((l) => l.note);
  assert.ok(early.every((l) => /^inventory:/.test(l.text.split("⚠")[0].replace(/^\S+\s+\S+\s+/, ""))), JSON.stringify(early));
  assert.equal(await pg.marks("clock −8 ms").count(), 1, "a mark on inventory's lifeline says its clock was set");

  await page.getByRole("radio", { name: "Lamport clock" }).check();
  assert.equal((await mergedLog(page)).verdict, "No line comes before one of its causes.");

  // A value out of range is refused beside the control and adds nothing.
  await page.locator("#clock-offset").fill("120000");
  await page.selectOption("#clock-way", "ahead");
  await page.getByRole("button", { name: "Set clock" }).click();
  await eventually(async () => (await page.locator("#clock-offset-error").textContent()).includes("At most a minute"), {
    message: "the offset to be refused",
  });
  assert.equal(await pg.marks("clock").count(), 1);
  await screenshot(page, "merged-log-3-clock-set");

  await page.waitForTimeout(600); // the link follows a change after 300 ms (src/share/mod.rs)
  await page.reload();
  await pg.ready();
  assert.equal(await pg.marks("clock −8 ms").count(), 1, "the reopened link keeps the clock");
  assert.deepEqual(problems, []);
  await context.close();
});
