//! The selected partition in the details panel: what it cuts, and controls to change which way it
//! cuts, whether it drops or holds, or to remove it. The keyboard has D, M and Delete on the band;
//! these are for the pointer and the finger.

use leptos::prelude::*;

use super::band_layer::{band_words, change_band, cut_words, fate_words, remove_band};
use super::state::Playground;
use crate::bands::{Band, CUTS, FATES};

/// Band `id` with `change` made to it, in its place, said aloud.
fn edit(state: Playground, id: u32, change: impl FnOnce(&mut Band)) {
    if let Some(mut b) = state.band(id) {
        change(&mut b);
        change_band(state, b);
    }
}

/// The index chosen in a `<select>` whose options are numbered from 0.
fn chosen(ev: &leptos::ev::Event) -> Option<usize> {
    event_target_value(ev).parse().ok()
}

/// Band `id`, selected on the diagram.
#[component]
pub fn BandView(state: Playground, id: u32) -> impl IntoView {
    let band = Memo::new(move |_| state.band(id));
    let cut_at = move || {
        band.get()
            .and_then(|b| CUTS.iter().position(|c| *c == b.cut))
    };
    let fate_at = move || {
        band.get()
            .and_then(|b| FATES.iter().position(|f| *f == b.fate))
    };
    let set_cut = move |ev: leptos::ev::Event| {
        if let Some(cut) = chosen(&ev).and_then(|i| CUTS.get(i)) {
            edit(state, id, |b| b.cut = *cut);
        }
    };
    let set_fate = move |ev: leptos::ev::Event| {
        if let Some(fate) = chosen(&ev).and_then(|i| FATES.get(i)) {
            edit(state, id, |b| b.fate = *fate);
        }
    };
    let remove = move |_| remove_band(state, id);
    view! {
        <p class="source">"Selected · partition"</p>
        <p class="summary">{move || band.get().map(|b| band_words(&b))}</p>
        <div class="band-controls">
            <label>"Cuts "
                <select id="band-cut" on:change=set_cut prop:value=move || cut_at().unwrap_or(0).to_string()>
                    {CUTS.iter().enumerate().map(|(i, c)| view! { <option value=i.to_string()>{cut_words(*c)}</option> }).collect_view()}
                </select>
            </label>
            <label>"Messages it catches: "
                <select id="band-fate" on:change=set_fate prop:value=move || fate_at().unwrap_or(0).to_string()>
                    {FATES.iter().enumerate().map(|(i, f)| view! { <option value=i.to_string()>{fate_words(*f)}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" on:click=remove>"Remove"</button>
        </div>
        <p class="hint band-hint">"With the band focused: D, M and Delete do the same."</p>
    }
}
