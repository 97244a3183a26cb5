//! Sine and cosine for drawing: node positions on the ring, a node's outline. The standard
//! library's bring libm's reduction of huge angles into the page (about 3 KB of its gzipped
//! wasm); drawing only ever asks for angles of a few turns.

use std::f64::consts::FRAC_PI_2;

/// π/2 in two parts (fdlibm's `pio2_1` and `pio2_1t`): `k * PIO2_HI` is exact for the
/// quadrant counts drawing uses, so the reduced angle loses nothing.
const PIO2_HI: f64 = 1.570_796_326_734_125_6;
const PIO2_LO: f64 = 6.077_100_506_506_192e-11;

/// Taylor coefficients of sin (odd terms, from r³) and cos (even terms, from r²): on
/// [-π/4, π/4] the first term left out is below 1e-16.
const SIN: [f64; 8] = [
    -1.0 / 6.0,
    1.0 / 120.0,
    -1.0 / 5_040.0,
    1.0 / 362_880.0,
    -1.0 / 39_916_800.0,
    1.0 / 6_227_020_800.0,
    -1.0 / 1_307_674_368_000.0,
    1.0 / 355_687_428_096_000.0,
];
const COS: [f64; 8] = [
    -1.0 / 2.0,
    1.0 / 24.0,
    -1.0 / 720.0,
    1.0 / 40_320.0,
    -1.0 / 3_628_800.0,
    1.0 / 479_001_600.0,
    -1.0 / 87_178_291_200.0,
    1.0 / 20_922_789_888_000.0,
];

/// `c[0] x + c[1] x² + …` by Horner's rule.
fn series(c: &[f64], x: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, k| (acc + k) * x)
}

/// `(sin a, cos a)` of `a` in radians, within a few units in the last place for angles of
/// up to thousands of turns.
pub fn sin_cos(a: f64) -> (f64, f64) {
    let k = (a / FRAC_PI_2 + 0.5).floor();
    let r = (a - k * PIO2_HI) - k * PIO2_LO;
    let r2 = r * r;
    let s = r + r * series(&SIN, r2);
    let c = 1.0 + series(&COS, r2);
    match (k as i64).rem_euclid(4) {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
}

#[cfg(test)]
mod tests {
    use super::sin_cos;

    #[test]
    fn agrees_with_the_standard_library() {
        let mut worst: f64 = 0.0;
        for i in -20_000..=20_000 {
            let a = i as f64 * 0.000_73 * std::f64::consts::PI;
            let (s, c) = sin_cos(a);
            worst = worst.max((s - a.sin()).abs()).max((c - a.cos()).abs());
        }
        assert!(worst < 1e-14, "off by {worst:e}");
    }

    #[test]
    fn exact_at_the_quadrants() {
        assert_eq!(sin_cos(0.0), (0.0, 1.0));
        let (s, c) = sin_cos(std::f64::consts::FRAC_PI_2);
        assert_eq!(s, 1.0);
        assert!(c.abs() < 1e-16);
        let (s, c) = sin_cos(-std::f64::consts::PI);
        assert!(s.abs() < 1e-15 && c == -1.0);
    }
}
