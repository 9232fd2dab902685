// Formats scripts/bench's figures as a table: each figure, its target, whether it meets it, and
// the details under it. Input: the browser figures (bench.mjs), the native figures
// (`faultline-sim bench --format json`) and the size report's totals. Missing parts say so.

const n0 = (x) => Math.round(x).toLocaleString("en-US");
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const pct = (x) => `${(100 * x).toFixed(1)}%`;
const mEvents = (x) => `${(x / 1e6).toFixed(2)} M events/s`;

/** One figure: name, headline value, target, verdict (true, false or null: no target), details. */
const fig = (name, value, target = "", ok = null, details = "") => ({ name, value, target, ok, details });

export function figures({ size, native, browser }) {
  const out = [];
  if (size) {
    const kb = size.gzip / 1024;
    out.push(fig("first-load transfer, gzip", `${kb.toFixed(1)} KB`, "≤ 150 KB", kb <= 150,
      `${n0(size.gzip)} B gzip, ${n0(size.raw)} B raw: html + js + wasm + css (scripts/size-report)`));
  } else out.push(fig("first-load transfer, gzip", "not measured"));

  const nt = native?.throughput;
  const wt = browser?.wasm?.throughput;
  out.push(nt
    ? fig("simulation speed, native", mEvents(nt.events_per_s), "", null,
      `${n0(nt.orders)} orders: ${n0(nt.events)} events in ${(nt.best_ms / 1e3).toFixed(4)} s, best of ${nt.repeats} (std::time::Instant)`)
    : fig("simulation speed, native", "not measured"));
  if (wt) {
    const eps = Math.max(wt.events_per_s, browser.wasm.events_per_s_second_try ?? 0);
    out.push(fig("simulation speed, wasm in Chromium", mEvents(eps), "", null,
      `same workload: ${n0(wt.events)} events in ${(wt.events / eps).toFixed(4)} s, best of ${2 * wt.repeats} (performance.now())`));
    if (nt) out.push(fig("wasm / native", (eps / nt.events_per_s).toFixed(2), "≥ 0.5", eps / nt.events_per_s >= 0.5));
  } else out.push(fig("simulation speed, wasm in Chromium", "not measured"));

  for (const b of browser?.busy ?? []) {
    if (b.reference) {
      out.push(fig(b.label, pct(b.busy_fraction), "", null, "what any per-frame update costs on this machine and browser; read the figures above against it"));
      continue;
    }
    const stopped = b.played_throughout ? "" : "; playback STOPPED before the end";
    out.push(fig(`main thread busy, live play (${b.label})`, pct(b.busy_fraction), "≤ 7%", b.busy_fraction <= 0.07,
      `TaskDuration ${b.task_s.toFixed(2)} s of ${b.wall_s.toFixed(1)} s (script ${b.script_s.toFixed(2)} s, layout ${b.layout_s.toFixed(2)} s, style ${b.style_s.toFixed(2)} s); clock ${b.clock_before} → ${b.clock_after}${stopped}`));
  }
  if (!browser?.busy) out.push(fig("main thread busy, live play", "not measured"));

  const d = browser?.drag;
  if (d) {
    out.push(fig(`p95 frame time, dragging a band over ${n0(d.messages_drawn)} messages`, ms(d.work_p95_ms), "≤ 16.7 ms", d.work_p95_ms <= 16.7,
      `frame begin to render end on the main thread: p50 ${ms(d.work_p50_ms)}, max ${ms(d.work_max_ms)}, ${d.work_over_16_7_ms} of ${d.frames} frames over 16.7 ms; ${d.pointer_moves} pointer moves in ${d.seconds.toFixed(1)} s; idle p95 ${ms(d.idle_work_p95_ms)}`));
    out.push(fig("p95 interval between frames, same drag", ms(d.p95_ms), "", null,
      `p50 ${ms(d.p50_ms)}, max ${ms(d.max_ms)}; ${d.missed_refresh} frames missed a refresh; idle: p50 ${ms(d.idle_p50_ms)}, p95 ${ms(d.idle_p95_ms)} (headless Chromium's 60 Hz frame clock)`));
  } else out.push(fig("p95 frame time, dragging a band", "not measured"));

  const seek = (where, s) => {
    const worst = Math.max(s.snapshot_at_max_ms, s.seek_max_ms);
    return fig(`seek across a ${n0(s.events)}-event run, ${where}`, `max ${ms(worst)}`, "≤ 50 ms", worst <= 50,
      `${s.points} points: snapshot_at p50 ${ms(s.snapshot_at_p50_ms)}, max ${ms(s.snapshot_at_max_ms)}; seek p50 ${ms(s.seek_p50_ms)}, max ${ms(s.seek_max_ms)}; building the run took ${ms(s.build_ms)}`);
  };
  out.push(browser?.wasm?.seek ? seek("wasm", browser.wasm.seek) : fig("seek across a 100,000-event run, wasm", "not measured"));
  if (native?.seek) out.push(seek("native", native.seek));
  return out;
}

/** Aligned plain text: name, value, target, verdict on one line; details indented below. */
export function format(figs) {
  const w = (k, h) => Math.max(h.length, ...figs.map((f) => f[k].length));
  const [wn, wv, wt] = [w("name", "figure"), w("value", "measured"), w("target", "target")];
  const verdict = (ok) => (ok === null ? "" : ok ? "meets target" : "MISSES target");
  const lines = [`${"figure".padEnd(wn)}  ${"measured".padEnd(wv)}  ${"target".padEnd(wt)}`];
  for (const f of figs) {
    lines.push(`${f.name.padEnd(wn)}  ${f.value.padEnd(wv)}  ${f.target.padEnd(wt)}  ${verdict(f.ok)}`.trimEnd());
    if (f.details) lines.push(`    ${f.details}`);
  }
  return lines.join("\n");
}
