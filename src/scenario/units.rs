//! The scenario format's literals: durations (`150ms`, `2s`, `0.5ms`, `250us`), duration ranges
//! (`150ms..300ms`), probabilities (`10%`, `0.1`), counts and comparisons.

use crate::core::{Time, MS};
use serde::{Deserialize, Serialize};

/// The longest duration a scenario may ask for in one go (10 minutes of virtual time).
pub const MAX_DURATION: Time = 600_000 * MS;

/// Parses a duration into microseconds.
pub fn duration(s: &str) -> Result<Time, String> {
    let bad = || format!("expected a duration like `150ms`, `2s` or `0.5ms`, found `{s}`");
    let (num, unit) = if let Some(n) = s.strip_suffix("ms") {
        (n, 1_000u64)
    } else if let Some(n) = s.strip_suffix("us").or_else(|| s.strip_suffix("µs")) {
        (n, 1)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1_000_000)
    } else {
        return Err(if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
            format!("expected a duration with a unit (`{s}ms` or `{s}s`), found `{s}`")
        } else {
            bad()
        });
    };
    let (int, frac) = match num.split_once('.') {
        Some((i, f)) => (i, f),
        None => (num, ""),
    };
    let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) || (num.contains('.') && frac.is_empty()) {
        return Err(bad());
    }
    if frac.len() > 6 {
        return Err(format!("`{s}` is finer than a microsecond"));
    }
    let too_long = || format!("`{s}` is too long: at most {}s", MAX_DURATION / 1_000_000);
    let int: u64 = int.parse().map_err(|_| too_long())?;
    let scale = 10u64.pow(frac.len() as u32);
    let frac_v: u64 = if frac.is_empty() {
        0
    } else {
        frac.parse().map_err(|_| bad())?
    };
    if (frac_v * unit) % scale != 0 {
        return Err(format!("`{s}` is finer than a microsecond"));
    }
    let t = int
        .checked_mul(unit)
        .and_then(|v| v.checked_add(frac_v * unit / scale))
        .ok_or_else(too_long)?;
    if t > MAX_DURATION {
        return Err(too_long());
    }
    Ok(t)
}

/// Parses `150ms..300ms` (inclusive) or a single duration `20ms` (meaning exactly that).
pub fn duration_range(s: &str) -> Result<(Time, Time), String> {
    match s.split_once("..") {
        Some((a, b)) => {
            let a = duration(a)?;
            let b = duration(b)?;
            if a > b {
                return Err(format!("the range `{s}` starts above its end"));
            }
            Ok((a, b))
        }
        None => {
            let d = duration(s)?;
            Ok((d, d))
        }
    }
}

/// Parses a probability: `10%`, `0.1`, `1`, `0`.
pub fn probability(s: &str) -> Result<f64, String> {
    let bad = || format!("expected a probability like `10%` or `0.1`, found `{s}`");
    let (num, pct) = match s.strip_suffix('%') {
        Some(n) => (n, true),
        None => (s, false),
    };
    let ok = !num.is_empty()
        && num.chars().all(|c| c.is_ascii_digit() || c == '.')
        && num.chars().filter(|&c| c == '.').count() <= 1
        && !num.starts_with('.')
        && !num.ends_with('.')
        && num.len() <= 12;
    if !ok {
        return Err(bad());
    }
    let v: f64 = num.parse().map_err(|_| bad())?;
    let p = if pct { v / 100.0 } else { v };
    if !(0.0..=1.0).contains(&p) {
        return Err(format!(
            "the probability `{s}` is not between 0 and 1 (0% and 100%)"
        ));
    }
    Ok(p)
}

/// Parses a non-negative whole number.
pub fn count(s: &str, what: &str) -> Result<u64, String> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("expected {what}, found `{s}`"));
    }
    s.parse()
        .map_err(|_| format!("`{s}` is too large for {what}"))
}

/// A comparison in an expectation: `n1 term >= 3`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    pub fn holds(self, actual: u64, expected: u64) -> bool {
        match self {
            Cmp::Eq => actual == expected,
            Cmp::Ne => actual != expected,
            Cmp::Lt => actual < expected,
            Cmp::Le => actual <= expected,
            Cmp::Gt => actual > expected,
            Cmp::Ge => actual >= expected,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "=",
            Cmp::Ne => "!=",
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
        }
    }

    /// Splits a leading operator off `s`: `">=3"` → `(Ge, "3")`. No operator means `Eq`.
    pub fn split(s: &str) -> (Cmp, &str) {
        for (sym, c) in [
            ("==", Cmp::Eq),
            ("!=", Cmp::Ne),
            ("<=", Cmp::Le),
            (">=", Cmp::Ge),
            ("=", Cmp::Eq),
            ("<", Cmp::Lt),
            (">", Cmp::Gt),
        ] {
            if let Some(rest) = s.strip_prefix(sym) {
                return (c, rest);
            }
        }
        (Cmp::Eq, s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration("150ms"), Ok(150 * MS));
        assert_eq!(duration("2s"), Ok(2_000 * MS));
        assert_eq!(duration("0.5ms"), Ok(500));
        assert_eq!(duration("1.25s"), Ok(1_250 * MS));
        assert_eq!(duration("250us"), Ok(250));
        assert!(duration("150").unwrap_err().contains("`150ms`"));
        assert!(duration("0.0001us").is_err());
        assert!(duration("1.5us").is_err());
        assert!(duration("99999999999999999999s").is_err());
        assert!(duration("601s").is_err());
        assert!(duration(".5s").is_err());
        assert!(duration("5.s").is_err());
        assert!(duration("ms").is_err());
        assert!(duration("-1ms").is_err());
    }

    #[test]
    fn ranges() {
        assert_eq!(duration_range("150ms..300ms"), Ok((150 * MS, 300 * MS)));
        assert_eq!(duration_range("20ms"), Ok((20 * MS, 20 * MS)));
        assert!(duration_range("300ms..150ms").is_err());
        assert!(duration_range("1ms..").is_err());
    }

    #[test]
    fn probabilities() {
        assert_eq!(probability("10%"), Ok(0.1));
        assert_eq!(probability("0.25"), Ok(0.25));
        assert_eq!(probability("1"), Ok(1.0));
        assert!(probability("NaN").is_err());
        assert!(probability("inf").is_err());
        assert!(probability("150%").is_err());
        assert!(probability("1e3").is_err());
    }

    #[test]
    fn comparisons() {
        assert_eq!(Cmp::split(">=3"), (Cmp::Ge, "3"));
        assert_eq!(Cmp::split("3"), (Cmp::Eq, "3"));
        assert!(Cmp::Le.holds(2, 3));
    }
}
