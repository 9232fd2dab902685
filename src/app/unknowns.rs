//! The three unknowns of a request still without a reply: did it arrive, was it processed, did the reply come back?
//!
//! The caller can only say "Unknown" to all three; the truth column (hidden with the truth) says what really happened.

use faultline_sim::time::fmt_us;
use faultline_sim::{Belief, EventKind, MsgId, OpenRequest};
use leptos::prelude::*;

use super::next_moves::NextMoves;
use super::state::{Playground, Selection};
use super::views_panel::{since, BeliefValue};

/// Most open requests listed as buttons (a workload can have hundreds).
const MAX_LISTED: usize = 12;

/// The three questions, in the order of `OpenRequest::caller_sees` and `OpenRequest::really`.
const QUESTIONS: [&str; 3] = [
    "Did it arrive?",
    "Was it processed?",
    "Did the reply come back?",
];

/// The panel: a list of open requests and the table for the chosen one.
#[component]
pub fn Unknowns(state: Playground) -> impl IntoView {
    let chosen = RwSignal::new(None::<MsgId>);
    follow_selection(state, chosen);
    let open = Memo::new(move |_| state.snapshot.with(|s| s.open_requests.clone()));
    let current = Memo::new(move |_| {
        let want = chosen.get();
        open.with(|reqs| {
            reqs.iter()
                .find(|r| Some(r.msg) == want)
                .or(reqs.last())
                .cloned()
        })
    });
    // The table is drawn once per chosen request and follows its answers in place.
    let current_msg = Memo::new(move |_| current.with(|c| c.as_ref().map(|r| r.msg)));
    view! {
        <section class="panel unknowns" aria-labelledby="unknowns-title">
            <h2 id="unknowns-title">"The three unknowns"</h2>
            <Show
                when=move || open.with(|o| !o.is_empty())
                fallback=|| view! { <p class="empty">"No request is waiting for a reply right now. Every question has an answer."</p> }
            >
                <RequestList state open current chosen />
                {move || current_msg.get().map(|_| view! {
                    <UnknownsTable state req=current />
                    <NextMoves state req=current />
                })}
            </Show>
        </section>
    }
}

/// When the learner selects a message on the diagram, show its unknowns.
fn follow_selection(state: Playground, chosen: RwSignal<Option<MsgId>>) {
    Effect::new(move |_| {
        let Selection::Event(seq) = state.selected.get() else {
            return;
        };
        let msg = state.sim.with_untracked(|s| {
            s.run.trace().get(seq).and_then(|e| match &e.kind {
                EventKind::Send { msg, .. } => Some(*msg),
                _ => None,
            })
        });
        if let Some(m) = msg {
            chosen.set(Some(m));
        }
    });
}

/// The send event of `msg`, to select it on the diagram.
fn send_seq_of(state: Playground, msg: MsgId) -> Option<u64> {
    state.sim.with_untracked(|s| {
        s.run
            .trace()
            .events
            .iter()
            .find(|e| matches!(&e.kind, EventKind::Send { msg: m, .. } if *m == msg))
            .map(|e| e.seq)
    })
}

/// "Reserve #1 (key k1) · web → inventory".
fn request_words(r: &OpenRequest) -> String {
    format!("{} · {} → {}", r.label, r.from, r.to)
}

/// One button per open request (the first few).
#[component]
fn RequestList(
    state: Playground,
    open: Memo<Vec<OpenRequest>>,
    current: Memo<Option<OpenRequest>>,
    chosen: RwSignal<Option<MsgId>>,
) -> impl IntoView {
    let listed = move || {
        open.with(|o| {
            o.iter()
                .take(MAX_LISTED)
                .map(|r| (r.msg, request_words(r), r.sent_us))
                .collect::<Vec<_>>()
        })
    };
    let more = move || open.with(|o| o.len().saturating_sub(MAX_LISTED));
    let pick = move |msg: MsgId| {
        chosen.set(Some(msg));
        if let Some(seq) = send_seq_of(state, msg) {
            state.selected.set(Selection::Event(seq));
        }
    };
    view! {
        <p class="hint">"Requests still waiting for a reply. Pick one:"</p>
        <ul class="request-list">
            <For each=listed key=|r| r.clone() children=move |(msg, words, sent_us)| {
                let pressed = move || current.with(|c| c.as_ref().is_some_and(|c| c.msg == msg));
                view! {
                    <li>
                        <button type="button" class="request" aria-pressed=move || pressed().to_string() on:click=move |_| pick(msg)>
                            {words}
                            <span class="waited">" · waiting "{since(sent_us)}</span>
                        </button>
                    </li>
                }
            } />
        </ul>
        <Show when=move || { more() > 0 }>
            <p class="more">{move || format!("…and {} more. Select a message on the diagram to see its unknowns.", more())}</p>
        </Show>
    }
}

