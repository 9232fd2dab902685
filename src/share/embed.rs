//! Embed mode for course pages: query parameters that hide the chrome, lock controls, pick the
//! scenario and start time, and set autoplay (`docs/embedding.md`); and the iframe snippet.

use super::post_message::parse_origin;

/// What the learner may change in an embedded playground.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Controls {
    /// Everything, as on the full page.
    All,
    /// Partition bands and time only: no scenario, strategy, crash or message-fault controls.
    Partitions,
    /// Time and inspection only: nothing in the run can be changed.
    None,
}

impl Controls {
    pub fn name(self) -> &'static str {
        match self {
            Controls::All => "all",
            Controls::Partitions => "partitions",
            Controls::None => "none",
        }
    }
}

/// Side panels an embed may show (`panels=status,views`).
pub const PANELS: [&str; 6] = ["status", "views", "unknowns", "strategy", "details", "log"];

/// Parameters read from the page's query string.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedParams {
    pub embed: bool,
    pub controls: Controls,
    /// A built-in scenario id (`scenario=`).
    pub scenario: Option<String>,
    /// Start time in µs (`t=` in milliseconds).
    pub start_us: Option<u64>,
    pub autoplay: Option<bool>,
    /// The course page's origin; events go there and commands are taken only from there.
    pub parent_origin: Option<String>,
    /// Side panels shown (all of them when not embedded).
    pub panels: Vec<&'static str>,
    /// Parameters that could not be used, in words for the notice.
    pub problems: Vec<String>,
}

impl Default for EmbedParams {
    fn default() -> Self {
        EmbedParams {
            embed: false,
            controls: Controls::All,
            scenario: None,
            start_us: None,
            autoplay: None,
            parent_origin: None,
            panels: PANELS.to_vec(),
            problems: Vec::new(),
        }
    }
}

/// Longest start time accepted (the core's own limit: one hour).
const MAX_START_MS: f64 = 3_600_000.0;

impl EmbedParams {
    /// Reads decoded `(key, value)` pairs; unknown keys are ignored, bad values noted in `problems`.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> EmbedParams {
        let mut p = EmbedParams::default();
        let mut controls = None;
        let mut panels = None;
        // Named one by one, not through "all": a panel the controls leave out is then worth a word.
        let mut strategy_named = false;
        for (key, value) in pairs {
            let value = value.trim();
            match key {
                "embed" => match flag(value) {
                    Some(b) => p.embed = b,
                    None => {
                        p.embed = true;
                        p.problems
                            .push(format!("embed={value:.40} is not 0 or 1 (taken as 1)"));
                    }
                },
                "controls" => match value {
                    "all" => controls = Some(Controls::All),
                    "partitions" => controls = Some(Controls::Partitions),
                    "none" => controls = Some(Controls::None),
                    _ => p.problems.push(format!(
                        "controls={value:.40} is not one of all, partitions, none"
                    )),
                },
                "scenario" if !value.is_empty() => {
                    p.scenario = Some(value.chars().take(100).collect())
                }
                "t" => match value.parse::<f64>() {
                    Ok(ms) if (0.0..=MAX_START_MS).contains(&ms) => {
                        p.start_us = Some((ms * 1000.0).round() as u64)
                    }
                    _ => p.problems.push(format!(
                        "t={value:.40} is not a time in milliseconds from 0 to 3600000"
                    )),
                },
                "autoplay" => match flag(value) {
                    Some(b) => p.autoplay = Some(b),
                    None => p
                        .problems
                        .push(format!("autoplay={value:.40} is not 0 or 1")),
                },
                "parentOrigin" => match parse_origin(value) {
                    Ok(o) => p.parent_origin = Some(o),
                    Err(e) => p.problems.push(format!("parentOrigin: {e}")),
                },
                "panels" => {
                    strategy_named = value.split(',').any(|n| n.trim() == "strategy");
                    panels = Some(parse_panels(value, &mut p.problems));
                }
                _ => {}
            }
        }
        if p.embed {
            p.controls = controls.unwrap_or(Controls::Partitions);
            p.panels = panels.unwrap_or_else(|| vec!["status", "views"]);
        } else {
            p.controls = controls.unwrap_or(Controls::All);
            p.panels = panels.unwrap_or_else(|| PANELS.to_vec());
        }
        if p.controls != Controls::All && p.panels.contains(&"strategy") {
            p.panels.retain(|x| *x != "strategy");
            if strategy_named {
                p.problems
                    .push("panels: strategy is shown only with controls=all".to_string());
            }
        }
        p
    }

    /// Classes for `<body>`, which `style/share.css` turns into hidden chrome and locked controls.
    pub fn body_classes(&self) -> Vec<String> {
        let mut c = Vec::new();
        if self.embed {
            c.push("fl-embed".to_string());
        }
        match self.controls {
            Controls::All => {}
            Controls::Partitions => c.push("fl-lock-faults".to_string()),
            Controls::None => {
                c.push("fl-lock-faults".to_string());
                c.push("fl-lock-partitions".to_string());
            }
        }
        for panel in PANELS {
            if !self.panels.contains(&panel) {
                c.push(format!("fl-hide-{panel}"));
            }
        }
        // Event details and the merged log sit under the diagram, not beside it.
        if self.panels.iter().all(|p| matches!(*p, "details" | "log")) {
            c.push("fl-no-side".to_string());
        }
        c
    }
}

