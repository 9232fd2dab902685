//! A dense run's arrows and marks painted on a canvas, repainting only the rows a change touched.
//!
//! The bundled `<path>`s of the dense layer stay in the page (for the SVG export and for tests)
//! but are hidden; the canvas shows the same drawing. An SVG whose bundles change is re-rasterised
//! whole by the browser, which in software rendering cost a drag over 2,000 messages most of a
//! core; a canvas keeps its pixels and is cleared and redrawn only in [`dirty_rows`].

use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, Path2d};

use super::dense_layer::MARK_KINDS;
use super::event_layer::Drawn;
use super::state::Playground;
use crate::dense::{arrow_paths, arrow_rows, dirty_rows, inked, mark_rows, marks_path, Inked};
use crate::drawing::{Arrow, Mark, MarkKind};
use crate::geom::HEADER_PX;

/// What the canvas shows now, to tell what the next drawing changes.
struct Painted {
    inked: Inked,
    /// Backing store size and the user-space size it maps, in pixels.
    size: (u32, u32, f64, f64),
    ink: Ink,
}

/// The canvas, sized to the diagram's user space, in a `foreignObject` under the highlights.
#[component]
pub fn DenseCanvas(state: Playground, drawn: Drawn) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let painted = StoredValue::new_local(None::<Painted>);
    let size = move || {
        let l = state.layout.get();
        (l.width_px, l.height_px + HEADER_PX)
    };
    // A resize (or a move to a screen of another pixel ratio) changes the canvas's size on
    // screen: its backing store is measured again, so the drawing stays sharp.
    let resized = RwSignal::new(0u32);
    let listener = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));
    on_cleanup(move || listener.remove());
    Effect::new(move |measured: Option<u32>| {
        let (w, h) = size();
        let now = resized.get();
        let Some(el) = canvas.get() else {
            return now;
        };
        let before = painted.try_update_value(Option::take).flatten();
        let before = before.filter(|_| measured == Some(now));
        drawn.arrows.with(|a| {
            drawn
                .marks
                .with(|m| painted.set_value(paint(&el, (w, h), a, m, before)))
        });
        now
    });
    view! {
        <foreignObject class="dense-canvas" x="0" y="0" width=move || size().0 height=move || size().1 aria-hidden="true">
            <canvas node_ref=canvas></canvas>
        </foreignObject>
    }
}

/// Paints `arrows` and `marks` over what `before` painted: only the changed rows, or everything
/// when the canvas changed size. Returns what the canvas now shows.
fn paint(
    el: &HtmlCanvasElement,
    (w, h): (f64, f64),
    arrows: &[Arrow],
    marks: &[Mark],
    before: Option<Painted>,
) -> Option<Painted> {
    let now = inked(arrows, marks);
    // Measuring the canvas on screen forces a layout, and reading the palette a style pass: both
    // only when everything is painted afresh.
    let (size, ink, rows) = match before.filter(|b| (b.size.2, b.size.3) == (w, h)) {
        Some(b) => (b.size, b.ink, dirty_rows(&b.inked, &now)),
        None => {
            let size = backing_size(el, w, h);
            el.set_width(size.0);
            el.set_height(size.1);
            (size, Ink::of(el), vec![(0, h.ceil() as i32)])
        }
    };
    let ctx = context(el)?;
    let _ = ctx.set_transform(
        f64::from(size.0) / w,
        0.0,
        0.0,
        f64::from(size.1) / h,
        0.0,
        0.0,
    );
    for (top, bottom) in rows {
        paint_rows(&ctx, &ink, (w, top, bottom), arrows, marks);
    }
    Some(Painted {
        inked: now,
        size,
        ink,
    })
}

/// The backing store for the canvas's size on screen at the display's pixel ratio.
fn backing_size(el: &HtmlCanvasElement, w: f64, h: f64) -> (u32, u32, f64, f64) {
    let ratio = window().device_pixel_ratio().clamp(1.0, 3.0);
    let shown = el.get_bounding_client_rect();
    let px = |css: f64, user: f64| {
        let css = if css > 0.0 { css } else { user };
        (css * ratio).round().clamp(1.0, 16_384.0) as u32
    };
    (px(shown.width(), w), px(shown.height(), h), w, h)
}

