//! What the caller may do next about the chosen request, and which moves stay safe whatever really
//! happened to it: the question its three unknowns lead to. Drawn from the caller's side only, so
//! it stays when the truth is hidden.

use faultline_sim::{next_moves, OpenRequest};
use leptos::prelude::*;

use super::state::Playground;

/// The list under the three unknowns.
#[component]
pub fn NextMoves(state: Playground, req: Memo<Option<OpenRequest>>) -> impl IntoView {
    let title = move || {
        req.with(|r| {
            r.as_ref()
                .map(|r| format!("What {} may do next", r.from.name()))
        })
    };
    // A memo: the snapshot changes with every event passed, the moves far less often.
    let moves = Memo::new(move |_| {
        let now = state.snapshot.with(|s| s.time_us);
        state.scenario.with(|s| {
            req.with(|r| {
                r.as_ref()
                    .map(|r| next_moves(r, &s.strategy, now))
                    .unwrap_or_default()
            })
        })
    });
    view! {
        <h3 class="next-title">{title}</h3>
        <ul class="next-moves">
            {move || moves.get().into_iter().map(|m| {
                let (class, icon, verdict) = if m.safe { ("safe", "✔", "Safe") } else { ("unsafe", "✘", "Not safe") };
                view! {
                    <li class=class>
                        <span class="verdict"><span aria-hidden="true">{icon}" "</span>{verdict}": "</span>
                        {m.words}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
