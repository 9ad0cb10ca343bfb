#!/usr/bin/env bash
# The Dask runner: install the package with Dask into a fresh virtual environment (Debian's
# /usr/bin/python3) and check a two-worker LocalCluster against a single process.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_TARGET_DIR="$root/target"
echo "== dask: install"
/usr/bin/python3 -m venv "$work/venv"
py="$work/venv/bin/python"
"$py" -m pip install -q --upgrade pip
"$py" -m pip install -q "$root[dask]"
echo "== dask: two-worker LocalCluster against one process"
(cd "$work" && "$py" -m unittest discover -s "$root/python/tests" -p 'test_dask.py' -v)
