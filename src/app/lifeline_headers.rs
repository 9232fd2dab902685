//! Buttons above each lifeline: crash or restart the node, pause or resume it, at "now".

use faultline_sim::{FaultSpec, NodeId, NodeStatus};
use leptos::prelude::*;

use super::state::Playground;

/// One row of controls aligned with the lifelines.
#[component]
pub fn LifelineHeaders(state: Playground) -> impl IntoView {
    view! {
        <div class="lifeline-headers">
            {faultline_sim::NODE_NAMES.iter().enumerate().map(|(i, name)| view! { <NodeButtons state node=NodeId(i as u8) name /> }).collect_view()}
        </div>
    }
}

fn status(state: Playground, node: NodeId) -> NodeStatus {
    state.snapshot.with(|s| {
        s.nodes_up
            .get(node.index())
            .copied()
            .unwrap_or(NodeStatus::Up)
    })
}

#[component]
fn NodeButtons(state: Playground, node: NodeId, name: &'static str) -> impl IntoView {
    let crash = move |_| {
        let now = state.now_us.get_untracked();
        if status(state, node) == NodeStatus::Crashed {
            if state.end_node_fault(node) {
                state.announce(format!(
                    "{name} restarts at {:.1} ms; its volatile state is gone",
                    now as f64 / 1000.0
                ));
            } else {
                state.add_fault(FaultSpec::Crash {
                    node,
                    at_us: now,
                    restart_us: Some(now),
                });
            }
        } else {
            state.add_fault(FaultSpec::Crash {
                node,
                at_us: now,
                restart_us: None,
            });
            state.announce(format!("{name} crashed at {:.1} ms", now as f64 / 1000.0));
        }
    };
    let pause = move |_| {
        let now = state.now_us.get_untracked();
        if status(state, node) == NodeStatus::Paused {
            state.end_node_fault(node);
            state.announce(format!("{name} resumes and catches up"));
        } else {
            state.add_fault(FaultSpec::Pause {
                node,
                at_us: now,
                resume_us: None,
            });
            state.announce(format!(
                "{name} paused at {:.1} ms: slow, not dead",
                now as f64 / 1000.0
            ));
        }
    };
    let crashed = move || status(state, node) == NodeStatus::Crashed;
    let paused = move || status(state, node) == NodeStatus::Paused;
    view! {
        <div class="node-head">
            <button
                class="node-btn"
                aria-label=move || format!("{} {name}", if crashed() { "Restart" } else { "Crash" })
                on:click=crash
                disabled=paused
            >{move || if crashed() { "restart" } else { "crash" }}</button>
            <button
                class="node-btn"
                aria-label=move || format!("{} {name}", if paused() { "Resume" } else { "Pause" })
                on:click=pause
                disabled=crashed
            >{move || if paused() { "resume" } else { "pause" }}</button>
        </div>
    }
}
