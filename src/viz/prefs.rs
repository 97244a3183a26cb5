//! What the browser's preferences and controls mean, with no browser in it: the language a
//! first visit opens in, and the words for a playback speed. (The UI reads
//! `navigator.languages`, `localStorage` and the slider; these functions decide.)

use crate::core::{Fixed, Lang};

/// The language of one of the browser's language tags (`navigator.languages` entries such
/// as "zh-CN", "zh-Hant-TW", "en-GB"), if the interface has it: any Chinese tag opens the
/// Chinese interface (the only Chinese one, Simplified), any English tag the English one.
pub fn lang_of_tag(tag: &str) -> Option<Lang> {
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    if primary.eq_ignore_ascii_case("zh") {
        Some(Lang::Zh)
    } else if primary.eq_ignore_ascii_case("en") {
        Some(Lang::En)
    } else {
        None
    }
}

/// The interface language when the page opens: the link's (`&lang=` in a lecture link),
/// else the reader's saved choice, else the first of the browser's languages (in the
/// reader's order of preference) that the interface has, else English.
pub fn first_lang<S: AsRef<str>>(link: Option<Lang>, saved: Option<Lang>, browser: &[S]) -> Lang {
    link.or(saved)
        .or_else(|| browser.iter().find_map(|t| lang_of_tag(t.as_ref())))
        .unwrap_or_default()
}

/// A playback speed as people say it, `10^exp` of real time: `None` for real time (the
/// slider at its end), else "1/20×", "1/1.5×", "1/1.02×", "1/10.5×": the fraction's
/// denominator to three significant digits (hundredths under 10, tenths under 100), finer
/// than one step of the slider (0.01 of the exponent, 2.3% of the speed). A speed above real time does not
/// exist (the slider ends there).
pub fn speed_text(exp: f64) -> Option<String> {
    if exp >= -0.000_5 {
        return None;
    }
    let inv = 10f64.powf(-exp);
    let decimals = if inv < 9.995 {
        2
    } else if inv < 99.95 {
        1
    } else {
        0
    };
    let text = Fixed(inv, decimals).to_string();
    let text = if decimals > 0 {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    // Never "1/1×" below real time: that would claim real time.
    let text = if text == "1" { "1.01" } else { text };
    Some(format!("1/{text}×"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_browser_opens_in_chinese_unless_told_otherwise() {
        assert_eq!(first_lang::<&str>(None, None, &["zh-CN", "en"]), Lang::Zh);
        assert_eq!(first_lang(None, None, &["fr-FR", "zh-TW", "en"]), Lang::Zh);
        assert_eq!(first_lang(None, None, &["de", "en-GB", "zh"]), Lang::En);
        assert_eq!(first_lang(None, None, &["fr", "de"]), Lang::En);
        assert_eq!(first_lang::<&str>(None, None, &[]), Lang::En);
        // A saved choice wins over the browser, a link over both.
        assert_eq!(first_lang(None, Some(Lang::En), &["zh-CN"]), Lang::En);
        assert_eq!(
            first_lang(Some(Lang::Zh), Some(Lang::En), &["en"]),
            Lang::Zh
        );
        assert_eq!(lang_of_tag("ZH_hans"), Some(Lang::Zh));
        assert_eq!(lang_of_tag("zhx"), None);
    }

    #[test]
    fn the_speed_label_is_right_at_every_position_of_the_slider() {
        assert_eq!(speed_text(0.0), None);
        assert_eq!(speed_text(-1.301_03).as_deref(), Some("1/20×"));
        assert_eq!(speed_text(-3.0).as_deref(), Some("1/1000×"));
        assert_eq!(speed_text(-(2f64.log10())).as_deref(), Some("1/2×"));
        // The slider's step below real time: not "1/1×", and not real time.
        assert_eq!(speed_text(-0.01).as_deref(), Some("1/1.02×"));
        assert_eq!(speed_text(-0.1).as_deref(), Some("1/1.26×"));
        // Every position of the slider (-3.00 … 0.00 by 0.01): the label's fraction is
        // within half a step of the true speed, and only the end says real time.
        for k in 0..=300 {
            let exp = -(k as f64) / 100.0;
            match speed_text(exp) {
                None => assert_eq!(k, 0),
                Some(s) => {
                    assert!(k > 0, "{exp}: {s}");
                    let den: f64 = s
                        .strip_prefix("1/")
                        .and_then(|r| r.strip_suffix('×'))
                        .and_then(|r| r.parse().ok())
                        .expect("1/x×");
                    let truth = 10f64.powf(-exp);
                    assert!(
                        (den - truth).abs() / truth < 0.012,
                        "{exp}: {s} vs 1/{truth}"
                    );
                }
            }
        }
    }
}
