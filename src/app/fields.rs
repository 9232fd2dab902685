//! Pieces every settings panel shares: reading and showing milliseconds and percentages, and the
//! message under a control that says why a value was not taken.

use faultline_sim::Scenario;
use leptos::prelude::*;

use super::state::Playground;

/// Largest time a control accepts, in milliseconds (the core's own limit is one hour).
const MAX_MS: f64 = 3_600_000.0;

/// Milliseconds as typed into a control, e.g. `20` or `12.5`.
pub fn ms_text(us: u64) -> String {
    let ms = us as f64 / 1000.0;
    if ms.fract() == 0.0 {
        format!("{ms:.0}")
    } else {
        let s = format!("{ms:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Reads a time in milliseconds typed by the learner, as µs.
pub fn parse_ms(text: &str, min_ms: f64) -> Result<u64, String> {
    let ms: f64 = text
        .trim()
        .parse()
        .map_err(|_| "Type a number of milliseconds, e.g. 20.".to_string())?;
    if !ms.is_finite() || ms < min_ms {
        return Err(if min_ms > 0.0 {
            "Must be more than 0 ms.".to_string()
        } else {
            "Must be 0 ms or more.".to_string()
        });
    }
    if ms > MAX_MS {
        return Err("At most one hour (3,600,000 ms).".to_string());
    }
    Ok((ms * 1000.0).round() as u64)
}

/// The inline message under a control, tied to it by `aria-describedby`.
#[component]
pub fn FieldError(id: String, error: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <p class="field-error" id=id role="alert" hidden=move || error.with(Option::is_none)>
            <span aria-hidden="true">"⚠ "</span>
            {move || error.get().unwrap_or_default()}
        </p>
    }
}

/// Clears a control's message whenever the scenario changes (the control shows the stored value again).
pub fn clear_on_change(state: Playground, error: RwSignal<Option<String>>) {
    Effect::new(move |_| {
        state.scenario.track();
        error.set(None);
    });
}

/// A chance in 0..=1 as typed into a control, in percent: `5`, `12.5`.
pub fn percent_text(p: f64) -> String {
    let s = format!("{:.2}", p * 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Reads a percentage typed by the learner, as a chance in 0..=1.
pub fn parse_percent(text: &str) -> Result<f64, String> {
    match text.trim().trim_end_matches('%').trim().parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p / 100.0),
        _ => Err("Type a percentage from 0 to 100, e.g. 20.".to_string()),
    }
}

/// Reads a whole number from `min` to `max` typed into the control named `name`.
fn parse_count(text: &str, name: &str, min: u32, max: u32) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!(
            "{name} must be a whole number from {min} to {max}."
        )),
    }
}

/// Applies `change` to a copy of the scenario; keeps it only if it validates, and then re-runs the
/// same seed. Returns the learner-facing reason when it does not.
pub fn apply(
    state: Playground,
    what: String,
    change: impl FnOnce(&mut Scenario),
) -> Result<(), String> {
    let mut candidate = state.scenario.get_untracked();
    change(&mut candidate);
    if state.scenario.with_untracked(|s| *s == candidate) {
        return Ok(());
    }
    candidate.validate().map_err(|e| e.message)?;
    state.scenario.set(candidate);
    state.announce(format!("{what}. Re-ran the same seed."));
    Ok(())
}

/// A time in milliseconds, stored in µs.
#[component]
pub fn TimeField(
    state: Playground,
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    min_ms: f64,
    get: fn(&Scenario) -> u64,
    set: fn(&mut Scenario, u64),
) -> impl IntoView {
    let name = label.trim_end_matches(" (ms)");
    let read = move |text: &str| {
        parse_ms(text, min_ms).and_then(|us| {
            apply(state, format!("{name} set to {} ms", ms_text(us)), |s| {
                set(s, us)
            })
        })
    };
    view! { <NumberField state id label hint read shown=move |s| ms_text(get(s)) /> }
}

/// A whole number from `min` to `max`.
#[component]
pub fn CountField(
    state: Playground,
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    min: u32,
    max: u32,
    get: fn(&Scenario) -> u32,
    set: fn(&mut Scenario, u32),
) -> impl IntoView {
    let read = move |text: &str| {
        parse_count(text, label, min, max)
            .and_then(|n| apply(state, format!("{label} set to {n}"), |s| set(s, n)))
    };
    view! { <NumberField state id label hint read shown=move |s| get(s).to_string() /> }
}

/// A labelled number control with its hint and its message: `shown` gives its text from the
/// scenario, `read` takes what the learner typed (or says why not). A caller that must clear the
/// message on changes of its own passes `error`.
#[component]
pub fn NumberField(
    state: Playground,
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] error: Option<RwSignal<Option<String>>>,
    read: impl Fn(&str) -> Result<(), String> + Copy + Send + Sync + 'static,
    shown: impl Fn(&Scenario) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| RwSignal::new(None));
    clear_on_change(state, error);
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = match hint {
        Some(_) => format!("{hint_id} {err_id}"),
        None => err_id.clone(),
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="number" inputmode="decimal" min="0" step="any"
                aria-describedby=described
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                prop:value=move || state.scenario.with(shown)
                on:change=move |ev| error.set(read(&event_target_value(&ev)).err()) />
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            <FieldError id=err_id error />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milliseconds_round_trip() {
        assert_eq!(ms_text(20_000), "20");
        assert_eq!(ms_text(12_500), "12.5");
        assert_eq!(parse_ms("12.5", 0.001), Ok(12_500));
        assert!(parse_ms("0", 0.001).is_err());
        assert!(parse_ms("-3", 0.0).is_err());
        assert!(parse_ms("", 0.0).is_err());
        assert!(parse_ms("1e30", 0.0).is_err());
        assert_eq!(parse_ms("0", 0.0), Ok(0));
    }

    #[test]
    fn counts_are_bounded() {
        assert_eq!(parse_count("3", "Retries", 0, 10), Ok(3));
        assert_eq!(
            parse_count("11", "Retries", 0, 10),
            Err("Retries must be a whole number from 0 to 10.".to_string())
        );
        assert!(parse_count("-1", "Retries", 0, 10).is_err());
        assert!(parse_count("2.5", "Retries", 0, 10).is_err());
        assert!(parse_count("0", "Orders", 1, 50).is_err());
    }

    #[test]
    fn percentages_round_trip() {
        assert_eq!(percent_text(0.2), "20");
        assert_eq!(percent_text(0.125), "12.5");
        assert_eq!(percent_text(0.0), "0");
        assert_eq!(parse_percent(" 20 % "), Ok(0.2));
        assert_eq!(parse_percent("100"), Ok(1.0));
        assert!(parse_percent("101").is_err());
        assert!(parse_percent("-1").is_err());
        assert!(parse_percent("NaN").is_err());
        assert!(parse_percent("").is_err());
    }
}
