//! The postMessage API on the page: posts events to the course page and carries out its commands
//! (the formats and checks are in `post_message.rs`).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::post_message::{
    changed_event, error_event, finished_event, loaded_event, parse_command, partition_event,
    ready_event, violation_event, Command,
};
use super::url_state::SharedState;
use super::{load, Share};
use crate::app::state::Playground;

/// Whether the page runs inside a frame (else `parent` is the page itself).
fn framed() -> bool {
    window()
        .parent()
        .ok()
        .flatten()
        .is_some_and(|p| !js_sys::Object::is(&p, &window()))
}

fn post(target: &str, event: &str) {
    let Some(parent) = window().parent().ok().flatten() else {
        return;
    };
    if let Ok(data) = js_sys::JSON::parse(event) {
        let _ = parent.post_message(&data, target);
    }
}

/// Starts the API when the page is framed and `parentOrigin` was given; otherwise does nothing.
pub fn wire(state: Playground, share: Share) {
    let Some(target) = share.params.with_value(|p| p.parent_origin.clone()) else {
        return;
    };
    if !framed() {
        return;
    }
    let target = StoredValue::new(target);
    let send = move |v: String| target.with_value(|t| post(t, &v));
    send(ready_event(
        &state.scenario.with_untracked(|s| s.id.clone()),
    ));
    send_events(state, send);
    send_changes(state, send);
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let from_parent = ev.source().is_some_and(|s| {
                window()
                    .parent()
                    .ok()
                    .flatten()
                    .is_some_and(|p| js_sys::Object::is(&s, &p))
            });
            if !from_parent || !target.with_value(|t| *t == ev.origin()) {
                return;
            }
            let data = ev.data();
            let field = |name: &str| js_sys::Reflect::get(&data, &JsValue::from_str(name)).ok();
            let kind = field("type").and_then(|v| v.as_string());
            let id = field("id").and_then(|v| v.as_string());
            let scenario = field("scenario")
                .filter(|v| v.is_object())
                .and_then(|v| js_sys::JSON::stringify(&v).ok())
                .and_then(|s| s.as_string());
            match parse_command(kind.as_deref(), id.as_deref(), scenario.as_deref()) {
                Ok(Some(cmd)) => run(state, share, cmd, send),
                Ok(None) => {}
                Err(e) => send(error_event(&e)),
            }
        });
    let _ =
        window().add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
}

fn run(state: Playground, share: Share, cmd: Command, send: impl Fn(String)) {
    let loaded = match cmd {
        Command::Reset => Ok(share.boot_state.get_value()),
        Command::LoadExample(id) => faultline_sim::example(&id)
            .map(|s| SharedState::initial(&s))
            .ok_or_else(|| format!("there is no built-in scenario {id}")),
        Command::LoadScenario(json) => faultline_sim::scenario_from_file(&json)
            .map(|s| SharedState::initial(&s))
            .map_err(|e| format!("the scenario cannot be used: {e}")),
    };
    match loaded {
        Ok(s) => {
            load(state, &s);
            let title = if s.scenario.title.is_empty() {
                &s.scenario.id
            } else {
                &s.scenario.title
            };
            state.announce(format!("The course page loaded: {title}"));
            send(loaded_event(&s.scenario.id));
        }
        Err(e) => send(error_event(&e)),
    }
}

/// After each change the learner makes, what ended otherwise (nothing before the first change, or
/// after a scenario is loaded).
fn send_changes(state: Playground, send: impl Fn(String) + 'static) {
    Effect::new(move |_| {
        let changed = state
            .end_report
            .with(|r| (!r.words.is_empty()).then(|| changed_event(r)));
        if let Some(event) = changed {
            send(event);
        }
    });
}

/// What the events effect remembers between runs.
#[derive(Default)]
struct Seen {
    /// Violations already sent, as (seq, name).
    violations: Vec<(u64, String)>,
    /// The scenario (by id and seed) the band ids belong to, and the highest band id seen.
    scenario: (String, u64),
    top_band: u32,
    /// The run (by generation) whose end was last sent: each run's end is sent once, however
    /// often playback comes back to it.
    finished: Option<u64>,
}

/// One effect for the three outgoing events: each violation once when playback reaches it; a
/// band the learner added (a new id above every id seen while the scenario stayed the same); and
/// "now" reaching the end of a run, once per run.
fn send_events(state: Playground, send: impl Fn(String) + Copy + 'static) {
    let seen = StoredValue::new_local(None::<Seen>);
    Effect::new(move |_| {
        let scenario = state.scenario.with(|s| (s.id.clone(), s.seed));
        let now = state.now_us.get();
        let end = state.end_us();
        let at_end = end > 0 && now >= end;
        let top_band = state
            .bands
            .with(|bs| bs.iter().map(|b| b.id).max().unwrap_or(0));
        let mut first = false;
        seen.update_value(|s| {
            first = s.is_none();
            s.get_or_insert_with(Seen::default);
        });
        let mut out: Vec<String> = Vec::new();
        seen.update_value(|s| {
            let Some(s) = s.as_mut() else { return };
            state.snapshot.with(|snap| {
                for v in &snap.violations {
                    let key = (v.seq, v.name.clone());
                    if !s.violations.contains(&key) && s.violations.len() < 10_000 {
                        s.violations.push(key);
                        out.push(violation_event(v));
                    }
                }
            });
            if !first && s.scenario == scenario {
                state.bands.with(|bs| {
                    for b in bs.iter().filter(|b| b.id > s.top_band) {
                        out.push(partition_event(b));
                    }
                });
                s.top_band = s.top_band.max(top_band);
            } else {
                s.scenario = scenario;
                s.top_band = top_band;
            }
            let generation = state.sim.with(|sim| sim.generation);
            if at_end && s.finished != Some(generation) && !first {
                out.push(state.sim.with(|sim| {
                    let r = &sim.run;
                    let unexpected = r.violations().iter().filter(|v| !v.expected).count();
                    let outcome = r.outcome().map(|o| o.to_string()).unwrap_or_default();
                    finished_event(
                        end,
                        r.trace().events.len(),
                        r.violations().len(),
                        unexpected,
                        &outcome,
                    )
                }));
            }
            if at_end {
                s.finished = Some(generation);
            }
        });
        for e in out {
            send(e);
        }
    });
}
