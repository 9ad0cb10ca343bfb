#!/usr/bin/env bash
# `pip install .` into two fresh virtual environments and run the package's tests in each:
#  1. Debian's /usr/bin/python3, whose sqlite3 loads extensions;
#  2. the first python3 on PATH (here pyenv's, which cannot), with pysqlite3-binary.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_TARGET_DIR="$root/target"

run() {  # run NAME PYTHON [EXTRA PACKAGES...]
  local name=$1 python=$2
  shift 2
  echo "== python package: $name ($("$python" --version 2>&1))"
  "$python" -m venv "$work/$name"
  local py="$work/$name/bin/python"
  "$py" -m pip install -q --upgrade pip
  "$py" -m pip install -q "$root" "$@"
  (cd "$work" && "$py" -m unittest discover -s "$root/python/tests" -v)
}

run debian /usr/bin/python3
other=$(command -v python3)
if [ "$other" != /usr/bin/python3 ]; then
  run path-python3 "$other" pysqlite3-binary
fi
