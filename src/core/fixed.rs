//! [`Fixed`]: a number with a fixed count of decimals, written by integer arithmetic.
//!
//! Everything the browser draws (SVG coordinates, percentages, speeds) goes through this
//! instead of `{:.1}`: the standard library's float formatting brings about 20 KB of code and
//! tables into the browser module, more than the whole share-link decoder.

use std::fmt;

/// `value` written with `decimals` digits after the point (at most 9), rounded half away
/// from zero. Non-finite values are written as `NaN`, `inf` and `-inf`. Meant for the
/// modest magnitudes of a drawing: beyond 2^53 the digits are the `f64`'s, and beyond
/// `u64::MAX / 10^decimals` the value saturates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fixed(pub f64, pub u8);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed(x, decimals) = *self;
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_infinite() {
            return f.write_str(if x > 0.0 { "inf" } else { "-inf" });
        }
        let d = decimals.min(9) as u32;
        let scale = 10u64.pow(d);
        // `as` saturates, so a huge value cannot wrap.
        let scaled = (x.abs() * scale as f64).round() as u64;
        if x < 0.0 && scaled != 0 {
            f.write_str("-")?;
        }
        write!(f, "{}", scaled / scale)?;
        if d > 0 {
            write!(f, ".{:0width$}", scaled % scale, width = d as usize)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Fixed;

    #[test]
    fn writes_like_the_standard_formatting() {
        for (x, d, want) in [
            (0.0, 1, "0.0"),
            (12.34, 1, "12.3"),
            (12.36, 1, "12.4"),
            (-3.25, 2, "-3.25"),
            (-0.04, 1, "0.0"),
            (99.96, 1, "100.0"),
            (7.0, 0, "7"),
            (0.5, 3, "0.500"),
            (1234567.891, 3, "1234567.891"),
            (0.000_05, 4, "0.0001"),
        ] {
            assert_eq!(Fixed(x, d).to_string(), want, "{x} to {d} decimals");
        }
        assert_eq!(Fixed(f64::NAN, 1).to_string(), "NaN");
        assert_eq!(Fixed(f64::NEG_INFINITY, 1).to_string(), "-inf");
        // Out of range: saturates rather than wrapping or panicking.
        assert_eq!(Fixed(1e300, 2).to_string(), "184467440737095516.15");
        // Agrees with `{:.N}` away from ties.
        let mut x = -50.0;
        while x < 50.0 {
            for d in 0..4u8 {
                let std = format!("{x:.prec$}", prec = d as usize);
                let std =
                    if std.starts_with("-") && std.trim_start_matches(['-', '0', '.']).is_empty() {
                        std[1..].to_string()
                    } else {
                        std
                    };
                assert_eq!(Fixed(x, d).to_string(), std, "{x} to {d} decimals");
            }
            x += 0.1234567;
        }
    }
}
