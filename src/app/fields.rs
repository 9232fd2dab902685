//! Pieces every settings panel shares: reading and showing milliseconds and percentages, and the
//! message under a control that says why a value was not taken.

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
