//! Every input in `tests/fuzz_regressions/` (crashes found by `scripts/fuzz.sh`, and a few
//! seeds) through the checks of both fuzz targets: the core invariants on the lossy UTF-8
//! text, `speaker_of` with the part after a `\x01` byte, and the SQL layer with the raw bytes
//! as BLOB and as TEXT.

mod robust_support;

use rusqlite::Connection;
use rusqlite::types::Value;

fn inputs() -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("tests/fuzz_regressions")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_none_or(|x| x != "md"))
        .map(|p| {
            let name = p.display().to_string();
            (name, std::fs::read(&p).expect("read regression input"))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn regression_inputs_exist() {
    assert!(
        !inputs().is_empty(),
        "tests/fuzz_regressions/ has no inputs"
    );
}

#[test]
fn core_checks_hold_on_every_regression_input() {
    for (name, data) in inputs() {
        let text = String::from_utf8_lossy(&data);
        if let Err(e) = robust_support::check_text(&text) {
            panic!("{name}: {e}");
        }
        if let Some(split) = data.iter().position(|&b| b == 1) {
            let article = String::from_utf8_lossy(&data[..split]);
            let quote = String::from_utf8_lossy(&data[split + 1..]);
            let first = whosaid::speaker_of(&article, &quote);
            assert_eq!(first, whosaid::speaker_of(&article, &quote), "{name}");
        }
    }
}

#[test]
fn sql_checks_hold_on_every_regression_input() {
    let conn = Connection::open_in_memory().expect("in-memory database");
    whosaid::register(&conn).expect("register");
    for (name, data) in inputs() {
        let valid = std::str::from_utf8(&data).ok();
        for sql in [
            "SELECT extract_quotes(?1)",
            "SELECT extract_entities(?1)",
            "SELECT extract_quotes(CAST(?1 AS TEXT))",
            "SELECT count(*) FROM extract_quotes(?1)",
            "SELECT count(*) FROM extract_entities(CAST(?1 AS TEXT))",
            "SELECT speaker_of(?1, ?1)",
        ] {
            let result: Result<Value, _> =
                conn.query_row(sql, [Value::Blob(data.clone())], |r| r.get(0));
            match (valid, result) {
                (Some(_), Ok(_)) => {}
                (Some(_), Err(e)) => panic!("{name}: {sql}: valid UTF-8 failed: {e}"),
                (None, Ok(v)) => panic!("{name}: {sql}: invalid UTF-8 accepted: {v:?}"),
                (None, Err(e)) => {
                    let message = e.to_string();
                    let function = sql
                        .split(['(', ' '])
                        .find(|w| w.contains('_'))
                        .expect("function name");
                    assert!(message.contains(function), "{name}: {sql}: {message}");
                }
            }
        }
        if let Some(text) = valid {
            let json: String = conn
                .query_row("SELECT extract_quotes(?1)", [text], |r| r.get(0))
                .expect("extract_quotes");
            assert_eq!(
                json,
                serde_json::to_string(&whosaid::extract_quotes(text)).expect("json"),
                "{name}"
            );
        }
    }
}
