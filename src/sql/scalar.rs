//! Scalar SQL functions: the JSON forms of the extractors, `speaker_of` and
//! `whosaid_version`.

use rusqlite::functions::{Context, FunctionFlags, SubType};
use rusqlite::{Connection, Error, Result};
use serde::Serialize;

use super::args::text_arg;

/// SQLite's subtype for JSON text (`'J'`), so results nest in `json_object` unquoted.
const JSON_SUBTYPE: u32 = 74;

/// `SQLITE_RESULT_SUBTYPE` exists from SQLite 3.45.0; older versions must not see the flag.
const RESULT_SUBTYPE_SINCE: i32 = 3_045_000;

fn flags() -> FunctionFlags {
    FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_INNOCUOUS
}

fn json_flags() -> FunctionFlags {
    if rusqlite::version_number() >= RESULT_SUBTYPE_SINCE {
        flags() | FunctionFlags::SQLITE_RESULT_SUBTYPE
    } else {
        flags()
    }
}

fn user_error(message: String) -> Error {
    Error::UserFunctionError(message.into())
}

/// Reads argument `idx` of `function` as text (see [`text_arg`]).
fn text<'a>(ctx: &'a Context<'_>, function: &str, idx: usize) -> Result<Option<&'a str>> {
    text_arg(function, ctx.get_raw(idx)).map_err(user_error)
}

/// Serialises an extractor's result as JSON text tagged with the JSON subtype.
fn json_result<T: Serialize>(
    function: &str,
    value: Option<T>,
) -> Result<(Option<String>, SubType)> {
    match value {
        None => Ok((None, None)),
        Some(v) => serde_json::to_string(&v)
            .map(|json| (Some(json), Some(JSON_SUBTYPE)))
            .map_err(|e| user_error(format!("{function}: {e}"))),
    }
}

/// The JSON of `quotes`, byte for byte what `serde_json::to_string` writes for them (a test
/// holds it to that), written directly: the generic serialiser costs more per field than the
/// quotations' own text.
pub(crate) fn quotes_json(quotes: &[crate::Quote]) -> String {
    let text = |s: &Option<String>| s.as_ref().map_or(0, String::len);
    let capacity: usize = quotes
        .iter()
        .map(|q| q.quote.len() + text(&q.speaker) + text(&q.speaker_mention) + text(&q.cue) + 200)
        .sum();
    let mut out = String::with_capacity(capacity + 2);
    out.push('[');
    for (n, q) in quotes.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str("{\"quote\":");
        push_json_str(&mut out, &q.quote);
        out.push_str(",\"start\":");
        push_number(&mut out, q.start);
        out.push_str(",\"end\":");
        push_number(&mut out, q.end);
        out.push_str(",\"kind\":");
        push_json_str(&mut out, q.kind.as_str());
        out.push_str(",\"speaker\":");
        push_opt_str(&mut out, q.speaker.as_deref());
        out.push_str(",\"speaker_mention\":");
        push_opt_str(&mut out, q.speaker_mention.as_deref());
        out.push_str(",\"speaker_start\":");
        push_opt_number(&mut out, q.speaker_start);
        out.push_str(",\"speaker_end\":");
        push_opt_number(&mut out, q.speaker_end);
        out.push_str(",\"cue\":");
        push_opt_str(&mut out, q.cue.as_deref());
        out.push('}');
    }
    out.push(']');
    out
}

/// A JSON string with serde_json's escapes: `\"`, `\\`, the short forms `\b \f \n \r \t`,
/// `\u00xx` (lower-case hex) for the other control characters, everything else as is.
fn push_json_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0..=0x1F => "",
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        if short.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        } else {
            out.push_str(short);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

fn push_opt_str(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => push_json_str(out, s),
        None => out.push_str("null"),
    }
}

fn push_number(out: &mut String, mut n: usize) {
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
    for &d in digits.get(at..).unwrap_or_default() {
        out.push(char::from(d));
    }
}

fn push_opt_number(out: &mut String, n: Option<usize>) {
    match n {
        Some(n) => push_number(out, n),
        None => out.push_str("null"),
    }
}

pub(super) fn register(conn: &Connection) -> Result<()> {
    conn.create_scalar_function("extract_quotes", 1, json_flags(), |ctx| {
        let input = text(ctx, "extract_quotes", 0)?;
        Ok(match input {
            Some(text) => (
                Some(quotes_json(&crate::extract_quotes(text))),
                Some(JSON_SUBTYPE),
            ),
            None => (None, None),
        })
    })?;
    conn.create_scalar_function("extract_entities", 1, json_flags(), |ctx| {
        let input = text(ctx, "extract_entities", 0)?;
        Ok(match input {
            Some(t) => (
                Some(super::json::entities(&crate::extract_entities(t))),
                Some(JSON_SUBTYPE),
            ),
            None => (None, None),
        })
    })?;
    conn.create_scalar_function("speaker_of", 2, flags(), |ctx| {
        let article = text(ctx, "speaker_of", 0)?;
        let quote = text(ctx, "speaker_of", 1)?;
        Ok(match (article, quote) {
            (Some(article), Some(quote)) => crate::speaker_of(article, quote),
            _ => None,
        })
    })?;
    conn.create_scalar_function("whosaid_version", 0, flags(), |_| Ok(crate::version()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Quote, QuoteKind};

    #[test]
    fn quotes_json_is_what_serde_json_writes() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        let strings = [
            String::new(),
            every_ascii,
            "“Quoted,” she said — naïve café 北京 \u{2028}\u{7f} \\ \"".to_string(),
            "\u{0}\u{1f}\t\r\n\u{8}\u{c}".to_string(),
        ];
        let mut quotes = Vec::new();
        for (n, s) in strings.iter().enumerate() {
            quotes.push(Quote {
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
        for k in 0..=quotes.len() {
            let part = quotes.get(..k).unwrap_or_default();
            assert_eq!(
                quotes_json(part),
                serde_json::to_string(part).unwrap_or_default()
            );
        }
        let article = include_str!("../../benches/articles/flood-warning.txt");
        let real = crate::extract_quotes(article);
        assert!(!real.is_empty());
        assert_eq!(
            quotes_json(&real),
            serde_json::to_string(&real).unwrap_or_default()
        );
    }
}
