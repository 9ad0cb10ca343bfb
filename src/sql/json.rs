//! A direct JSON writer for the entity list of `extract_entities(text)`.
//!
//! Writes exactly what `serde_json::to_string(&Vec<Entity>)` writes (same field order,
//! same escapes, no spaces), into one buffer sized up front: the generic serializer's
//! per-field calls were about 8% of the scalar function's instructions.

use crate::Entity;

/// The JSON array of `entities`, byte for byte as `serde_json` writes it.
pub fn entities(entities: &[Entity]) -> String {
    let size: usize = entities
        .iter()
        .map(|e| e.text.len() + e.canonical.len() + 72)
        .sum();
    let mut out = String::with_capacity(size + 2);
    out.push('[');
    for (k, e) in entities.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str("{\"text\":");
        string(&mut out, &e.text);
        out.push_str(",\"start\":");
        number(&mut out, e.start);
        out.push_str(",\"end\":");
        number(&mut out, e.end);
        out.push_str(",\"label\":\"");
        out.push_str(e.label.as_str());
        out.push_str("\",\"canonical\":");
        string(&mut out, &e.canonical);
        out.push('}');
    }
    out.push(']');
    out
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

/// Appends `s` as a JSON string: `"` and `\` escaped, control characters as `\n`-style
/// escapes or `\u00XX` (lowercase hex), everything else as is (serde_json's rules).
fn string(out: &mut String, s: &str) {
    out.push('"');
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..0x20 => "",
            _ => continue,
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
    }
    out.push_str(s.get(plain..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Label;

    fn entity(text: &str, start: usize, label: Label, canonical: &str) -> Entity {
        Entity {
            text: text.to_string(),
            start,
            end: start + text.chars().count(),
            label,
            canonical: canonical.to_string(),
        }
    }

    #[test]
    fn same_bytes_as_serde_json() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        let cases = vec![
            vec![],
            vec![entity("Ann Lee", 0, Label::Person, "Ann Lee")],
            vec![
                entity("Zoë “Z” Ñ 😀", 7, Label::Org, "a\"b\\c/d"),
                entity(&every_ascii, usize::MAX - 200, Label::Loc, "\u{7f}\u{80}"),
                entity("", 10, Label::Misc, "\u{2028}\u{2029}"),
            ],
        ];
        for case in cases {
            assert_eq!(
                entities(&case),
                serde_json::to_string(&case).unwrap_or_default()
            );
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
}
