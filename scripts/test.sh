#!/usr/bin/env bash
# Runs every whosaid test: the library's unit, integration and doc tests (in-process SQLite),
# then the loadable extension end to end (the sqlite3 shell over sql/test_*.sql, error cases,
# the demo, and Python's sqlite3 module through Debian's /usr/bin/python3).
#
# Two cargo commands on purpose: building the library's tests (rusqlite `bundled`) together
# with the extension (rusqlite `loadable_extension`) in one command would unify the two
# features, which compiles and then panics at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release
cargo test -p whosaid --profile release-tests
cargo test --release

# The Python package, Datasette and Dask suites install from PyPI into throwaway virtual
# environments; WHOSAID_QUICK=1 skips them (for offline work).
if [ "${WHOSAID_QUICK:-0}" != 1 ]; then
  for suite in scripts/test_python_package.sh scripts/test_datasette.sh scripts/test_dask.sh; do
    if [ -x "$suite" ]; then "$suite"; fi
  done
fi
