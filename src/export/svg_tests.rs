//! The standalone SVG is well-formed XML (checked by a small XML reader written for the test).

use super::*;

/// Checks XML well-formedness: one root, nested tags close in order, attributes quoted and unique,
/// only XML's five named entities or numeric ones, comments/CDATA/declaration closed.
fn well_formed(xml: &str) -> Result<(), String> {
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut rest = xml
        .strip_prefix("<?xml")
        .map_or(xml, |r| match r.find("?>") {
            Some(i) => &r[i + 2..],
            None => "",
        });
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            check_text(rest)?;
            if !rest.trim().is_empty() && stack.is_empty() {
                return Err("text outside the root".into());
            }
            break;
        };
        check_text(&rest[..lt])?;
        if !rest[..lt].trim().is_empty() && stack.is_empty() {
            return Err("text outside the root".into());
        }
        rest = &rest[lt..];
        if let Some(r) = rest.strip_prefix("<![CDATA[") {
            let end = r.find("]]>").ok_or("CDATA not closed")?;
            rest = &r[end + 3..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            let end = r.find("-->").ok_or("comment not closed")?;
            rest = &r[end + 3..];
        } else if let Some(r) = rest.strip_prefix("</") {
            let end = r.find('>').ok_or("end tag not closed")?;
            let name = r[..end].trim();
            if stack.pop().as_deref() != Some(name) {
                return Err(format!("</{name}> closes nothing open"));
            }
            rest = &r[end + 1..];
        } else {
            let end = tag_end(rest).ok_or("tag not closed")?;
            let inner = &rest[1..end];
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(i) => (i, true),
                None => (inner, false),
            };
            let name = check_tag(inner)?;
            if stack.is_empty() {
                roots += 1;
            }
            if !empty {
                stack.push(name);
            }
            rest = &rest[end + 1..];
        }
    }
    match (roots, stack.is_empty()) {
        (1, true) => Ok(()),
        (n, true) => Err(format!("{n} root elements")),
        (_, false) => Err(format!("unclosed: {stack:?}")),
    }
}

fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn check_tag(inner: &str) -> Result<String, String> {
    let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    let name = &inner[..name_end];
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || ":-_.".contains(c))
    {
        return Err(format!("bad tag name {name:?}"));
    }
    let mut attrs = inner[name_end..].trim();
    let mut seen = Vec::new();
    while !attrs.is_empty() {
        let eq = attrs
            .find('=')
            .ok_or(format!("attribute without value in <{name}>"))?;
        let key = attrs[..eq].trim();
        if key.is_empty() || key.contains(char::is_whitespace) || seen.contains(&key) {
            return Err(format!("bad or repeated attribute {key:?} in <{name}>"));
        }
        seen.push(key);
        let after = attrs[eq + 1..].trim_start();
        let q = after
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
            .ok_or("unquoted attribute")?;
        let close = after[1..].find(q).ok_or("attribute not closed")? + 1;
        let value = &after[1..close];
        if value.contains('<') {
            return Err("< in an attribute".into());
        }
        check_text(value)?;
        attrs = after[close + 1..].trim_start();
    }
    Ok(name.to_string())
}

fn check_text(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        let end = rest[i..].find(';').ok_or("& without ;")? + i;
        let entity = &rest[i + 1..end];
        let ok = matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos")
            || entity
                .strip_prefix("#x")
                .is_some_and(|h| u32::from_str_radix(h, 16).is_ok())
            || entity
                .strip_prefix('#')
                .is_some_and(|d| d.parse::<u32>().is_ok());
        if !ok {
            return Err(format!("entity &{entity}; is not XML"));
        }
        rest = &rest[end + 1..];
    }
    Ok(())
}

/// Roughly what Chromium's `outerHTML` gives for the diagram (HTML serialisation of SVG).
const LIVE: &str = r##"<svg class="diagram" viewBox="0 0 720 616" role="img" aria-label="Messages &amp; more"><!----><defs><marker id="head" viewBox="0 0 10 10"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"></path></marker></defs><g class="messages"><g class="msg dropped" tabindex="0" role="button" aria-label="Message Charge #1&nbsp;(key k1)" data-seq="3"><line class="shaft" x1="10" y1="20" x2="30" y2="40" marker-end="url(#head)"></line><text class="msg-label" x="1" y="2" text-anchor="middle">a &lt; b &amp;&nbsp;c ⇹</text></g></g><!--x--></svg>"##;

