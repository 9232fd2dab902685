//! Time controls: play/pause, step forward and back, speed and a scrubber, each with a key.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use super::diagram::format_ms;
use super::keys_help::{open_keys, KeysHelp};
use super::state::{wall_ms, Playground, SPEEDS_MS_PER_S};
use crate::playback::{Motion, TICK_MS};

/// The time control bar.
#[component]
pub fn TimeControls(state: Playground) -> impl IntoView {
    play_loop(state);
    window_keys(state);
    let end = move || state.end_us();
    view! {
        <div class="time-controls" role="group" aria-label="Time controls">
            <button aria-label="Step back (comma)" title="Step back (,)" on:click=move |_| step_back(state)>"‹ Back"</button>
            <button
                class="play"
                aria-label=move || if state.playing.get() { "Pause (space)" } else { "Play (space)" }
                title="Play or pause (Space)"
                on:click=move |_| toggle_play(state)
            >{move || if state.playing.get() { "Pause" } else { "▶ Play" }}</button>
            <button aria-label="Step to the next event (period)" title="Step forward (.)" on:click=move |_| step_forward(state)>"Step ›"</button>
            <label class="speed">
                "Speed "
                <select
                    aria-label="Playback speed ([ and ] change it)"
                    prop:value=move || (state.speed_ms_per_s.get() as u32).to_string()
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            set_speed(state, v);
                        }
                    }
                >
                    {SPEEDS_MS_PER_S.iter().map(|s| *s as u32).map(|s| view! { <option value=s.to_string()>{format!("{s} ms/s")}</option> }).collect_view()}
                </select>
            </label>
            <input
                class="scrubber"
                type="range"
                min="0"
                step="100"
                aria-label="Time scrubber (Home and End jump to the ends)"
                aria-valuetext=move || format_ms(state.now_us.get())
                // The range steps by 100 µs: round its top up so the last event is reachable.
                prop:max=move || end().div_ceil(100).saturating_mul(100).to_string()
                prop:value=move || state.now_us.get().to_string()
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<u64>() {
                        state.pause();
                        state.seek(v);
                    }
                }
            />
            <output class="clock" aria-label="Current time">{move || format!("{} / {}", format_ms(state.now_us.get()), format_ms(end()))}</output>
            <KeysHelp />
        </div>
    }
}

/// Starts or stops playback; at the end, playing starts again from zero.
pub fn toggle_play(state: Playground) {
    let playing = !state.playing.get_untracked();
    if playing && state.now_us.get_untracked() >= state.end_us() {
        state.now_us.set(0);
    }
    if playing {
        state.follow_now.set(true);
        state.playing.set(true);
    } else {
        state.pause();
    }
    state.announce(if playing { "Playing" } else { "Paused" });
}

/// Moves now to the next instant at which something happens.
pub fn step_forward(state: Playground) {
    state.pause();
    let now = state.now_us.get_untracked();
    let next = state.sim.with_untracked(|s| {
        let ev = &s.run.trace().events;
        ev.get(ev.partition_point(|e| e.time_us <= now))
            .map(|e| e.time_us)
    });
    if let Some(t) = next {
        state.now_us.set(t);
        announce_instant(state, t);
    }
}

/// Moves now back to the previous instant at which something happened.
pub fn step_back(state: Playground) {
    state.pause();
    let now = state.now_us.get_untracked();
    let prev = state.sim.with_untracked(|s| {
        let ev = &s.run.trace().events;
        let i = ev.partition_point(|e| e.time_us < now);
        i.checked_sub(1).and_then(|j| ev.get(j)).map(|e| e.time_us)
    });
    let t = prev.unwrap_or(0);
    state.now_us.set(t);
    announce_instant(state, t);
}

/// Most events read out for one instant; the rest are counted.
const MAX_SPOKEN_EVENTS: usize = 4;

