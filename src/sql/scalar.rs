//! Scalar SQL functions: the JSON forms of the extractors, `speaker_of` and
//! `whosaid_version`.

use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::{Connection, Error, Result};

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

pub(super) fn register(conn: &Connection) -> Result<()> {
    conn.create_scalar_function("extract_quotes", 1, json_flags(), |ctx| {
        let input = text(ctx, "extract_quotes", 0)?;
        Ok(match input {
            Some(text) => (
                Some(super::json::quotes_borrowed(
                    &crate::quotes::extract_borrowed(text),
                )),
                Some(JSON_SUBTYPE),
            ),
            None => (None, None),
        })
    })?;
    conn.create_scalar_function("extract_entities", 1, json_flags(), |ctx| {
        let input = text(ctx, "extract_entities", 0)?;
        Ok(match input {
            Some(t) => (
                Some(super::json::entities(t, &crate::entities::find(t))),
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
