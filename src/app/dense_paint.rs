//! One repaint of a dense run's canvas, described as data: where to clear and what to draw there
//! (arrows, marks and the marks' labels).
//!
//! The same description is carried out on this thread ([`Paint::apply`]) or by the worker in
//! `assets/dense-painter.js`, which does the same steps. The worker gets the looks and areas as
//! JSON and the outlines as numbers ([`crate::outline::Polylines`]): text for thousands of
//! coordinates cost more to write, send and parse than the drawing itself. One difference: the
//! worker strokes a dashed look with a pattern of stripes, which rasterises in a third of the
//! time and shows the same dashes on arrows that run across; this fallback keeps a line dash.

use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::dense_layer::MARK_KINDS;
use crate::dense::{arrow_paths, marks_path};
use crate::drawing::{Arrow, Mark, MarkKind};
use crate::ink::{arrow_area, mark_area, Area, Label};
use crate::outline::{trace, Polylines};

/// The width of the white stroke under a label's letters (`.mark-label` in `style/main.css`).
const LABEL_HALO_PX: f64 = 3.0;

/// A repaint: clear `clear`, then draw `layers` and `labels` clipped to it.
#[derive(Serialize)]
pub struct Paint {
    /// The canvas's new backing store size in pixels, when it changes.
    pub size: Option<(u32, u32)>,
    /// Backing pixels per user-space pixel, across and down.
    pub scale: (f64, f64),
    /// Rectangles as `[x, y, width, height]` in user space.
    pub clear: Vec<[f64; 4]>,
    pub layers: Vec<Layer>,
    /// Mark labels drawn over the layers, as `[x, y, text, strong]` (see [`Label`]).
    pub labels: Vec<(i32, i32, String, bool)>,
    /// The labels' font without its weight, and their colours: plain and strong.
    pub font: String,
    pub label_colors: [String; 2],
    /// Every layer's outlines, one layer after another, as [`Polylines`] writes them. Sent beside
    /// the JSON, not in it.
    #[serde(skip)]
    pub outlines: Vec<i32>,
}

/// One path drawn in one look: stroked with `width` and `dash`, or filled. Its outlines are the
/// next `words` numbers of [`Paint::outlines`].
#[derive(Serialize)]
pub struct Layer {
    words: usize,
    color: String,
    width: f64,
    dash: &'static [f64],
    fill: bool,
}

impl Paint {
    /// Clears `areas` and draws every arrow, mark and label that meets them, once each.
    pub fn new(
        (size, scale): (Option<(u32, u32)>, (f64, f64)),
        ink: &Ink,
        areas: &[Area],
        arrows: &[Arrow],
        marks: &[Mark],
    ) -> Paint {
        let clear = areas.iter().map(|a| on_pixels(a, scale)).collect();
        let meets = |at: Area| areas.iter().any(|a| a.meets(&at));
        let p = arrow_paths(arrows.iter().filter(|a| meets(arrow_area(a))));
        let mut paint = Paint {
            size,
            scale,
            clear,
            layers: Vec::new(),
            labels: labels_meeting(marks, meets),
            font: ink.font.clone(),
            label_colors: [ink.ink.clone(), STRONG_LABEL.to_string()],
            outlines: Vec::new(),
        };
        paint.stroke(p.delivered, &ink.blue, 1.6, &[]);
        paint.stroke(p.inflight, &ink.blue, 1.6, &[5.0, 4.0]);
        paint.stroke(p.dropped, &ink.vermillion, 1.6, &[2.0, 3.0]);
        paint.fill(p.heads, &ink.blue);
        paint.stroke(p.lost, &ink.vermillion, 2.5, &[]);
        for kind in MARK_KINDS {
            let of_kind = marks.iter().filter(|m| m.kind == kind);
            paint.fill(
                marks_path(of_kind.filter(|m| meets(mark_area(m)))),
                ink.mark(kind),
            );
        }
        paint
    }

    /// Adds a layer of `outlines` stroked in `color`, unless there are none.
    fn stroke(&mut self, outlines: Polylines, color: &str, width: f64, dash: &'static [f64]) {
        self.add(outlines, color, width, dash, false);
    }

    /// Adds a layer of `outlines` filled with `color`, unless there are none.
    fn fill(&mut self, outlines: Polylines, color: &str) {
        self.add(outlines, color, 0.0, &[], true);
    }

    fn add(&mut self, o: Polylines, color: &str, width: f64, dash: &'static [f64], fill: bool) {
        if o.0.is_empty() {
            return;
        }
        self.layers.push(Layer {
            words: o.0.len(),
            color: color.to_string(),
            width,
            dash,
            fill,
        });
        self.outlines.extend(o.0);
    }

