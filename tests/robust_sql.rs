//! The SQL layer under bad input, through `whosaid::register` on a bundled in-memory SQLite:
//! wrong argument counts and types are SQL errors whose message names the function and the
//! problem; NULL in gives NULL out (no rows for the table forms); invalid UTF-8 (in BLOBs and
//! in TEXT) is an error, NUL characters inside TEXT are data; registering twice is harmless;
//! an error on one row leaves the connection usable; the functions are deterministic and
//! innocuous enough for generated columns and indexes.

use rusqlite::types::Value;
use rusqlite::{Connection, params};

fn conn() -> Connection {
    let conn = Connection::open_in_memory().expect("in-memory database");
    whosaid::register(&conn).expect("register");
    conn
}

/// Runs `sql` and returns every row, or the error message.
fn query(conn: &Connection, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>, String> {
    let mut stmt = conn.prepare(sql).map_err(|e| e.to_string())?;
    let n = stmt.column_count();
    let mut rows = stmt
        .query(rusqlite::params_from_iter(params.iter()))
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(|e| e.to_string())? {
        out.push(
            (0..n)
                .map(|i| row.get::<_, Value>(i))
                .collect::<Result<_, _>>()
                .map_err(|e| e.to_string())?,
        );
    }
    Ok(out)
}

/// `sql` must fail with a message that contains each of `words` (case-insensitive).
fn assert_error(conn: &Connection, sql: &str, params: &[Value], words: &[&str]) {
    match query(conn, sql, params) {
        Ok(rows) => panic!("{sql}: expected an error, got {rows:?}"),
        Err(message) => {
            let lower = message.to_lowercase();
            for w in words {
                assert!(
                    lower.contains(&w.to_lowercase()),
                    "{sql}: error {message:?} does not mention {w:?}"
                );
            }
        }
    }
}

const ARTICLE: &str = "“We will win,” Jane Doe said on Monday. Doe added: “It is close.” \
                       Angela Merkel flew to Paris.";

#[test]
fn wrong_argument_counts_are_errors_naming_the_function() {
    let c = conn();
    for (sql, function) in [
        ("SELECT extract_quotes()", "extract_quotes"),
        ("SELECT extract_quotes('a', 'b')", "extract_quotes"),
        ("SELECT extract_entities()", "extract_entities"),
        ("SELECT extract_entities('a', 'b')", "extract_entities"),
        ("SELECT speaker_of('a')", "speaker_of"),
        ("SELECT speaker_of('a', 'b', 'c')", "speaker_of"),
        ("SELECT whosaid_version('a')", "whosaid_version"),
        ("SELECT * FROM extract_quotes('a', 'b')", "extract_quotes"),
        (
            "SELECT * FROM extract_entities('a', 'b')",
            "extract_entities",
        ),
    ] {
        assert_error(&c, sql, &[], &[function]);
    }
    // No argument at all for a table form: the message says how to call it.
    for function in ["extract_quotes", "extract_entities"] {
        assert_error(
            &c,
            &format!("SELECT * FROM {function}"),
            &[],
            &[function, "argument"],
        );
    }
}

#[test]
fn wrong_argument_types_are_errors_naming_the_function_and_type() {
    let c = conn();
    for function in ["extract_quotes", "extract_entities"] {
        for (value, type_name) in [(Value::Integer(42), "INTEGER"), (Value::Real(1.5), "REAL")] {
            assert_error(
                &c,
                &format!("SELECT {function}(?1)"),
                std::slice::from_ref(&value),
                &[function, "TEXT", type_name],
            );
            assert_error(
                &c,
                &format!("SELECT * FROM {function}(?1)"),
                &[value],
                &[function, "TEXT", type_name],
            );
        }
    }
    assert_error(
        &c,
        "SELECT speaker_of(?1, 'x')",
        &[Value::Integer(1)],
        &["speaker_of", "TEXT", "INTEGER"],
    );
    assert_error(
        &c,
        "SELECT speaker_of('x', ?1)",
        &[Value::Real(2.5)],
        &["speaker_of", "TEXT", "REAL"],
    );
}

#[test]
fn null_in_gives_null_out_and_no_rows() {
    let c = conn();
    let null = vec![vec![Value::Null]];
    assert_eq!(
        query(&c, "SELECT extract_quotes(NULL)", &[]),
        Ok(null.clone())
    );
    assert_eq!(
        query(&c, "SELECT extract_entities(NULL)", &[]),
        Ok(null.clone())
    );
    assert_eq!(
        query(&c, "SELECT speaker_of(NULL, 'x')", &[]),
        Ok(null.clone())
    );
    assert_eq!(
        query(&c, "SELECT speaker_of('x', NULL)", &[]),
        Ok(null.clone())
    );
    assert_eq!(
        query(&c, "SELECT speaker_of(NULL, NULL)", &[]),
        Ok(null.clone())
    );
    // A NULL with a speaker_of argument of the wrong type is still an error (the type check
    // does not depend on the other argument).
    assert_error(&c, "SELECT speaker_of(NULL, 3)", &[], &["speaker_of"]);
    assert_eq!(
        query(&c, "SELECT * FROM extract_quotes(NULL)", &[]),
        Ok(vec![])
    );
    assert_eq!(
        query(&c, "SELECT * FROM extract_entities(NULL)", &[]),
        Ok(vec![])
    );
    assert_eq!(
        query(&c, "SELECT * FROM extract_quotes(?1)", &[Value::Null]),
        Ok(vec![])
    );
    // NULL rows of a table contribute nothing to a join; the others still do.
    c.execute_batch("CREATE TABLE docs(id INTEGER PRIMARY KEY, body TEXT)")
        .expect("create");
    c.execute(
        "INSERT INTO docs(body) VALUES (NULL), (?1), (NULL)",
        [ARTICLE],
    )
    .expect("insert");
    let joined = query(
        &c,
        "SELECT d.id, q.quote FROM docs d, extract_quotes(d.body) q ORDER BY d.id",
        &[],
    )
    .expect("join");
    assert_eq!(joined.len(), whosaid::extract_quotes(ARTICLE).len());
    assert!(joined.iter().all(|r| r[0] == Value::Integer(2)));
    let entity_rows = query(
        &c,
        "SELECT count(*) FROM docs d, extract_entities(d.body)",
        &[],
    )
    .expect("join");
    assert_eq!(
        entity_rows,
        vec![vec![Value::Integer(
            whosaid::extract_entities(ARTICLE).len() as i64
        )]]
    );
}

#[test]
fn invalid_utf8_is_an_error_naming_the_function() {
    let c = conn();
    let bad: &[&[u8]] = &[
        b"\xff",
        b"abc\xc3",          // truncated sequence at the end
        b"\xed\xa0\x80",     // a UTF-16 surrogate
        b"\xc0\xaf",         // overlong
        b"\xf4\x90\x80\x80", // above U+10FFFF
        b"\xe2\x80\x9cquote\xe2\x80\x9d said \xfe Jane",
    ];
    for bytes in bad {
        let blob = Value::Blob(bytes.to_vec());
        for function in ["extract_quotes", "extract_entities"] {
            for sql in [
                format!("SELECT {function}(?1)"),
                format!("SELECT {function}(CAST(?1 AS TEXT))"),
                format!("SELECT * FROM {function}(?1)"),
                format!("SELECT * FROM {function}(CAST(?1 AS TEXT))"),
            ] {
                assert_error(&c, &sql, std::slice::from_ref(&blob), &[function, "UTF-8"]);
            }
        }
        assert_error(
            &c,
            "SELECT speaker_of(?1, 'said')",
            std::slice::from_ref(&blob),
            &["speaker_of", "UTF-8"],
        );
        assert_error(
            &c,
            "SELECT speaker_of('said', ?1)",
            &[blob],
            &["speaker_of", "UTF-8"],
        );
    }
}

#[test]
fn utf8_blobs_are_read_as_text() {
    let c = conn();
    let as_text = query(
        &c,
        "SELECT extract_quotes(?1)",
        &[Value::Text(ARTICLE.into())],
    );
    let as_blob = query(
        &c,
        "SELECT extract_quotes(?1)",
        &[Value::Blob(ARTICLE.as_bytes().to_vec())],
    );
    assert_eq!(as_text, as_blob);
    let json = serde_json::to_string(&whosaid::extract_quotes(ARTICLE)).expect("json");
    assert_eq!(as_text, Ok(vec![vec![Value::Text(json)]]));
}

#[test]
fn nul_characters_inside_text_are_data() {
    let c = conn();
    let text = "\0“We\0will win,” Jane\0Doe said.\0 “It is\0close.” Ann Lee\0said.";
    let json: String = c
        .query_row("SELECT extract_quotes(?1)", [text], |r| r.get(0))
        .expect("extract_quotes");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&json).expect("JSON"),
        serde_json::to_value(whosaid::extract_quotes(text)).expect("serialise"),
    );
    let json: String = c
        .query_row("SELECT extract_entities(?1)", [text], |r| r.get(0))
        .expect("extract_entities");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&json).expect("JSON"),
        serde_json::to_value(whosaid::extract_entities(text)).expect("serialise"),
    );
    let rows = query(
        &c,
        "SELECT quote, start, \"end\" FROM extract_quotes(?1)",
        &[Value::Text(text.into())],
    )
    .expect("table form");
    let want: Vec<Vec<Value>> = whosaid::extract_quotes(text)
        .into_iter()
        .map(|q| {
            vec![
                Value::Text(q.quote),
                Value::Integer(q.start as i64),
                Value::Integer(q.end as i64),
            ]
        })
        .collect();
    assert_eq!(rows, want);
    // Built inside SQL with char(0), too: the length SQLite passes is the whole string.
    let sql_built: String = c
        .query_row(
            "SELECT extract_quotes('a' || char(0) || '“b c”' || char(0) || ' said Ann Lee.')",
            [],
            |r| r.get(0),
        )
        .expect("char(0)");
    let want =
        serde_json::to_string(&whosaid::extract_quotes("a\0“b c”\0 said Ann Lee.")).expect("json");
    assert_eq!(sql_built, want);
    let got: Option<String> = c
        .query_row("SELECT speaker_of(?1, 'it is')", [text], |r| r.get(0))
        .expect("speaker_of");
    assert_eq!(got, whosaid::speaker_of(text, "it is"));
}