/// The answer from the truth to question `row`: (icon, words, yes?). Never colour alone: an icon
/// and a word. A request not yet arrived is told apart from a lost one, which its caller cannot do.
fn really_words(req: &OpenRequest, row: usize) -> (&'static str, &'static str, bool) {
    let [arrived, processed, replied] = req.really;
    let no = |words| ("✘", words, false);
    match row {
        0 if arrived => ("✔", "yes", true),
        0 if req.on_its_way => no("not yet: it is still on its way"),
        0 => no("no: it was lost on the way"),
        1 if processed => ("✔", "yes", true),
        1 if req.on_its_way => no("not yet: it has not been handled"),
        1 if !arrived => no("no: it never arrived"),
        1 => no("no"),
        _ if replied && req.reply_on_its_way => no("not yet: a reply was sent and is on its way"),
        _ if replied => no("no: a reply was sent and lost on the way"),
        _ => no("no: no reply was sent"),
    }
}

/// The table for one request: what the caller sees, and what is really so. Drawn once per
/// request; its cells follow `req` as answers come in.
#[component]
fn UnknownsTable(state: Playground, req: Memo<Option<OpenRequest>>) -> impl IntoView {
    let caption = move || {
        req.with(|r| {
            r.as_ref()
                .map(|r| format!("{}, sent at {}", request_words(r), fmt_us(r.sent_us)))
        })
    };
    let caller = move || req.with(|r| r.as_ref().map(|r| format!("{} sees", r.from.name())));
    let hidden = move || state.hide_truth.get();
    let rows = QUESTIONS
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let sees = move || {
                req.with(|r| {
                    let r = r.as_ref()?;
                    Some(r.caller_sees.get(i).cloned().unwrap_or(Belief::Unknown {
                        since_us: r.sent_us,
                        why: String::new(),
                    }))
                })
            };
            let really = move || {
                req.with(|r| r.as_ref().map(|r| really_words(r, i)))
                    .unwrap_or(("", "", false))
            };
            view! {
                <tr>
                    <th scope="row">{*q}</th>
                    <td>{move || sees().map(|belief| view! { <BeliefValue belief /> })}</td>
                    <td class="really" class:yes=move || really().2 class:no=move || !really().2 hidden=hidden>
                        <span aria-hidden="true">{move || really().0}" "</span>
                        {move || really().1}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="unknowns-table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Question"</th>
                    <th scope="col">{caller}</th>
                    <th scope="col" hidden=hidden>"Really"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <Show when=hidden>
            <p class="hint">"The truth is hidden. Which of these would you bet on?"</p>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_sim::NodeId;

    fn request(really: [bool; 3], on_its_way: bool) -> OpenRequest {
        let unknown = Belief::Unknown {
            since_us: 0,
            why: String::new(),
        };
        OpenRequest {
            msg: MsgId(1),
            from: NodeId::WEB,
            to: NodeId::INVENTORY,
            order: Some(1),
            label: "Reserve #1".into(),
            sent_us: 0,
            caller_sees: [unknown.clone(), unknown.clone(), unknown],
            really,
            on_its_way,
            reply_on_its_way: on_its_way,
            step: faultline_sim::Step::default(),
        }
    }

    fn words(really: [bool; 3], on_its_way: bool) -> [&'static str; 3] {
        let r = request(really, on_its_way);
        [0, 1, 2].map(|row| really_words(&r, row).1)
    }

    #[test]
    fn truth_words_tell_slow_from_lost() {
        assert_eq!(
            words([false, false, false], true),
            [
                "not yet: it is still on its way",
                "not yet: it has not been handled",
                "no: no reply was sent"
            ]
        );
        assert_eq!(
            words([false, false, false], false),
            [
                "no: it was lost on the way",
                "no: it never arrived",
                "no: no reply was sent"
            ]
        );
        assert_eq!(
            words([true, true, true], false),
            ["yes", "yes", "no: a reply was sent and lost on the way"]
        );
        assert_eq!(
            words([true, true, true], true)[2],
            "not yet: a reply was sent and is on its way"
        );
        let r = request([true, true, true], false);
        assert_eq!(really_words(&r, 0), ("✔", "yes", true));
        assert!(
            !really_words(&r, 2).2,
            "an open request's reply has not come back"
        );
    }
}
