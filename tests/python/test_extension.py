"""Python's sqlite3 module against the built whosaid extension (standard library unittest).

Run from the repository root with a Python whose sqlite3 can load extensions (Debian's
/usr/bin/python3 can; pyenv's default build cannot):

    /usr/bin/python3 -m unittest discover -s tests/python -v

WHOSAID_EXT overrides the extension path (default: target/release/libwhosaid).
"""
import json
import os
import sqlite3
import threading
import unittest

EXT = os.environ.get("WHOSAID_EXT", "target/release/libwhosaid")
SAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "sql", "samples")


def connect():
    conn = sqlite3.connect(":memory:")
    conn.enable_load_extension(True)
    conn.load_extension(EXT)
    conn.enable_load_extension(False)
    return conn


def sample(name):
    with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
        return f.read()


class ExtensionTest(unittest.TestCase):
    def setUp(self):
        self.conn = connect()

    def one(self, sql, *args):
        return self.conn.execute(sql, args).fetchone()[0]

    def test_version(self):
        self.assertRegex(self.one("select whosaid_version()"), r"^\d+\.\d+\.\d+")

    def test_quotes_json_offsets_are_python_indices(self):
        text = "Zoë said: “Déjà vu,” and left. “Again?” she asked."
        quotes = json.loads(self.one("select extract_quotes(?)", text))
        self.assertEqual([q["quote"] for q in quotes], ["Déjà vu,", "Again?"])
        for q in quotes:
            self.assertEqual(text[q["start"]:q["end"]], q["quote"])

    def test_entities_offsets_are_python_indices(self):
        text = sample("trade-talks.txt")
        entities = json.loads(self.one("select extract_entities(?)", text))
        self.assertGreater(len(entities), 5)
        for e in entities:
            self.assertEqual(text[e["start"]:e["end"]], e["text"])
            self.assertIn(e["label"], {"PERSON", "ORG", "LOC", "MISC"})

    def test_table_function_rows(self):
        text = sample("harbour-bridge.txt")
        rows = self.conn.execute(
            "select quote, speaker, cue from extract_quotes(?) where speaker is not null", (text,)
        ).fetchall()
        self.assertIn(("The numbers simply do not add up,", "Mark Tillman", "said"), rows)

    def test_speaker_of(self):
        text = sample("harbour-bridge.txt")
        self.assertEqual(self.one("select speaker_of(?, ?)", text, "who pays when the costs double"),
                         "Mark Tillman")
        self.assertIsNone(self.one("select speaker_of(?, ?)", text, "never said"))

    def test_null_in_null_out(self):
        self.assertIsNone(self.one("select extract_quotes(?)", None))
        self.assertIsNone(self.one("select extract_entities(?)", None))
        self.assertIsNone(self.one("select speaker_of(?, ?)", None, "x"))
        self.assertEqual(self.one("select count(*) from extract_quotes(?)", None), 0)

    def test_invalid_utf8_blob_is_an_error_naming_the_function(self):
        for fn in ("extract_quotes", "extract_entities"):
            with self.assertRaises(sqlite3.OperationalError) as cm:
                self.one(f"select {fn}(?)", b"\xff\xfe")
            self.assertIn(fn, str(cm.exception))
            self.assertIn("UTF-8", str(cm.exception))
        with self.assertRaises(sqlite3.OperationalError) as cm:
            self.one("select speaker_of(?, 'x')", b"abc\xff")
        self.assertIn("speaker_of", str(cm.exception))

    def test_loading_twice_is_harmless(self):
        self.conn.enable_load_extension(True)
        self.conn.load_extension(EXT)
        self.assertEqual(self.one("select json_array_length(extract_quotes(?))", "“Yes,” he said."), 1)

    def test_many_threads_many_connections_agree(self):
        texts = [sample(n) for n in ("harbour-bridge.txt", "vaccine-trial.txt", "trade-talks.txt")]
        expected = [self.one("select extract_quotes(?) || extract_entities(?)", t, t) for t in texts]
        failures = []

        def work():
            conn = connect()
            for _ in range(20):
                for t, want in zip(texts, expected):
                    got = conn.execute("select extract_quotes(?) || extract_entities(?)", (t, t)).fetchone()[0]
                    if got != want:
                        failures.append(t[:30])

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])


if __name__ == "__main__":
    unittest.main()
