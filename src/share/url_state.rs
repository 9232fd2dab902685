//! The whole playground state as a short, versioned link fragment: `#v1.<base64url of compact JSON>`.
//!
//! Pure code (no browser): [`encode`] and [`decode`] round-trip a [`SharedState`]. A built-in
//! scenario travels as its id (plus the seed and strategy when the learner changed them); anything
//! else travels as the whole scenario. Bad, truncated, hand-edited or other-version links give a
//! [`LinkError`] with words for a learner, never a panic.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use faultline_sim::{FaultSpec, Scenario, ScenarioError};

use super::url_parse::{band_from_text, damaged, fields, invalid, small, split_version};
use crate::bands::{numbered, Band, Cut, Fate};
use crate::faults::{scenario_with, take_bands};
use crate::geom::{ZOOM_MAX_PX_PER_MS, ZOOM_MIN_PX_PER_MS};

/// The format this code writes. Bump it (and keep reading the old one) when the wire form changes.
pub const VERSION: u32 = 1;
/// Longest fragment read, in bytes (a custom scenario with many faults stays far below this).
pub const MAX_LINK_BYTES: usize = 64 * 1024;
/// Most bands and learner faults a link may carry.
pub const MAX_ITEMS: usize = 200;

/// What a link holds, in the playground's own terms.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedState {
    /// The scenario without the partitions that became bands (`Playground::scenario`).
    pub scenario: Scenario,
    /// Partition bands; their ids are not kept (they are numbered 1, 2, 3… on load).
    pub bands: Vec<Band>,
    /// Crashes, pauses and message faults the learner added.
    pub node_faults: Vec<FaultSpec>,
    pub now_us: u64,
    pub hide_truth: bool,
    /// Zoom in thousandths of a pixel per millisecond.
    pub zoom_milli: u32,
    /// Playback speed in virtual milliseconds per real second.
    pub speed_ms_per_s: u32,
}

impl SharedState {
    /// The state a scenario starts in: its band-shaped partitions as bands, nothing else changed.
    pub fn initial(scenario: &Scenario) -> SharedState {
        let (scenario, bands) = take_bands(scenario);
        SharedState {
            scenario,
            bands: numbered(bands),
            node_faults: Vec::new(),
            now_us: 0,
            hide_truth: false,
            zoom_milli: DEFAULT_ZOOM_MILLI,
            speed_ms_per_s: DEFAULT_SPEED_MS_PER_S,
        }
    }

    /// The scenario with the bands turned back into partitions (what `Playground::new` splits again).
    pub fn scenario_with_bands(&self) -> Scenario {
        scenario_with(&self.scenario, &self.bands, &[])
    }

    /// The scenario the core simulates: the bands turned back into partitions, then the learner's faults.
    pub fn full_scenario(&self) -> Scenario {
        scenario_with(&self.scenario, &self.bands, &self.node_faults)
    }

    /// Zoom in pixels per millisecond; `None` (zoom 0, the default) fits the run to the screen.
    pub fn px_per_ms(&self) -> Option<f64> {
        (self.zoom_milli != 0).then(|| {
            (self.zoom_milli as f64 / 1000.0).clamp(ZOOM_MIN_PX_PER_MS, ZOOM_MAX_PX_PER_MS)
        })
    }
}

/// Zoom as stored in a link.
pub fn zoom_milli(px_per_ms: f64) -> u32 {
    (px_per_ms.clamp(ZOOM_MIN_PX_PER_MS, ZOOM_MAX_PX_PER_MS) * 1000.0).round() as u32
}

/// Why a link could not be read. `Display` gives a sentence for the learner.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// The link was written by another format version (`0` = older than this code knows).
    Version(u32),
    /// The text is damaged: cut short, edited, or not base64/JSON.
    Damaged(String),
    /// A built-in scenario id this build does not have.
    UnknownScenario(String),
    /// The state decodes but cannot be used (a value out of range); names the field.
    Invalid(ScenarioError),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Version(v) if *v < VERSION => write!(
                f,
                "This link was made by an older version of Faultline (format v{v}) that this one cannot read."
            ),
            LinkError::Version(v) => write!(
                f,
                "This link was made by a newer version of Faultline (format v{v}); this one reads v{VERSION}."
            ),
            LinkError::Damaged(why) => write!(
                f,
                "This link is damaged — perhaps cut short when it was copied, or edited by hand ({why})."
            ),
            LinkError::UnknownScenario(id) => write!(
                f,
                "This link names a scenario \u{201c}{id}\u{201d} that this version of Faultline does not have."
            ),
            LinkError::Invalid(e) => write!(
                f,
                "This link holds a value Faultline cannot use: {}: {}.",
                e.field, e.message
            ),
        }
    }
}

