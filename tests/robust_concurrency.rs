//! Concurrency: many threads, each with its own connection (and some sharing one file
//! database), running every whosaid function at once, scalar and table forms, must produce
//! exactly the results of a single-threaded run.

mod robust_support;

use std::sync::{Arc, Barrier};
use std::thread;

use rusqlite::Connection;
use rusqlite::types::Value;

use robust_support::{Rng, news_like};

const ARTICLES: &[&str] = &[
    include_str!("../benches/articles/city-council-budget.txt"),
    include_str!("../benches/articles/flood-warning.txt"),
    include_str!("../benches/articles/port-strike.txt"),
    include_str!("../benches/articles/science-trial.txt"),
];

fn texts() -> Vec<String> {
    let mut out: Vec<String> = ARTICLES.iter().map(|a| a.to_string()).collect();
    let mut rng = Rng::new(77);
    for _ in 0..60 {
        let n = 20 + rng.below(300);
        out.push(news_like(&mut rng, n));
    }
    out
}

/// Everything one text gives through SQL: both JSON scalars, `speaker_of` for the first
/// quotation, and both table forms as rows.
fn all_results(conn: &Connection, text: &str) -> Vec<Vec<Value>> {
    let mut out = Vec::new();
    let probe = whosaid::extract_quotes(text)
        .first()
        .map(|q| q.quote.clone())
        .unwrap_or_else(|| "said".to_string());
    let mut stmt = conn
        .prepare("SELECT extract_quotes(?1), extract_entities(?1), speaker_of(?1, ?2), whosaid_version()")
        .expect("prepare scalars");
    let row: Vec<Value> = stmt
        .query_row(rusqlite::params![text, probe], |r| {
            (0..4).map(|i| r.get::<_, Value>(i)).collect()
        })
        .expect("scalars");
    out.push(row);
    for sql in [
        "SELECT * FROM extract_quotes(?1)",
        "SELECT * FROM extract_entities(?1)",
    ] {
        let mut stmt = conn.prepare(sql).expect("prepare table form");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([text], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
            .expect("table form")
            .collect::<Result<Vec<Vec<Value>>, _>>()
            .expect("rows");
        out.extend(rows);
        out.push(vec![Value::Text("--".into())]);
    }
    out
}

fn open_registered() -> Connection {
    let conn = Connection::open_in_memory().expect("in-memory database");
    whosaid::register(&conn).expect("register");
    conn
}

#[test]
fn many_threads_on_many_connections_agree() {
    let texts = Arc::new(texts());
    let baseline_conn = open_registered();
    let expected: Arc<Vec<_>> = Arc::new(
        texts
            .iter()
            .map(|t| all_results(&baseline_conn, t))
            .collect(),
    );
    let threads = 8;
    let rounds = if cfg!(debug_assertions) { 1 } else { 3 };
    let barrier = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|k| {
            let (texts, expected, barrier) = (texts.clone(), expected.clone(), barrier.clone());
            thread::spawn(move || {
                let conn = open_registered();
                barrier.wait(); // start together, to maximise overlap
                let n = texts.len();
                for round in 0..rounds {
                    for j in 0..n {
                        let i = (j * (2 * k + 1) + k + round) % n;
                        let got = all_results(&conn, &texts[i]);
                        assert_eq!(got, expected[i], "thread {k}, text {i}: results differ");
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("a worker thread panicked");
    }
}

#[test]
fn threads_sharing_a_file_database_agree() {
    // Several connections to one WAL database, each reading a slice of the same table and
    // writing results to its own table, as the parallel recipe in docs/performance.md does.
    let dir = std::env::temp_dir().join(format!("whosaid-concurrency-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("docs.db");
    let _ = std::fs::remove_file(&path);
    let texts = texts();
    {
        let conn = Connection::open(&path).expect("file database");
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE docs(id INTEGER PRIMARY KEY, body TEXT);",
        )
        .expect("schema");
        let tx = conn.unchecked_transaction().expect("transaction");
        for t in &texts {
            tx.execute("INSERT INTO docs(body) VALUES (?1)", [t])
                .expect("insert");
        }
        tx.commit().expect("commit");
    }
    let workers = 4;
    let n = texts.len() as i64;
    let handles: Vec<_> = (0..workers)
        .map(|k| {
            let path = path.clone();
            thread::spawn(move || {
                let conn = Connection::open(&path).expect("open");
                conn.busy_timeout(std::time::Duration::from_secs(60))
                    .expect("busy timeout");
                whosaid::register(&conn).expect("register");
                let (lo, hi) = (k * n / workers + 1, (k + 1) * n / workers);
                conn.execute_batch(&format!(
                    "BEGIN IMMEDIATE;
                     CREATE TABLE out_{k}(id INTEGER PRIMARY KEY, quotes TEXT, entities TEXT, nq INTEGER);
                     COMMIT;"
                ))
                .expect("create output");
                conn.execute(
                    &format!(
                        "INSERT INTO out_{k}
                         SELECT id, extract_quotes(body), extract_entities(body),
                                (SELECT count(*) FROM extract_quotes(body))
                         FROM docs WHERE id BETWEEN ?1 AND ?2"
                    ),
                    [lo, hi],
                )
                .expect("insert results");
            })
        })
        .collect();
    for h in handles {
        h.join().expect("a worker thread panicked");
    }
    let conn = Connection::open(&path).expect("open");
    let mut got = Vec::new();
    for k in 0..workers {
        let mut stmt = conn
            .prepare(&format!(
                "SELECT id, quotes, entities, nq FROM out_{k} ORDER BY id"
            ))
            .expect("prepare");
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })
            .expect("query")
            .collect::<Result<Vec<_>, _>>()
            .expect("rows");
        got.extend(rows);
    }
    assert_eq!(got.len(), texts.len(), "every row processed exactly once");
    for (id, quotes, entities, nq) in got {
        let t = &texts[(id - 1) as usize];
        let want_q = whosaid::extract_quotes(t);
        assert_eq!(quotes, serde_json::to_string(&want_q).expect("json"));
        assert_eq!(
            entities,
            serde_json::to_string(&whosaid::extract_entities(t)).expect("json")
        );
        assert_eq!(nq, want_q.len() as i64);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn library_calls_from_many_threads_agree() {
    let texts = texts();
    let expected: Vec<_> = texts
        .iter()
        .map(|t| {
            (
                whosaid::extract_quotes(t),
                whosaid::extract_entities(t),
                whosaid::speaker_of(t, "said"),
            )
        })
        .collect();
    thread::scope(|s| {
        for k in 0..8 {
            let (texts, expected) = (&texts, &expected);
            s.spawn(move || {
                for j in 0..texts.len() {
                    let i = (j + 7 * k) % texts.len();
                    let t = &texts[i];
                    let got = (
                        whosaid::extract_quotes(t),
                        whosaid::extract_entities(t),
                        whosaid::speaker_of(t, "said"),
                    );
                    assert_eq!(got, expected[i], "thread {k}, text {i}");
                }
            });
        }
    });
}
