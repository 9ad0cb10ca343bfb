//! Fuzzes the SQL layer through `whosaid::register` on an in-memory bundled SQLite:
//! arbitrary bytes as TEXT (possibly invalid UTF-8, with NULs) and as BLOB, to the scalar
//! and table-valued forms and to `speaker_of` with arbitrary argument pairs.
//!
//! Every call must either succeed, agreeing with the library, or fail with an SQL error
//! whose message names the function; it must never panic or crash the host.
#![no_main]

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use rusqlite::Connection;
use rusqlite::types::Value;

thread_local! {
    static CONN: RefCell<Option<Connection>> = const { RefCell::new(None) };
}

fn with_conn(f: impl FnOnce(&Connection)) {
    CONN.with(|c| {
        let mut c = c.borrow_mut();
        let conn = c.get_or_insert_with(|| {
            let conn = Connection::open_in_memory().expect("in-memory database");
            whosaid::register(&conn).expect("register");
            conn
        });
        f(conn)
    })
}

/// The result of one statement: its rows as values, or the error message.
fn run(conn: &Connection, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>, String> {
    let mut stmt = conn.prepare_cached(sql).map_err(|e| e.to_string())?;
    let n = stmt.column_count();
    let mut rows = stmt
        .query(rusqlite::params_from_iter(params.iter()))
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    loop {
        match rows.next() {
            Ok(Some(row)) => out.push(
                (0..n)
                    .map(|i| row.get::<_, Value>(i).expect("column"))
                    .collect(),
            ),
            Ok(None) => return Ok(out),
            Err(e) => return Err(e.to_string()),
        }
    }
}

fn expect_clear_error(function: &str, result: &Result<Vec<Vec<Value>>, String>) {
    if let Err(message) = result {
        assert!(
            message.contains(function),
            "error from {function} does not name it: {message:?}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let (article, quote) = match data.iter().position(|&b| b == 1) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b"said"[..]),
    };
    let valid = std::str::from_utf8(article).ok();
    with_conn(|conn| {
        let blob = Value::Blob(article.to_vec());
        // The same bytes as BLOB and as TEXT (CAST keeps invalid UTF-8 and NULs as they are).
        for as_text in [false, true] {
            let arg = if as_text { "CAST(?1 AS TEXT)" } else { "?1" };
            for function in ["extract_quotes", "extract_entities"] {
                let scalar = run(conn, &format!("SELECT {function}({arg})"), &[blob.clone()]);
                expect_clear_error(function, &scalar);
                let table = run(
                    conn,
                    &format!("SELECT * FROM {function}({arg})"),
                    &[blob.clone()],
                );
                expect_clear_error(function, &table);
                match valid {
                    Some(text) => {
                        let scalar = scalar.expect("valid UTF-8 must succeed");
                        let table = table.expect("valid UTF-8 must succeed");
                        let Value::Text(json) = &scalar[0][0] else {
                            panic!("{function} returned {:?}", scalar[0][0]);
                        };
                        let got: serde_json::Value = serde_json::from_str(json).expect("JSON");
                        let want = if function == "extract_quotes" {
                            serde_json::to_value(whosaid::extract_quotes(text))
                        } else {
                            serde_json::to_value(whosaid::extract_entities(text))
                        }
                        .expect("serialise");
                        assert_eq!(got, want, "{function}: SQL and library disagree");
                        let n = want.as_array().map_or(0, Vec::len);
                        assert_eq!(table.len(), n, "{function}: table rows != JSON items");
                    }
                    None => {
                        assert!(scalar.is_err(), "{function} accepted invalid UTF-8");
                        assert!(table.is_err(), "table {function} accepted invalid UTF-8");
                    }
                }
            }
        }
        // speaker_of with every mix of argument types.
        let quote_values = [
            Value::Blob(quote.to_vec()),
            Value::Null,
            Value::Integer(quote.len() as i64),
            Value::Real(0.5),
        ];
        for q in quote_values {
            let result = run(
                conn,
                "SELECT speaker_of(?1, ?2)",
                &[blob.clone(), q.clone()],
            );
            expect_clear_error("speaker_of", &result);
            if let (Some(text), Value::Blob(qb)) = (valid, &q) {
                if let Ok(qs) = std::str::from_utf8(qb) {
                    let got = result.as_ref().expect("valid arguments must succeed");
                    let want = whosaid::speaker_of(text, qs).map_or(Value::Null, Value::Text);
                    assert_eq!(got[0][0], want, "speaker_of: SQL and library disagree");
                }
            }
            if let (Some(_), Value::Null) = (valid, &q) {
                let got = result.as_ref().expect("NULL argument");
                assert_eq!(got, &vec![vec![Value::Null]]);
            }
        }
    });
});
