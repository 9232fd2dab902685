//! The share bar: copy a link or the embed code, export the run, import a scenario file (picker or
//! drag and drop), reset the learner's work; and the notice for a bad link or file.
//!
//! Everything that comes from a link or a file is shown as text, never inserted as markup.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::curtain::{drop_px, now_words};
use super::state::Playground;
use crate::export::{download, file_name, mermaid, png, shiviz, svg, trace_json};
use crate::faults::scenario_with;
use crate::share::embed::{embed_snippet, Controls};
use crate::share::url_state::encode;
use crate::share::{app_url, current, reset_work, share_link, Share};

/// Largest file imported (the core refuses larger scenario files too).
const MAX_IMPORT_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

/// What a share-bar button does.
#[derive(Clone, Copy)]
enum Act {
    CopyLink,
    CopyEmbed,
    Svg,
    Png,
    Json,
    Mermaid,
    ShiViz,
}

/// (action, text, accessible name); the first two share, the rest export.
const SHARE: [(Act, &str, &str); 2] = [
    (Act::CopyLink, "Copy link", "Copy link"),
    (Act::CopyEmbed, "Copy embed code", "Copy embed code"),
];
const EXPORT: [(Act, &str, &str); 5] = [
    (Act::Svg, "SVG", "Export the diagram as SVG"),
    (Act::Png, "PNG", "Export the diagram as PNG"),
    (Act::Json, "Trace JSON", "Export the run's Trace JSON"),
    (
        Act::Mermaid,
        "Mermaid",
        "Export the run as a Mermaid sequence diagram",
    ),
    (Act::ShiViz, "ShiViz", "Export the trace as a ShiViz log"),
];

/// The bar. In embed mode it shows only the notice and a link to the full playground.
#[component]
pub fn ShareBar(state: Playground, share: Share) -> impl IntoView {
    let params = share.params.get_value();
    let copied = RwSignal::new(None::<(&'static str, String)>);
    let full = !params.embed;
    let unlocked = full && params.controls == Controls::All;
    if unlocked {
        drop_to_import(state, share);
    }
    let buttons = move |table: &'static [(Act, &'static str, &'static str)]| {
        table
            .iter()
            .map(|&(act, text, name)| {
                view! { <button type="button" aria-label=name on:click=move |_| act_on(state, share, copied, act)>{text}</button> }
            })
            .collect_view()
    };
    view! {
        <section class="share-bar" aria-label="Share, export and import">
            <Show when=move || share.notice.with(Option::is_some)>
                <div class="share-notice" role="alert">
                    <span aria-hidden="true">"⚠ "</span>
                    <span class="share-notice-text">{move || share.notice.get().unwrap_or_default()}</span>
                    <button type="button" class="link-button" on:click=move |_| share.notice.set(None)>"Dismiss"</button>
                </div>
            </Show>
            <div class="share-group" role="group" aria-label="Share" hidden=!full>{buttons(&SHARE)}</div>
            <div class="share-group" role="group" aria-label="Export" hidden=!full>
                <span class="share-label">"Export"</span>
                {buttons(&EXPORT)}
            </div>
            {unlocked.then(|| view! { <WorkButtons state share /> })}
            <button type="button" class="open-full" hidden=full on:click=move |_| open_full(state)>"Open in Faultline ↗"</button>
            <label class="copied" hidden=move || copied.with(Option::is_none)>
                <span>{move || copied.with(|c| c.as_ref().map(|c| c.0).unwrap_or_default())}</span>
                <input
                    type="text"
                    readonly
                    class="copied-text"
                    prop:value=move || copied.with(|c| c.as_ref().map(|c| c.1.clone()).unwrap_or_default())
                    on:focus=move |ev| select_all(&ev)
                />
            </label>
        </section>
    }
}

fn act_on(
    state: Playground,
    share: Share,
    copied: RwSignal<Option<(&'static str, String)>>,
    act: Act,
) {
    match act {
        Act::CopyLink => copy(state, copied, "Link to this situation", share_link(state)),
        Act::CopyEmbed => {
            let (link, title) = untrack(|| {
                (
                    encode(&current(state)),
                    state.scenario.with(|s| s.title.clone()),
                )
            });
            copy(
                state,
                copied,
                "Embed code for a course page",
                embed_snippet(&app_url(), &link, &title),
            );
        }
        Act::Svg => export(state, share, Export::Svg),
        Act::Png => export(state, share, Export::Png),
        Act::Json => export(state, share, Export::Json),
        Act::Mermaid => export(state, share, Export::Mermaid),
        Act::ShiViz => export(state, share, Export::ShiViz),
    }
}

/// Shows `text` in the read-only field and tries the clipboard.
fn copy(
    state: Playground,
    copied: RwSignal<Option<(&'static str, String)>>,
    what: &'static str,
    text: String,
) {
    copied.set(Some((what, text.clone())));
    let promise = window().navigator().clipboard().write_text(&text);
    spawn_local(async move {
        match JsFuture::from(promise).await {
            Ok(_) => state.announce(format!("{what} copied to the clipboard.")),
            Err(_) => state.announce(format!(
                "{what} could not be copied automatically: it is in the field below, ready to copy."
            )),
        }
    });
}

fn select_all(ev: &leptos::ev::FocusEvent) {
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.select();
    }
}

#[derive(Clone, Copy)]
enum Export {
    Svg,
    Png,
    Json,
    Mermaid,
    ShiViz,
}

fn export(state: Playground, share: Share, kind: Export) {
    let (id, title) = state
        .scenario
        .with_untracked(|s| (s.id.clone(), s.title.clone()));
    let now_us = state.now_us.get_untracked();
    // Where the page draws the now line: a little below a finished run's last event.
    let now_y = state.layout.get_untracked().y(now_us) + drop_px(state, now_us);
    let now_label = now_words(now_us);
    let result = match kind {
        Export::Svg => svg::diagram_svg(now_y, &now_label)
            .ok_or_else(|| "there is no diagram on the page".to_string())
            .and_then(|text| download::save_text(&file_name(&id, ".svg"), "image/svg+xml", &text)),
        Export::Png => match svg::diagram_svg(now_y, &now_label) {
            Some(text) => {
                let name = file_name(&id, ".png");
                png::svg_to_png(text, move |r| {
                    match r.and_then(|blob| download::save_blob(&name, &blob)) {
                        Ok(()) => state.announce(format!("Saved {name}.")),
                        Err(e) => fail(state, share, &e),
                    }
                });
                return;
            }
            None => Err("there is no diagram on the page".to_string()),
        },
        Export::Json => {
            let scenario = untrack(|| {
                state.scenario.with(|s| {
                    state
                        .bands
                        .with(|b| state.node_faults.with(|f| scenario_with(s, b, f)))
                })
            });
            let text = state
                .sim
                .with_untracked(|s| trace_json::trace_export(&scenario, s.run.trace()));
            download::save_text(&file_name(&id, "-trace.json"), "application/json", &text)
        }
        Export::Mermaid => {
            let text = state
                .sim
                .with_untracked(|s| mermaid::mermaid(s.run.trace(), &title));
            download::save_text(&file_name(&id, ".mmd"), "text/plain", &text)
        }
        Export::ShiViz => {
            let text = state.sim.with_untracked(|s| shiviz::shiviz(s.run.trace()));
            download::save_text(&file_name(&id, "-shiviz.log"), "text/plain", &text)
        }
    };
    match result {
        Ok(()) => state.announce("Export saved."),
        Err(e) => fail(state, share, &e),
    }
}

fn fail(state: Playground, share: Share, why: &str) {
    let words = format!("The export failed: {why}.");
    share.notice.set(Some(words.clone()));
    state.announce(words);
}

#[component]
fn WorkButtons(state: Playground, share: Share) -> impl IntoView {
    let armed = RwSignal::new(false);
    let reset = move |_| {
        if armed.get_untracked() {
            armed.set(false);
            reset_work(state, share, &super::default_scenario());
        } else {
            armed.set(true);
            state.announce(
                "Press Reset my work again to forget your partitions, faults and changes.",
            );
            set_timeout(move || armed.set(false), std::time::Duration::from_secs(5));
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                import_file(state, share, file);
            }
            input.set_value("");
        }
    };
    view! {
        <div class="share-group" role="group" aria-label="Your work">
            <label class="file-button">
                "Import scenario…"
                <input type="file" class="sr-only" accept=".json,application/json" on:change=on_file />
            </label>
            <button type="button" class="reset-work" class:armed=armed on:click=reset>
                {move || if armed.get() { "Press again to reset" } else { "Reset my work" }}
            </button>
        </div>
    }
}

/// Reads `file` as a scenario; on success loads it, on failure says why and keeps the current state.
fn import_file(state: Playground, share: Share, file: web_sys::File) {
    let name: String = file.name().chars().take(120).collect();
    if file.size() > MAX_IMPORT_BYTES {
        return import_failed(state, share, &name, "the file is larger than 4 MB");
    }
    let promise = file.text();
    spawn_local(async move {
        let text = JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string());
        let Some(text) = text else {
            return import_failed(state, share, &name, "the browser could not read it");
        };
        match faultline_sim::scenario_from_file(&text) {
            Ok(s) => {
                share.notice.set(None);
                let title = if s.title.is_empty() {
                    s.id.clone()
                } else {
                    s.title.clone()
                };
                state.pause();
                state.load_scenario(s);
                state.announce(format!("Imported \u{201c}{title}\u{201d} from {name}."));
            }
            Err(e) => import_failed(state, share, &name, &format!("{}: {}", e.field, e.message)),
        }
    });
}

