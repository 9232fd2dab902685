//! What the page says if the wasm stops on a bug: a visible alert instead of a page gone dead.

/// Puts an alert at the top of the page saying the playground stopped, with the panic's words for
/// a bug report (as text, never as HTML). Does nothing where there is no document.
pub fn show(details: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(body), Ok(note)) = (doc.body(), doc.create_element("div")) else {
        return;
    };
    note.set_class_name("crash-note");
    let _ = note.set_attribute("role", "alert");
    note.set_text_content(Some(&format!(
        "Faultline stopped on a bug and no longer responds. Reload the page to start again: \
         your work is kept. For a bug report: {details}"
    )));
    let _ = body.insert_before(&note, body.first_child().as_ref());
}
