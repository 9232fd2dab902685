//! The order flow's views (per node), truth and open requests, built from node state on demand.

use super::belief::{count_word, yes_no};
use super::{Answer, Nodes, OrderNode, Phase, WebOrder};
use crate::engine::{Engine, NodeStatus, ARRIVED, PROCESSED, REPLY_BACK, REPLY_SENT};
use crate::id::{MsgId, NodeId};
use crate::view::{Act, Belief, BeliefRow, Fact, NodeView, OpenRequest, Step};

type E = Engine<OrderNode>;

fn subject(order: u32) -> String {
    format!("order {order}")
}

fn known(value: impl Into<String>, since_us: u64) -> Belief {
    Belief::Known {
        value: value.into(),
        since_us,
    }
}

/// Number of orders the client has placed so far.
fn placed(e: &E) -> u32 {
    Nodes(e.nodes())
        .client()
        .map_or(0, |c| c.orders().len() as u32)
}

/// One view per node, in node order.
pub fn views(e: &E) -> Vec<NodeView> {
    let nodes = Nodes(e.nodes());
    let mut out: Vec<NodeView> = NodeId::ALL
        .iter()
        .map(|&node| NodeView {
            node,
            beliefs: Vec::new(),
        })
        .collect();
    if let Some(c) = nodes.client() {
        for (i, o) in c.orders().iter().enumerate() {
            let b = match o.answer {
                Some((a, t)) => known(a.word(), t),
                None => Belief::Unknown {
                    since_us: o.sent_us,
                    why: "no answer from web yet".into(),
                },
            };
            out[0]
                .beliefs
                .push(BeliefRow::new(subject(i as u32 + 1), "status", b));
        }
    }
    if let Some(w) = nodes.web() {
        for o in w.orders() {
            web_rows(o, &mut out[1].beliefs);
        }
        for p in [NodeId::BILLING, NodeId::INVENTORY] {
            out[1]
                .beliefs
                .push(BeliefRow::new(p.name(), "reachable", w.peer(p).render()));
        }
    }
    if let Some(b) = nodes.billing() {
        for (order, l) in b.orders() {
            let rows = &mut out[2].beliefs;
            rows.push(BeliefRow::new(
                subject(order),
                "charged",
                known(count_word(l.charges), l.last_us),
            ));
            rows.push(BeliefRow::new(
                subject(order),
                "refunded",
                known(count_word(l.refunds), l.last_us),
            ));
        }
    }
    if let Some(inv) = nodes.inventory() {
        inventory_rows(inv, placed(e), &mut out[3].beliefs);
    }
    out
}

fn inventory_rows(inv: &super::Inventory, placed: u32, rows: &mut Vec<BeliefRow>) {
    {
        for order in 1..=placed {
            match inv.reservation(order) {
                Some(r) => rows.push(BeliefRow::new(
                    subject(order),
                    "reserved",
                    known(count_word(r.reserved), r.last_us),
                )),
                None => rows.push(BeliefRow {
                    note: Some(format!("never heard of order {order}")),
                    ..BeliefRow::new(subject(order), "reserved", known("no", 0))
                }),
            }
        }
        rows.push(BeliefRow::new(
            "inventory",
            "stock",
            known(inv.stock().to_string(), 0),
        ));
    }
}

fn phase_word(o: &WebOrder) -> &'static str {
    match (o.phase, o.answer) {
        (Phase::Done, Some(a)) => a.word(),
        (Phase::Done, None) => "abandoned",
        (_, Some(Answer::Pending)) => "pending, reconciling",
        (Phase::Charging, _) => "charging",
        (Phase::Reserving, _) => "reserving",
        (Phase::Refunding, _) => "refunding",
    }
}

fn web_rows(o: &WebOrder, rows: &mut Vec<BeliefRow>) {
    let s = subject(o.order);
    rows.push(BeliefRow::new(s.clone(), "charged", o.charged.render()));
    rows.push(BeliefRow::new(s.clone(), "reserved", o.reserved.render()));
    if let Some(r) = o.refunded {
        rows.push(BeliefRow::new(s.clone(), "refunded", r.render()));
    }
    rows.push(BeliefRow::new(
        s,
        "status",
        known(phase_word(o), o.since_us),
    ));
}

/// Whether web and `peer` can exchange messages right now.
fn reachable(e: &E, peer: NodeId) -> bool {
    let cut = |a: NodeId, b: NodeId| e.cuts[a.index()][b.index()].is_some();
    e.status(peer) == NodeStatus::Up
        && e.status(NodeId::WEB) == NodeStatus::Up
        && !cut(NodeId::WEB, peer)
        && !cut(peer, NodeId::WEB)
}

