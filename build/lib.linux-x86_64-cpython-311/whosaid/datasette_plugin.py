"""Datasette plugin: every Datasette connection gets the whosaid SQL functions.

Installed with the package (`pip install .`, or `datasette install /path/to/whosaid`) through
the `datasette` entry point; Datasette then calls ``prepare_connection`` for each connection.
Without installing, ``datasette --load-extension "$(python -c 'import whosaid;
print(whosaid.loadable_path())')"`` does the same.
"""
from datasette import hookimpl

import whosaid


@hookimpl
def prepare_connection(conn):
    whosaid.load(conn)
