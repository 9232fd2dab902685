//! A dense run's arrows and marks painted on a canvas, repainting only the areas a change touched,
//! in a worker where the browser allows it.
//!
//! The bundled `<path>`s of the dense layer stay in the page (for the SVG export and for tests)
//! but are hidden; the canvas shows the same drawing. An SVG whose bundles change is re-rasterised
//! whole by the browser, which in software rendering cost a drag over 2,000 messages most of a
//! core; a canvas keeps its pixels and is cleared and redrawn only in [`dirty_areas`]. Even that
//! raster work is the largest part of a drag's frame, so the canvas is handed to a worker
//! (`assets/dense-painter.js`) as an `OffscreenCanvas`: the page only says what to repaint, one
//! repaint at a time, and the worker says when it is done (no more than 30 times a second, so that
//! it leaves the page the CPU time to follow the pointer). A browser without `OffscreenCanvas`, or
//! a worker that fails to start, gets a canvas painted here.

use leptos::either::Either;
use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlCanvasElement, Worker};

use super::dense_paint::{Ink, Paint};
use super::event_layer::Drawn;
use super::state::Playground;
use crate::drawing::{Arrow, Mark};
use crate::geom::px;
use crate::ink::{dirty_areas, inked, Area, Inked};

/// Where the painter script lives, next to `index.html` (Trunk copies it from `assets/`), with a
/// hash of its content (`build.rs`) so that no cache serves an older script to a newer page.
const PAINTER_URL: &str = env!("DENSE_PAINTER_URL");

/// What the canvas shows (or will, once the worker is done), to tell what the next drawing changes.
struct Painted {
    inked: Inked,
    /// Backing store size and the user-space size it maps, in pixels.
    size: (u32, u32, f64, f64),
    ink: Ink,
}

/// Who carries out repaints.
enum Painter {
    Here,
    /// A worker took the canvas and failed: nothing can paint it, and a new canvas replaces it.
    Lost,
    Worker {
        worker: Worker,
        /// A repaint was sent and the worker has not said it is done.
        busy: bool,
        /// The drawing changed while the worker was busy.
        stale: bool,
        _on_message: Closure<dyn FnMut(JsValue)>,
        _on_error: Closure<dyn FnMut(JsValue)>,
    },
}

/// A mounted canvas and what was painted on it.
struct Board {
    el: HtmlCanvasElement,
    painter: Painter,
    painted: Option<Painted>,
}

type Boards = StoredValue<Option<Board>, LocalStorage>;

/// The canvas, sized to the diagram's user space, in a `foreignObject` under the highlights.
#[component]
pub fn DenseCanvas(state: Playground, drawn: Drawn) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let board: Boards = StoredValue::new_local(None);
    // A worker that fails to start leaves its canvas blank: a new canvas, painted here, replaces it.
    let here_only = RwSignal::new(false);
    let size = move || {
        state
            .layout
            .with_untracked(|l| (l.width_px, l.full_height_px()))
    };
    // A resize (or a move to a screen of another pixel ratio) changes the canvas's size on
    // screen: its backing store is measured again, so the drawing stays sharp.
    let resized = RwSignal::new(0u32);
    let listener = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));
    on_cleanup(move || {
        listener.remove();
        board.try_update_value(|b| b.take().map(Board::close));
    });
    let repaint = move || repaint(board, drawn, size());
    let on_painted = move || {
        if worker_done(board) {
            repaint();
        }
    };
    let failed = move || {
        board.try_update_value(|b| b.as_mut().map(Board::lose));
        here_only.try_set(true);
    };
    Effect::new(move |measured: Option<u32>| {
        state.layout.track();
        drawn.arrows.track();
        drawn.marks.track();
        let now = resized.get();
        let Some(el) = canvas.get() else {
            return now;
        };
        let here = here_only.get();
        let make = |el| Board::new(el, here, on_painted, failed);
        board_for(board, el, measured != Some(now), make);
        repaint();
        now
    });
    view! {
        <foreignObject class="dense-canvas" x="0" y="0" width=move || state.layout.with(|l| px(l.width_px)) height=move || state.layout.with(|l| px(l.full_height_px())) aria-hidden="true">
            // Two branches, so that a change makes a new element: rebuilt in place, the canvas
            // would stay the one the failed worker took.
            {move || if here_only.get() {
                Either::Left(view! { <canvas node_ref=canvas></canvas> })
            } else {
                Either::Right(view! { <canvas node_ref=canvas></canvas> })
            }}
        </foreignObject>
    }
}

/// Makes the board for `el` if it has none (the canvas is new), or else forgets what it painted
/// when the canvas must be measured again (`remeasure`), so the next paint is whole.
fn board_for(
    board: Boards,
    el: HtmlCanvasElement,
    remeasure: bool,
    make: impl FnOnce(HtmlCanvasElement) -> Board,
) {
    board.update_value(|b| match b {
        Some(b) if b.el == el => {
            if remeasure {
                b.painted = None;
            }
        }
        _ => *b = Some(make(el)),
    });
}

