//! How much time the explorer's space-time diagram shows: chosen from the playback speed,
//! so that the window spans several seconds on screen at every speed. A fixed 2 s window at
//! the default 1/20× took 40 s to fill, and the first election (about 190 ms of cluster
//! time) sat in its left tenth (browser review §1, §4.6).

use crate::core::Time;

/// The windows offered (µs), each with the spacing of its time labels: round numbers, at
/// most five labels.
pub const WINDOWS: [(Time, Time); 5] = [
    (100_000, 25_000),
    (200_000, 50_000),
    (500_000, 100_000),
    (1_000_000, 250_000),
    (2_000_000, 500_000),
];

/// The longest window: how far back the motion's arrows must reach.
pub const MAX_WINDOW: Time = WINDOWS[WINDOWS.len() - 1].0;

/// How many seconds on screen the window should at least span.
pub const SCREEN_SECONDS: f64 = 8.0;

/// The window (µs) and its label spacing at playback speed `speed` (seconds of cluster time
/// per real second): the smallest offered window that spans [`SCREEN_SECONDS`] on screen,
/// else the longest.
pub fn diagram_window(speed: f64) -> (Time, Time) {
    let want = speed.max(0.0) * SCREEN_SECONDS * 1e6;
    WINDOWS
        .iter()
        .copied()
        .find(|&(w, _)| w as f64 >= want)
        .unwrap_or(WINDOWS[WINDOWS.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_speed_shows_half_a_second() {
        // 1/20×: 500 ms pass in 10 s on screen; the first election (190 ms) fills 38% of it.
        assert_eq!(diagram_window(1.0 / 20.0), (500_000, 100_000));
        assert!(190_000.0 / diagram_window(1.0 / 20.0).0 as f64 > 0.3);
    }

    #[test]
    fn the_window_grows_with_the_speed_and_spans_seconds_on_screen() {
        let speeds = [1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2, 0.1, 0.2, 0.5, 1.0];
        let mut last = 0;
        for s in speeds {
            let (w, tick) = diagram_window(s);
            assert!(w >= last, "{s}: {w} < {last}");
            last = w;
            // At least 8 s on screen, or the longest window.
            assert!(
                w as f64 / 1e6 / s >= SCREEN_SECONDS || w == MAX_WINDOW,
                "{s}"
            );
            // And no more than a minute at the slowest speeds (100 ms at 1/1000×: 100 s is
            // the one exception: a message takes 10 to 20 s on screen there).
            assert!(w as f64 / 1e6 / s <= 60.0 || w == WINDOWS[0].0, "{s}");
            assert_eq!(w % tick, 0);
            assert!(w / tick <= 5);
        }
        assert_eq!(diagram_window(1e-3).0, 100_000);
        assert_eq!(diagram_window(1.0).0, MAX_WINDOW);
        assert_eq!(diagram_window(f64::NAN).0, 100_000);
    }
}
