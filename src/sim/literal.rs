//! The literals that actions and scenarios share: durations (`150ms`, `2s`, `0.5ms`, `250us`)
//! and duration ranges (`150ms..300ms`). Integer arithmetic only, so the browser's test hook
//! can read them without a decimal parser.

use crate::core::{Time, MS};

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
