//! The real loadable extension (`libwhosaid.so`) in real hosts: the `sqlite3` shell and
//! Debian's `/usr/bin/python3` sqlite3 module. Loading twice into one connection is harmless;
//! NULL gives NULL; bad arguments are clear errors; NULs survive; many Python threads on many
//! connections agree.
//!
//! The extension used is `target/release/libwhosaid.so` when it is newer than every source
//! file (as after `cargo build --release`); otherwise the test builds it with
//! `cargo build --release -p whosaid-extension --target-dir target/robust-ext` (a separate
//! target directory, so it never waits on the cargo lock held by this test run).
//! `WHOSAID_EXTENSION=/path/libwhosaid.so` overrides both.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::SystemTime;

const ARTICLE: &str = "“We will win,” Jane Doe said on Monday. Doe added: “It is close.” \
                       Angela Merkel flew to Paris.";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn newest_source(dir: &Path, newest: &mut SystemTime) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            newest_source(&path, newest);
        } else if let Ok(modified) = entry.metadata().and_then(|m| m.modified()) {
            *newest = (*newest).max(modified);
        }
    }
}

fn is_fresh(so: &Path) -> bool {
    let Ok(built) = so.metadata().and_then(|m| m.modified()) else {
        return false;
    };
    let mut newest = SystemTime::UNIX_EPOCH;
    for dir in ["src", "extension/src"] {
        newest_source(&root().join(dir), &mut newest);
    }
    for file in ["Cargo.toml", "Cargo.lock", "extension/Cargo.toml"] {
        if let Ok(m) = root().join(file).metadata().and_then(|m| m.modified()) {
            newest = newest.max(m);
        }
    }
    built >= newest
}

/// Path of a loadable extension built from this source tree.
fn extension() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        if let Ok(p) = std::env::var("WHOSAID_EXTENSION") {
            return PathBuf::from(p);
        }
        let release = root().join("target/release/libwhosaid.so");
        if is_fresh(&release) {
            return release;
        }
        let target_dir = root().join("target/robust-ext");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .current_dir(root())
            .args([
                "build",
                "--release",
                "-p",
                "whosaid-extension",
                "--target-dir",
            ])
            .arg(&target_dir)
            .status()
            .expect("run cargo build");
        assert!(status.success(), "building the extension failed");
        target_dir.join("release/libwhosaid.so")
    })
}

/// Runs the sqlite3 shell on `script`; returns (success, stdout, stderr).
fn sqlite3(script: &str) -> (bool, String, String) {
    let mut child = Command::new("sqlite3")
        .arg(":memory:")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the sqlite3 shell must be installed (apt-get install sqlite3)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("write script");
    let out = child.wait_with_output().expect("sqlite3 output");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn sql_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

#[test]
fn sqlite3_shell_loads_twice_and_handles_null_nul_and_errors() {
    let ext = extension().display().to_string();
    let article = sql_literal(ARTICLE);
    let script = format!(
        ".bail off\n.load {ext}\n.load {ext}\n\
         SELECT whosaid_version();\n\
         SELECT extract_quotes({article});\n\
         SELECT extract_entities({article});\n\
         SELECT count(*) FROM extract_quotes({article});\n\
         SELECT quote(extract_quotes(NULL)), quote(extract_entities(NULL)), quote(speaker_of(NULL, 'x')), quote(speaker_of('x', NULL));\n\
         SELECT count(*) FROM extract_quotes(NULL);\n\
         SELECT count(*) FROM extract_entities(NULL);\n\
         SELECT extract_quotes('a' || char(0) || '“b c”' || char(0) || ' said Ann Lee.');\n"
    );
    let (ok, stdout, stderr) = sqlite3(&script);
    assert!(ok && stderr.is_empty(), "sqlite3 failed: {stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    let json = |v: &dyn erased::Json| v.json();
    let want = [
        whosaid::version().to_string(),
        json(&whosaid::extract_quotes(ARTICLE)),
        json(&whosaid::extract_entities(ARTICLE)),
        whosaid::extract_quotes(ARTICLE).len().to_string(),
        "NULL|NULL|NULL|NULL".to_string(),
        "0".to_string(),
        "0".to_string(),
        json(&whosaid::extract_quotes("a\0“b c”\0 said Ann Lee.")),
    ];
    assert_eq!(lines, want, "stderr: {stderr}");

    // Each error names the function and the problem, and the shell carries on.
    for (sql, words) in [
        (
            "SELECT extract_quotes(x'ff');",
            &["extract_quotes", "UTF-8"][..],
        ),
        (
            "SELECT extract_entities(CAST(x'c3' AS TEXT));",
            &["extract_entities", "UTF-8"],
        ),
        (
            "SELECT * FROM extract_quotes(x'ff');",
            &["extract_quotes", "UTF-8"],
        ),
        (
            "SELECT extract_quotes(42);",
            &["extract_quotes", "TEXT", "INTEGER"],
        ),
        (
            "SELECT * FROM extract_entities(4.5);",
            &["extract_entities", "TEXT", "REAL"],
        ),
        ("SELECT speaker_of('x', 1);", &["speaker_of", "TEXT"]),
        ("SELECT extract_quotes();", &["extract_quotes"]),
        ("SELECT speaker_of('x');", &["speaker_of"]),
        (
            "SELECT * FROM extract_quotes;",
            &["extract_quotes", "argument"],
        ),
    ] {
        let (_, stdout, stderr) = sqlite3(&format!(".load {ext}\n{sql}\nSELECT 'alive';\n"));
        let lower = stderr.to_lowercase();
        for w in words {
            assert!(
                lower.contains(&w.to_lowercase()),
                "{sql}: error {stderr:?} does not mention {w:?}"
            );
        }
        assert_eq!(stdout.trim(), "alive", "{sql}: the shell did not carry on");
    }
}

/// A tiny JSON serialiser shim so the expected strings come from the library's own serde
/// output, exactly as the SQL layer produces them.
mod erased {
    pub trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).expect("serialise")
        }
    }
}

