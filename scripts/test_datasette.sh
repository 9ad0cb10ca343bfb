#!/usr/bin/env bash
# Datasette end to end: install the package and Datasette into a fresh virtual environment,
# serve the demo database on 127.0.0.1, check a canned query through the JSON API, then render
# the page in headless Chromium and check the table it shows.
#   scripts/test_datasette.sh [--screenshot FILE]   (FILE: a PNG of the rendered page)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
screenshot=""
[ "${1:-}" = --screenshot ] && screenshot=$(realpath -m "$2")
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export CARGO_TARGET_DIR="$root/target"

echo "== datasette: install"
/usr/bin/python3 -m venv "$work/venv"
py="$work/venv/bin/python"
"$py" -m pip install -q --upgrade pip
"$py" -m pip install -q "$root" datasette
sqlite3 "$work/demo.db" < datasette/make_demo_db.sql

port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$work/venv/bin/datasette" serve "$work/demo.db" --host 127.0.0.1 --port "$port" \
  --metadata datasette/metadata.json > "$work/datasette.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  "$py" -c "import urllib.request; urllib.request.urlopen('$base/-/versions.json')" 2>/dev/null && break
  sleep 0.2
done

echo "== datasette: JSON API of the canned query who_said_what"
"$py" - "$base" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
plugins = json.load(urllib.request.urlopen(base + "/-/plugins.json"))
assert any(p["name"].startswith("whosaid") for p in plugins), plugins
rows = json.load(urllib.request.urlopen(base + "/demo/who_said_what.json?_shape=array"))
pairs = {(r["speaker"], r["quote"]) for r in rows}
assert ("Mark Tillman", "The numbers simply do not add up,") in pairs, rows
assert ("Helen Okafor", "We will build it on time and on budget.") in pairs, rows
by_speaker = json.load(urllib.request.urlopen(base + "/demo/quotes_by_speaker.json?_shape=array"))
assert {r["speaker"] for r in by_speaker} >= {"Helen Okafor", "Mark Tillman", "Amina Bello"}, by_speaker
print(f"ok: {len(rows)} quotes, {len(by_speaker)} speakers")
PY

echo "== datasette: the page in headless Chromium"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  chromium=$(command -v chromium)
fi
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-quic
       --no-first-run --disable-component-update --disable-sync --user-data-dir="$work/chrome")
"$chromium" "${flags[@]}" --dump-dom "$base/demo/who_said_what" > "$work/page.html" 2>/dev/null
"$py" - "$work/page.html" <<'PY'
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
         for c in re.findall(r"<td[^>]*>(.*?)</td>", page, re.S)]
assert "Mark Tillman" in cells, cells[:40]
assert "The numbers simply do not add up," in cells, cells[:40]
print(f"ok: the rendered table has {len(cells)} cells, with the quote and its speaker")
PY
if [ -n "$screenshot" ]; then
  "$chromium" "${flags[@]}" --window-size=1280,900 --screenshot="$screenshot" \
    "$base/demo/who_said_what" 2>/dev/null
  echo "screenshot: $screenshot"
fi
