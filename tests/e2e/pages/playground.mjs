// Page object for the playground: lifelines, marks, arrows, bands, views, truth and time controls,
// found the way a learner sees them (names, labels, positions on screen).
import { openPage, eventually } from "../harness.mjs";

/** Milliseconds in a clock text such as "12.5 ms". */
const ms = (text) => Number.parseFloat(text);

/** Milliseconds in a duration such as "850 µs", "12.5 ms" or "1.25 s". */
export function toMs(text) {
  const m = /(-?[\d.]+)\s*(µs|ms|s)\b/.exec(text);
  if (!m) throw new Error(`not a duration: "${text}"`);
  return Number(m[1]) * { "µs": 0.001, ms: 1, s: 1000 }[m[2]];
}

/** { fromMs, toMs } of a band's accessible name ("… from 4.5 ms to 154.5 ms"); toMs is Infinity if it never heals. */
export function bandSpan(label) {
  const from = /from ([\d.]+) ms/.exec(label);
  const to = /to ([\d.]+) ms/.exec(label);
  if (!from) throw new Error(`no span in band label "${label}"`);
  return { fromMs: Number(from[1]), toMs: to ? Number(to[1]) : Infinity };
}

export class Playground {
  constructor(page) {
    this.page = page;
    this.svg = page.locator("svg.diagram");
    this.diagram = page.locator(".diagram-scroll");
    this.scrubber = page.locator("input.scrubber");
    this.playButton = page.locator(".time-controls button.play");
    this.partitionTool = page.locator("button.partition-tool");
    this.announcer = page.locator('.announcer[aria-live="polite"]');
    this.details = page.locator("section.details");
    this.bands = page.locator("g.band");
    this.arrows = page.locator(".msg");
  }

  /** Opens the page at `size` and waits for the wasm to draw the four lifelines. */
  static async open(browser, site, options = {}) {
    const opened = await openPage(browser, site.origin, options);
    await opened.page.goto(site.url);
    opened.page.setDefaultTimeout(10000);
    const pg = new Playground(opened.page);
    await pg.ready();
    return { pg, ...opened };
  }

  async ready() {
    await this.page.getByRole("heading", { level: 1, name: "Faultline" }).waitFor({ timeout: 15000 });
    await this.page.locator(".lane-name").nth(3).waitFor();
  }

  async isPlaying() {
    return (await this.playButton.getAttribute("aria-label")).startsWith("Pause");
  }

  /** Pauses playback with the Play/Pause button. */
  async pause() {
    if (await this.isPlaying()) await this.playButton.click();
    await eventually(async () => !(await this.isPlaying()), { message: "playback to pause" });
  }

  /** Paused on example scenario `id`, the focus off every field, now at its end (or its start). */
  async pausedOn(id, { at = "end" } = {}) {
    await this.pause();
    await this.pickScenario(id);
    await this.blur();
    await (at === "end" ? this.seekEnd() : this.seekStart());
  }

  /** Chooses an example scenario in the Scenario select and waits for the run to rewind. */
  async pickScenario(id) {
    await this.page.selectOption("#scenario-picker", id);
    await eventually(async () => (await this.page.inputValue("#scenario-picker")) === id, {
      message: `scenario ${id} to be chosen`,
    });
  }

  async scenarioIds() {
    return this.page.$$eval("#scenario-picker option:not([disabled])", (os) => os.map((o) => o.value));
  }

  /** { nowMs, endMs } from the clock ("12.5 ms / 80.1 ms"). */
  async clock() {
    const [now, end] = (await this.page.locator("output.clock").textContent()).split("/");
    return { nowMs: ms(now), endMs: ms(end) };
  }

  /** Waits for the clock to satisfy `ok({ nowMs, endMs })`. */
  async waitClock(ok, message = "the clock") {
    return eventually(async () => {
      const c = await this.clock();
      return ok(c) ? c : false;
    }, { message });
  }