#[test]
fn registering_twice_is_harmless() {
    let c = conn();
    let before = query(
        &c,
        "SELECT extract_quotes(?1), extract_entities(?1), speaker_of(?1, 'we will win'), whosaid_version()",
        &[Value::Text(ARTICLE.into())],
    )
    .expect("first registration");
    whosaid::register(&c).expect("second registration");
    whosaid::register(&c).expect("third registration");
    let after = query(
        &c,
        "SELECT extract_quotes(?1), extract_entities(?1), speaker_of(?1, 'we will win'), whosaid_version()",
        &[Value::Text(ARTICLE.into())],
    )
    .expect("after registering again");
    assert_eq!(before, after);
    let rows = query(
        &c,
        "SELECT * FROM extract_quotes(?1)",
        &[Value::Text(ARTICLE.into())],
    )
    .expect("table form after registering again");
    assert_eq!(rows.len(), whosaid::extract_quotes(ARTICLE).len());
}

#[test]
fn an_error_on_one_row_leaves_the_connection_usable() {
    let c = conn();
    c.execute_batch("CREATE TABLE docs(id INTEGER PRIMARY KEY, body)")
        .expect("create");
    c.execute(
        "INSERT INTO docs(body) VALUES (?1), (?2), (?1)",
        params![ARTICLE, vec![0xffu8, 0xfe]],
    )
    .expect("insert");
    for function in ["extract_quotes", "extract_entities"] {
        assert_error(
            &c,
            &format!("SELECT {function}(body) FROM docs ORDER BY id"),
            &[],
            &[function, "UTF-8"],
        );
        assert_error(
            &c,
            &format!("SELECT count(*) FROM docs, {function}(docs.body)"),
            &[],
            &[function, "UTF-8"],
        );
    }
    // The statement failed; the connection did not.
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM docs, extract_quotes(docs.body) WHERE docs.id <> 2",
            [],
            |r| r.get(0),
        )
        .expect("query after an error");
    assert_eq!(n, 2 * whosaid::extract_quotes(ARTICLE).len() as i64);
}

