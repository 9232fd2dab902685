//! The curtain over the future: everything below "now" is covered, its top edge is the now line,
//! and while the run plays it glides down on the compositor, so playback costs a few ticks a
//! second of work instead of a redraw every frame.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::diagram::format_ms;
use super::state::{wall_ms, Playground};
use crate::geom::{Layout, HEADER_PX};

#[wasm_bindgen]
extern "C" {
    /// An animation of the Web Animations API.
    type Animation;

    /// Any element, seen only for its `animate` method.
    type Animatable;

    #[wasm_bindgen(method, js_name = animate)]
    fn start_animation(
        this: &Animatable,
        keyframes: &js_sys::Array,
        options: &js_sys::Object,
    ) -> Animation;

    #[wasm_bindgen(method)]
    fn cancel(this: &Animation);
}

/// The lifelines as they look under the curtain: plain, since nothing has happened there yet.
fn lifelines_css(layout: &Layout) -> String {
    let lines: Vec<String> = (0..layout.lanes)
        .map(|i| {
            let x = layout.lane_percent(i);
            format!(
                "linear-gradient(to right, transparent calc({x:.3}% - 1px), var(--lifeline) \
                 calc({x:.3}% - 1px) calc({x:.3}% + 1px), transparent calc({x:.3}% + 1px))"
            )
        })
        .collect();
    lines.join(", ")
}

fn translate(percent: f64) -> String {
    let p = if percent.is_finite() {
        percent.clamp(-1e7, 1e7)
    } else {
        0.0
    };
    format!("translateY({p:.4}%)")
}

/// How far below the last event the curtain rests once the run is over: the last messages arrive
/// at "now", nearly level at a coarse zoom, and the now line would otherwise cover them and the
/// labels set under them (`DROP_PX` in src/label_room.rs).
const AFTER_END_PX: u32 = 18;

/// The curtain's resting place: `percent` down (the now line), and `drop_px` lower.
fn resting(percent: f64, drop_px: f64) -> String {
    let at = translate(percent);
    if drop_px > 0.0 {
        format!("{at} translateY({drop_px}px)")
    } else {
        at
    }
}

/// The now label's words, on the page and in an exported picture: "now 36.7 ms".
pub fn now_words(now_us: u64) -> String {
    format!("now {}", format_ms(now_us))
}

/// How far below now the curtain, and the now label on it, rest at `now_us`: a little once nothing
/// is left to happen, where nothing can be hidden; else not at all.
pub fn drop_px(state: Playground, now_us: u64) -> f64 {
    if now_us >= state.end_us() {
        f64::from(AFTER_END_PX)
    } else {
        0.0
    }
}

/// The keyframe list of a glide from `from` to `to` (CSS transforms).
fn keyframes(from: &str, to: &str) -> js_sys::Array {
    let frames = js_sys::Array::new();
    for t in [from, to] {
        let f = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&f, &"transform".into(), &t.into());
        frames.push(&f);
    }
    frames
}

fn glide_options(duration_ms: f64) -> js_sys::Object {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"duration".into(), &duration_ms.into());
    let _ = js_sys::Reflect::set(&o, &"easing".into(), &"linear".into());
    let _ = js_sys::Reflect::set(&o, &"fill".into(), &"forwards".into());
    o
}

/// While playing, glides the curtain from where now really is to the end of the run; restarts
/// whenever the motion or the layout changes, and stops (leaving the static position) on pause.
fn glide(state: Playground, el: NodeRef<leptos::html::Div>) {
    let running = StoredValue::new_local(None::<Animation>);
    Effect::new(move |_| {
        let layout = state.layout.get();
        let motion = state.motion.get();
        let end = state.end_us();
        running.update_value(|a| {
            if let Some(a) = a.take() {
                a.cancel();
            }
        });
        let (Some(m), Some(div)) = (motion, el.get()) else {
            return;
        };
        let from_us = state.live_now();
        let left_ms = m.wall_ms_until(end) - (wall_ms() - m.wall_ms);
        if left_ms.is_finite() && left_ms > 0.0 {
            let frames = keyframes(
                &translate(layout.percent_down(from_us)),
                &translate(layout.percent_down(end)),
            );
            running.set_value(Some(
                div.unchecked_ref::<Animatable>()
                    .start_animation(&frames, &glide_options(left_ms)),
            ));
        }
    });
}

/// How far below the now line the time axis leaves out its ticks, whose labels sit above them:
/// there the now label reads the time instead, left of the first lifeline where no mark's label goes.
pub const NOW_LABEL_PX: f64 = 30.0;

/// The curtain, clipped to the part of the diagram below the lifeline headers.
#[component]
pub fn Curtain(state: Playground) -> impl IntoView {
    let el: NodeRef<leptos::html::Div> = NodeRef::new();
    glide(state, el);
    let top = move || {
        let l = state.layout.get();
        format!("{:.4}%", HEADER_PX / l.full_height_px() * 100.0)
    };
    // While playing, the glide owns the transform; the static one follows the cursor only when
    // paused, so a tick does not restyle the curtain.
    let at_now = move || {
        let t = match state.motion.get() {
            Some(m) => m.from_us,
            None => state.now_us.get(),
        };
        resting(state.layout.get().percent_down(t), drop_px(state, t))
    };
    view! {
        <div class="curtain-clip" style:top=top aria-hidden="true">
            <div
                class="curtain"
                node_ref=el
                style:transform=at_now
                style:background-image=move || lifelines_css(&state.layout.get())
            >
                <span class="now-label">{move || now_words(state.now_us.get())}</span>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curtain_drops_below_a_finished_run() {
        assert_eq!(resting(12.5, 0.0), "translateY(12.5000%)");
        assert_eq!(
            resting(12.5, f64::from(AFTER_END_PX)),
            "translateY(12.5000%) translateY(18px)"
        );
    }

    #[test]
    fn translations_stay_finite() {
        assert_eq!(translate(12.5), "translateY(12.5000%)");
        assert_eq!(translate(f64::NAN), "translateY(0.0000%)");
        assert_eq!(translate(1e300), "translateY(10000000.0000%)");
    }

    #[test]
    fn one_line_per_lifeline_under_the_curtain() {
        let l = Layout {
            width_px: 800.0,
            height_px: 500.0,
            lanes: 4,
            px_per_ms: 1.0,
            top_us: 0,
        };
        let css = lifelines_css(&l);
        assert_eq!(css.matches("linear-gradient").count(), 4);
        assert!(css.contains("calc(11.719% - 1px)"));
    }
}
