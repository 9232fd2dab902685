//! The diagram's toolbar: the partition tool to drag (or press), the link it targets, zoom and follow.

use leptos::ev::PointerEvent;
use leptos::prelude::*;

use super::band_layer::{band_words, begin, flush_move, gap_words, on_move, on_up, Drag};
use super::history::History;
use super::state::Playground;
use crate::bands::Band;

/// Whether the pointer was let go over the element that took the press (the tool itself).
fn let_go_on_target(ev: &PointerEvent) -> bool {
    use wasm_bindgen::JsCast;
    let Some(el) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    let r = el.get_bounding_client_rect();
    let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
    (r.left()..=r.right()).contains(&x) && (r.top()..=r.bottom()).contains(&y)
}

/// Toolbar above the diagram.
#[component]
pub fn Palette(
    state: Playground,
    drag: RwSignal<Option<Drag>>,
    svg: NodeRef<leptos::svg::Svg>,
    gap: RwSignal<usize>,
    /// Whether the diagram draws its arrows in bundles, which Tab cannot reach one by one.
    dense: Memo<bool>,
    history: History,
) -> impl IntoView {
    let add_at_now = move || {
        let id = state.add_band(Band::new(
            0,
            gap.get_untracked(),
            state.now_us.get_untracked(),
        ));
        if let Some(b) = state.band(id) {
            state.announce(format!("Added. {}", band_words(&b)));
        }
    };
    view! {
        <div class="palette" role="toolbar" aria-label="Diagram tools">
            <button
                class="partition-tool"
                title="Drag onto the diagram between two lifelines, or press to add one at now"
                aria-label="Partition tool: drag onto the diagram, or press to add a partition at now"
                on:pointerdown=move |ev: PointerEvent| begin(state, drag, &ev, Drag::New { x: 0.0, y: 0.0, inside: false })
                on:pointermove=move |ev: PointerEvent| on_move(state, drag, svg, &ev)
                on:pointerup=move |ev: PointerEvent| {
                    flush_move(state, drag, svg);
                    // A press let go on the tool adds a band at now, like the keyboard; a drag let
                    // go anywhere but the diagram adds nothing.
                    let missed = matches!(drag.get_untracked(), Some(Drag::New { inside: false, .. }));
                    if missed && let_go_on_target(&ev) {
                        drag.set(None);
                        add_at_now();
                    } else {
                        on_up(state, drag, svg);
                    }
                }
                on:click=move |ev: leptos::ev::MouseEvent| if ev.detail() == 0 { add_at_now() }
            >
                <svg class="tool-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                    <path d="M5 1l3 4l-3 3l3 4l-3 3M11 1l-3 4l3 3l-3 4l3 3" />
                </svg>
                " Partition"
            </button>
            <label class="gap-pick">
                "on "
                <select
                    aria-label="Link the partition tool cuts"
                    on:change=move |ev| gap.set(event_target_value(&ev).parse().unwrap_or(2))
                    prop:value=move || gap.get().to_string()
                >
                    {(0..3).map(|g| view! { <option value=g.to_string() selected=g == 2>{gap_words(g)}</option> }).collect_view()}
                </select>
            </label>
            <span class="spacer"></span>
            <Show when=move || dense.get()>
                <span class="dense-hint">"Zoom in to reach each message with Tab"</span>
            </Show>
            <span class="undo-group" role="group" aria-label="Undo and redo">
                <button type="button" aria-label="Undo" aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)"
                    // aria-disabled, not disabled: a button that disables itself under the focus
                    // would drop the focus to the page.
                    aria-disabled=move || (history.depth.get().0 == 0).to_string()
                    on:click=move |_| history.step(state, true)>"↶"</button>
                <button type="button" aria-label="Redo" aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)"
                    aria-disabled=move || (history.depth.get().1 == 0).to_string()
                    on:click=move |_| history.step(state, false)>"↷"</button>
            </span>
            <button aria-label="Zoom in" title="Zoom in (+)" on:click=move |_| state.layout.update(|l| *l = l.zoomed(1.25, l.height_px / 2.0))>"+"</button>
            <button aria-label="Zoom out" title="Zoom out (−)" on:click=move |_| state.layout.update(|l| *l = l.zoomed(0.8, l.height_px / 2.0))>"−"</button>
            <button aria-label="Fit the whole run" title="Fit the whole run" on:click=move |_| {
                state.follow_now.set(false);
                state.fit_time();
            }>"Fit"</button>
            <button
                aria-label="Follow now"
                title="Keep now in view (F)"
                aria-pressed=move || state.follow_now.get().to_string()
                on:click=move |_| state.follow_now.set(true)
            >"Follow now"</button>
        </div>
    }
}
