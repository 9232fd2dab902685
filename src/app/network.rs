//! Network controls: what one directed link of the order flow does to each message (how slow it
//! is, how often it loses a message, how often it delivers one twice), and which links differ.
//!
//! Like the strategy, every change re-runs the whole scenario from the same seed; a value that
//! cannot be used leaves the scenario as it was and says why beside the control.

use faultline_sim::{node_name, LinkSettings, NetworkSpec, NodeId, Scenario, FLOW_LINKS};
use leptos::prelude::*;

use super::fields::{self, ms_text, parse_ms, parse_percent, percent_text, NumberField};
use super::state::Playground;

/// The link the controls show first: the one the landing scenario cuts.
const FIRST_LINK: usize = 4;
/// The last choice of link: the defaults, for every link without settings of its own.
const DEFAULTS: usize = FLOW_LINKS.len();

/// The directed link chosen as `i`, or `None` for the defaults.
fn chosen(i: usize) -> Option<(NodeId, NodeId)> {
    FLOW_LINKS.get(i).copied()
}

/// What the chosen link does (the defaults for `None`).
fn settings_of(n: &NetworkSpec, link: Option<(NodeId, NodeId)>) -> LinkSettings {
    link.map_or_else(|| n.defaults(), |(f, t)| n.link_settings(f, t))
}

/// "web → inventory", or "every link's default".
fn choice_name(link: Option<(NodeId, NodeId)>) -> String {
    link.map_or_else(|| "every link's default".to_string(), link_name)
}

/// One number a link has, as a control shows and reads it.
#[derive(Clone, Copy)]
enum Setting {
    Fastest,
    Slowest,
    Loss,
    Twice,
}

impl Setting {
    fn text(self, s: &LinkSettings) -> String {
        match self {
            Setting::Fastest => ms_text(s.latency_min_us),
            Setting::Slowest => ms_text(s.latency_max_us),
            Setting::Loss => percent_text(s.loss),
            Setting::Twice => percent_text(s.duplicate),
        }
    }

    /// Reads `text` into `s`; says what changed, or why the value cannot be used.
    fn read(self, s: &mut LinkSettings, text: &str) -> Result<String, String> {
        match self {
            Setting::Fastest => {
                let us = parse_ms(text, 0.001)?;
                if us > s.latency_max_us {
                    return Err(format!(
                        "Must be at most the slowest, {} ms.",
                        ms_text(s.latency_max_us)
                    ));
                }
                s.latency_min_us = us;
                Ok(format!("fastest delivery {} ms", ms_text(us)))
            }
            Setting::Slowest => {
                let us = parse_ms(text, 0.001)?;
                if us < s.latency_min_us {
                    return Err(format!(
                        "Must be at least the fastest, {} ms.",
                        ms_text(s.latency_min_us)
                    ));
                }
                s.latency_max_us = us;
                Ok(format!("slowest delivery {} ms", ms_text(us)))
            }
            Setting::Loss => {
                s.loss = parse_percent(text)?;
                Ok(format!("loses {}%", percent_text(s.loss)))
            }
            Setting::Twice => {
                s.duplicate = parse_percent(text)?;
                Ok(format!("delivers {}% twice", percent_text(s.duplicate)))
            }
        }
    }
}

/// "web → inventory".
fn link_name((from, to): (NodeId, NodeId)) -> String {
    format!("{} → {}", node_name(from), node_name(to))
}

/// What a link does, in words: "12–18 ms, loses 20%, delivers 5% twice".
fn describe(s: &LinkSettings) -> String {
    let mut words = if s.latency_min_us == s.latency_max_us {
        format!("{} ms", ms_text(s.latency_min_us))
    } else {
        format!(
            "{}–{} ms",
            ms_text(s.latency_min_us),
            ms_text(s.latency_max_us)
        )
    };
    if s.loss > 0.0 {
        words.push_str(&format!(", loses {}%", percent_text(s.loss)));
    }
    if s.duplicate > 0.0 {
        words.push_str(&format!(", delivers {}% twice", percent_text(s.duplicate)));
    }
    words
}

/// One sentence per flow link that differs from the rest, then what the rest do.
fn summary(n: &NetworkSpec) -> String {
    let defaults = n.defaults();
    let mut lines: Vec<String> = FLOW_LINKS
        .iter()
        .filter_map(|&(f, t)| {
            let s = n.link_settings(f, t);
            (s != defaults).then(|| format!("{}: {}.", link_name((f, t)), describe(&s)))
        })
        .collect();
    let rest = if lines.is_empty() {
        "Every link"
    } else {
        "The others"
    };
    lines.push(format!("{rest}: {}.", describe(&defaults)));
    lines.join(" ")
}

