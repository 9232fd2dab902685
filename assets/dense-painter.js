// Faultline's dense-run painter: a worker that owns the canvas of a dense diagram, so rasterising
// thousands of arrows happens off the page's main thread. The page (src/app/dense_canvas.rs)
// sends the canvas once, then one repaint at a time as UTF-8 JSON bytes (src/app/dense_paint.rs,
// `Paint`), and waits for "painted" before it sends the next.
let ctx = null;
const utf8 = new TextDecoder();

self.onmessage = ({ data }) => {
  if (data instanceof Uint8Array) {
    if (ctx) paint(ctx, JSON.parse(utf8.decode(data)));
    self.postMessage("painted");
  } else if (data && data.canvas) {
    ctx = data.canvas.getContext("2d");
  }
};

function paint(ctx, { size, scale, clear, layers }) {
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
  for (const { d, color, width, dash, fill } of layers) {
    const path = new Path2D(d);
    if (fill) {
      ctx.fillStyle = color;
      ctx.fill(path);
    } else {
      ctx.setLineDash(dash);
      ctx.strokeStyle = color;
      ctx.lineWidth = width;
      ctx.stroke(path);
    }
  }
  ctx.restore();
}