  /** Types `value` into the field with id `id` and commits it with Enter, as a learner does. */
  async setField(id, value) {
    await this.page.locator(`#${id}`).fill(value);
    await this.page.locator(`#${id}`).press("Enter");
  }

  /** Jumps to the end of the run with the End key (focus must not be in a field). */
  async seekEnd() {
    await this.page.keyboard.press("End");
    return this.waitClock((c) => c.nowMs === c.endMs, "now to reach the end");
  }

  /** Jumps to the start of the run with the Home key (focus must not be in a field). */
  async seekStart() {
    await this.page.keyboard.press("Home");
    return this.waitClock((c) => c.nowMs === 0, "now to reach 0");
  }

  /** Presses Tab (at most `max` times) until the focused element matches `selector`. */
  async tabTo(selector, max = 40) {
    for (let i = 0; i < max; i++) {
      await this.page.keyboard.press("Tab");
      if (await this.page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    }
    throw new Error(`${max} presses of Tab never reached ${selector}`);
  }

  /** Whether the focused element matches `selector`. */
  async focused(selector) {
    return this.page.evaluate((s) => !!document.activeElement?.matches(s), selector);
  }

  /** Moves focus out of any field, as a click on the page background would. */
  async blur() {
    await this.page.evaluate(() => document.activeElement?.blur());
  }

  /** Screen x of each lifeline, from the centres of the `.lane-name` texts: { client: x, … }. */
  async lanes() {
    const pairs = await this.page.$$eval(".lane-name", (els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return [e.textContent.trim(), r.x + r.width / 2];
      }),
    );
    return Object.fromEntries(pairs);
  }

  /** Screen x of the gap between two neighbouring lifelines. */
  async gapX(a, b) {
    const l = await this.lanes();
    return (l[a] + l[b]) / 2;
  }

  /** The marks on the lifelines whose label contains `text`. */
  marks(text) {
    return this.page.locator("g.mark", { hasText: text });
  }

  /** Screen y of the first mark whose label contains `text` (the centre of its shape). */
  async markY(text) {
    const box = await this.marks(text).first().locator("path").boundingBox();
    return box.y + box.height / 2;
  }

  /** The arrow whose accessible name starts with "Message LABEL". */
  arrow(label) {
    return this.page.locator(`.msg[aria-label^="Message ${label}"]`).first();
  }

  /** Screen y where an arrow leaves its sender (arrows always point down the page). */
  async arrowStartY(label) {
    // A labelled arrow is a group with a shaft; a plain one (zoomed out) is the line itself.
    return this.arrow(label).evaluate((el) => (el.matches("line") ? el : el.querySelector("line.shaft")).getBoundingClientRect().y);
  }

  /** Arrows drawn, as the message layer counts them (zoomed out over a dense run they are bundled paths, not `.msg` elements). */
  async arrowCount() {
    return this.page.evaluate(() => Number(document.querySelector("g.messages")?.getAttribute("data-messages") ?? 0));
  }

  /** Whether the diagram draws its arrows in bundles (zoomed out over a dense run). */
  async isDense() {
    return (await this.page.locator("g.messages.dense").count()) > 0;
  }

  /** Drags the Partition tool from the toolbar to (x, y) on screen with the pointer. */
  async dragPartition(x, y) {
    const b = await this.partitionTool.boundingBox();
    const m = this.page.mouse;
    await m.move(b.x + b.width / 2, b.y + b.height / 2);
    await m.down();
    await m.move(x, y, { steps: 15 });
    await m.up();
  }

  /** Drags from one screen point to another with the pointer. */
  async drag(from, to, steps = 10) {
    const m = this.page.mouse;
    await m.move(from.x, from.y);
    await m.down();
    await m.move(to.x, to.y, { steps });
    await m.up();
  }

  /** Scrolls the diagram in time with the mouse wheel over it (negative: back towards the start). */
  async wheelDiagram(dy) {
    const b = await this.svg.boundingBox();
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await this.page.mouse.wheel(0, dy);
  }

