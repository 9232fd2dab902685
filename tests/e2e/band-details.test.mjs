// A partition selected with the pointer shows in the details panel with controls for the pointer
// and the finger: which way it cuts, whether it drops or holds what it catches, and Remove. The
// keyboard has D, M and Delete on the band itself; locked embeds show no controls.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, eventually, siteAndBrowser } from "./harness.mjs";
import { Playground } from "./pages/playground.mjs";

const env = siteAndBrowser();

/** Clicks the first band's body, where nothing else is drawn over it. */
async function clickBand(pg) {
  const p = await pg.grabPoint(pg.bands.first());
  await pg.page.mouse.click(p.x, p.y);
}

test("a clicked partition can be turned one-way, made to hold, and removed without a key", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await pg.pausedOn("partition-after-charge");
  const reserved = page.locator('g.mark[aria-label^="reserved #1, inventory at "]');
  assert.equal(await page.locator(".end-changes").isHidden(), true, "no change to compare yet");
  assert.equal(await reserved.count(), 0, "cut both ways, inventory never hears of the order");
  await clickBand(pg);
  const cut = pg.details.getByLabel("Cuts");
  await cut.waitFor();
  assert.match(await pg.details.locator(".summary").textContent(), /^Partition 1: web ⇹ inventory, both ways, drops messages/);
  assert.equal(await pg.details.getByRole("combobox", { name: /Messages it catches/ }).inputValue(), "0");

  // Replies only: the requests get through, inventory reserves, and web never hears back.
  await cut.selectOption({ label: "replies only (right to left)" });
  await pg.announced(/^Partition 1: web ⇹ inventory, replies only/);
  await eventually(async () => (await reserved.count()) === 1, { message: "inventory to reserve the item" });
  // The status area says what the change altered at the end of the run, the same seed re-run.
  assert.equal(
    await page.locator(".end-changes").textContent(),
    "Your last change, same seed, at the end of the run: order 1 reserved: no → yes; inventory stock: 10 → 9.",
  );
  assert.match(await page.locator("g.band text.band-label").first().textContent(), /^← drops/);

  // Held, then released when the cut heals.
  await pg.details.getByRole("combobox", { name: /Messages it catches/ }).selectOption({ label: "holds then releases" });
  await pg.announced(/holds then releases messages/);
  assert.match(await page.locator("g.band text.band-label").first().textContent(), /^← holds/);
  await screenshot(page, "band-details");

  // Undo walks the change back, and the controls follow.
  await page.keyboard.press("Control+z");
  await eventually(async () => /^← drops/.test(await page.locator("g.band text.band-label").first().textContent()), {
    message: "the hold to be undone",
  });
  assert.equal(await pg.details.getByRole("combobox", { name: /Messages it catches/ }).inputValue(), "0");

  // The comparison and the whole run's verdict read the truth, and the future: they hide with
  // the truth.
  await page.getByLabel("Hide the truth").check();
  assert.equal(await page.locator(".end-changes").isHidden(), true, "hidden with the truth");
  assert.equal(await page.locator(".status .outcome").isHidden(), true, "the whole run hidden with the truth");
  await page.getByLabel("Hide the truth").uncheck();
  assert.equal(await page.locator(".end-changes").isVisible(), true, "back with the truth");
  assert.match(await page.locator(".status .outcome").textContent(), /^Whole run: /);

  const before = await pg.bands.count();
  await pg.details.getByRole("button", { name: "Remove" }).click();
  await pg.announced(/^Partition 1 removed/);
  assert.equal(await pg.bands.count(), before - 1);
  assert.match(await pg.details.textContent(), /Hover over, or select/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("in an embed that locks the partitions, a clicked band shows what it cuts and no controls", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site);
  await page.goto(env.site.url + "?embed=1&controls=none&panels=details&scenario=partition-after-charge&t=20");
  await page.locator(".lane-name").nth(3).waitFor();
  await pg.bands.first().focus();
  await eventually(async () => (await pg.details.locator(".summary").count()) === 1, { message: "the band's details" });
  assert.match(await pg.details.locator(".summary").textContent(), /^Partition 1: web ⇹ inventory/);
  assert.equal(await pg.details.locator(".band-controls").isVisible(), false, "no controls");
  assert.equal(await pg.details.locator(".band-hint").isVisible(), false, "no keys offered");
  assert.deepEqual(problems, []);
  await context.close();
});
