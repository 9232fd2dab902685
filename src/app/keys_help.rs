//! The "Help" button, which opens what the diagram's symbols mean and the list of keyboard
//! commands (so does ? in the page's keys, `controls::window_keys`). Both are static HTML in
//! `index.html` (`#keys-dialog`): the keys' list alone cost 3 KB of wasm gzip as a view.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Opens the dialog of symbols and keys, unless it is open already.
pub fn open_keys() {
    let dialog = document()
        .get_element_by_id("keys-dialog")
        .and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok());
    if let Some(d) = dialog.filter(|d| !d.open()) {
        let _ = d.show_modal();
        // Focus lands on Close, at the bottom: a tall dialog (on a phone) still opens at its top.
        d.set_scroll_top(0);
    }
}

/// The "Help" button.
#[component]
pub fn KeysHelp() -> impl IntoView {
    view! {
        <button type="button" class="keys-button" aria-haspopup="dialog" title="Symbols and keys (?)"
            on:click=move |_| open_keys()>"Help"</button>
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// The keys named in `text`'s pieces: split at spaces and `+`, without the joining words, and
    /// with arrows written together (`↑↓`) taken one by one.
    fn keys<'a>(pieces: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
        pieces
            .flat_map(|p| p.split([' ', '+']))
            .filter(|k| !k.is_empty() && *k != "or" && *k != "/")
            .flat_map(|k| {
                if k.chars().all(|c| "↑↓←→".contains(c)) {
                    k.chars().map(String::from).collect()
                } else {
                    vec![k.replace('−', "-")]
                }
            })
            .collect()
    }

    /// The text between each `open` and the next `close`.
    fn between<'a>(text: &'a str, open: &'a str, close: &'a str) -> impl Iterator<Item = &'a str> {
        text.split(open)
            .skip(1)
            .filter_map(move |s| s.split(close).next())
    }

    #[test]
    fn the_dialog_and_the_readme_list_the_same_keys() {
        let page = include_str!("../../index.html");
        let readme = include_str!("../../README.md");
        let dialog = keys(between(page, "<kbd>", "</kbd>"));
        let table = readme
            .split("| key | what it does |")
            .nth(1)
            .expect("README's table of keys")
            .lines()
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .filter_map(|l| l.split('|').nth(1));
        let listed = keys(table.flat_map(|cell| cell.split('`').skip(1).step_by(2)));
        assert_eq!(dialog, listed);
    }
}
