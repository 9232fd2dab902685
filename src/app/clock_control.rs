//! Setting a node's wall clock behind or ahead at "now", to watch the merged log put effects
//! before their causes while the Lamport order never does.

use faultline_sim::{node_name, FaultSpec, NodeId, NODE_COUNT, NODE_NAMES};
use leptos::prelude::*;

use super::fields::{ms_text, FieldError};
use super::state::Playground;

/// Largest offset the control accepts, either way, in milliseconds.
const MAX_OFFSET_MS: f64 = 60_000.0;

/// Reads how far off the clock is, in milliseconds, as µs (negative when `behind`).
fn parse_offset(text: &str, behind: bool) -> Result<i64, String> {
    match text.trim().parse::<f64>() {
        Ok(ms) if (0.0..=MAX_OFFSET_MS).contains(&ms) => {
            let us = (ms * 1000.0).round() as i64;
            Ok(if behind { -us } else { us })
        }
        Ok(ms) if ms > MAX_OFFSET_MS => Err("At most a minute (60,000 ms).".to_string()),
        _ => Err("Type a number of milliseconds, e.g. 8.".to_string()),
    }
}

/// "8 ms ahead", "8 ms behind", "right".
fn offset_words(us: i64) -> String {
    match us.signum() {
        0 => "right".to_string(),
        1 => format!("{} ms ahead", ms_text(us.unsigned_abs())),
        _ => format!("{} ms behind", ms_text(us.unsigned_abs())),
    }
}

/// The row under the log's order: node, offset, Set.
#[component]
pub fn ClockControl(state: Playground) -> impl IntoView {
    let node = RwSignal::new(NodeId::INVENTORY);
    let offset = RwSignal::new("8".to_string());
    let behind = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let set = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_offset(&offset.get_untracked(), behind.get_untracked()) {
            Ok(us) => {
                error.set(None);
                let (n, now) = (node.get_untracked(), state.now_us.get_untracked());
                state.add_fault(FaultSpec::ClockSkew {
                    node: n,
                    offset_us: us,
                    drift_ppm: 0,
                    at_us: now,
                });
                state.announce(format!(
                    "{}'s clock reads {} from {} ms on.",
                    node_name(n),
                    offset_words(us),
                    ms_text(now)
                ));
            }
            Err(why) => error.set(Some(why)),
        }
    };
    view! {
        <form class="clock-control" on:submit=set>
            <label for="clock-node">"Set the clock of"</label>
            <select id="clock-node" on:change=move |ev| {
                if let Ok(i) = event_target_value(&ev).parse::<u8>() {
                    node.set(NodeId(i.min(NODE_COUNT as u8 - 1)));
                }
            }>
                {NODE_NAMES.iter().enumerate().map(|(i, name)| view! {
                    <option value=i.to_string() selected=i == NodeId::INVENTORY.index()>{*name}</option>
                }).collect_view()}
            </select>
            <label for="clock-offset">"to"</label>
            <input id="clock-offset" type="number" inputmode="decimal" min="0" step="any"
                aria-describedby="clock-offset-error"
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                prop:value=move || offset.get()
                on:input=move |ev| {
                    // A new number is judged when it is set, not by the last one's message.
                    error.set(None);
                    offset.set(event_target_value(&ev));
                } />
            <select id="clock-way" aria-label="Behind or ahead of real time"
                on:change=move |ev| behind.set(event_target_value(&ev) == "behind")>
                <option value="behind" selected>"ms behind"</option>
                <option value="ahead">"ms ahead"</option>
            </select>
            <span class="hint">"from now"</span>
            <button type="submit">"Set clock"</button>
            <FieldError id="clock-offset-error".to_string() error />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_read_both_ways_within_a_minute() {
        assert_eq!(parse_offset("8", false), Ok(8_000));
        assert_eq!(parse_offset(" 1.5 ", true), Ok(-1_500));
        assert!(parse_offset("60001", false).is_err());
        assert!(parse_offset("-3", true).is_err());
        assert!(parse_offset("ahead", false).is_err());
        assert!(parse_offset("inf", false).is_err());
        assert_eq!(offset_words(-8_000), "8 ms behind");
        assert_eq!(offset_words(1_500), "1.5 ms ahead");
        assert_eq!(offset_words(0), "right");
    }
}
