//! End-to-end tests of the loadable extension through the hosts our users have: the real
//! `sqlite3` shell and Python's sqlite3 module. They run the release build of the
//! extension, building it first, from the repository root.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// The repository root (the parent of `extension/`).
fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        manifest.parent().unwrap_or(manifest).to_path_buf()
    })
}

/// Builds the release extension once and returns its path without `.so`, as `.load` takes it.
fn extension() -> &'static str {
    static EXT: OnceLock<String> = OnceLock::new();
    EXT.get_or_init(|| {
        if let Ok(path) = std::env::var("WHOSAID_EXT") {
            return path;
        }
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--release", "-p", "whosaid-extension"])
            .current_dir(root())
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the extension failed");
        let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
        root()
            .join(target)
            .join("release/libwhosaid")
            .display()
            .to_string()
    })
}

/// Runs the sqlite3 shell on `sql` with the extension loaded, from the repository root.
fn sqlite3(sql: &str) -> Output {
    let mut child = Command::new("sqlite3")
        .args([":memory:", "-cmd", &format!(".load {}", extension())])
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the sqlite3 shell is installed");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(sql.as_bytes())
        .expect("sqlite3 reads its input");
    child.wait_with_output().expect("sqlite3 finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every `sql/test_*.sql` script: each output row must read `case_id|1`.
#[test]
fn sql_test_scripts_pass_in_the_sqlite3_shell() {
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(root().join("sql"))
        .expect("sql/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("test_") && n.ends_with(".sql"))
        })
        .collect();
    scripts.sort();
    assert!(!scripts.is_empty(), "no sql/test_*.sql scripts");
    let mut failures = Vec::new();
    let mut cases = 0;
    for script in &scripts {
        let sql = std::fs::read_to_string(script).expect("script is readable");
        let out = sqlite3(&format!(".bail on\n{sql}"));
        assert!(
            out.status.success() && stderr(&out).is_empty(),
            "{} failed: {}",
            script.display(),
            stderr(&out)
        );
        for line in stdout(&out).lines() {
            cases += 1;
            if !line.ends_with("|1") {
                failures.push(format!("{}: {line}", script.display()));
            }
        }
    }
    assert!(cases > 20, "only {cases} SQL cases ran");
    assert!(
        failures.is_empty(),
        "failing SQL cases:\n{}",
        failures.join("\n")
    );
}

/// Errors are SQL errors that name the function and the problem; the shell survives them.
#[test]
fn bad_input_is_a_clear_error_not_a_crash() {
    let cases = [
        (
            "SELECT extract_quotes(x'ff00');",
            "extract_quotes: argument is not valid UTF-8",
        ),
        (
            "SELECT extract_entities(x'c3');",
            "extract_entities: argument is not valid UTF-8",
        ),
        (
            "SELECT speaker_of('ok', x'80');",
            "speaker_of: argument is not valid UTF-8",
        ),
        (
            "SELECT * FROM extract_quotes(x'ff');",
            "extract_quotes: argument is not valid UTF-8",
        ),
        (
            "SELECT * FROM extract_entities(x'ff');",
            "extract_entities: argument is not valid UTF-8",
        ),
        (
            "SELECT extract_quotes(42);",
            "extract_quotes: argument must be TEXT, got INTEGER",
        ),
        (
            "SELECT extract_entities(4.2);",
            "extract_entities: argument must be TEXT, got REAL",
        ),
        (
            "SELECT extract_quotes();",
            "wrong number of arguments to function extract_quotes()",
        ),
        (
            "SELECT speaker_of('a');",
            "wrong number of arguments to function speaker_of()",
        ),
        (
            "SELECT * FROM extract_quotes;",
            "extract_quotes: needs its text argument",
        ),
        (
            "SELECT * FROM extract_entities('a', 'b');",
            "too many arguments on extract_entities",
        ),
    ];
    for (sql, message) in cases {
        let out = sqlite3(&format!("{sql}\nSELECT 'alive';\n"));
        assert!(
            stderr(&out).contains(message),
            "{sql}: expected {message:?}, got {:?}",
            stderr(&out)
        );
        assert!(
            stdout(&out).contains("alive"),
            "{sql}: the shell did not go on"
        );
    }
}

/// Loading twice into one connection is harmless.
#[test]
fn loading_twice_is_harmless() {
    let out = sqlite3(&format!(
        ".load {}\nSELECT json_array_length(extract_quotes('“Yes,” he said.'));\n",
        extension()
    ));
    assert_eq!(stdout(&out).trim(), "1", "{}", stderr(&out));
}

/// The demo the README's first command runs prints quotes, speakers and entities.
#[test]
fn demo_runs() {
    let demo = std::fs::read_to_string(root().join("sql/demo.sql")).expect("demo exists");
    let demo = demo.replace(".load target/release/libwhosaid", "");
    let out = sqlite3(&demo);
    assert!(
        out.status.success() && stderr(&out).is_empty(),
        "{}",
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(text.contains("Mark Tillman"), "{text}");
    assert!(text.contains("PERSON"), "{text}");
}

/// Python's sqlite3 module (Debian's /usr/bin/python3, which can load extensions).
#[test]
fn python_unittest_suite_passes() {
    let python = "/usr/bin/python3";
    if !Path::new(python).exists() {
        eprintln!("skipped: {python} is not installed");
        return;
    }
    let out = Command::new(python)
        .args(["-m", "unittest", "discover", "-s", "tests/python", "-v"])
        .env("WHOSAID_EXT", extension())
        .current_dir(root())
        .output()
        .expect("python runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("OK"), "{}", stderr(&out));
}
