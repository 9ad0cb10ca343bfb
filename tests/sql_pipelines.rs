//! The trigger pipeline of `sql/pipelines.sql` is atomic with the writer's statement: a
//! statement that fails part-way leaves no quote or entity rows behind, and a rolled-back
//! transaction takes its rows with it.

use rusqlite::Connection;

fn pipeline() -> Connection {
    let conn = Connection::open_in_memory().expect("in-memory database");
    whosaid::register(&conn).expect("functions register");
    let schema = include_str!("../sql/pipelines.sql");
    conn.execute_batch(schema).expect("pipelines.sql runs");
    conn
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect("count query")
}

#[test]
fn a_failing_statement_leaves_nothing_behind() {
    let conn = pipeline();
    conn.execute(
        "INSERT INTO articles(url, body) VALUES ('c', '“First,” she said.')",
        [],
    )
    .expect("first insert");
    let failed = conn.execute(
        "INSERT INTO articles(url, body) VALUES ('d', '“Second,” he said.'), ('c', '“Third,” they said.')",
        [],
    );
    assert!(failed.is_err(), "the duplicate url must fail the statement");
    assert_eq!(count(&conn, "SELECT count(*) FROM articles"), 1);
    let quotes: String = conn
        .query_row("SELECT group_concat(quote, '|') FROM quotes", [], |r| {
            r.get(0)
        })
        .expect("quotes");
    assert_eq!(quotes, "First,");
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'second'"
        ),
        0
    );
}

#[test]
fn a_rolled_back_transaction_takes_its_rows_with_it() {
    let mut conn = pipeline();
    let tx = conn.transaction().expect("transaction");
    tx.execute(
        "INSERT INTO articles(url, body) VALUES ('x', '“Gone soon,” said Ann Lee.')",
        [],
    )
    .expect("insert");
    assert_eq!(count(&tx, "SELECT count(*) FROM quotes"), 1);
    tx.rollback().expect("rollback");
    assert_eq!(count(&conn, "SELECT count(*) FROM quotes"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM entities"), 0);
}