fn flag(value: &str) -> Option<bool> {
    match value {
        "1" | "true" | "yes" | "on" | "" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn parse_panels(value: &str, problems: &mut Vec<String>) -> Vec<&'static str> {
    let mut out = Vec::new();
    for name in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match (name, PANELS.iter().find(|p| **p == name)) {
            ("none", _) => {}
            ("all", _) => out.extend(PANELS),
            (_, Some(p)) => out.push(*p),
            (_, None) => problems.push(format!(
                "panels: {name:.40} is not one of {}",
                PANELS.join(", ")
            )),
        }
    }
    out
}

/// Escapes text for an HTML attribute value in double quotes.
pub fn attr_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The `<iframe>` a teacher pastes into a course page. `app_url` is the playground's address
/// without query or fragment; `link` the state (`v1.…`).
pub fn embed_snippet(app_url: &str, link: &str, title: &str) -> String {
    let src = format!("{app_url}?embed=1&controls=partitions#{link}");
    let title = if title.trim().is_empty() {
        "Faultline".to_string()
    } else {
        format!("Faultline: {}", title.trim())
    };
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"960\" height=\"720\" loading=\"lazy\"></iframe>",
        attr_escape(&src),
        attr_escape(&title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_defaults_lock_to_partitions_and_hide_most_panels() {
        let p = EmbedParams::from_pairs([
            ("embed", "1"),
            ("scenario", "happy-path"),
            ("t", "12.5"),
            ("autoplay", "0"),
        ]);
        assert!(p.embed);
        assert_eq!(p.controls, Controls::Partitions);
        assert_eq!(p.scenario.as_deref(), Some("happy-path"));
        assert_eq!(p.start_us, Some(12_500));
        assert_eq!(p.autoplay, Some(false));
        assert_eq!(p.panels, vec!["status", "views"]);
        let classes = p.body_classes();
        assert!(classes.contains(&"fl-embed".to_string()));
        assert!(classes.contains(&"fl-hide-strategy".to_string()));
        assert!(classes.contains(&"fl-hide-log".to_string()));
        assert!(p.problems.is_empty());
    }

    #[test]
    fn the_panels_under_the_diagram_leave_it_the_full_width() {
        let p = EmbedParams::from_pairs([("embed", "1"), ("panels", "details,log")]);
        let classes = p.body_classes();
        assert!(classes.contains(&"fl-no-side".to_string()), "{classes:?}");
        assert!(!classes.contains(&"fl-hide-log".to_string()), "{classes:?}");
        let p = EmbedParams::from_pairs([("embed", "1"), ("panels", "log,views")]);
        assert!(!p.body_classes().contains(&"fl-no-side".to_string()));
    }

    #[test]
    fn a_panel_the_controls_leave_out_is_worth_a_word() {
        let p = EmbedParams::from_pairs([("embed", "1"), ("panels", "status,strategy")]);
        assert_eq!(p.panels, vec!["status"]);
        assert_eq!(
            p.problems,
            vec!["panels: strategy is shown only with controls=all"]
        );
        let all = EmbedParams::from_pairs([("embed", "1"), ("panels", "all")]);
        assert!(all.problems.is_empty(), "{:?}", all.problems);
        let odd = EmbedParams::from_pairs([("embed", "2")]);
        assert!(odd.embed);
        assert_eq!(odd.problems, vec!["embed=2 is not 0 or 1 (taken as 1)"]);
    }

    #[test]
    fn the_full_page_shows_everything() {
        let p = EmbedParams::from_pairs([]);
        assert_eq!(p.controls, Controls::All);
        assert!(p.body_classes().is_empty());
    }

    #[test]
    fn bad_values_are_reported_not_fatal() {
        let p = EmbedParams::from_pairs([
            ("embed", "1"),
            ("controls", "everything"),
            ("t", "-4"),
            ("autoplay", "maybe"),
            ("parentOrigin", "*"),
            ("panels", "views,nope"),
        ]);
        assert_eq!(p.problems.len(), 5, "{:?}", p.problems);
        assert_eq!(p.controls, Controls::Partitions);
        assert_eq!(p.panels, vec!["views"]);
        assert_eq!(p.parent_origin, None);
        let none =
            EmbedParams::from_pairs([("embed", "1"), ("controls", "none"), ("panels", "none")]);
        assert!(none
            .body_classes()
            .contains(&"fl-lock-partitions".to_string()));
        assert!(none.body_classes().contains(&"fl-no-side".to_string()));
    }

    #[test]
    fn the_snippet_escapes_what_it_quotes() {
        let s = embed_snippet(
            "https://x.example/course/",
            "v1.abc",
            "A \"quoted\" <title>",
        );
        assert_eq!(
            s,
            "<iframe src=\"https://x.example/course/?embed=1&amp;controls=partitions#v1.abc\" title=\"Faultline: A &quot;quoted&quot; &lt;title&gt;\" width=\"960\" height=\"720\" loading=\"lazy\"></iframe>"
        );
    }
}
