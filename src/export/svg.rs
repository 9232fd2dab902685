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
        // Whole pixels: the page's diagram has a whole-pixel view box (src/geom.rs, `px`).
        let (w, h) = (w.ceil() as u32, h.ceil() as u32);
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

/// What happened, clipped at now: on the page the curtain hides the future; in a file, this clip.
const PAST_ONLY_CSS: &str = ".messages, .marks, .outage { clip-path: url(#past); }";

/// The diagram's layers as one `<svg>`: `base` (lifelines, arrows, marks) with what lies below
/// `now_y` clipped away, then the body of `over` (time axis, partitions). The now line goes under
/// both, as on the page, where the labels' halos cover it; its label, `now_label` ("now 36.7 ms",
/// made of digits only), goes on top, under the line on the time axis, where no tick label is.
pub fn flatten_layers(base: &str, over: &str, now_y: f64, now_label: &str) -> String {
    let (Some(base_open), Some(base_close)) = (root_tag_end(base), base.rfind("</svg>")) else {
        return base.to_string();
    };
    let over_body = match (root_tag_end(over), over.rfind("</svg>")) {
        (Some(open), Some(close)) if open < close => &over[open + 1..close],
        _ => "",
    };
    let y = if now_y.is_finite() {
        now_y.max(0.0)
    } else {
        0.0
    };
    format!(
        "{}<clipPath id=\"past\" clipPathUnits=\"userSpaceOnUse\">\
         <rect x=\"-10000\" y=\"-10000\" width=\"100000\" height=\"{h:.1}\"/></clipPath>\
         <line x1=\"0\" x2=\"100%\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#1d2330\" \
         stroke-width=\"1.5\" stroke-dasharray=\"8 4\"/>{}{over_body}<text x=\"4\" \
         y=\"{label_y:.1}\" font-size=\"10.5\" font-weight=\"600\" fill=\"#1d2330\">{now_label}</text></svg>",
        &base[..=base_open],
        &base[base_open + 1..base_close],
        h = y + 10000.0,
        label_y = y + 12.0,
    )
}

/// The page's diagram as a standalone SVG document showing what happened up to `now_y` (the
/// now line's height in the diagram, labelled `now_label`), or `None` if no diagram is on the page.
pub fn diagram_svg(now_y: f64, now_label: &str) -> Option<String> {
    let doc = leptos::prelude::document();
    let base = doc.query_selector("svg.diagram").ok().flatten()?;
    let mut css = css_for(&base);
    let over = doc.query_selector("svg.diagram-over").ok().flatten();
    if let Some(o) = &over {
        css.push_str(&css_for(o));
    }
    css.push_str(PAST_ONLY_CSS);
    let over = over.map_or(String::new(), |o| o.outer_html());
    Some(standalone_svg(
        &flatten_layers(&without_canvas(&base.outer_html()), &over, now_y, now_label),
        &css,
    ))
}

/// The diagram's markup with its dense-run canvas left out and the bundled paths it stands for
/// shown: a file cannot carry the canvas's pixels, and the paths draw the same.
pub fn without_canvas(markup: &str) -> String {
    let mut out = markup.replace(" canvas-drawn", "");
    while let Some(start) = out.find("<foreignObject class=\"dense-canvas\"") {
        let end = out[start..]
            .find("</foreignObject>")
            .map_or(out.len(), |i| start + i + "</foreignObject>".len());
        out.replace_range(start..end, "");
    }
    out
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
