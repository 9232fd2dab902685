//! The "Keys" button, which opens the list of keyboard commands (so does ? in the page's keys,
//! `controls::window_keys`). The list itself is static HTML in `index.html` (`#keys-dialog`): as a
//! view it cost 3 KB of wasm gzip.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Opens the dialog listing the keyboard's commands, unless it is open already.
pub fn open_keys() {
    let dialog = document()
        .get_element_by_id("keys-dialog")
        .and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok());
    if let Some(d) = dialog.filter(|d| !d.open()) {
        let _ = d.show_modal();
    }
}

/// The "Keys" button.
#[component]
pub fn KeysHelp() -> impl IntoView {
    view! {
        <button type="button" class="keys-button" aria-haspopup="dialog" title="Keyboard commands (?)"
            on:click=move |_| open_keys()>"Keys"</button>
    }
}
