//! When the focused control disappears under the learner (a merged-log line at Home, an open
//! request answered), the focus goes to the panel that held it, not to the page, where a keyboard
//! or screen-reader user would have to start again from the top. A removed band is the one case
//! that says where the focus goes itself: back to the diagram (`band_layer::remove_band`), even
//! from the Remove button in the details panel.

use leptos::ev::FocusEvent;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What holds a control: a panel, or the diagram.
const HOLDERS: &str = "section, .diagram-scroll";

/// Listens once, on the document, for the focus leaving a control that is about to go.
pub fn keep_focus_in_panels() {
    let on_focusout = Closure::<dyn Fn(FocusEvent)>::new(|ev: FocusEvent| {
        // Focus that moved to another control is where the learner put it.
        if ev.related_target().is_some() {
            return;
        }
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Some(holder) = el.closest(HOLDERS).ok().flatten() else {
            return;
        };
        // Chromium says focusout before it takes the element away: look once it is gone.
        request_animation_frame(move || {
            let on_page = document()
                .active_element()
                .is_none_or(|a| document().body().is_some_and(|b| *b == a));
            if el.is_connected() || !holder.is_connected() || !on_page {
                return;
            }
            if let Ok(holder) = holder.dyn_into::<web_sys::HtmlElement>() {
                if !holder.has_attribute("tabindex") {
                    let _ = holder.set_attribute("tabindex", "-1");
                }
                let _ = holder.focus();
            }
        });
    });
    let _ = document()
        .add_event_listener_with_callback("focusout", on_focusout.as_ref().unchecked_ref());
    // The page keeps it as long as it lives.
    on_focusout.forget();
}
