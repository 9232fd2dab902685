//! A mouse drag on the diagram's background scrolls it in time, as a map is dragged (the wheel and
//! Page Up/Down do the same). A band, an arrow or a mark under the pointer keeps its own drag or
//! click, and a drag that scrolled does not also end in a click.

use std::cell::Cell;

use leptos::ev::PointerEvent;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::diagram::scroll_by;
use super::pointer::svg_box;
use super::state::Playground;

/// How far a press must move, in CSS pixels, before it scrolls; less is a click.
const SLOP_PX: f64 = 3.0;

/// A pan under way: where it was pressed and last seen, diagram pixels per CSS pixel, and whether
/// it has scrolled yet.
#[derive(Clone, Copy)]
struct Pan {
    from_y: f64,
    last_y: f64,
    scale: f64,
    moved: bool,
}

/// The diagram's pan, and whether the click that ends one is still to be swallowed.
#[derive(Default)]
struct Panning {
    pan: Cell<Option<Pan>>,
    swallow_click: Cell<bool>,
}

/// Listens on the diagram's scroller `el`: one listener for the presses, moves and releases, and
/// for the click that ends a pan, in the capture phase before the arrows' own handler.
pub fn attach(state: Playground, svg: NodeRef<leptos::svg::Svg>, el: &web_sys::Element) {
    let pan = Panning::default();
    let on_event = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        match (ev.type_().as_str(), ev.dyn_ref::<PointerEvent>()) {
            ("pointerdown", Some(p)) => pan.down(state, &svg, p),
            ("pointermove", Some(p)) => pan.moved(state, p),
            ("pointerup", _) => pan.up(),
            ("click", _) => pan.click(&ev),
            _ => {}
        }
    });
    for (kind, capture) in [
        ("pointerdown", false),
        ("pointermove", false),
        ("pointerup", false),
        ("click", true),
    ] {
        let _ = el.add_event_listener_with_callback_and_bool(
            kind,
            on_event.as_ref().unchecked_ref(),
            capture,
        );
    }
    // The scroller lives as long as the page.
    on_event.forget();
}

impl Panning {
    /// A press of the main mouse button on the background starts a pan.
    fn down(&self, state: Playground, svg: &NodeRef<leptos::svg::Svg>, ev: &PointerEvent) {
        if ev.pointer_type() != "mouse" || ev.button() != 0 || on_an_item(ev) {
            return;
        }
        let Some(b) = svg_box(svg) else {
            return;
        };
        let scale = state.layout.with_untracked(|l| l.full_height_px()) / b.height;
        let y = f64::from(ev.client_y());
        self.pan.set(Some(Pan {
            from_y: y,
            last_y: y,
            scale,
            moved: false,
        }));
    }

    /// Scrolls by the pointer's move, once it has moved more than a click's wobble.
    fn moved(&self, state: Playground, ev: &PointerEvent) {
        let Some(mut p) = self.pan.get() else {
            return;
        };
        if ev.buttons() & 1 == 0 {
            // Let go outside the diagram.
            self.pan.set(None);
            return;
        }
        let y = f64::from(ev.client_y());
        if !p.moved && (y - p.from_y).abs() < SLOP_PX {
            return;
        }
        p.moved = true;
        scroll_by(state, (p.last_y - y) * p.scale);
        p.last_y = y;
        self.pan.set(Some(p));
    }

    /// Ends the pan; if it scrolled, the click that follows is not a click on the diagram.
    fn up(&self) {
        if let Some(p) = self.pan.get() {
            self.swallow_click.set(p.moved);
        }
        self.pan.set(None);
    }

    /// Stops the click that ends a pan.
    fn click(&self, ev: &web_sys::Event) {
        if self.swallow_click.replace(false) {
            ev.stop_propagation();
        }
    }
}

/// Whether the press landed on a band, an arrow or a mark, which have their own drag or click.
fn on_an_item(ev: &PointerEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(".band, .msg, .mark").ok().flatten())
        .is_some()
}