#[test]
fn the_export_is_well_formed_and_standalone() {
    let css =
        ".msg .shaft { stroke: var(--blue); }\n:root { --blue: #0072b2; }\n.a > .b { fill: red; }";
    let svg = standalone_svg(LIVE, css);
    well_formed(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    assert!(svg.starts_with("<?xml version=\"1.0\""));
    assert!(svg.contains(r#"xmlns="http://www.w3.org/2000/svg""#));
    assert!(svg.contains(r#"width="720" height="616""#));
    assert!(svg.contains(".msg .shaft { stroke: var(--blue); }"));
    assert!(!svg.contains("&nbsp;") && !svg.contains("<!--"));
}

#[test]
fn the_checker_rejects_what_xml_rejects() {
    for bad in [
        "<svg><g></svg>",
        "<svg a=1></svg>",
        "<svg>&nbsp;</svg>",
        "<svg></svg><svg></svg>",
        "<svg a=\"1\" a=\"2\"></svg>",
        "<svg><![CDATA[x</svg>",
    ] {
        assert!(well_formed(bad).is_err(), "{bad}");
    }
    assert!(well_formed("<svg><g/><t>a &amp; b &#160;</t></svg>").is_ok());
}

#[test]
fn size_comes_from_the_view_box() {
    assert_eq!(
        view_box_size(r#"<svg viewBox="0 0 10 20""#),
        Some((10.0, 20.0))
    );
    assert_eq!(view_box_size("<svg>"), None);
    assert_eq!(standalone_svg("no svg here", ""), "");
}

#[test]
fn the_layers_flatten_into_one_picture_clipped_at_now() {
    let over = r#"<svg class="diagram-over" viewBox="0 0 720 616"><g class="bands"><rect class="band-body" x="1" y="2" width="3" height="4"></rect></g></svg>"#;
    let flat = flatten_layers(LIVE, over, 123.0, "now 36.7 ms");
    let svg = standalone_svg(&flat, PAST_ONLY_CSS);
    well_formed(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    assert_eq!(svg.matches("<svg").count(), 1, "one root: {svg}");
    assert!(flat.starts_with(r#"<svg class="diagram""#));
    assert!(
        flat.contains(r#"<rect class="band-body""#),
        "the partitions come along"
    );
    assert!(flat.contains(r#"y1="123.0""#), "the now line is drawn");
    assert!(
        flat.contains(
            r##"y="135.0" font-size="10.5" font-weight="600" fill="#1d2330">now 36.7 ms</text>"##
        ),
        "and labelled under it: {flat}"
    );
    // The line goes under everything drawn (labels' halos cover it), the label over everything.
    let line = flat
        .find(r#"stroke-dasharray="8 4""#)
        .expect("the now line");
    let base_body = flat.find("</clipPath>").expect("the clip") + "</clipPath>".len();
    assert!(flat[base_body..line].starts_with("<line"), "{flat}");
    assert!(line < flat.find(r#"class="band-body""#).expect("the band"));
    assert!(flat.ends_with("now 36.7 ms</text></svg>"));
    // The clip keeps everything above now (and nothing below it).
    assert!(
        flat.contains(r#"y="-10000" width="100000" height="10123.0""#),
        "{flat}"
    );
    assert!(svg.contains("clip-path: url(#past)"));
    // Without an upper layer the lower one still exports.
    assert!(well_formed(&standalone_svg(
        &flatten_layers(LIVE, "", f64::NAN, "now 0 ms"),
        ""
    ))
    .is_ok());
}

#[test]
fn the_export_shows_the_bundles_instead_of_the_canvas() {
    let live = r#"<svg class="diagram"><g class="events"><rect class="dense-hit"></rect><foreignObject class="dense-canvas" x="0" y="0" width="720" height="616" aria-hidden="true"><canvas width="792" height="678"></canvas></foreignObject><g class="messages dense canvas-drawn"><path class="dense-shafts bundle" d="M1 2L3 4"></path></g><g class="marks dense canvas-drawn"></g></g></svg>"#;
    let out = without_canvas(live);
    assert!(
        !out.contains("foreignObject") && !out.contains("canvas"),
        "{out}"
    );
    assert!(out
        .contains(r#"<g class="messages dense"><path class="dense-shafts bundle" d="M1 2L3 4">"#));
    assert!(well_formed(&standalone_svg(&out, "")).is_ok());
}
