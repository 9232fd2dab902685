//! Virtual time: integer microseconds, and how to show them to a person.

/// One millisecond in microseconds.
pub const MS: u64 = 1_000;
/// One second in microseconds.
pub const SEC: u64 = 1_000_000;

/// Formats a duration or instant in µs for a learner: `850 µs`, `12.5 ms`, `3.2 s`.
pub fn fmt_us(us: u64) -> String {
    if us < MS {
        format!("{us} µs")
    } else if us < SEC {
        trim(format!("{:.1}", us as f64 / MS as f64)) + " ms"
    } else {
        trim(format!("{:.2}", us as f64 / SEC as f64)) + " s"
    }
}

/// A signed instant, as a wall clock set back can show: `−1.5 ms`.
pub fn fmt_signed_us(us: i64) -> String {
    if us < 0 {
        format!("−{}", fmt_us(us.unsigned_abs()))
    } else {
        fmt_us(us.unsigned_abs())
    }
}

fn trim(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(fmt_us(850), "850 µs");
        assert_eq!(fmt_us(12_500), "12.5 ms");
        assert_eq!(fmt_us(20_000), "20 ms");
        assert_eq!(fmt_us(3_200_000), "3.2 s");
    }
}
