//! Undo and redo of the learner's work: partitions, faults, strategy, network and scenario.
//!
//! A step is a settled change: a band dragged across the diagram is one step when it is dropped,
//! not one per frame. Ctrl+Z (⌘Z) undoes, Ctrl+Shift+Z or Ctrl+Y redoes, except in a text field,
//! which keeps its own undo.

use faultline_sim::{FaultSpec, Scenario};
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use super::state::Playground;
use crate::bands::Band;

/// Most steps kept.
const MAX_STEPS: usize = 100;

/// Everything a step restores.
#[derive(Clone, PartialEq)]
struct Work {
    scenario: Scenario,
    bands: Vec<Band>,
    node_faults: Vec<FaultSpec>,
}

impl Work {
    /// The work as it is now (tracked).
    fn now(state: Playground) -> Work {
        Work {
            scenario: state.scenario.get(),
            bands: state.bands.get(),
            node_faults: state.node_faults.get(),
        }
    }

    fn restore(self, state: Playground) {
        state.scenario.set(self.scenario);
        state.bands.set(self.bands);
        state.node_faults.set(self.node_faults);
    }
}

/// The two stacks of steps, and how many each holds (for the buttons).
#[derive(Clone, Copy)]
pub struct History {
    undo: StoredValue<Vec<Work>>,
    redo: StoredValue<Vec<Work>>,
    /// The work as of the last settled change.
    settled: StoredValue<Option<Work>>,
    /// (undo steps, redo steps).
    pub depth: RwSignal<(usize, usize)>,
}

impl History {
    /// Starts recording the learner's changes from the state as it is now.
    pub fn keep(state: Playground) -> History {
        let h = History {
            undo: StoredValue::new(Vec::new()),
            redo: StoredValue::new(Vec::new()),
            settled: StoredValue::new(None),
            depth: RwSignal::new((0, 0)),
        };
        Effect::new(move |_| {
            if state.is_dragging() {
                return;
            }
            let now = Work::now(state);
            let Some(before) = h.settled.get_value() else {
                h.settled.set_value(Some(now));
                return;
            };
            if before != now {
                h.undo.update_value(|u| {
                    u.push(before);
                    if u.len() > MAX_STEPS {
                        u.remove(0);
                    }
                });
                h.redo.update_value(Vec::clear);
                h.settled.set_value(Some(now));
                h.count();
            }
        });
        undo_keys(state, h);
        h
    }

    fn count(self) {
        let depth = (
            self.undo.with_value(Vec::len),
            self.redo.with_value(Vec::len),
        );
        self.depth.set(depth);
    }

    /// Goes back one step (`back`) or forward one; says so, or that there is none.
    pub fn step(self, state: Playground, back: bool) {
        let (from, to) = if back {
            (self.undo, self.redo)
        } else {
            (self.redo, self.undo)
        };
        let Some(work) = from.try_update_value(Vec::pop).flatten() else {
            state.announce(if back {
                "Nothing to undo."
            } else {
                "Nothing to redo."
            });
            return;
        };
        if let Some(current) = self.settled.get_value() {
            to.update_value(|s| s.push(current));
        }
        self.settled.set_value(Some(work.clone()));
        work.restore(state);
        self.count();
        state.announce(if back {
            "Undid your last change."
        } else {
            "Redid the change."
        });
    }
}

/// Ctrl+Z / ⌘Z, Ctrl+Shift+Z and Ctrl+Y anywhere but in a text field.
fn undo_keys(state: Playground, h: History) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() || in_text_field(&ev) {
            return;
        }
        match ev.key().to_ascii_lowercase().as_str() {
            "z" => h.step(state, !ev.shift_key()),
            "y" => h.step(state, false),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || handle.remove());
}

/// Whether the key press is aimed at a text field, whose own undo it is. A checkbox, a radio
/// button or the time slider is an input with no text to undo: there Ctrl+Z undoes the work.
fn in_text_field(ev: &KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| match el.tag_name().as_str() {
            "TEXTAREA" => true,
            "INPUT" => !matches!(
                el.get_attribute("type").as_deref(),
                Some("checkbox" | "radio" | "range")
            ),
            _ => false,
        })
}