/// Default zoom and speed (the playground's start values); links leave them out when unchanged.
/// No zoom in the link: fit the run to the screen.
pub const DEFAULT_ZOOM_MILLI: u32 = 0;
pub const DEFAULT_SPEED_MS_PER_S: u32 = 10;

/// The built-in scenario `id` without its band partitions, as the playground holds it.
fn example_rest(id: &str) -> Option<Scenario> {
    faultline_sim::example(id).map(|s| take_bands(&s).0)
}

/// `state` as a fragment body (no leading `#`), e.g.
/// `v1.e=partition-after-charge&b=2,6000,-,0,0&t=12000~` (`~` marks the end, so a cut link is noticed).
///
/// Fields, `&`-separated: `e` built-in scenario id; `b` bands `gap,start_us,end_us|-,cut,fate`
/// separated by `;`; `t` now (µs); `v` view flags (1 = truth hidden); `z` zoom (thousandths of
/// px/ms); `p` speed (ms/s); `s` base64url of scenario JSON (the whole scenario when it is not a
/// built-in one, else only what differs: seed, strategy, network and the learner's faults); `o`
/// which of seed (1), strategy (2), network (4) and orders with stock (8) `s` overrides; `n` how many of `s`'s faults are the learner's.
pub fn encode(state: &SharedState) -> String {
    let mut fields: Vec<String> = Vec::new();
    let node_faults = &state.node_faults;
    let json = match example_rest(&state.scenario.id) {
        Some(base) if same_but_settings(&base, &state.scenario) => {
            fields.push(format!("e={}", state.scenario.id));
            let mut over = 0;
            let mut j = String::from("{\"id\":\"-\"");
            if base.seed != state.scenario.seed {
                over |= 1;
                j.push_str(&format!(",\"seed\":{}", state.scenario.seed));
            }
            if base.strategy != state.scenario.strategy {
                over |= 2;
                j.push_str(",\"strategy\":");
                j.push_str(&serde_json::to_string(&state.scenario.strategy).unwrap_or_default());
            }
            if (&base.workload, base.stock) != (&state.scenario.workload, state.scenario.stock) {
                over |= 8;
                j.push_str(",\"workload\":");
                j.push_str(&serde_json::to_string(&state.scenario.workload).unwrap_or_default());
                j.push_str(&format!(",\"stock\":{}", state.scenario.stock));
            }
            if base.network != state.scenario.network {
                over |= 4;
                j.push_str(",\"network\":");
                j.push_str(&serde_json::to_string(&state.scenario.network).unwrap_or_default());
            }
            if !node_faults.is_empty() {
                j.push_str(",\"faults\":");
                j.push_str(&serde_json::to_string(node_faults).unwrap_or_default());
            }
            j.push('}');
            if over != 0 {
                fields.push(format!("o={over}"));
            }
            (over != 0 || !node_faults.is_empty()).then_some(j)
        }
        _ => {
            let mut whole = state.scenario.clone();
            whole.faults.extend(node_faults.iter().cloned());
            Some(serde_json::to_string(&whole).unwrap_or_default())
        }
    };
    if !state.bands.is_empty() {
        let bands: Vec<String> = state.bands.iter().map(band_text).collect();
        fields.push(format!("b={}", bands.join(";")));
    }
    let numbers = [
        ("t", state.now_us, 0),
        ("v", u64::from(state.hide_truth), 0),
        (
            "z",
            u64::from(state.zoom_milli),
            u64::from(DEFAULT_ZOOM_MILLI),
        ),
        (
            "p",
            u64::from(state.speed_ms_per_s),
            u64::from(DEFAULT_SPEED_MS_PER_S),
        ),
        ("n", node_faults.len() as u64, 0),
    ];
    for (key, value, default) in numbers {
        if value != default {
            fields.push(format!("{key}={value}"));
        }
    }
    if let Some(j) = json {
        fields.push(format!("s={}", URL_SAFE_NO_PAD.encode(j)));
    }
    format!("v{VERSION}.{}{END}", fields.join("&"))
}

/// Last character of every link: a link without it was cut short.
pub const END: char = '~';

/// Whether `s` is the built-in `base` with only the seed, strategy, network, orders or stock changed.
fn same_but_settings(base: &Scenario, s: &Scenario) -> bool {
    let mut b = base.clone();
    b.seed = s.seed;
    b.strategy = s.strategy.clone();
    b.network = s.network.clone();
    b.workload = s.workload.clone();
    b.stock = s.stock;
    b == *s
}

