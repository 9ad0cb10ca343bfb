"""Tests of the installed whosaid Python package (run from outside the source tree, so the
installed package is the one imported):

    python -m unittest discover -s python/tests -v
"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

import whosaid

ARTICLE = "“We will build it on time,” Mayor Helen Okafor said. “And on budget,” Okafor added."
STDLIB_CAN_LOAD = hasattr(sqlite3.Connection, "enable_load_extension")


def optional(module):
    try:
        return __import__(module)
    except ImportError:
        return None


class PackageTest(unittest.TestCase):
    def test_loadable_path_is_inside_the_package(self):
        path = whosaid.loadable_path()
        package_dir = os.path.dirname(os.path.abspath(whosaid.__file__))
        self.assertEqual(os.path.dirname(path), package_dir)
        self.assertTrue(any(f.startswith(os.path.basename(path)) for f in os.listdir(package_dir)))

    @unittest.skipUnless(STDLIB_CAN_LOAD, "this Python's sqlite3 cannot load extensions")
    def test_load_into_stdlib_sqlite3(self):
        conn = whosaid.load(sqlite3.connect(":memory:"))
        self.assertEqual(conn.execute("select whosaid_version()").fetchone()[0], whosaid.__version__)
        self.assertEqual(conn.execute("select speaker_of(?, 'on budget')", (ARTICLE,)).fetchone()[0],
                         "Helen Okafor")

    @unittest.skipIf(STDLIB_CAN_LOAD, "this Python's sqlite3 can load extensions")
    def test_stdlib_without_extension_loading_names_the_ways_out(self):
        with self.assertRaises(whosaid.ExtensionLoadingUnavailable) as cm:
            whosaid.load(sqlite3.connect(":memory:"))
        for way in ("pysqlite3-binary", "apsw", "--enable-loadable-sqlite-extensions"):
            self.assertIn(way, str(cm.exception))

    @unittest.skipIf(optional("pysqlite3") is None, "pysqlite3 is not installed")
    def test_load_into_pysqlite3(self):
        from pysqlite3 import dbapi2
        conn = whosaid.load(dbapi2.connect(":memory:"))
        rows = conn.execute("select speaker from extract_quotes(?)", (ARTICLE,)).fetchall()
        self.assertEqual(rows, [("Helen Okafor",), ("Helen Okafor",)])

    @unittest.skipIf(optional("apsw") is None, "apsw is not installed")
    def test_load_into_apsw(self):
        import apsw
        conn = whosaid.load(apsw.Connection(":memory:"))
        rows = list(conn.execute("select speaker from extract_quotes(?)", (ARTICLE,)))
        self.assertEqual(rows, [("Helen Okafor",), ("Helen Okafor",)])

    def test_connect_picks_a_binding_that_loads(self):
        try:
            conn = whosaid.connect()
        except whosaid.ExtensionLoadingUnavailable:
            self.skipTest("no binding here can load extensions")
        raw = conn.execute("select extract_quotes(?)", (ARTICLE,)).fetchone()[0]
        self.assertEqual([q["quote"] for q in json.loads(raw)], ["We will build it on time,", "And on budget,"])

    def test_not_a_connection_is_a_type_error(self):
        with self.assertRaises(TypeError):
            whosaid.load(object())


class CommandLineTest(unittest.TestCase):
    def run_cli(self, *args, stdin=None):
        return subprocess.run([sys.executable, "-m", "whosaid", *args], input=stdin,
                              capture_output=True, text=True, timeout=120)

    def setUp(self):
        try:
            whosaid.connect()
        except whosaid.ExtensionLoadingUnavailable:
            self.skipTest("no binding here can load extensions")

    def test_quotes_from_files_as_json_lines(self):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
            f.write(ARTICLE)
        try:
            out = self.run_cli("quotes", f.name, f.name)
        finally:
            os.unlink(f.name)
        self.assertEqual(out.returncode, 0, out.stderr)
        lines = [json.loads(l) for l in out.stdout.splitlines()]
        self.assertEqual(len(lines), 4)
        self.assertEqual({l["file"] for l in lines}, {f.name})
        self.assertEqual(lines[1]["speaker"], "Helen Okafor")

    def test_entities_from_standard_input(self):
        out = self.run_cli("entities", "-", stdin="Angela Merkel flew to Paris on Monday.")
        self.assertEqual(out.returncode, 0, out.stderr)
        entities = [json.loads(l) for l in out.stdout.splitlines()]
        self.assertIn(("Paris", "LOC"), [(e["text"], e["label"]) for e in entities])
        self.assertTrue(all(e["file"] == "-" for e in entities))


if __name__ == "__main__":
    unittest.main()