/// The ground truth: ledger, reservations, stock, nodes, links, reachability.
pub fn truth(e: &E) -> Vec<Fact> {
    let nodes = Nodes(e.nodes());
    let mut out = Vec::new();
    for order in 1..=placed(e) {
        let l = nodes.billing().and_then(|b| b.line(order));
        let r = nodes.inventory().and_then(|i| i.reservation(order));
        out.push(Fact::new(
            subject(order),
            "charged",
            count_word(l.map_or(0, |l| l.charges)),
        ));
        out.push(Fact::new(
            subject(order),
            "refunded",
            count_word(l.map_or(0, |l| l.refunds)),
        ));
        out.push(Fact::new(
            subject(order),
            "reserved",
            count_word(r.map_or(0, |r| r.reserved)),
        ));
    }
    if let Some(inv) = nodes.inventory() {
        out.push(Fact::new("inventory", "stock", inv.stock().to_string()));
    }
    for n in NodeId::ALL {
        out.push(Fact::new(n.name(), "status", e.status(n).word()));
    }
    for p in [NodeId::BILLING, NodeId::INVENTORY] {
        out.push(Fact::new(p.name(), "reachable", yes_no(reachable(e, p))));
    }
    for (a, b) in crate::net::FLOW_LINKS {
        let v = match e.cuts[a.index()][b.index()] {
            None => "open",
            Some((crate::fault::Mode::Drop, _)) => "cut",
            Some((crate::fault::Mode::Hold, _)) => "cut, holding messages",
        };
        out.push(Fact::new(format!("{a}→{b}"), "link", v));
    }
    out.push(Fact::new(
        "network",
        "messages in flight",
        e.flights().len().to_string(),
    ));
    out
}

/// The request `msg` from `from` to `to` about `order`, as its caller stands with it (`step`).
struct Asked {
    msg: MsgId,
    from: NodeId,
    to: NodeId,
    order: u32,
    label: String,
    sent_us: u64,
    step: Step,
}

fn open(e: &E, a: Asked) -> OpenRequest {
    let (msg, from, to) = (a.msg, a.from, a.to);
    let f = e.req_flags(msg);
    let unknown = |why: String| Belief::Unknown {
        since_us: a.sent_us,
        why,
    };
    OpenRequest {
        msg,
        from,
        to,
        order: Some(a.order),
        label: a.label,
        sent_us: a.sent_us,
        caller_sees: [
            unknown(format!("{from} cannot tell whether {to} got it")),
            unknown(format!("{from} cannot tell whether {to} acted on it")),
            unknown(format!(
                "{from} cannot tell whether a reply is on its way or lost"
            )),
        ],
        really: [f & ARRIVED != 0, f & PROCESSED != 0, f & REPLY_SENT != 0],
        on_its_way: e.flights().values().any(|flight| flight.origin == msg),
        reply_on_its_way: e
            .flights()
            .values()
            .any(|flight| flight.payload.reply_to() == Some(msg)),
        step: a.step,
    }
}

/// Requests whose caller still waits for a reply (the client's orders, web's current step).
pub fn open_requests(e: &E) -> Vec<OpenRequest> {
    let nodes = Nodes(e.nodes());
    let mut out = Vec::new();
    if let Some(c) = nodes.client() {
        for (i, o) in c.orders().iter().enumerate() {
            if o.answer.is_none() && e.req_flags(o.req) & REPLY_BACK == 0 {
                let order = i as u32 + 1;
                out.push(open(
                    e,
                    Asked {
                        msg: o.req,
                        from: NodeId::CLIENT,
                        to: NodeId::WEB,
                        order,
                        label: format!("PlaceOrder #{order}"),
                        sent_us: o.sent_us,
                        step: Step {
                            act: Act::PlaceOrder,
                            attempt: 1,
                            round: 0,
                        },
                    },
                ));
            }
        }
    }
    let Some(w) = nodes.web() else { return out };
    for o in w.orders().filter(|o| o.phase != Phase::Done) {
        let to = super::peer_of(o.phase);
        for (msg, sent_us) in o.requests.iter() {
            if e.req_flags(msg) & REPLY_BACK == 0 {
                let (verb, act) = match o.phase {
                    Phase::Charging => ("Charge", Act::Charge),
                    Phase::Reserving => ("Reserve", Act::Reserve),
                    _ => ("Refund", Act::Refund),
                };
                let key = if w.keys_on() {
                    format!(" (key k{})", o.order)
                } else {
                    " (no key)".to_string()
                };
                let step = Step {
                    act,
                    attempt: o.attempt,
                    round: if o.reconciling { o.rounds } else { 0 },
                };
                let asked = Asked {
                    msg,
                    from: NodeId::WEB,
                    to,
                    order: o.order,
                    label: format!("{verb} #{}{key}", o.order),
                    sent_us,
                    step,
                };
                out.push(open(e, asked));
            }
        }
    }
    out
}