fn context(el: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    el.get_context("2d").ok()??.dyn_into().ok()
}

/// Clears the rows from `top` to `bottom` and draws what crosses them, clipped to them.
fn paint_rows(
    ctx: &CanvasRenderingContext2d,
    ink: &Ink,
    (w, top, bottom): (f64, i32, i32),
    arrows: &[Arrow],
    marks: &[Mark],
) {
    let (t, b) = (f64::from(top), f64::from(bottom));
    ctx.clear_rect(0.0, t, w, b - t);
    ctx.save();
    ctx.begin_path();
    ctx.rect(0.0, t, w, b - t);
    ctx.clip();
    let crosses = |(lo, hi): (i32, i32)| hi >= top && lo <= bottom;
    let p = arrow_paths(arrows.iter().filter(|a| crosses(arrow_rows(a))));
    stroke(ctx, &p.delivered, &ink.blue, 1.6, &[]);
    stroke(ctx, &p.inflight, &ink.blue, 1.6, &[5.0, 4.0]);
    stroke(ctx, &p.dropped, &ink.vermillion, 1.6, &[2.0, 3.0]);
    fill(ctx, &p.heads, &ink.blue);
    stroke(ctx, &p.lost, &ink.vermillion, 2.5, &[]);
    for kind in MARK_KINDS {
        let d = marks_path(
            marks
                .iter()
                .filter(|m| m.kind == kind && crosses(mark_rows(m))),
        );
        fill(ctx, &d, ink.mark(kind));
    }
    ctx.restore();
}

fn stroke(ctx: &CanvasRenderingContext2d, d: &str, color: &str, width: f64, dash: &[f64]) {
    let Some(path) = path(d) else {
        return;
    };
    let dash: js_sys::Array = dash.iter().map(|&x| JsValue::from(x)).collect();
    let _ = ctx.set_line_dash(&dash);
    ctx.set_stroke_style_str(color);
    ctx.set_line_width(width);
    ctx.stroke_with_path(&path);
}

fn fill(ctx: &CanvasRenderingContext2d, d: &str, color: &str) {
    if let Some(path) = path(d) {
        ctx.set_fill_style_str(color);
        ctx.fill_with_path_2d(&path);
    }
}

fn path(d: &str) -> Option<Path2d> {
    (!d.is_empty())
        .then(|| Path2d::new_with_path_string(d).ok())
        .flatten()
}

/// The page's palette (its CSS custom properties), so the canvas matches the SVG it stands for.
struct Ink {
    blue: String,
    vermillion: String,
    orange: String,
    sky: String,
    green: String,
    node_down: String,
}

impl Ink {
    fn of(el: &HtmlCanvasElement) -> Ink {
        let style = window().get_computed_style(el).ok().flatten();
        let var = |name: &str, fallback: &str| {
            style
                .as_ref()
                .and_then(|s| s.get_property_value(name).ok())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| fallback.to_string())
        };
        Ink {
            blue: var("--blue", "#0072b2"),
            vermillion: var("--vermillion", "#d55e00"),
            orange: var("--orange", "#e69f00"),
            sky: var("--sky", "#56b4e9"),
            green: var("--green", "#009e73"),
            node_down: var("--node-down", "#3b3b3b"),
        }
    }

    /// A mark's fill, as `style/main.css` gives it.
    fn mark(&self, kind: MarkKind) -> &str {
        match kind {
            MarkKind::Timeout | MarkKind::GiveUp => &self.orange,
            MarkKind::Retry => &self.sky,
            MarkKind::Effect | MarkKind::NodeUp => &self.green,
            MarkKind::Problem | MarkKind::Violation => &self.vermillion,
            MarkKind::NodeDown => &self.node_down,
        }
    }
}