/// Sends the current drawing to the board, unless its worker is still busy with the last one.
fn repaint(board: Boards, drawn: Drawn, size: (f64, f64)) {
    board.try_update_value(|b| {
        let Some(b) = b.as_mut() else {
            return;
        };
        if let Painter::Worker {
            busy: true, stale, ..
        } = &mut b.painter
        {
            *stale = true;
            return;
        }
        drawn
            .arrows
            .with_untracked(|a| drawn.marks.with_untracked(|m| b.paint(size, a, m)));
    });
}

/// Notes that the worker finished a repaint; whether the drawing changed meanwhile.
fn worker_done(board: Boards) -> bool {
    board
        .try_update_value(|b| match b.as_mut().map(|b| &mut b.painter) {
            Some(Painter::Worker { busy, stale, .. }) => {
                *busy = false;
                std::mem::take(stale)
            }
            _ => false,
        })
        .unwrap_or(false)
}

impl Board {
    /// A board for `el`: in a worker unless `here` says no or the browser cannot. The worker
    /// calls `on_painted` after each repaint and `failed` if it cannot run.
    fn new(
        el: HtmlCanvasElement,
        here: bool,
        on_painted: impl Fn() + 'static,
        failed: impl Fn() + 'static,
    ) -> Board {
        let painter = if here {
            Painter::Here
        } else {
            Painter::offscreen(&el, on_painted, failed).unwrap_or(Painter::Here)
        };
        Board {
            el,
            painter,
            painted: None,
        }
    }

    fn close(mut self) {
        self.lose();
    }

    /// Gives up on a worker that failed; its canvas is blank for good.
    fn lose(&mut self) {
        if let Painter::Worker { worker, .. } = &self.painter {
            worker.terminate();
        }
        self.painter = Painter::Lost;
    }

    /// Paints `arrows` and `marks` over what was painted: only the changed areas, or everything
    /// when the canvas changed size.
    fn paint(&mut self, (w, h): (f64, f64), arrows: &[Arrow], marks: &[Mark]) {
        let now = inked(arrows, marks);
        // Measuring the canvas on screen forces a layout, and reading the palette a style pass:
        // both only when everything is painted afresh.
        let before = self.painted.take();
        let (resize, size, ink, areas) = match before.filter(|b| (b.size.2, b.size.3) == (w, h)) {
            Some(b) => (None, b.size, b.ink, dirty_areas(&b.inked, &now)),
            None => {
                let size = backing_size(&self.el, w, h);
                let _ = self
                    .el
                    .set_attribute("data-backing", &format!("{}x{}", size.0, size.1));
                let all = Area {
                    left: 0,
                    top: 0,
                    right: w.ceil() as i32,
                    bottom: h.ceil() as i32,
                };
                (Some((size.0, size.1)), size, Ink::of(&self.el), vec![all])
            }
        };
        if resize.is_some() || !areas.is_empty() {
            let scale = (f64::from(size.0) / w, f64::from(size.1) / h);
            let paint = Paint::new((resize, scale), &ink, &areas, arrows, marks);
            self.painter.send(&self.el, &paint);
        }
        self.painted = Some(Painted {
            inked: now,
            size,
            ink,
        });
    }
}

impl Painter {
    /// Hands `el` to a worker that paints it; `None` where the browser has no `OffscreenCanvas`.
    fn offscreen(
        el: &HtmlCanvasElement,
        on_painted: impl Fn() + 'static,
        failed: impl Fn() + 'static,
    ) -> Option<Painter> {
        let worker = Worker::new(PAINTER_URL).ok()?;
        let Ok(offscreen) = el.transfer_control_to_offscreen() else {
            worker.terminate();
            return None;
        };
        // From here the canvas is the worker's; posting to a new worker does not fail.
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"canvas".into(), &offscreen);
        let _ = worker.post_message_with_transfer(&message, &js_sys::Array::of1(&offscreen));
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |_| on_painted());
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| failed());
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Painter::Worker {
            worker,
            busy: false,
            stale: false,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    fn send(&mut self, el: &HtmlCanvasElement, paint: &Paint) {
        match self {
            Painter::Here => paint.apply(el),
            Painter::Lost => {}
            Painter::Worker { worker, busy, .. } => {
                // The looks and areas as JSON, the outlines as numbers whose buffer moves to the
                // worker: no copy when posting.
                if let Ok(json) = serde_json::to_string(paint) {
                    let outlines = js_sys::Int32Array::from(paint.outlines.as_slice());
                    let message = js_sys::Array::of2(&json.into(), &outlines);
                    let moved = js_sys::Array::of1(&outlines.buffer());
                    *busy = worker.post_message_with_transfer(&message, &moved).is_ok();
                }
            }
        }
    }
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