/// The network panel.
#[component]
pub fn NetworkControls(state: Playground) -> impl IntoView {
    let link = RwSignal::new(FIRST_LINK);
    let pick = move |ev: leptos::ev::Event| {
        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
            link.set(i.min(DEFAULTS));
        }
    };
    view! {
        <section class="panel strategy network" aria-labelledby="network-title">
            <h2 id="network-title">"Network"</h2>
            <p class="hint">"What a link does to each message: a delay drawn (seeded) between the fastest and the slowest, and a chance to lose it or to deliver it twice. A change re-runs the same seed."</p>
            <div class="strategy-grid">
                <div class="field wide">
                    <label for="network-link">"Link"</label>
                    <select id="network-link" on:change=pick>
                        {(0..=DEFAULTS).map(|i| view! {
                            <option value=i.to_string() selected=i == FIRST_LINK>{choice_name(chosen(i))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <LinkField state link id="network-fastest" label="Fastest (ms)" setting=Setting::Fastest />
                <LinkField state link id="network-slowest" label="Slowest (ms)" setting=Setting::Slowest />
                <LinkField state link id="network-loss" label="Lost (%)" setting=Setting::Loss />
                <LinkField state link id="network-twice" label="Delivered twice (%)" setting=Setting::Twice />
            </div>
            <p class="network-summary">{move || state.scenario.with(|s| summary(&s.network))}</p>
        </section>
    }
}

/// One number of the chosen link; its message also clears when another link is chosen.
#[component]
fn LinkField(
    state: Playground,
    link: RwSignal<usize>,
    id: &'static str,
    label: &'static str,
    setting: Setting,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        link.track();
        error.set(None);
    });
    let read = move |text: &str| apply(state, chosen(link.get_untracked()), setting, text);
    let shown = move |s: &Scenario| setting.text(&settings_of(&s.network, chosen(link.get())));
    view! { <NumberField state id label error read shown /> }
}

/// Sets one number of the link `ends` (the defaults for `None`) from `text`; keeps the change only
/// if the scenario validates.
fn apply(
    state: Playground,
    ends: Option<(NodeId, NodeId)>,
    setting: Setting,
    text: &str,
) -> Result<(), String> {
    let mut link = state
        .scenario
        .with_untracked(|s| settings_of(&s.network, ends));
    let what = setting.read(&mut link, text)?;
    let what = format!("{}: {what}", choice_name(ends));
    fields::apply(state, what, |s| match ends {
        Some((from, to)) => s.network.set_link(from, to, link),
        None => s.network.set_defaults(link),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_names_the_links_that_differ() {
        let mut n = NetworkSpec::default();
        assert_eq!(summary(&n), "Every link: 1–3 ms.");
        let mut slow = n.link_settings(NodeId::WEB, NodeId::INVENTORY);
        slow.latency_min_us = 12_000;
        slow.latency_max_us = 18_000;
        slow.loss = 0.2;
        n.set_link(NodeId::WEB, NodeId::INVENTORY, slow);
        assert_eq!(
            summary(&n),
            "web → inventory: 12–18 ms, loses 20%. The others: 1–3 ms."
        );
    }

    #[test]
    fn the_last_choice_sets_the_defaults_and_leaves_own_settings() {
        let mut n = NetworkSpec::default();
        let mut lossy = n.link_settings(NodeId::WEB, NodeId::INVENTORY);
        lossy.loss = 1.0;
        n.set_link(NodeId::WEB, NodeId::INVENTORY, lossy);
        assert_eq!(chosen(DEFAULTS), None);
        let mut slow = settings_of(&n, chosen(DEFAULTS));
        slow.latency_max_us = 9_000;
        n.set_defaults(slow);
        assert_eq!(
            summary(&n),
            "web → inventory: 1–9 ms, loses 100%. The others: 1–9 ms."
        );
    }

    #[test]
    fn a_range_stays_in_order() {
        let mut s = NetworkSpec::default().defaults();
        assert_eq!(
            Setting::Fastest.read(&mut s, "5"),
            Err("Must be at most the slowest, 3 ms.".to_string())
        );
        assert_eq!(
            Setting::Slowest.read(&mut s, "0.5"),
            Err("Must be at least the fastest, 1 ms.".to_string())
        );
        assert!(Setting::Slowest.read(&mut s, "40").is_ok());
        assert_eq!(s.latency_max_us, 40_000);
        assert!(Setting::Loss.read(&mut s, "150").is_err());
        assert_eq!(s.loss, 0.0);
    }
}