const PYTHON: &str = "/usr/bin/python3";

#[test]
fn debian_python_loads_twice_and_agrees_across_threads() {
    assert!(
        Path::new(PYTHON).exists(),
        "{PYTHON} (Debian's python3, which can load extensions) is required"
    );
    let ext = extension().display().to_string();
    let script = r#"
import json, sqlite3, sys, threading
ext, article = sys.argv[1], sys.stdin.read()
conn = sqlite3.connect(":memory:", check_same_thread=False)
conn.enable_load_extension(True)
conn.load_extension(ext)
conn.load_extension(ext)  # twice: harmless
out = {}
out["quotes"] = conn.execute("SELECT extract_quotes(?)", (article,)).fetchone()[0]
out["entities"] = conn.execute("SELECT extract_entities(?)", (article,)).fetchone()[0]
out["rows"] = conn.execute("SELECT count(*) FROM extract_quotes(?)", (article,)).fetchone()[0]
out["nulls"] = list(conn.execute("SELECT extract_quotes(NULL), extract_entities(NULL), speaker_of(NULL, 'x')").fetchone())
out["null_rows"] = conn.execute("SELECT count(*) FROM extract_entities(NULL)").fetchone()[0]
try:
    conn.execute("SELECT extract_quotes(?)", (b"\xff\xfe",)).fetchone()
    out["blob_error"] = None
except sqlite3.Error as e:
    out["blob_error"] = str(e)
results, errors = [], []
def work(k):
    try:
        c = sqlite3.connect(":memory:")
        c.enable_load_extension(True)
        c.load_extension(ext)
        for _ in range(50):
            results.append(c.execute("SELECT extract_quotes(?1) || extract_entities(?1)", (article,)).fetchone()[0])
        c.close()
    except Exception as e:
        errors.append(repr(e))
threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
for t in threads: t.start()
for t in threads: t.join()
out["thread_errors"] = errors
out["distinct_thread_results"] = sorted(set(results))
out["thread_result_count"] = len(results)
print(json.dumps(out))
"#;
    let mut child = Command::new(PYTHON)
        .args(["-c", script, &ext])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run python");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(ARTICLE.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("python output");
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON from python");
    let quotes = serde_json::to_string(&whosaid::extract_quotes(ARTICLE)).expect("json");
    let entities = serde_json::to_string(&whosaid::extract_entities(ARTICLE)).expect("json");
    assert_eq!(got["quotes"], quotes.as_str());
    assert_eq!(got["entities"], entities.as_str());
    assert_eq!(got["rows"], whosaid::extract_quotes(ARTICLE).len());
    assert_eq!(got["nulls"], serde_json::json!([null, null, null]));
    assert_eq!(got["null_rows"], 0);
    let blob_error = got["blob_error"]
        .as_str()
        .expect("invalid UTF-8 must be an error");
    assert!(
        blob_error.contains("extract_quotes") && blob_error.contains("UTF-8"),
        "{blob_error}"
    );
    assert_eq!(got["thread_errors"], serde_json::json!([]));
    assert_eq!(got["thread_result_count"], 400);
    assert_eq!(
        got["distinct_thread_results"],
        serde_json::json!([format!("{quotes}{entities}")])
    );
}

#[test]
fn results_over_sqlite_length_limit_are_errors_not_crashes() {
    // With a low SQLITE_LIMIT_LENGTH, a result (JSON or a table column) longer than the
    // limit must be SQLite's "string or blob too big" error, and the host must carry on.
    // The company suffix makes the long word an entity by rule, whatever the model says.
    let ext = extension().display().to_string();
    for sql in [
        "SELECT extract_entities(printf('%.*c', 245, 'A') || ' Inc. b');",
        "SELECT extract_quotes('“' || printf('%.*c', 250, 'A') || ',” she said.');",
        "SELECT length(e.text) FROM extract_entities(printf('%.*c', 275, 'A') || ' Inc. b') e;",
    ] {
        let (_, stdout, stderr) = sqlite3(&format!(
            ".load {ext}\n.limit length 300\n{sql}\nSELECT 'alive';\n"
        ));
        let produced = |needle: &str| stdout.contains(needle) || stderr.contains(needle);
        assert!(
            produced("too big") || produced("280"),
            "{sql}: neither a result nor a too-big error: {stdout:?} {stderr:?}"
        );
        assert!(
            stdout.lines().any(|l| l.trim() == "alive"),
            "{sql}: the shell did not carry on: {stdout:?} {stderr:?}"
        );
    }
}
