//! URL-safe base64 without padding (RFC 4648 §5), for share links.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize] as char);
        }
    }
    out
}

/// Why a text is not URL-safe base64.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Character `at` (from 1), `c`, is not one of base64's.
    BadChar { at: usize, c: char },
    /// It ends in the middle of a byte.
    CutShort,
}

impl DecodeError {
    /// Why, in `lang`.
    pub fn text(self, lang: crate::core::Lang) -> String {
        use super::share::say;
        match self {
            DecodeError::BadChar { at, c } => say!(
                lang,
                "character {at} ('{c}') cannot appear in a share link",
                "第 {at} 个字符（“{c}”）不能出现在分享链接中"
            ),
            DecodeError::CutShort => say!(lang, "the link is cut short", "链接被截断了"),
        }
    }
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::core::Lang::En))
    }
}

impl From<DecodeError> for String {
    fn from(e: DecodeError) -> String {
        e.to_string()
    }
}

/// Decodes; on failure says which character (1-based) is wrong.
pub fn decode(text: &str) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for (i, c) in text.chars().enumerate() {
        let v = match c {
            'A'..='Z' => c as u32 - 'A' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 26,
            '0'..='9' => c as u32 - '0' as u32 + 52,
            '-' | '+' => 62,
            '_' | '/' => 63,
            '=' => break,
            _ => return Err(DecodeError::BadChar { at: i + 1, c }),
        };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 6 {
        return Err(DecodeError::CutShort);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in ["", "a", "ab", "abc", "abcd", "任期 3 ✓", "{\"v\":1}"] {
            assert_eq!(decode(&encode(s.as_bytes())).unwrap(), s.as_bytes());
        }
        assert_eq!(encode(b"hello"), "aGVsbG8");
        assert!(decode("aGV*bG8")
            .unwrap_err()
            .to_string()
            .contains("character 4"));
    }
}
