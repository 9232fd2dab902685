// Faultline's dense-run painter: a worker that owns the canvas of a dense diagram, so rasterising
// thousands of arrows happens off the page's main thread. The page (src/app/dense_canvas.rs)
// sends the canvas once, then one repaint at a time (src/app/dense_paint.rs, `Paint`): its looks,
// areas and mark labels as JSON, and its outlines as an Int32Array (src/outline.rs, `Polylines`).
// It waits for "painted" before it sends the next.
//
// Dashed looks are stroked with a pattern of vertical stripes (`on` pixels of colour, `off`
// clear) instead of a line dash. Arrows run mostly across, so they show the same dashes, but the
// rasteriser fills one outline per arrow instead of one per dash: with hundreds of dropped
// messages that was most of a repaint's cost.
//
// At most 30 repaints a second: "painted" comes no sooner than MIN_REPAINT_MS after a repaint
// began, and moves made meanwhile fold into the next one. On two cores, a worker repainting as
// fast as it could took the CPU time the page needs to follow the pointer (the band, the
// highlights); the last repaint after a drag still comes within that time.
const MIN_REPAINT_MS = 1000 / 30;
let ctx = null;

self.onmessage = ({ data }) => {
  if (Array.isArray(data)) {
    const began = performance.now();
    if (ctx) paint(ctx, JSON.parse(data[0]), data[1]);
    const wait = MIN_REPAINT_MS - (performance.now() - began);
    setTimeout(() => self.postMessage("painted"), Math.max(0, wait));
  } else if (data && data.canvas) {
    ctx = data.canvas.getContext("2d");
  }
};

// The script is not renamed per build, so a cached copy may meet a newer page or the reverse: a
// repaint without labels (a page from before they were painted here) draws none.
function paint(ctx, { size, scale, clear, layers, labels = [], font, label_colors = [] }, outlines) {
  if (size) {
    ctx.canvas.width = size[0];
    ctx.canvas.height = size[1];
  }
  ctx.setTransform(scale[0], 0, 0, scale[1], 0, 0);
  ctx.save();
  ctx.beginPath();
  for (const [x, y, w, h] of clear) {
    ctx.clearRect(x, y, w, h);
    ctx.rect(x, y, w, h);
  }
  ctx.clip();
  let at = 0;
  for (const { words, color, width, dash, fill } of layers) {
    ctx.beginPath();
    trace(ctx, outlines, at, Math.min(at + words, outlines.length));
    at += words;
    if (fill) {
      ctx.fillStyle = color;
      ctx.fill();
    } else {
      ctx.strokeStyle = dash.length === 2 ? stripes(ctx, color, dash) : color;
      ctx.lineWidth = width;
      ctx.stroke();
    }
  }
  drawLabels(ctx, labels, font, label_colors);
  ctx.restore();
}

// Each mark label with a white halo under it, as the page's `.mark-label` draws it.
function drawLabels(ctx, labels, font, [plain, strong]) {
  ctx.lineWidth = 3;
  ctx.miterLimit = 4;
  ctx.strokeStyle = "#fff";
  for (const [x, y, text, bold] of labels) {
    ctx.font = bold ? `700 ${font}` : font;
    ctx.strokeText(text, x, y);
    ctx.fillStyle = bold ? strong : plain;
    ctx.fillText(text, x, y);
  }
}

// Each polyline is its point count (negative when closed), then its points as x, y pairs.
function trace(ctx, o, i, end) {
  while (i < end) {
    const n = o[i++];
    const stop = Math.min(i + 2 * Math.abs(n), end);
    for (let first = true; i + 1 < stop; i += 2, first = false) {
      if (first) ctx.moveTo(o[i], o[i + 1]);
      else ctx.lineTo(o[i], o[i + 1]);
    }
    i = stop;
    if (n < 0) ctx.closePath();
  }
}

// Vertical stripes, `on` pixels of `color` then `off` clear, as a pattern; one per look.
const patterns = new Map();
function stripes(ctx, color, [on, off]) {
  const key = `${color} ${on} ${off}`;
  if (!patterns.has(key)) {
    const tile = new OffscreenCanvas(on + off, 1);
    const t = tile.getContext("2d");
    t.fillStyle = color;
    t.fillRect(0, 0, on, 1);
    patterns.set(key, ctx.createPattern(tile, "repeat"));
  }
  return patterns.get(key);
}
