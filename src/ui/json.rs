//! Just enough JSON for the browser module's own small documents (the test hook's state, the
//! exported session file), written and read by hand so that the explorer's module carries no
//! general JSON library. The simulator's data travels as postcard (`crate::viz::share`).

/// A JSON object, written field by field.
pub struct Obj(String);

impl Obj {
    pub fn new() -> Self {
        Obj(String::from("{"))
    }

    fn key(&mut self, k: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        push_str(&mut self.0, k);
        self.0.push(':');
    }

    /// A number to six decimals (a non-finite one is written as `null`, as JSON has no such
    /// numbers).
    pub fn num(mut self, k: &str, v: f64) -> Self {
        self.key(k);
        if v.is_finite() {
            self.0.push_str(&crate::core::Fixed(v, 6).to_string());
        } else {
            self.0.push_str("null");
        }
        self
    }

    pub fn int(mut self, k: &str, v: u64) -> Self {
        self.key(k);
        self.0.push_str(&v.to_string());
        self
    }

    pub fn bool(mut self, k: &str, v: bool) -> Self {
        self.key(k);
        self.0.push_str(if v { "true" } else { "false" });
        self
    }

    /// A string, or `null` for `None`.
    pub fn str(mut self, k: &str, v: Option<&str>) -> Self {
        self.key(k);
        match v {
            Some(s) => push_str(&mut self.0, s),
            None => self.0.push_str("null"),
        }
        self
    }

    /// An array of already-written JSON values.
    pub fn raw_array<I: IntoIterator<Item = String>>(mut self, k: &str, items: I) -> Self {
        self.key(k);
        self.0.push('[');
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            self.0.push_str(&item);
        }
        self.0.push(']');
        self
    }

    pub fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

impl Default for Obj {
    fn default() -> Self {
        Self::new()
    }
}

/// `s` as a JSON string literal.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_str(&mut out, s);
    out
}

fn push_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Reads the JSON string literal at the start of `s` (after any whitespace): its value and
/// the rest of `s`. `None` if there is no well-formed string there.
pub fn read_string(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start().strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &s[i + 1..])),
            '\\' => {
                let (_, e) = chars.next()?;
                match e {
                    '"' | '\\' | '/' => out.push(e),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'u' => {
                        let hex: String =
                            (0..4).filter_map(|_| chars.next().map(|x| x.1)).collect();
                        let code = u32::from_str_radix(&hex, 16).ok()?;
                        out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                    _ => return None,
                }
            }
            c => out.push(c),
        }
    }
    None
}

/// The string value of top-level key `key` in the JSON object `doc`, found by a shallow scan:
/// enough for a file this app wrote (`{"quorumscope":1,"share":"…"}`), tolerant of spacing and
/// key order. `None` if `doc` is not such an object.
pub fn string_field(doc: &str, key: &str) -> Option<String> {
    let mut rest = doc.trim().strip_prefix('{')?;
    loop {
        let (k, after) = read_string(rest)?;
        let after = after.trim_start().strip_prefix(':')?.trim_start();
        if k == key {
            return read_string(after).map(|(v, _)| v);
        }
        // Skip a scalar or string value (this app's files nest nothing else).
        let after = if after.starts_with('"') {
            read_string(after)?.1
        } else {
            let end = after.find([',', '}']).unwrap_or(after.len());
            &after[end..]
        };
        rest = after.trim_start().strip_prefix(',')?;
    }
}
