//! Exports of a run: the diagram as SVG and PNG, the trace as JSON, Mermaid and ShiViz text.
//!
//! The text formats are pure functions of the trace (tested natively); `svg`'s collection of styles,
//! `png` and `download` are the browser edge.

pub mod download;
pub mod mermaid;
pub mod png;
pub mod shiviz;
pub mod svg;
pub mod trace_json;

/// A file name for an export of scenario `id`: `faultline-<id>.<ext>`, safe on every system.
pub fn file_name(id: &str, suffix: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    let safe = if safe.is_empty() {
        "run".to_string()
    } else {
        safe
    };
    format!("faultline-{safe}{suffix}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_are_safe() {
        assert_eq!(super::file_name("a/b c", ".svg"), "faultline-a-b-c.svg");
        assert_eq!(
            super::file_name("", "-trace.json"),
            "faultline-run-trace.json"
        );
    }
}