/// Says everything that happens at `t_us`, e.g. "4 ms: billing received …; billing charged …".
fn announce_instant(state: Playground, t_us: u64) {
    let (said, total) = state.sim.with_untracked(|s| {
        let ev = &s.run.trace().events;
        let from = ev.partition_point(|e| e.time_us < t_us);
        let at: Vec<_> = ev[from..]
            .iter()
            .take_while(|e| e.time_us == t_us)
            .collect();
        let said: Vec<String> = at
            .iter()
            .take(MAX_SPOKEN_EVENTS)
            .map(|e| e.summary())
            .collect();
        (said, at.len())
    });
    let mut text = format!("{}: ", format_ms(t_us));
    text.push_str(&if said.is_empty() {
        "the start".to_string()
    } else {
        said.join("; ")
    });
    let more = total.saturating_sub(said.len());
    if more > 0 {
        text.push_str(&format!("; and {more} more"));
    }
    state.announce(text);
}

fn change_speed(state: Playground, up: bool) {
    let cur = state.speed_ms_per_s.get_untracked();
    let i = SPEEDS_MS_PER_S.iter().position(|s| *s >= cur).unwrap_or(0);
    let j = if up {
        (i + 1).min(SPEEDS_MS_PER_S.len() - 1)
    } else {
        i.saturating_sub(1)
    };
    set_speed(state, SPEEDS_MS_PER_S[j]);
    state.announce(format!("Speed {} ms per second", SPEEDS_MS_PER_S[j]));
}

/// Changes the playback speed; playback, if on, goes on from where it really is.
fn set_speed(state: Playground, speed_ms_per_s: f64) {
    let now = state.live_now();
    state.speed_ms_per_s.set(speed_ms_per_s);
    if state.motion.get_untracked().is_some() {
        state.play_from(now);
    }
}

/// While playing, moves now with the wall clock a few times a second (the curtain glides in
/// between on its own); schedules nothing while paused.
fn play_loop(state: Playground) {
    Effect::new(move |_| {
        let playing = state.playing.get();
        let already = state.motion.get_untracked().is_some();
        if playing && !already {
            state.play_from(state.now_us.get_untracked());
        } else if !playing && already {
            state.motion.set(None);
        }
    });
    // One chain of ticks per motion: a new one (play, seek, speed) supersedes the old chain.
    Effect::new(move |_| {
        if let Some(m) = state.motion.get() {
            tick(state, m);
        }
    });
}

fn tick(state: Playground, m: Motion) {
    set_timeout(
        move || {
            if state.motion.get_untracked() != Some(m) {
                return;
            }
            let end = state.end_us();
            let now = m.now_at(wall_ms()).min(end);
            state.now_us.set(now);
            if now >= end {
                state.pause();
                state.announce("The run is over");
                return;
            }
            tick(state, m);
        },
        std::time::Duration::from_millis(TICK_MS as u64),
    );
}

/// Keys that work anywhere on the page except while typing in a field.
fn window_keys(state: Playground) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        if typing(&ev) || ev.default_prevented() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        match ev.key().as_str() {
            " " | "k" => toggle_play(state),
            "." | "ArrowRight" => step_forward(state),
            "," | "ArrowLeft" => step_back(state),
            "]" => change_speed(state, true),
            "[" => change_speed(state, false),
            "Home" => state.seek(0),
            "End" => state.seek(state.end_us()),
            "t" => {
                state.hide_truth.update(|h| *h = !*h);
                let hidden = state.hide_truth.get_untracked();
                state.announce(if hidden {
                    "The truth is hidden"
                } else {
                    "The truth is shown"
                });
            }
            "?" => open_keys(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || handle.remove());
}

/// Whether the key press belongs to a text field, select, range or button the learner is using.
fn typing(ev: &KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    let key = ev.key();
    let is_button = tag == "button" && (key == " " || key == "Enter");
    // A slider takes only the keys that move it; Space and K still play and pause.
    if tag == "input" && el.get_attribute("type").as_deref() == Some("range") {
        return key.starts_with("Arrow")
            || matches!(key.as_str(), "Home" | "End" | "PageUp" | "PageDown");
    }
    matches!(tag.as_str(), "input" | "select" | "textarea") || is_button
}