  /** Scrolls the diagram back with the wheel until it shows 0 ms at the top. */
  async scrollToStart() {
    for (let i = 0; i < 20; i++) {
      const first = (await this.tickMs())[0];
      if (first === 0) return;
      await this.wheelDiagram(-1000);
      await eventually(async () => (await this.tickMs())[0] !== first, { message: "the diagram to scroll back" });
    }
    throw new Error("the diagram never scrolled back to 0 ms");
  }

  /** Zooms out with the toolbar button until the diagram shows time up to `ms`. */
  async zoomOutToShow(ms) {
    for (let i = 0; i < 12; i++) {
      const ticks = await this.tickMs();
      if (ticks.at(-1) + (ticks[1] - ticks[0]) >= ms) return;
      await this.page.getByRole("button", { name: "Zoom out" }).click();
      await eventually(async () => (await this.tickMs()).join() !== ticks.join(), { message: "the zoom to change" });
    }
    throw new Error(`zooming out never showed ${ms} ms`);
  }

  /** Zooms out with the toolbar button until the band's end edge is on the diagram (not clamped at its foot). */
  async zoomOutToShowEnd(band) {
    const svg = await this.svg.boundingBox();
    for (let i = 0; (await this.edgeCentre(band, "end")).y > svg.y + svg.height - 12; i++) {
      if (i >= 8) throw new Error("the band's end never came into view by zooming out");
      await this.page.getByRole("button", { name: "Zoom out" }).click();
    }
  }

  /** Labels of the time ticks on the diagram, in ms, top to bottom. */
  async tickMs() {
    return this.page.$$eval(".tick-label", (ts) => ts.map((t) => Number.parseFloat(t.textContent)));
  }

  /** Texts of the diagram that print over the "now" label, which reads the time on the axis. */
  async textsOverNowLabel() {
    return this.page.evaluate(() => {
      const now = document.querySelector(".now-label").getBoundingClientRect();
      const meets = (r) => r.width > 0 && r.left < now.right && now.left < r.right && r.top < now.bottom && now.top < r.bottom;
      const texts = [...document.querySelectorAll(".diagram-scroll svg text")];
      return texts.filter((t) => meets(t.getBoundingClientRect())).map((t) => `"${t.textContent}"`);
    });
  }

  /** Accessible names of the bands on the diagram. */
  async bandLabels() {
    return this.bands.evaluateAll((gs) => gs.map((g) => g.getAttribute("aria-label")));
  }

  /** Screen centre of a band's start or end edge. */
  async edgeCentre(band, which) {
    const b = await band.locator(`.band-edge.${which}`).boundingBox();
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }

