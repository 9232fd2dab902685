//! The "Keys" button and the ? key, which open the list of keyboard commands. The list itself is
//! static HTML in `index.html` (`#keys-dialog`): as a view it cost 3 KB of wasm gzip.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::controls::typing;

/// Opens the dialog listing the keyboard's commands, unless it is open already.
fn open_keys() {
    let dialog = document()
        .get_element_by_id("keys-dialog")
        .and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok());
    if let Some(d) = dialog.filter(|d| !d.open()) {
        let _ = d.show_modal();
    }
}

/// The "Keys" button; ? anywhere but in a field does the same.
#[component]
pub fn KeysHelp() -> impl IntoView {
    let handle = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        if ev.key() == "?" && !typing(&ev) && !ev.ctrl_key() && !ev.meta_key() {
            ev.prevent_default();
            open_keys();
        }
    });
    on_cleanup(move || handle.remove());
    view! {
        <button type="button" class="keys-button" aria-haspopup="dialog" title="Keyboard commands (?)"
            on:click=move |_| open_keys()>"Keys"</button>
    }
}
