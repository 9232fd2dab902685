//! The diagram as a standalone SVG file: the live `<svg>`'s markup plus the page's style rules that
//! apply to it, so it looks the same outside the page (and parses as XML).

use wasm_bindgen::JsCast;

/// Most style text copied into an export.
const MAX_CSS_BYTES: usize = 200_000;
const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Turns the HTML serialisation of an inline `<svg>` into a standalone SVG document.
///
/// Adds the XML declaration, the SVG namespace, a size from the `viewBox`, the `css` in a CDATA
/// `<style>` and a white background; drops comments; rewrites `&nbsp;` (HTML-only) as `&#160;`.
pub fn standalone_svg(markup: &str, css: &str) -> String {
    let markup = strip_comments(markup).replace("&nbsp;", "&#160;");
    let Some(open_end) = root_tag_end(&markup) else {
        return String::new();
    };
    let (open, rest) = markup.split_at(open_end);
    let mut tag = open.trim_end_matches('>').trim_end_matches('/').to_string();
    if !tag.contains("xmlns=") {
        tag.push_str(&format!(" xmlns=\"{SVG_NS}\""));
    }
    if let Some((w, h)) = view_box_size(&tag) {
        if !has_attr(&tag, "width") {
            tag.push_str(&format!(" width=\"{w}\""));
        }
        if !has_attr(&tag, "height") {
            tag.push_str(&format!(" height=\"{h}\""));
        }
    }
    let css = css.replace("]]>", "]] >");
    let self_closing = open.trim_end().ends_with("/>");
    let body = if self_closing { "</svg>" } else { &rest[1..] };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{tag}><style><![CDATA[\n{css}\n]]></style>\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>{body}"
    )
}

/// Index of the `>` closing the first `<svg …>` tag (quotes respected).
fn root_tag_end(markup: &str) -> Option<usize> {
    let start = markup.find("<svg")?;
    let mut quote = None;
    for (i, c) in markup[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(start + i),
            _ => {}
        }
    }
    None
}

fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        rest = match rest[i + 4..].find("-->") {
            Some(j) => &rest[i + 4 + j + 3..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

fn has_attr(tag: &str, name: &str) -> bool {
    tag.contains(&format!(" {name}="))
}

/// Width and height from `viewBox="x y w h"`.
pub fn view_box_size(tag: &str) -> Option<(f64, f64)> {
    let i = tag.find("viewBox=\"")? + 9;
    let j = tag[i..].find('"')? + i;
    let nums: Vec<f64> = tag[i..j]
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match nums.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 => Some((*w, *h)),
        _ => None,
    }
}

/// The page's diagram as a standalone SVG document, or `None` if no diagram is on the page.
pub fn diagram_svg() -> Option<String> {
    let doc = leptos::prelude::document();
    let svg = doc.query_selector("svg.diagram").ok().flatten()?;
    Some(standalone_svg(&svg.outer_html(), &css_for(&svg)))
}

/// The text of every style rule on the page that matches something in `root` (plus `:root`
/// variables and keyframes), in page order.
fn css_for(root: &web_sys::Element) -> String {
    let doc = leptos::prelude::document();
    let sheets = doc.style_sheets();
    let mut css = String::new();
    for i in 0..sheets.length() {
        let Some(sheet) = sheets
            .item(i)
            .and_then(|s| s.dyn_into::<web_sys::CssStyleSheet>().ok())
        else {
            continue;
        };
        let Ok(rules) = sheet.css_rules() else {
            continue;
        };
        for j in 0..rules.length() {
            let Some(rule) = rules.item(j) else { continue };
            if keep_rule(root, &rule) && css.len() < MAX_CSS_BYTES {
                css.push_str(&rule.css_text());
                css.push('\n');
            }
        }
    }
    css
}

fn keep_rule(root: &web_sys::Element, rule: &web_sys::CssRule) -> bool {
    const KEYFRAMES_RULE: u16 = 7;
    if rule.type_() == KEYFRAMES_RULE {
        return true;
    }
    let Some(style) = rule.dyn_ref::<web_sys::CssStyleRule>() else {
        return false;
    };
    let selectors = style.selector_text();
    selectors.split(',').any(|sel| {
        let sel = sel.trim();
        sel == ":root"
            || sel == "*"
            || root.matches(sel).unwrap_or(false)
            || root.query_selector(sel).ok().flatten().is_some()
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "svg_tests.rs"]
mod tests;