  /** A point of `part` the pointer really hits (nothing drawn on top), trying `points` as fractions of its box. */
  async freePoint(part, points, what) {
    await part.scrollIntoViewIfNeeded();
    const b = await part.boundingBox();
    const handle = await part.elementHandle();
    for (const [fx, fy] of points) {
      const p = { x: b.x + b.width * fx, y: b.y + b.height * fy };
      const hit = await this.page.evaluate(({ x, y, el }) => document.elementFromPoint(x, y) === el, { ...p, el: handle });
      if (hit) return p;
    }
    const top = await this.page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.outerHTML.slice(0, 120), {
      x: b.x + b.width / 2,
      y: b.y + b.height / 2,
    });
    throw new Error(`no point of ${what} is free to grab; on top of it: ${top}`);
  }

  /** A point on a band's start or end edge that the pointer really hits. */
  async edgePoint(band, which) {
    const xs = [0.5, 0.3, 0.7, 0.15, 0.85];
    return this.freePoint(band.locator(`.band-edge.${which}`), xs.map((x) => [x, 0.5]), `the band's ${which} edge`);
  }

  /** A point inside the band's body that the pointer really hits (no arrow or mark on top). */
  async grabPoint(band) {
    const ys = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8];
    return this.freePoint(band.locator(".band-body"), ys.map((y) => [0.5, y]), "the band's body");
  }

  /** The Event details value for the field named `name` ("Time", "Lamport clock", …), or null. */
  async detail(name) {
    return this.details.evaluate((d, name) => {
      const dt = [...d.querySelectorAll("dt")].find((e) => e.textContent.trim() === name);
      return dt ? dt.nextElementSibling.textContent.trim() : null;
    }, name);
  }

  /**
   * A screen point on `target` (an arrow's shaft or a mark's shape) that the pointer really hits,
   * so that a label of a neighbouring arrow drawn on top is not hovered instead.
   */
  async pointOn(target) {
    const p = await target.evaluate((g) => {
      // A labelled arrow is a group with a shaft; a plain one (zoomed out) is the line itself.
      const shape = g.matches("line") ? g : g.querySelector("line.shaft") ?? g.querySelector("path");
      const m = shape.getScreenCTM();
      const at = (x, y) => ({ x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f });
      const candidates = [];
      if (shape.tagName === "line") {
        const [x1, y1, x2, y2] = ["x1", "y1", "x2", "y2"].map((a) => Number(shape.getAttribute(a)));
        for (const f of [0.2, 0.35, 0.5, 0.65, 0.8, 0.1, 0.9]) candidates.push(at(x1 + (x2 - x1) * f, y1 + (y2 - y1) * f));
      } else {
        const b = shape.getBBox();
        candidates.push(at(b.x + b.width / 2, b.y + b.height / 2));
      }
      return candidates.find((c) => g.contains(document.elementFromPoint(c.x, c.y))) ?? null;
    });
    if (!p) throw new Error(`no point of ${target} is free to hover`);
    return p;
  }

  /** Hovers an arrow or a mark with the pointer and waits for Event details to show it. */
  async hover(target) {
    const p = await this.pointOn(target);
    await this.page.mouse.move(p.x, p.y, { steps: 3 });
    await eventually(async () => /^Hovered/.test(await this.details.locator(".source").textContent({ timeout: 500 })), {
      message: "Event details to show the hovered event",
    });
  }

  /** One node's view panel ("web", "billing", …). */
  viewOf(node) {
    return this.page.locator(`section.view-panel[aria-label="${node}'s view"]`);
  }

  /** The Truth panel. */
  truth() {
    return this.page.locator("section.view-panel.truth");
  }

  /** The rows of a view or the truth: { subject, attribute, value, unknown, diverges, truly, note, text }. */
  async beliefs(panel) {
    // Read as a learner would, with the panel on screen: off screen it is not rendered
    // (content-visibility: auto), and innerText then has nothing to report.
    await panel.scrollIntoViewIfNeeded();
    await panel.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    return panel.locator(".belief").evaluateAll((rows) =>
      rows.map((r) => ({
        subject: r.querySelector(".subject")?.textContent.trim(),
        attribute: r.querySelector(".attribute")?.textContent.trim(),
        value: r.querySelector(".value")?.innerText.trim(),
        unknown: r.classList.contains("unknown") || !!r.querySelector(".unknown-badge"),
        diverges: r.classList.contains("diverges"),
        truly: r.querySelector(".truly:not([hidden]) strong")?.textContent.trim() ?? null,
        note: r.querySelector(".note")?.textContent.trim() ?? null,
        text: r.innerText.replace(/\s+/g, " ").trim(),
      })),
    );
  }

  /** One row of a panel, by subject and attribute ("order 1", "charged"), or undefined. */
  async belief(panel, subject, attribute) {
    return (await this.beliefs(panel)).find((r) => r.subject === subject && r.attribute === attribute);
  }

  /** Waits until the aria-live region says something matching `re`; returns the text. */
  async announced(re) {
    let said = "";
    try {
      return await eventually(async () => {
        said = (await this.announcer.textContent()).trim();
        return re.test(said) ? said : false;
      });
    } catch {
      throw new Error(`the live region never announced ${re}; it says "${said}"`);
    }
  }
}
