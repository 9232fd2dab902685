//! Reading a link body's parts: the `&`-separated fields, the version, the bands. Every problem is
//! a [`LinkError`] in words for a learner.

use faultline_sim::ScenarioError;

use super::url_state::LinkError;
use crate::bands::{Band, Cut, Fate, FOREVER_US};

/// The fields of a link body, as read.
#[derive(Default)]
pub(super) struct Fields<'a> {
    pub example: Option<&'a str>,
    pub bands: Option<&'a str>,
    pub json: Option<&'a str>,
    pub numbers: [Option<u64>; 6],
}

const NUMBER_KEYS: [&str; 6] = ["t", "v", "z", "p", "n", "o"];

pub(super) fn small(n: Option<u64>, default: u32) -> Result<u32, LinkError> {
    n.map_or(Ok(default), |n| {
        u32::try_from(n).map_err(|_| damaged("a number in it is too large"))
    })
}

pub(super) fn damaged(why: &str) -> LinkError {
    LinkError::Damaged(why.to_string())
}

/// Splits `k=v&k=v…` into the known fields; anything else is damage.
pub(super) fn fields(body: &str) -> Result<Fields<'_>, LinkError> {
    let mut f = Fields::default();
    for part in body.split('&').filter(|p| !p.is_empty()) {
        let Some((key, value)) = part.split_once('=') else {
            return Err(damaged("a part of it has no value"));
        };
        match key {
            "e" if !value.is_empty()
                && value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
            {
                f.example = Some(value)
            }
            "b" => f.bands = Some(value),
            "s" => f.json = Some(value),
            _ => match NUMBER_KEYS.iter().position(|k| *k == key) {
                Some(i) => {
                    f.numbers[i] = Some(
                        value
                            .parse()
                            .map_err(|_| damaged("a number in it is not a number"))?,
                    )
                }
                None => return Err(damaged("it has a part Faultline does not know")),
            },
        }
    }
    Ok(f)
}

/// `v1.body` → (1, body).
pub(super) fn split_version(text: &str) -> Result<(u32, &str), LinkError> {
    let Some(rest) = text.strip_prefix('v') else {
        return Err(damaged("it does not start with a version"));
    };
    let Some((num, body)) = rest.split_once('.') else {
        return Err(damaged("it ends too early"));
    };
    let version = num
        .parse::<u32>()
        .map_err(|_| damaged("its version is not a number"))?;
    Ok((version, body))
}

pub(super) fn invalid(field: &str, message: &str) -> LinkError {
    LinkError::Invalid(ScenarioError::new(field, message))
}

pub(super) fn band_from_text(i: usize, text: &str) -> Result<Band, LinkError> {
    let field = |f: &str| format!("partitions[{i}].{f}");
    let bad = |f: &str, m: &str| Err(LinkError::Invalid(ScenarioError::new(field(f), m)));
    let parts: Vec<&str> = text.split(',').collect();
    let [gap, start, end, cut, fate] = parts.as_slice() else {
        return Err(damaged("a partition in it is cut short"));
    };
    let num = |t: &str| {
        t.parse::<u64>()
            .map_err(|_| damaged("a partition in it is not numbers"))
    };
    let (gap, start_us, cut, fate) = (num(gap)?, num(start)?, num(cut)?, num(fate)?);
    let end_us = if *end == "-" { FOREVER_US } else { num(end)? };
    if gap > 2 {
        return bad(
            "gap",
            "must be 0, 1 or 2 (client|web, web|billing, billing|inventory)",
        );
    }
    if start_us > FOREVER_US / 2 || end_us > FOREVER_US || end_us <= start_us {
        return bad("end_us", "a partition must end after it starts");
    }
    let cut = match cut {
        0 => Cut::Both,
        1 => Cut::Rightward,
        2 => Cut::Leftward,
        _ => {
            return bad(
                "cut",
                "must be 0 (both ways), 1 (left to right) or 2 (right to left)",
            )
        }
    };
    let fate = match fate {
        0 => Fate::Drop,
        1 => Fate::Hold,
        _ => return bad("fate", "must be 0 (drop) or 1 (hold)"),
    };
    Ok(Band {
        id: i as u32 + 1,
        gap: gap as usize,
        start_us,
        end_us,
        cut,
        fate,
    })
}