    /// Carries the repaint out on `el`, on this thread.
    pub fn apply(&self, el: &HtmlCanvasElement) {
        if let Some((w, h)) = self.size {
            el.set_width(w);
            el.set_height(h);
        }
        let Some(ctx) = context(el) else {
            return;
        };
        let _ = ctx.set_transform(self.scale.0, 0.0, 0.0, self.scale.1, 0.0, 0.0);
        ctx.save();
        ctx.begin_path();
        for &[x, y, w, h] in &self.clear {
            ctx.clear_rect(x, y, w, h);
            ctx.rect(x, y, w, h);
        }
        ctx.clip();
        let mut rest = self.outlines.as_slice();
        for layer in &self.layers {
            let (words, after) = rest.split_at(layer.words.min(rest.len()));
            layer.draw(&ctx, words);
            rest = after;
        }
        self.draw_labels(&ctx);
        ctx.restore();
    }

    /// Each label with a white halo under it, as the page's `.mark-label` draws it.
    fn draw_labels(&self, ctx: &CanvasRenderingContext2d) {
        let _ = ctx.set_line_dash(&js_sys::Array::new());
        ctx.set_line_width(LABEL_HALO_PX);
        ctx.set_miter_limit(4.0);
        ctx.set_stroke_style_str("#fff");
        let fonts = [self.font.clone(), format!("700 {}", self.font)];
        for (x, y, text, strong) in &self.labels {
            let (x, y) = (f64::from(*x), f64::from(*y));
            ctx.set_font(&fonts[usize::from(*strong)]);
            let _ = ctx.stroke_text(text, x, y);
            ctx.set_fill_style_str(&self.label_colors[usize::from(*strong)]);
            let _ = ctx.fill_text(text, x, y);
        }
    }
}

/// The labels of `marks` whose area `meets`. Marks at one spot may share a label: it is drawn
/// once (they come one after the other). All start at their mark: a dense run's labels are
/// stacked, never moved left of their mark (`Drawn` in `event_layer`).
fn labels_meeting(marks: &[Mark], meets: impl Fn(Area) -> bool) -> Vec<(i32, i32, String, bool)> {
    let mut labels: Vec<Label> = marks
        .iter()
        .filter_map(Label::of)
        .filter(|l| meets(l.area()))
        .collect();
    labels.dedup();
    let owned = |l: Label| (l.x, l.y, l.text.to_string(), l.strong);
    labels.into_iter().map(owned).collect()
}

/// `area` as `[x, y, width, height]` in user space, widened to whole backing pixels at `scale`: a
/// clip edge inside a pixel would leave a faint seam where the repaint meets the old drawing.
fn on_pixels(area: &Area, (sx, sy): (f64, f64)) -> [f64; 4] {
    let span = |lo: i32, hi: i32, k: f64| {
        let (a, b) = ((f64::from(lo) * k).floor(), (f64::from(hi) * k).ceil());
        (a / k, (b - a) / k)
    };
    let (x, w) = span(area.left, area.right, sx);
    let (y, h) = span(area.top, area.bottom, sy);
    [x, y, w, h]
}

impl Layer {
    fn draw(&self, ctx: &CanvasRenderingContext2d, words: &[i32]) {
        ctx.begin_path();
        let close = || ctx.close_path();
        trace(
            words,
            |x, y| ctx.move_to(x, y),
            |x, y| ctx.line_to(x, y),
            close,
        );
        if self.fill {
            ctx.set_fill_style_str(&self.color);
            ctx.fill();
            return;
        }
        let dash: js_sys::Array = self.dash.iter().map(|&x| JsValue::from(x)).collect();
        let _ = ctx.set_line_dash(&dash);
        ctx.set_stroke_style_str(&self.color);
        ctx.set_line_width(self.width);
        ctx.stroke();
    }
}

fn context(el: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    use wasm_bindgen::JsCast;
    el.get_context("2d").ok()??.dyn_into().ok()
}

/// The colour of problems' and violations' labels, as `style/main.css` gives it.
const STRONG_LABEL: &str = "#8a3a00";

/// The page's palette (its CSS custom properties), so the canvas matches the SVG it stands for.
/// Stroke widths and dash patterns above repeat `style/main.css`'s; change both together.
pub struct Ink {
    blue: String,
    vermillion: String,
    orange: String,
    sky: String,
    green: String,
    node_down: String,
    /// The labels' font (`.mark-label`'s size and the page's family) and plain colour.
    font: String,
    ink: String,
}

impl Ink {
    pub fn of(el: &HtmlCanvasElement) -> Ink {
        let style = leptos::prelude::window()
            .get_computed_style(el)
            .ok()
            .flatten();
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
            font: format!("10.5px {}", var("font-family", "sans-serif")),
            ink: var("--ink", "#1d2330"),
        }
    }

    /// A mark's fill, as `style/main.css` gives it.
    fn mark(&self, kind: MarkKind) -> &str {
        match kind {
            MarkKind::Timeout | MarkKind::GiveUp => &self.orange,
            MarkKind::Clock => &self.sky,
            MarkKind::Effect | MarkKind::NodeUp => &self.green,
            MarkKind::Problem | MarkKind::Violation => &self.vermillion,
            MarkKind::NodeDown => &self.node_down,
        }
    }
}
