// Layout at 1280×800, at a 768 px wide embed, at 600 px and on a 390 px phone: no visible control or
// panel overlaps another, nothing is cut off or scrolls sideways but the drawing, which on a phone
// keeps a readable width inside a panel of its own that scrolls.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, eventually, siteAndBrowser } from "./harness.mjs";
import { Playground } from "./pages/playground.mjs";

const env = siteAndBrowser();

/** Containers whose visible children must not overlap each other. */
const GROUPS = [
  "body",
  "#playground",
  ".masthead",
  ".stage",
  ".side",
  ".time-controls",
  ".palette",
  ".diagram-panel",
  ".lifeline-headers",
  ".node-head",
  ".view-grid",
  ".strategy-grid",
];

/** Problems of layout on the page as it is (overlaps, sideways overflow, cut-off controls) and how many things were checked. */
function layoutProblems(groups) {
  const out = [];
  let checked = 0;
  const visible = (e) => {
    const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none" &&
      !e.classList.contains("sr-only") && s.position !== "absolute" && s.position !== "fixed";
  };
  const name = (e) => {
    const cls = [...e.classList].slice(0, 2).map((c) => "." + c).join("");
    const label = e.getAttribute("aria-label") ?? e.textContent.trim().slice(0, 24);
    return `${e.tagName.toLowerCase()}${cls} "${label}"`;
  };
  for (const sel of groups) {
    for (const parent of document.querySelectorAll(sel)) {
      const kids = [...parent.children].filter(visible);
      for (let i = 0; i < kids.length; i++) {
        for (let j = i + 1; j < kids.length; j++) {
          checked++;
          const a = kids[i].getBoundingClientRect();
          const b = kids[j].getBoundingClientRect();
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 1 && h > 1) out.push(`in ${sel}: ${name(kids[i])} overlaps ${name(kids[j])} by ${w.toFixed(0)}×${h.toFixed(0)} px`);
        }
      }
    }
  }
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth > width) {
    out.push(`the page scrolls sideways: scrollWidth ${document.documentElement.scrollWidth} > ${width}`);
  }
  for (const c of document.querySelectorAll("button, select, input, output, h1, h2, label")) {
    if (!visible(c)) continue;
    checked++;
    const r = c.getBoundingClientRect();
    // Inside the drawing's sideways scroller a control only has to be reachable by scrolling.
    const scroller = c.closest(".diagram-wide");
    if (scroller) {
      const s = scroller.getBoundingClientRect();
      if (r.left < s.left - 0.5 || r.right > s.left + scroller.scrollWidth + 0.5) out.push(`${name(c)} lies beyond the drawing's scroller`);
    } else if (r.left < 0 || r.right > width + 0.5) out.push(`${name(c)} sticks out of the window (${r.left.toFixed(0)}…${r.right.toFixed(0)} px)`);
    if (c.tagName === "BUTTON" && c.scrollWidth > c.clientWidth + 1) out.push(`${name(c)} has its text cut off`);
  }
  return { found: out, checked };
}

/** The crash/pause buttons sit centred over their own lifeline. */
async function headerDrift(page) {
  return page.evaluate(() => {
    const heads = [...document.querySelectorAll(".node-head")].map((e) => e.getBoundingClientRect());
    const names = [...document.querySelectorAll(".lane-name")].map((e) => e.getBoundingClientRect());
    return names.map((n, i) => Math.abs(n.x + n.width / 2 - (heads[i].x + heads[i].width / 2)));
  });
}

/** The on-screen height of a message label's font (px): the drawing scales with its width. */
async function diagramTextPx(page) {
  return page.evaluate(() => {
    const svg = document.querySelector("svg.diagram");
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return Number.parseFloat(getComputedStyle(document.querySelector(".msg-label")).fontSize) * scale;
  });
}

/** How far the now label, HTML over the scaled drawing, stays left of the first lifeline (px). */
async function nowLabelRoom(page) {
  return page.evaluate(() => {
    const label = document.querySelector(".now-label").getBoundingClientRect();
    const first = Math.min(...[...document.querySelectorAll("svg.diagram .lifeline")].map((l) => l.getBoundingClientRect().left));
    return first - label.right;
  });
}