fn import_failed(state: Playground, share: Share, name: &str, why: &str) {
    let words = format!("Could not import {name}: {why}. Your current scenario is unchanged.");
    share.notice.set(Some(words.clone()));
    state.announce(words);
}

/// Dropping a file anywhere on the page imports it; an outline shows while a file is dragged over.
fn drop_to_import(state: Playground, share: Share) {
    let depth = std::rc::Rc::new(std::cell::Cell::new(0i32));
    let on_drag = Closure::<dyn Fn(web_sys::DragEvent)>::new(move |ev: web_sys::DragEvent| {
        let files = ev
            .data_transfer()
            .is_some_and(|d| d.types().includes(&"Files".into(), 0));
        let d = match ev.type_().as_str() {
            "dragenter" if files => depth.get() + 1,
            "dragleave" => depth.get() - 1,
            "dragover" => {
                if files {
                    ev.prevent_default();
                }
                return;
            }
            "drop" => {
                let file = ev
                    .data_transfer()
                    .and_then(|d| d.files())
                    .and_then(|f| f.get(0));
                if let Some(file) = file {
                    ev.prevent_default();
                    import_file(state, share, file);
                }
                0
            }
            _ => return,
        };
        depth.set(d.max(0));
        if let Some(body) = document().body() {
            let _ = body.class_list().toggle_with_force("fl-dropping", d > 0);
        }
    });
    for kind in ["dragenter", "dragleave", "dragover", "drop"] {
        let _ = window().add_event_listener_with_callback(kind, on_drag.as_ref().unchecked_ref());
    }
    on_drag.forget();
}

fn open_full(state: Playground) {
    let _ =
        window().open_with_url_and_target_and_features(&share_link(state), "_blank", "noopener");
}
