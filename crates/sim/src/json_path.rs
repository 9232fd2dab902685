//! Where in a JSON text reading stopped, as a path people can follow: `faults[0].partition.b[0]`.
//!
//! serde_json says on which line and column it failed. Walking the text up to there, keeping the
//! key or index of each object and array still open, names the field. (A crate that tracks the path
//! while deserialising did the same, for 6 KB more of the page's download: it wraps every type's
//! deserialiser.)

/// One object or array still open where reading stopped.
enum Open {
    /// An object, with the key whose value is being read, once its name is read.
    Object(Option<String>),
    /// An array, with the index of the item being read (or about to be: a value of the wrong
    /// type is reported before it is read).
    Array(usize),
}

/// The path of the value being read when serde_json stopped at `line` and `column` of `text`
/// (both from 1; the column counts bytes read on that line). Empty at the top level.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let read = text.as_bytes();
    let read = &read[..(line_start + column).min(read.len())];
    let mut open: Vec<Open> = Vec::new();
    let mut i = 0;
    while i < read.len() {
        let b = read[i];
        i += 1;
        match b {
            b'"' => {
                let start = i;
                i = string_end(read, i);
                let words = String::from_utf8_lossy(&read[start..i.min(read.len())]);
                if let Some(Open::Object(key @ None)) = open.last_mut() {
                    *key = Some(words.into_owned());
                }
                i += 1;
            }
            b'{' => open.push(Open::Object(None)),
            b'[' => open.push(Open::Array(0)),
            b'}' | b']' => {
                open.pop();
            }
            b',' => match open.last_mut() {
                Some(Open::Object(key)) => *key = None,
                Some(Open::Array(index)) => *index += 1,
                None => {}
            },
            _ => {}
        }
    }
    written(&open)
}

/// The index of the closing quote of a string whose text starts at `i`, or the end of `read`.
fn string_end(read: &[u8], mut i: usize) -> usize {
    while i < read.len() {
        match read[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    read.len()
}

/// `open` as a path: keys joined by dots, indices in brackets.
fn written(open: &[Open]) -> String {
    let mut path = String::new();
    for o in open {
        match o {
            Open::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Open::Array(index) => path.push_str(&format!("[{index}]")),
            Open::Object(None) => {}
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scenario;
    use proptest::prelude::*;

    /// The path serde_path_to_error (a dev-dependency kept as the reference) gives for `text`,
    /// and the one [`path_at`] gives, when `text` is not a scenario.
    fn both(text: &str) -> Option<(String, String)> {
        let mut de = serde_json::Deserializer::from_str(text);
        let e = serde_path_to_error::deserialize::<_, Scenario>(&mut de).err()?;
        let reference = e.path().to_string();
        let reference = if reference == "." {
            String::new()
        } else {
            reference
        };
        let inner = e.into_inner();
        // Past a syntax error the reference's path is a guess ("?"); only wrong values compare.
        if inner.classify() != serde_json::error::Category::Data {
            return None;
        }
        Some((reference, path_at(text, inner.line(), inner.column())))
    }

    #[test]
    fn names_the_field_as_the_reference_does() {
        for text in [
            r#"{"id":"x","faults":[{"partition":{"a":["web"],"b":["db"]}}]}"#,
            r#"{"id":"x","strategy":{"timeout_us":-5}}"#,
            r#"{"id":"x","strategy":{"timeout_us":"soon"}}"#,
            r#"{"id":"x","strategy":{"timeout_us":true}}"#,
            r#"{"id":"x","strategy":{"timeout_us":{"a":1}}}"#,
            r#"{"id":"x","strategy":{"timeout_us":[1]}}"#,
            r#"{"id":"x","strategy":{}, "workload":{"orders":1.5}}"#,
            "{\n  \"id\": \"x\",\n  \"faults\": [\n    {\"crash\": {\"node\": \"web\", \"at_us\": \"x\"}}\n  ]\n}",
            r#"{"id":1}"#,
            r#"{"id":"a\"b","seed":"x"}"#,
            r#"{"id":"x","network":{"loss":"lots"}}"#,
            r#"{"id":"x","faults":[{"crash":{"node":"web","at_us":1}},{"pause":{"node":7}}]}"#,
            r#"{"title":"no id"}"#,
            r#"{"id":"x","faults":{}}"#,
            r#"[]"#,
            r#"null"#,
        ] {
            let (reference, ours) = both(text).expect(text);
            assert_eq!(ours, reference, "{text}");
        }
    }

    #[test]
    fn opens_objects_and_arrays_on_later_lines() {
        let text = "{\"a\": [\n 1,\n {\"b\": x";
        assert_eq!(path_at(text, 3, 8), "a[1].b");
        assert_eq!(path_at(text, 2, 2), "a[0]");
        assert_eq!(path_at(text, 1, 6), "a");
        assert_eq!(path_at(text, 1, 1), "");
        assert_eq!(path_at(text, 99, 99), "a[1].b");
    }

    fn example_texts() -> Vec<String> {
        crate::examples().iter().map(Scenario::to_json).collect()
    }

    proptest! {
        /// A number, word or string of a real scenario replaced with another: the field named is
        /// the reference's.
        #[test]
        fn wrong_values_are_named_as_the_reference_names_them(
            which in 0usize..64,
            at in 0usize..1_000_000,
            with in prop::sample::select(vec!["-1", "\"x\"", "1.5", "true", "null", "[]", "{}", "99999999999999999999"]),
        ) {
            let texts = example_texts();
            let text = &texts[which % texts.len()];
            let values: Vec<(usize, usize)> = value_spans(text);
            let (start, end) = values[at % values.len()];
            let changed = format!("{}{}{}", &text[..start], with, &text[end..]);
            if let Some((reference, ours)) = both(&changed) {
                prop_assert_eq!(ours, reference, "{}", changed);
            }
        }
    }

    /// Where each value stands in a pretty `text`: after a colon, or alone on its line as an
    /// array's item (numbers, words and strings only).
    fn value_spans(text: &str) -> Vec<(usize, usize)> {
        let b = text.as_bytes();
        let after_colons = text.match_indices(": ").map(|(i, _)| i + 2);
        let items = text
            .match_indices('\n')
            .map(|(i, _)| i + 1 + b[i + 1..].iter().take_while(|c| **c == b' ').count());
        let mut spans = Vec::new();
        for start in after_colons.chain(items).filter(|&s| s < b.len()) {
            let end = if b[start] == b'"' {
                string_end(b, start + 1) + 1
            } else {
                start
                    + b[start..]
                        .iter()
                        .take_while(|c| !b",}]\n".contains(c))
                        .count()
            };
            let is_key = b.get(end) == Some(&b':');
            if !is_key && !matches!(b[start], b'{' | b'[' | b'}' | b']') {
                spans.push((start, end));
            }
        }
        spans
    }
}
