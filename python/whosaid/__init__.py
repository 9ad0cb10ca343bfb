"""whosaid: who said what, about whom, from SQL.

The package holds the whosaid loadable SQLite extension. Load it into a connection and use
its SQL functions (extract_quotes, extract_entities, speaker_of, whosaid_version):

    import sqlite3, whosaid
    conn = sqlite3.connect(":memory:")
    whosaid.load(conn)
    conn.execute("select speaker_of(?, ?)", (article, "my dear friend")).fetchone()

This follows the convention of sqlite-vec and sqlite-regex: ``loadable_path()`` gives the
path to pass to ``load_extension``, ``load(conn)`` does the loading.
"""
import glob
import os

__all__ = ["loadable_path", "load", "connect", "ExtensionLoadingUnavailable"]
__version__ = "0.1.0"

_WAYS_OUT = (
    "This Python's sqlite3 module was built without extension loading (pyenv's default "
    "build is, for one). Ways out: `pip install pysqlite3-binary` and pass a "
    "pysqlite3.dbapi2 connection; `pip install apsw` and pass an apsw.Connection; or rebuild "
    "Python with PYTHON_CONFIGURE_OPTS=--enable-loadable-sqlite-extensions."
)


class ExtensionLoadingUnavailable(RuntimeError):
    """The connection's SQLite binding cannot load extensions."""


def loadable_path():
    """Path of the bundled extension, without its file suffix, as ``load_extension`` takes it."""
    here = os.path.dirname(os.path.abspath(__file__))
    override = os.environ.get("WHOSAID_EXT")
    if override:
        return override
    for pattern in ("whosaid*.so", "whosaid*.dylib", "whosaid*.pyd", "whosaid*.dll"):
        found = sorted(glob.glob(os.path.join(here, pattern)))
        if found:
            return os.path.splitext(found[0])[0]
    raise FileNotFoundError(f"the whosaid extension is not installed in {here}")


def _extension_file():
    base = loadable_path()
    for suffix in ("", ".so", ".dylib", ".dll"):
        if os.path.exists(base + suffix) and not os.path.isdir(base + suffix):
            return base + suffix
    return base


def load(conn):
    """Loads whosaid into ``conn``: a sqlite3, pysqlite3 or apsw connection."""
    if hasattr(conn, "enable_load_extension"):  # sqlite3 and pysqlite3
        conn.enable_load_extension(True)
        try:
            conn.load_extension(loadable_path())
        finally:
            conn.enable_load_extension(False)
    elif hasattr(conn, "enableloadextension"):  # apsw
        conn.enableloadextension(True)
        try:
            conn.loadextension(_extension_file())
        finally:
            conn.enableloadextension(False)
    elif hasattr(conn, "execute") and type(conn).__module__.startswith(("sqlite3", "_sqlite3")):
        raise ExtensionLoadingUnavailable(_WAYS_OUT)
    else:
        raise TypeError(f"whosaid.load: not an SQLite connection: {type(conn).__name__}")
    return conn


def connect(database=":memory:"):
    """A new connection with whosaid loaded, from the first binding that can load extensions:
    the standard library's sqlite3, then pysqlite3, then apsw."""
    import sqlite3

    if hasattr(sqlite3.Connection, "enable_load_extension"):
        return load(sqlite3.connect(database))
    try:
        from pysqlite3 import dbapi2
    except ImportError:
        pass
    else:
        return load(dbapi2.connect(database))
    try:
        import apsw
    except ImportError:
        raise ExtensionLoadingUnavailable(_WAYS_OUT) from None
    return load(apsw.Connection(database))
