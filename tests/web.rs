//! Component tests that run in headless Chromium through wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app into a fresh element and returns that element.
fn mount_app() -> web_sys::HtmlElement {
    let document = leptos::prelude::document();
    let root: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    leptos::mount::mount_to(root.clone(), faultline::App).forget();
    root
}

#[wasm_bindgen_test]
fn app_mounts_its_heading_and_lifelines() {
    let root = mount_app();
    let h1 = root.query_selector("h1").unwrap().expect("an h1");
    assert_eq!(h1.text_content().unwrap(), "Faultline");
    let names: Vec<String> = (0..4)
        .filter_map(|i| root.query_selector_all(".lane-name").unwrap().item(i))
        .filter_map(|n| n.text_content())
        .collect();
    assert_eq!(names, ["client", "web", "billing", "inventory"]);
}

#[wasm_bindgen_test]
fn the_default_scenario_starts_with_its_partition_as_a_band() {
    let root = mount_app();
    let band = root
        .query_selector(".band")
        .unwrap()
        .expect("a partition band");
    let label = band.get_attribute("aria-label").unwrap();
    assert!(label.contains("web ⇹ inventory"), "{label}");
}

#[wasm_bindgen_test]
fn wasm_gives_the_same_trace_as_native() {
    // The native test `crates/sim/tests/golden_hash.rs` pins the same constant.
    let scenario = faultline_sim::golden_trace_hash_scenario();
    let mut run = faultline_sim::Run::new(&scenario).unwrap();
    run.run_to_end();
    assert_eq!(run.trace().hash(), 0x467b_b49a_a18c_5fca);
}

#[wasm_bindgen_test]
fn a_crash_note_tells_the_learner_in_words_not_html() {
    faultline::crash_note::show("<b>boom</b> at src/x.rs:1:1");
    let document = leptos::prelude::document();
    let note = document
        .query_selector(".crash-note[role=alert]")
        .unwrap()
        .expect("an alert");
    let text = note.text_content().unwrap();
    assert!(text.contains("Reload the page"), "{text}");
    assert!(text.contains("<b>boom</b> at src/x.rs:1:1"), "{text}");
    assert!(
        note.query_selector("b").unwrap().is_none(),
        "the details stay text"
    );
    let first = document.body().unwrap().first_element_child().unwrap();
    assert_eq!(first, note, "the note comes first on the page");
    note.remove();
}
