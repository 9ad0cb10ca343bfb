//! The SQL layer: every whosaid function, registered on one rusqlite [`Connection`].
//!
//! | SQL | Rust | file |
//! |---|---|---|
//! | `extract_quotes(text)` → JSON | [`crate::extract_quotes`] | `scalar.rs` |
//! | `extract_entities(text)` → JSON | [`crate::extract_entities`] | `scalar.rs`, `json.rs` |
//! | `speaker_of(text, quote)` → TEXT | [`crate::speaker_of`] | `scalar.rs` |
//! | `whosaid_version()` → TEXT | [`crate::version`] | `scalar.rs` |
//! | `SELECT * FROM extract_quotes(text)` | [`crate::extract_quotes`] | `table.rs` |
//! | `SELECT * FROM extract_entities(text)` | [`crate::extract_entities`] | `table.rs` |
//!
//! Every function is deterministic and innocuous; NULL in gives NULL out (no rows for the
//! table forms); a BLOB or TEXT that is not UTF-8 is an error naming the function.

mod args;
mod json;
mod scalar;
mod table;

use rusqlite::{Connection, Result};

pub use args::text_arg;

/// The names this crate registers, scalar functions and table-valued functions alike.
pub const FUNCTION_NAMES: [&str; 4] = [
    "extract_quotes",
    "extract_entities",
    "speaker_of",
    "whosaid_version",
];

/// Registers every whosaid SQL function on `conn`.
///
/// Registering twice on one connection is harmless: the second call replaces the first.
///
/// ```
/// let conn = rusqlite::Connection::open_in_memory()?;
/// whosaid::register(&conn)?;
/// let speaker: String = conn.query_row(
///     "SELECT speaker FROM extract_quotes('“Rates will rise,” said Ann Lee.')",
///     [],
///     |row| row.get(0),
/// )?;
/// assert_eq!(speaker, "Ann Lee");
/// # Ok::<(), rusqlite::Error>(())
/// ```
pub fn register(conn: &Connection) -> Result<()> {
    scalar::register(conn)?;
    table::register(conn)?;
    Ok(())
}