/// `gap,start_us,end_us,cut,fate`, with `-` for a band that never heals.
fn band_text(b: &Band) -> String {
    let cut = match b.cut {
        Cut::Both => 0,
        Cut::Rightward => 1,
        Cut::Leftward => 2,
    };
    let fate = match b.fate {
        Fate::Drop => 0,
        Fate::Hold => 1,
    };
    let end = if b.heals() {
        b.end_us.to_string()
    } else {
        "-".to_string()
    };
    format!("{},{},{end},{cut},{fate}", b.gap, b.start_us)
}

/// Whether a fragment (without `#`) is meant to be Faultline state: `v` then a digit.
pub fn is_state_fragment(fragment: &str) -> bool {
    let mut chars = fragment.chars();
    chars.next() == Some('v') && chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// Reads a fragment body written by [`encode`] (a leading `#` is allowed).
pub fn decode(fragment: &str) -> Result<SharedState, LinkError> {
    let text = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    if text.len() > MAX_LINK_BYTES {
        return Err(damaged("it is far too long"));
    }
    let (version, body) = split_version(text)?;
    if version != VERSION {
        return Err(LinkError::Version(version));
    }
    let Some(body) = body.strip_suffix(END) else {
        return Err(damaged("it ends too early"));
    };
    let f = fields(body)?;
    let [now, view, zoom, speed, learner, over] = f.numbers;
    let json = match f.json {
        Some(b64) => {
            let bytes = URL_SAFE_NO_PAD
                .decode(b64.trim_end_matches('='))
                .map_err(|_| damaged("its scenario part holds characters a link never has"))?;
            let text =
                String::from_utf8(bytes).map_err(|_| damaged("its scenario part is not text"))?;
            Some(Scenario::from_json(&text).map_err(|e| {
                if e.message.contains("EOF") || e.message.contains("end of") {
                    damaged("its scenario part ends too early")
                } else {
                    LinkError::Invalid(e)
                }
            })?)
        }
        None => None,
    };
    let learner = learner.unwrap_or(0) as usize;
    let (scenario, node_faults) = match (f.example, json) {
        (Some(id), part) => {
            let mut s =
                example_rest(id).ok_or_else(|| LinkError::UnknownScenario(id.to_string()))?;
            let part = part.unwrap_or_else(|| Scenario::basic("-"));
            let over = over.unwrap_or(0);
            if over & 1 == 1 {
                s.seed = part.seed;
            }
            if over & 2 == 2 {
                s.strategy = part.strategy;
            }
            if over & 4 == 4 {
                s.network = part.network;
            }
            if over & 8 == 8 {
                s.workload = part.workload;
                s.stock = part.stock;
            }
            if learner != part.faults.len() {
                return Err(damaged("its count of faults does not match"));
            }
            (s, part.faults)
        }
        (None, Some(mut whole)) => {
            let Some(split) = whole.faults.len().checked_sub(learner) else {
                return Err(damaged("its count of faults does not match"));
            };
            let node_faults = whole.faults.split_off(split);
            (whole, node_faults)
        }
        (None, None) => return Err(damaged("it names no scenario")),
    };
    let bands = match f.bands {
        Some(text) => text
            .split(';')
            .enumerate()
            .map(|(i, b)| band_from_text(i, b))
            .collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
    };
    if bands.len() > MAX_ITEMS || node_faults.len() > MAX_ITEMS {
        return Err(invalid(
            "faults",
            "a link may carry at most 200 partitions and faults",
        ));
    }
    let state = SharedState {
        scenario,
        bands,
        node_faults,
        now_us: now.unwrap_or(0),
        hide_truth: view.unwrap_or(0) == 1,
        zoom_milli: small(zoom, DEFAULT_ZOOM_MILLI)?,
        speed_ms_per_s: small(speed, DEFAULT_SPEED_MS_PER_S)?,
    };
    if view.unwrap_or(0) > 1 {
        return Err(invalid("view", "unknown view flags"));
    }
    if !(1..=1_000_000).contains(&state.speed_ms_per_s) {
        return Err(invalid(
            "speed",
            "playback speed must be 1 to 1,000,000 ms per second",
        ));
    }
    state
        .full_scenario()
        .validate()
        .map_err(LinkError::Invalid)?;
    Ok(state)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "url_state_tests.rs"]
mod tests;