for (const size of [{ width: 1280, height: 800 }, { width: 768, height: 1024 }, { width: 600, height: 900 }, { width: 390, height: 844 }]) {
  test(`at ${size.width}×${size.height} nothing overlaps, sticks out or scrolls sideways`, async () => {
    const { pg, page, problems, context } = await Playground.open(env.browser, env.site, size);
    await pg.pause();
    await pg.blur();
    await pg.seekEnd();
    // A band, a selected message and an open request make the fullest page.
    await pg.diagram.focus();
    await page.keyboard.press("p");
    await pg.announced(/^Added\./);
    await pg.arrow("Charge #1").focus();
    await screenshot(page, `layout-${size.width}`);
    const { found, checked } = await page.evaluate(layoutProblems, GROUPS);
    assert.ok(checked > 100, `the layout check looked at the page (${checked} pairs and controls)`);
    assert.deepEqual(found, [], `layout at ${size.width}×${size.height}:\n${found.join("\n")}`);
    const drift = await headerDrift(page);
    assert.ok(drift.every((d) => d < 6), `node buttons centred over their lifelines (off by ${drift.map((d) => d.toFixed(1))} px)`);
    const hint = await page.locator(".wide-hint").isVisible();
    assert.equal(hint, size.width < 600, `the hint to swipe sideways shows only where the drawing is wider than its panel`);
    const text = await diagramTextPx(page);
    assert.ok(text >= 8, `the diagram's message labels are drawn at least 8 px high (${text.toFixed(1)} px)`);
    const room = await nowLabelRoom(page);
    assert.ok(room > 0, `the now label ends left of the first lifeline (${room.toFixed(1)} px between them)`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}


test("in a course page's 700 px column the embed's two toolbars keep to one row each", async () => {
  const { page, problems, context } = await Playground.open(env.browser, env.site, { width: 700, height: 600 });
  await page.goto(env.site.url + "?embed=1&scenario=partition-after-charge&t=20");
  await page.locator(".lane-name").nth(3).waitFor();
  const rows = await page.evaluate(() =>
    [".time-controls", ".palette"].map((sel) => {
      const kids = [...document.querySelector(sel).children].filter((e) => e.getBoundingClientRect().height > 0);
      const first = kids[0].getBoundingClientRect();
      const wrapped = kids.filter((e) => e.getBoundingClientRect().top >= first.bottom - 2).map((e) => e.textContent.trim());
      return { sel, wrapped };
    }),
  );
  await screenshot(page, "layout-embed-700");
  assert.deepEqual(rows, [{ sel: ".time-controls", wrapped: [] }, { sel: ".palette", wrapped: [] }], "nothing wraps to a second row");
  const { found } = await page.evaluate(layoutProblems, GROUPS);
  assert.deepEqual(found, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an embed at the snippet's 960×720 shows what each node believes beside the diagram, in the frame", async () => {
  const { page, problems, context } = await Playground.open(env.browser, env.site, { width: 960, height: 720 });
  await page.goto(env.site.url + "?embed=1&scenario=partition-after-charge&t=60&autoplay=0");
  await page.locator(".lane-name").nth(3).waitFor();
  const [diagram, views] = await Promise.all([page.locator(".diagram-panel").boundingBox(), page.locator(".panel.views").boundingBox()]);
  assert.ok(views.x >= diagram.x + diagram.width, `the views panel (x ${views.x}) is right of the diagram (ends at ${diagram.x + diagram.width})`);
  assert.ok(views.y < 720 / 2, `and starts in the frame's top half (y ${views.y})`);
  const truly = await page.locator(".panel.views .truly").first().boundingBox();
  assert.ok(truly && truly.y + truly.height <= 720, "web's belief that differs from the truth is in the frame");
  await screenshot(page, "layout-embed-960");
  const { found } = await page.evaluate(layoutProblems, GROUPS);
  assert.deepEqual(found, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("on a phone the Help dialog opens at its top and nothing in it runs off its side", async () => {
  const { page, problems, context } = await Playground.open(env.browser, env.site, { width: 390, height: 844 });
  await page.getByRole("button", { name: "Help" }).click();
  const dialog = page.locator("#keys-dialog");
  await dialog.waitFor();
  const d = await dialog.evaluate((e) => ({ top: e.scrollTop, sideways: e.scrollWidth - e.clientWidth, tall: e.scrollHeight > e.clientHeight }));
  assert.ok(d.tall, `the dialog is taller than the phone: ${JSON.stringify(d)}`);
  assert.equal(d.top, 0, "it opens at its top, where its title is");
  assert.ok(d.sideways <= 1, `no sideways overflow: ${JSON.stringify(d)}`);
  await screenshot(page, "layout-help-390");
  assert.deepEqual(problems, []);
  await context.close();
});