#[test]
fn functions_are_usable_where_sqlite_demands_determinism() {
    // Generated columns and expression indexes only accept deterministic functions, and
    // (with trusted_schema off) innocuous ones.
    let c = conn();
    c.execute_batch(
        "PRAGMA trusted_schema = OFF;
         CREATE TABLE docs(
             body TEXT,
             quotes TEXT GENERATED ALWAYS AS (extract_quotes(body)) VIRTUAL,
             entities TEXT GENERATED ALWAYS AS (extract_entities(body)) STORED
         );
         CREATE INDEX docs_speaker ON docs(speaker_of(body, 'we will win'));
         CREATE VIEW doc_quotes AS SELECT q.* FROM docs, extract_quotes(docs.body) q;",
    )
    .expect("schema using whosaid functions");
    c.execute("INSERT INTO docs(body) VALUES (?1)", [ARTICLE])
        .expect("insert");
    let (quotes, entities): (String, String) = c
        .query_row("SELECT quotes, entities FROM docs", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("generated columns");
    assert_eq!(
        quotes,
        serde_json::to_string(&whosaid::extract_quotes(ARTICLE)).expect("json")
    );
    assert_eq!(
        entities,
        serde_json::to_string(&whosaid::extract_entities(ARTICLE)).expect("json")
    );
    let n: i64 = c
        .query_row("SELECT count(*) FROM doc_quotes", [], |r| r.get(0))
        .expect("view over the table form");
    assert_eq!(n, whosaid::extract_quotes(ARTICLE).len() as i64);
}

#[test]
fn json_results_nest_as_json() {
    let c = conn();
    let (kind, len): (String, i64) = c
        .query_row(
            "SELECT json_type(json_object('q', extract_quotes(?1)), '$.q'), \
                    json_array_length(extract_entities(?1))",
            [ARTICLE],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("json");
    assert_eq!(kind, "array", "extract_quotes result is not tagged as JSON");
    assert_eq!(len, whosaid::extract_entities(ARTICLE).len() as i64);
}

#[test]
fn version_matches_the_crate() {
    let c = conn();
    let v: String = c
        .query_row("SELECT whosaid_version()", [], |r| r.get(0))
        .expect("version");
    assert_eq!(v, whosaid::version());
    assert_eq!(v, env!("CARGO_PKG_VERSION"));
}

#[test]
fn hidden_argument_column_holds_the_argument() {
    // SQLite checks constraints the table function does not consume itself (a repeated
    // `input = ...`, `input IS NULL`) against the hidden column; it must hold the argument.
    let c = conn();
    let n = whosaid::extract_quotes(ARTICLE).len() as i64;
    assert!(n > 0, "the test article must give rows");
    let count = |sql: &str| -> i64 {
        c.query_row(sql, [ARTICLE], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    };
    assert_eq!(
        count("SELECT count(*) FROM extract_quotes(?1) WHERE input = ?1"),
        n
    );
    assert_eq!(
        count("SELECT count(*) FROM extract_quotes(?1) WHERE input IS NULL"),
        0
    );
    assert_eq!(
        count("SELECT count(*) FROM extract_quotes(?1) WHERE input = 'something else'"),
        0
    );
    let inputs: Vec<String> = c
        .prepare("SELECT DISTINCT input FROM extract_quotes(?1)")
        .expect("prepare")
        .query_map([ARTICLE], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(inputs, vec![ARTICLE.to_string()]);
    let m = whosaid::extract_entities(ARTICLE).len() as i64;
    assert_eq!(
        count("SELECT count(*) FROM extract_entities(?1) WHERE input = ?1"),
        m
    );
}

#[test]
fn utf16_databases_give_the_same_results() {
    // Text stored as UTF-16 reaches the functions converted to UTF-8 by SQLite; offsets are
    // code points either way, so results must equal the library's.
    for encoding in ["UTF-16le", "UTF-16be"] {
        let c = Connection::open_in_memory().expect("in-memory database");
        c.execute_batch(&format!(
            "PRAGMA encoding = '{encoding}'; CREATE TABLE docs(body TEXT);"
        ))
        .expect("UTF-16 database");
        whosaid::register(&c).expect("register");
        let text = "😀 “Wir gewinnen,” sagte Jürgen Groß in Zürich. 北京 «Oui», dit Zoë.";
        c.execute("INSERT INTO docs VALUES (?1)", [text])
            .expect("insert");
        let (quotes, entities): (String, String) = c
            .query_row(
                "SELECT extract_quotes(body), extract_entities(body) FROM docs",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("query");
        assert_eq!(
            quotes,
            serde_json::to_string(&whosaid::extract_quotes(text)).expect("json"),
            "{encoding}"
        );
        assert_eq!(
            entities,
            serde_json::to_string(&whosaid::extract_entities(text)).expect("json"),
            "{encoding}"
        );
        let rows: i64 = c
            .query_row(
                "SELECT count(*) FROM docs, extract_quotes(docs.body) q \
                 WHERE substr(docs.body, q.start + 1, q.\"end\" - q.start) = q.quote",
                [],
                |r| r.get(0),
            )
            .expect("substr");
        assert_eq!(
            rows,
            whosaid::extract_quotes(text).len() as i64,
            "{encoding}"
        );
    }
}
