//! Direct JSON writers for the results of `extract_quotes(text)` and `extract_entities(text)`.
//!
//! Each writes exactly what `serde_json::to_string` writes for the same list (same field order,
//! same escapes, no spaces), into one buffer sized up front: the generic serializer's
//! per-field calls were about 8% of the scalar function's instructions.

#[cfg(test)]
use crate::Quote;
use crate::entities::Found;
use crate::quotes::QuoteRef;

/// The JSON array of `quotes`, byte for byte as `serde_json` writes it (the tests' way in
/// with owned quotations).
#[cfg(test)]
fn quotes(quotes: &[Quote]) -> String {
    let views: Vec<QuoteRef<'_>> = quotes
        .iter()
        .map(|q| QuoteRef {
            quote: &q.quote,
            start: q.start,
            end: q.end,
            kind: q.kind,
            speaker: q.speaker.clone(),
            speaker_mention: q.speaker_mention.as_deref(),
            speaker_start: q.speaker_start,
            speaker_end: q.speaker_end,
            cue: q.cue.as_deref(),
        })
        .collect();
    quotes_borrowed(&views)
}

/// The JSON array of `quotes`, byte for byte as `serde_json` writes the same quotations as
/// [`Quote`]s, from quotations borrowing their words from the text (what `extract_quotes`
/// writes, without an owned [`Quote`] per quotation).
pub fn quotes_borrowed(quotes: &[QuoteRef<'_>]) -> String {
    let text = |s: Option<&str>| s.map_or(0, str::len);
    let size: usize = quotes
        .iter()
        .map(|q| {
            q.quote.len() + text(q.speaker.as_deref()) + text(q.speaker_mention) + text(q.cue) + 200
        })
        .sum();
    let mut out = String::with_capacity(size + 2);
    out.push('[');
    for (k, q) in quotes.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str("{\"quote\":");
        string(&mut out, q.quote);
        out.push_str(",\"start\":");
        number(&mut out, q.start);
        out.push_str(",\"end\":");
        number(&mut out, q.end);
        out.push_str(",\"kind\":");
        string(&mut out, q.kind.as_str());
        out.push_str(",\"speaker\":");
        optional(&mut out, q.speaker.as_deref(), string);
        out.push_str(",\"speaker_mention\":");
        optional(&mut out, q.speaker_mention, string);
        out.push_str(",\"speaker_start\":");
        optional(&mut out, q.speaker_start, number);
        out.push_str(",\"speaker_end\":");
        optional(&mut out, q.speaker_end, number);
        out.push_str(",\"cue\":");
        optional(&mut out, q.cue, string);
        out.push('}');
    }
    out.push(']');
    out
}

/// The JSON array of the entities `found` in `text`, byte for byte as `serde_json` writes
/// the [`crate::Entity`] list.
pub(crate) fn entities(text: &str, found: &[Found]) -> String {
    let size: usize = found
        .iter()
        .map(|e| e.text.len() + e.canonical.len() + 72)
        .sum();
    let mut out = String::with_capacity(size + 2);
    out.push('[');
    for (k, e) in found.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str("{\"text\":");
        string(&mut out, e.text(text));
        out.push_str(",\"start\":");
        number(&mut out, e.start);
        out.push_str(",\"end\":");
        number(&mut out, e.end);
        out.push_str(",\"label\":\"");
        out.push_str(e.label.as_str());
        out.push_str("\",\"canonical\":");
        string(&mut out, e.canonical(text));
        out.push('}');
    }
    out.push(']');
    out
}

/// Appends `value` with `write`, or `null` when there is none.
fn optional<T>(out: &mut String, value: Option<T>, write: fn(&mut String, T)) {
    match value {
        Some(v) => write(out, v),
        None => out.push_str("null"),
    }
}

