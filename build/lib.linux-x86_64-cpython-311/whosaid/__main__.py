"""Command line: ``python -m whosaid quotes FILE...`` and ``python -m whosaid entities FILE...``.

Prints one JSON object per line: each quotation (or entity) of each file, with the file name
under "file". A FILE of ``-`` reads standard input.
"""
import argparse
import json
import sys

import whosaid


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m whosaid", description=__doc__.split("\n")[0])
    parser.add_argument("task", choices=["quotes", "entities"])
    parser.add_argument("files", nargs="+", metavar="FILE", help="text files; - for standard input")
    args = parser.parse_args(argv)
    try:
        conn = whosaid.connect()
    except whosaid.ExtensionLoadingUnavailable as e:
        print(f"whosaid: {e}", file=sys.stderr)
        return 2
    function = "extract_quotes" if args.task == "quotes" else "extract_entities"
    for name in args.files:
        if name == "-":
            text = sys.stdin.read()
        else:
            with open(name, encoding="utf-8") as f:
                text = f.read()
        raw = conn.execute(f"select {function}(?)", (text,)).fetchone()[0]
        for item in json.loads(raw):
            print(json.dumps({"file": name, **item}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
