// The three unknowns of an unanswered request: its caller sees Unknown to all three questions
// whether the request is only slow or already lost; the truth column tells the two apart, and
// "Hide the truth" takes it away.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, eventually, siteAndBrowser } from "./harness.mjs";
import { Playground } from "./pages/playground.mjs";

const env = siteAndBrowser();

/** The table on screen: its caption, and per question what the caller sees and what is really so. */
async function unknownsTable(page) {
  return page.$$eval("table.unknowns-table", ([table]) => {
    if (!table) return null;
    const rows = [...table.querySelectorAll("tbody tr")].map((r) => {
      const [sees, really] = r.querySelectorAll("td");
      return {
        question: r.querySelector("th").textContent.trim(),
        sees: sees.textContent.trim(),
        really: really.hidden ? null : really.textContent.replace(/^[✔✘]\s*/, "").trim(),
      };
    });
    return { caption: table.caption.textContent.trim(), rows };
  });
}

/** Steps one event at a time (at most `max`) until `ok(table)` holds; returns that table. */
async function stepUntil(page, ok, what, max = 40) {
  const step = page.getByRole("button", { name: /^Step to the next event/ });
  for (let i = 0; i < max; i++) {
    const table = await unknownsTable(page);
    if (await ok(table)) return table;
    await step.click();
  }
  throw new Error(`stepped ${max} events without seeing ${what}`);
}

test("the caller cannot tell a slow request from a lost one; the truth can", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site, { height: 1300 });
  await pg.pause();
  await pg.blur();
  await pg.seekStart();

  // The order on its way to web: nothing is known yet, and nothing is lost.
  const slow = await stepUntil(page, (t) => t?.caption.startsWith("PlaceOrder #1"), "the order in flight");
  assert.deepEqual(
    slow.rows.map((r) => r.question),
    ["Did it arrive?", "Was it processed?", "Did the reply come back?"],
  );
  assert.ok(slow.rows.every((r) => r.sees.includes("Unknown")), `client sees three Unknowns: ${JSON.stringify(slow)}`);
  assert.equal(slow.rows[0].really, "not yet: it is still on its way");
  assert.equal(slow.rows[1].really, "not yet: it has not been handled");
  await screenshot(page, "unknowns-1-on-its-way");

  // web's Reserve, dropped by the partition on web⇹inventory: to web it looks just the same.
  const reserve = page.locator("button.request", { hasText: /^Reserve #1/ });
  await stepUntil(page, async () => (await reserve.count()) > 0, "a Reserve waiting for inventory");
  await reserve.first().click();
  const lost = await eventually(async () => {
    const t = await unknownsTable(page);
    return t?.caption.startsWith("Reserve #1") ? t : null;
  }, { message: "the Reserve's table" });
  assert.ok(lost.rows.every((r) => r.sees.includes("Unknown")), `web sees three Unknowns: ${JSON.stringify(lost)}`);
  assert.deepEqual(
    lost.rows.map((r) => r.really),
    ["no: it was lost on the way", "no: it never arrived", "no: no reply was sent"],
  );
  await screenshot(page, "unknowns-2-lost");

  // With the truth hidden, only the caller's side is left to reason from.
  await page.getByRole("checkbox", { name: "Hide the truth" }).check();
  const hidden = await eventually(async () => {
    const t = await unknownsTable(page);
    return t?.rows.every((r) => r.really === null) ? t : null;
  }, { message: "the truth column to hide" });
  assert.ok(hidden.rows.every((r) => r.sees.includes("Unknown")));
  assert.ok(await page.getByText("Which of these would you bet on?").isVisible());

  assert.deepEqual(problems, []);
  await context.close();
});

/** The moves listed under "What … may do next", icon dropped: "Safe: Wait for …". */
function nextMoves(page) {
  return page.$$eval(".next-moves li", (lis) => lis.map((li) => li.textContent.replace(/^[✔✘]\s*/, "").trim()));
}

test("under the unknowns, the caller's next moves say which are safe, and keys make a retry safe", async () => {
  const { pg, page, problems, context } = await Playground.open(env.browser, env.site, { height: 1300 });
  await pg.pause();
  await pg.blur();
  await pg.seekStart();
  const reserve = page.locator("button.request", { hasText: /^Reserve #1/ });
  const reserveOpen = async () => {
    await stepUntil(page, async () => (await reserve.count()) > 0, "a Reserve waiting for inventory");
    await reserve.first().click();
    await eventually(async () => (await page.locator(".next-title").textContent()) === "What web may do next", {
      message: "web's next moves",
    });
    return nextMoves(page);
  };

  const keyed = await reserveOpen();
  assert.match(keyed[0], /^Safe: Wait for the reply, until the timeout at [\d.]+ ms\.$/);
  const retry = keyed.find((m) => m.includes("Retry"));
  assert.match(retry ?? "", /^Safe: Retry after the timeout .*try 2 of 3\. The key k1 lets inventory answer a repeat without acting twice\.$/, keyed.join("\n"));
  assert.match(keyed.at(-1), /^Not safe: Decide that inventory is down/);
  assert.ok(keyed.some((m) => /^Not safe: After try 3, give up: tell the client “pending”/.test(m)), keyed.join("\n"));
  await screenshot(page, "unknowns-3-next-moves");

  // The moves are the caller's own reasoning: hiding the truth leaves them.
  await page.getByRole("checkbox", { name: "Hide the truth" }).check();
  assert.deepEqual(await nextMoves(page), keyed);
  await page.getByRole("checkbox", { name: "Hide the truth" }).uncheck();

  // Without idempotency keys the same retry could reserve the item twice.
  await page.getByRole("checkbox", { name: /^Idempotency keys/ }).uncheck();
  await pg.blur();
  await pg.seekStart();
  const unkeyed = await reserveOpen();
  const risky = unkeyed.find((m) => m.includes("Retry"));
  assert.match(risky ?? "", /^Not safe: Retry .*Without a key, inventory would reserve the item again if it handled the first one\.$/, unkeyed.join("\n"));

  assert.deepEqual(problems, []);
  await context.close();
});