/// Appends `n` in decimal.
fn number(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// Whether any of the eight bytes of `x` needs escaping in a JSON string: a control character
/// (below 0x20), `"` or `\`. Exact as a yes/no answer (the byte-wise tricks only err about
/// bytes after a true hit), so plain text is skipped eight bytes at a time.
fn needs_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |v: u64, n: u64| v.wrapping_sub(ONES * n) & !v & HIGH;
    let control = below(x, 0x20);
    let quote = below(x ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(x ^ (ONES * u64::from(b'\\')), 1);
    control | quote | backslash != 0
}

/// Appends `s` as a JSON string: `"` and `\` escaped, control characters as `\n`-style
/// escapes or `\u00XX` (lowercase hex), everything else as is (serde_json's rules).
fn string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight plain bytes at a time; a chunk holding a byte to escape goes byte by byte.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            if !needs_escape(u64::from_le_bytes(word)) {
                i += 8;
                continue;
            }
        }
        let end = (i + 8).min(bytes.len());
        while i < end {
            let b = bytes[i];
            let escape: &str = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..0x20 => "",
                _ => {
                    i += 1;
                    continue;
                }
            };
            out.push_str(s.get(plain..i).unwrap_or_default());
            plain = i + 1;
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            } else {
                out.push_str(escape);
            }
            i += 1;
        }
    }
    out.push_str(s.get(plain..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Label, QuoteKind};

    /// Entities `(text, start, label, canonical)` written one after another into one text,
    /// with their [`Found`] ranges in it.
    fn found(list: &[(&str, usize, Label, &str)]) -> (String, Vec<Found>) {
        let mut text = String::new();
        let mut found = Vec::new();
        for &(written, start, label, canonical) in list {
            let at = text.len();
            text.push_str(written);
            let mid = text.len();
            text.push_str(canonical);
            found.push(Found {
                text: at..mid,
                start,
                end: start + written.chars().count(),
                label,
                canonical: mid..text.len(),
            });
        }
        (text, found)
    }

    #[test]
    fn same_bytes_as_serde_json() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        let cases = vec![
            vec![],
            vec![("Ann Lee", 0, Label::Person, "Ann Lee")],
            vec![
                ("Zoë “Z” Ñ 😀", 7, Label::Org, "a\"b\\c/d"),
                (&every_ascii, usize::MAX - 200, Label::Loc, "\u{7f}\u{80}"),
                ("", 10, Label::Misc, "\u{2028}\u{2029}"),
            ],
        ];
        for case in cases {
            let (text, found) = found(&case);
            let owned: Vec<crate::Entity> = found.iter().map(|f| f.entity(&text)).collect();
            assert_eq!(owned.len(), case.len());
            assert_eq!(
                entities(&text, &found),
                serde_json::to_string(&owned).unwrap_or_default()
            );
        }
    }

    #[test]
    fn strings_escape_as_serde_json_at_every_offset() {
        const PIECES: &[&str] = &[
            "a", "bcdefgh", "\"", "\\", "\n", "\u{1}", "é", "“", "\u{7f}",
        ];
        let mut rng = crate::testing::Rng::new(9);
        for _ in 0..5000 {
            let text = rng.text(PIECES, 24);
            let mut out = String::new();
            string(&mut out, &text);
            assert_eq!(out, serde_json::to_string(&text).unwrap_or_default());
        }
    }

    #[test]
    fn numbers_are_plain_decimals() {
        for n in [0, 7, 10, 99, 100, 123_456_789, usize::MAX] {
            let mut s = String::new();
            number(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }

    #[test]
    fn quotes_json_is_what_serde_json_writes() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        let strings = [
            String::new(),
            every_ascii,
            "“Quoted,” she said — naïve café 北京 \u{2028}\u{7f} \\ \"".to_string(),
            "\u{0}\u{1f}\t\r\n\u{8}\u{c}".to_string(),
        ];
        let mut cases = Vec::new();
        for (n, s) in strings.iter().enumerate() {
            cases.push(Quote {
                quote: s.clone(),
                start: n,
                end: usize::MAX - n,
                kind: if n % 2 == 0 {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Partial
                },
                speaker: (n % 2 == 1).then(|| s.clone()),
                speaker_mention: Some(s.clone()),
                speaker_start: (n > 1).then_some(10 * n),
                speaker_end: (n != 2).then_some(0),
                cue: (n == 0).then(|| s.clone()),
            });
        }
        for k in 0..=cases.len() {
            let part = cases.get(..k).unwrap_or_default();
            assert_eq!(
                quotes(part),
                serde_json::to_string(part).unwrap_or_default()
            );
        }
        let article = include_str!("../../benches/articles/flood-warning.txt");
        let real = crate::extract_quotes(article);
        assert!(!real.is_empty());
        assert_eq!(
            quotes(&real),
            serde_json::to_string(&real).unwrap_or_default()
        );
        // The borrowed form writes the same bytes, and owns the same quotations.
        let borrowed = crate::quotes::extract_borrowed(article);
        assert_eq!(quotes_borrowed(&borrowed), quotes(&real));
        let owned: Vec<Quote> = borrowed.into_iter().map(QuoteRef::into_quote).collect();
        assert_eq!(owned, real);
    }
}
