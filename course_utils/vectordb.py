"""A real vector database: PostgreSQL 16 with pgvector, embedded (notebook 14).

The PyPI package ``pgserver`` ships PostgreSQL with the pgvector extension and starts it from
Python, with its data directory in the course cache; ``psycopg`` (version 3) talks to it. Set
``COURSE_DATABASE_URL`` to use an existing PostgreSQL server with pgvector instead.

- :func:`connect` starts (or connects to) the server and returns a :class:`VectorDB`, a context
  manager that stops the embedded server when it closes (and, failing that, at interpreter exit).
- :func:`create_vector_table` and :func:`copy_rows`: a table of (id, text, metadata, model,
  embedding) rows, bulk-loaded with ``COPY``; a check constraint keeps one model per table.
- :func:`search`: the ``k`` nearest rows by cosine distance, through an approximate index when one
  exists, or exactly (``exact=True``); it refuses a query vector of the wrong dimension
  (:class:`DimensionError`) or from another model (:class:`ModelMismatchError`).

Example:
    >>> with connect() as db:  # doctest: +SKIP
    ...     create_vector_table(db, "docs", dimension=3, model="toy")
    ...     copy_rows(db, "docs", ["a", "b"], ["x", "y"], np.eye(3)[:2], model="toy")
    ...     search(db, "docs", [1.0, 0.1, 0.0], k=1, model="toy")
    [('a', 0.0049...)]
"""

from __future__ import annotations

import atexit
import json
import os
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import psycopg
from psycopg import sql

from course_utils.config import cache_dir
from course_utils.lifecycle import ModelMismatchError

#: Environment variable with a PostgreSQL URL to use instead of the embedded server.
DATABASE_URL_VARIABLE = "COURSE_DATABASE_URL"

#: The schema the course's tables live in (dropped and re-created by :meth:`VectorDB.reset`).
DEFAULT_SCHEMA = "course"

__all__ = [
    "DatabaseStartError",
    "DimensionError",
    "ModelMismatchError",
    "VectorDB",
    "connect",
    "copy_rows",
    "create_vector_table",
    "process_alive",
    "reciprocal_rank_fusion",
    "search",
    "switch_view",
    "table_dimension",
    "table_model",
    "vector_literal",
]


class DatabaseStartError(RuntimeError):
    """Raised when the embedded server cannot start or the database cannot be reached."""


class DimensionError(ValueError):
    """Raised when vectors do not have the dimension of the table's ``vector(d)`` column."""


def vector_literal(vector: Sequence[float] | np.ndarray) -> str:
    """Return pgvector's text form of ``vector``, exact for float32 values: ``'[0.5,1.0,-2.0]'``.

    ``repr`` of a float32 value held in a Python float gives enough digits to parse back to the
    same float32, so what the database stores equals the NumPy array bit for bit.

    Example:
        >>> vector_literal(np.array([0.5, 1, -2], dtype=np.float32))
        '[0.5,1.0,-2.0]'
    """
    values = np.asarray(vector, dtype=np.float32).ravel()
    if not np.all(np.isfinite(values)):
        raise ValueError("a vector holds NaN or infinity, which pgvector rejects: check the embeddings.")
    return "[" + ",".join(map(repr, values.tolist())) + "]"


def _quiet_import_pgserver():
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset (containers)
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
        import pgserver
    return pgserver


class VectorDB:
    """An open connection (autocommit) to PostgreSQL with pgvector, and the embedded server if we started it.

    Use it as a context manager, or call :meth:`close`: closing stops the embedded server. Closing
    twice is harmless, and a server still running when Python exits is stopped then.

    Attributes:
        conn: the ``psycopg.Connection`` (autocommit; use ``conn.transaction()`` for a transaction).
        url: the connection URL (a Unix socket of the embedded server, or ``COURSE_DATABASE_URL``).
        schema: the schema the course's tables are created in.
        server: the ``pgserver`` handle, or None for an external server.
    """

    def __init__(self, url: str, schema: str = DEFAULT_SCHEMA, server=None) -> None:
        self.url, self.schema, self.server = url, schema, server
        self.dimensions: dict[str, int] = {}  # table -> d of its vector(d) column, read once per table
        self.conn = self.new_connection()
        atexit.register(self.close)

    def new_connection(self) -> psycopg.Connection:
        """Open another autocommit connection to the same database and schema (a second 'client')."""
        conn = psycopg.connect(self.url, autocommit=True)
        conn.execute("SET client_min_messages = warning")  # no NOTICE chatter ("table does not exist, skipping")
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(self.schema)))
        conn.execute(sql.SQL("SET search_path = {}, public").format(sql.Identifier(self.schema)))
        return conn

    def execute(self, query, params: Sequence | Mapping | None = None) -> list[tuple]:
        """Run one SQL statement; return its rows (an empty list for statements without rows).

        Example:
            >>> db.execute("SELECT 1 + %s", (1,))  # doctest: +SKIP
            [(2,)]
        """
        cursor = self.conn.execute(query, params)
        return cursor.fetchall() if cursor.description is not None else []

    def reset(self) -> None:
        """Drop the course schema with everything in it and create it empty."""
        name = sql.Identifier(self.schema)
        self.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(name))
        self.execute(sql.SQL("CREATE SCHEMA {}").format(name))
        self.dimensions.clear()

    @property
    def server_pid(self) -> int | None:
        """The process id of the embedded server (None for an external server)."""
        return None if self.server is None else self.server.get_pid()

    def close(self) -> None:
        """Close the connection and stop the embedded server (if this object started it)."""
        if not self.conn.closed:
            self.conn.close()
        server, self.server = self.server, None
        if server is not None:
            server.cleanup()  # pg_ctl stop, when no other process of ours holds the server
        atexit.unregister(self.close)

    def __enter__(self) -> VectorDB:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def start_embedded_server(data_dir: str | Path | None = None):
    """Start PostgreSQL + pgvector from the ``pgserver`` package; return its handle.

    Args:
        data_dir: the server's data directory (created and initialised on first use; default
            ``<course cache>/postgres``). Running as root, pgserver runs the server as a user
            ``pgserver`` that it creates.

    Raises:
        DatabaseStartError: with the reason and what to do.
    """
    path = Path(data_dir) if data_dir is not None else cache_dir() / "postgres"
    try:
        pgserver = _quiet_import_pgserver()
    except ImportError as err:
        raise DatabaseStartError(
            "The embedded PostgreSQL comes from the PyPI package pgserver, which is not installed. Run "
            "`pip install -r requirements.txt`, or set COURSE_DATABASE_URL to a PostgreSQL server with pgvector."
        ) from err
    try:
        return pgserver.get_server(path, cleanup_mode="stop")
    except Exception as err:  # pgserver raises assertion, OS and subprocess errors
        log = path / "log"
        tail = log.read_text(errors="replace")[-800:] if log.is_file() else "(no server log)"
        raise DatabaseStartError(
            f"The embedded PostgreSQL server could not start in {path}: {type(err).__name__}: {err}\n"
            f"Server log (end): {tail}\n"
            "What to do: check that the folder's parent exists and is writable; if a crash left the folder "
            "half-initialised, delete it (it holds only this course's tables) and run again; or set "
            "COURSE_DATABASE_URL to an existing PostgreSQL server with the pgvector extension."
        ) from err


def connect(url: str | None = None, data_dir: str | Path | None = None, schema: str = DEFAULT_SCHEMA) -> VectorDB:
    """Connect to PostgreSQL with pgvector: ``url``, else ``$COURSE_DATABASE_URL``, else an embedded server.

    The ``vector`` extension is created if missing, and new tables go into ``schema``.

    Args:
        url: a PostgreSQL URL (``postgresql://user@host/db``).
        data_dir: data directory of the embedded server (see :func:`start_embedded_server`).
        schema: the schema for the course's tables.

    Raises:
        DatabaseStartError: the server cannot start, cannot be reached, or lacks pgvector.

    Example:
        >>> with connect() as db:  # doctest: +SKIP
        ...     db.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
        [('0.6.2',)]
    """
    url = url or os.environ.get(DATABASE_URL_VARIABLE) or None
    server = None
    if url is None:
        server = start_embedded_server(data_dir)
        url = server.get_uri()
    try:
        db = VectorDB(url, schema=schema, server=server)
    except psycopg.Error as err:
        if server is not None:
            server.cleanup()
        raise DatabaseStartError(
            f"Cannot connect to PostgreSQL at {url}: {err}. Check the URL (COURSE_DATABASE_URL), or unset it "
            "to use the embedded server."
        ) from err
    try:
        db.execute("CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public")  # outside the course schema
    except psycopg.Error as err:
        db.close()
        raise DatabaseStartError(
            f"The server at {url} has no pgvector extension ({err}). Install pgvector there "
            "(https://github.com/pgvector/pgvector), or unset COURSE_DATABASE_URL to use the embedded server."
        ) from err
    return db


def create_vector_table(db: VectorDB, table: str, dimension: int, model: str, drop: bool = True) -> None:
    """Create ``table (id text PRIMARY KEY, text, metadata jsonb, model, embedding vector(dimension))``.

    A check constraint admits only rows of ``model``: vectors of two models can never share the table.

    Example:
        >>> create_vector_table(db, "articles", dimension=384, model="all-MiniLM-L6-v2")  # doctest: +SKIP
    """
    name = sql.Identifier(table)
    db.dimensions.pop(table, None)
    if drop:
        db.execute(sql.SQL("DROP TABLE IF EXISTS {} CASCADE").format(name))
    db.execute(
        sql.SQL(
            "CREATE TABLE {} (id text PRIMARY KEY, text text NOT NULL, metadata jsonb NOT NULL DEFAULT '{{}}', "
            "model text NOT NULL CHECK (model = {}), embedding vector({}) NOT NULL)"
        ).format(name, sql.Literal(model), sql.Literal(int(dimension)))
    )


def table_dimension(db: VectorDB, table: str) -> int:
    """Return ``d`` of the ``embedding vector(d)`` column of a table or view.

    Example:
        >>> table_dimension(db, "articles")  # doctest: +SKIP
        384
    """
    if table in db.dimensions:
        return db.dimensions[table]
    rows = db.execute(
        "SELECT atttypmod FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attname = 'embedding'", (table,)
    )
    if not rows:
        raise ValueError(f"{table!r} is not a table or view with an 'embedding' column: create it first.")
    db.dimensions[table] = int(rows[0][0])
    return db.dimensions[table]


def table_model(db: VectorDB, table: str) -> str | None:
    """Return the model whose vectors ``table`` (or a view on it) holds; None when it is empty."""
    rows = db.execute(sql.SQL("SELECT model FROM {} LIMIT 1").format(sql.Identifier(table)))
    return rows[0][0] if rows else None


def _check_dimension(vectors: np.ndarray, expected: int, table: str) -> None:
    if vectors.shape[-1] != expected:
        raise DimensionError(
            f"{table!r} stores vector({expected}), but got {vectors.shape[-1]}-d vectors: embed with the model "
            f"the table was built with (or create a table of vector({vectors.shape[-1]}) for this model)."
        )


def copy_rows(
    db: VectorDB,
    table: str,
    ids: Sequence[str],
    texts: Sequence[str],
    vectors: np.ndarray,
    model: str,
    metadata: Sequence[Mapping] | None = None,
) -> int:
    """Bulk-load rows with ``COPY ... FROM STDIN`` (one round trip, far faster than INSERTs); return the count.

    Args:
        db: the database.
        table: a table made by :func:`create_vector_table`.
        ids, texts: one per row.
        vectors: ``(n_rows, dimension)``; stored as float32.
        model: the model that made ``vectors`` (the table's check constraint rejects another).
        metadata: one JSON-able dict per row (default: empty).

    Raises:
        DimensionError: ``vectors`` do not fit the table's column.

    Example:
        >>> copy_rows(db, "docs", ["a"], ["reset password"], np.ones((1, 3)), model="toy")  # doctest: +SKIP
        1
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim != 2 or not len(ids) == len(texts) == len(vectors):
        raise ValueError(
            f"need one id, text and vector per row, got {len(ids)} ids, {len(texts)} texts, vectors {vectors.shape}."
        )
    _check_dimension(vectors, table_dimension(db, table), table)
    metadata = metadata if metadata is not None else [{}] * len(ids)
    columns = sql.SQL("COPY {} (id, text, metadata, model, embedding) FROM STDIN").format(sql.Identifier(table))
    with db.conn.transaction(), db.conn.cursor() as cursor, cursor.copy(columns) as copy:
        for row in zip(ids, texts, metadata, vectors, strict=True):
            copy.write_row((str(row[0]), row[1], json.dumps(row[2]), model, vector_literal(row[3])))
    return len(ids)


def search(
    db: VectorDB,
    table: str,
    query: Sequence[float] | np.ndarray,
    k: int = 10,
    model: str | None = None,
    where: str = "",
    params: Mapping | None = None,
    exact: bool = False,
) -> list[tuple[str, float]]:
    """Return the ``k`` nearest rows as ``(id, cosine distance)``, nearest first (ties by id).

    The inner query ``ORDER BY distance LIMIT k`` is what an HNSW or IVFFlat index can serve; ties are
    broken by id outside it, because ``ORDER BY distance, id`` would make PostgreSQL skip the index.

    Args:
        db: the database.
        table: a table or view with id and embedding columns.
        query: the query vector (not necessarily unit length: cosine distance ignores length).
        k: how many rows.
        model: the model that made ``query``; checked against the table's rows when given.
        where: an optional SQL condition (without WHERE), e.g. ``"metadata->>'module' = %(module)s"``.
        params: the values of the condition's ``%(name)s`` placeholders.
        exact: compare with every (filtered) row: the ground truth, never an index.

    Raises:
        DimensionError: the query's dimension is not the table's.
        ModelMismatchError: ``model`` is not the model of the table's vectors.

    Example:
        >>> search(db, "articles", query_vector, k=3, model="all-MiniLM-L6-v2")  # doctest: +SKIP
        [('A017', 0.38...), ('A112', 0.45...), ('A016', 0.47...)]
    """
    query = np.asarray(query, dtype=np.float32)
    _check_dimension(query, table_dimension(db, table), table)
    if model is not None:
        stored = table_model(db, table)
        if stored is not None and stored != model:
            raise ModelMismatchError(
                f"{table!r} holds vectors of {stored}, but the query vector comes from {model}: the two spaces "
                f"cannot be compared. Embed the query with {stored}, or query the table built with {model}."
            )
    values = {**(params or {}), "query": vector_literal(query), "k": int(k)}
    condition = sql.SQL("WHERE " + where) if where else sql.SQL("")
    if exact:  # an expression the index cannot serve: the planner must compute every distance
        statement = sql.SQL(
            "SELECT id, (embedding <=> %(query)s::vector) + 0 AS distance FROM {} {} ORDER BY distance, id LIMIT %(k)s"
        ).format(sql.Identifier(table), condition)
    else:
        statement = sql.SQL(
            "SELECT id, distance FROM (SELECT id, embedding <=> %(query)s::vector AS distance FROM {} {} "
            "ORDER BY distance LIMIT %(k)s) AS hits ORDER BY distance, id"
        ).format(sql.Identifier(table), condition)
    return [(row[0], float(row[1])) for row in db.execute(statement, values)]


def switch_view(db: VectorDB, view: str, table: str, note: str = "switch") -> None:
    """Point ``view`` (what the application queries) at ``table``, in one transaction, and log it.

    ``CREATE OR REPLACE VIEW`` and the log row commit together or not at all; while the transaction
    is open, readers of the view wait for it (they never see half a switch). A rollback is the
    same call with the previous table.

    Example:
        >>> switch_view(db, "articles_live", "articles_green")  # doctest: +SKIP
    """
    db.execute(
        "CREATE TABLE IF NOT EXISTS deployments "
        "(step serial PRIMARY KEY, view text, target text, model text, note text)"
    )
    with db.conn.transaction():
        db.execute(
            sql.SQL("CREATE OR REPLACE VIEW {} AS SELECT id, text, metadata, model, embedding FROM {}").format(
                sql.Identifier(view), sql.Identifier(table)
            )
        )
        db.execute(
            "INSERT INTO deployments (view, target, model, note) VALUES (%s, %s, %s, %s)",
            (view, table, table_model(db, table), note),
        )


def reciprocal_rank_fusion(rankings: Sequence[Sequence[str]], k: float = 60) -> list[str]:
    """Fuse ranked lists: each id scores ``sum(1 / (k + rank))`` over the lists it is in (rank from 1).

    Ties are broken by id, so the result is deterministic. Cormack, Clarke and Büttcher (SIGIR 2009).

    Example:
        >>> reciprocal_rank_fusion([["a", "b", "c"], ["c", "a"]], k=60)
        ['a', 'c', 'b']
    """
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + rank)
    return sorted(scores, key=lambda doc: (-scores[doc], doc))


def process_alive(pid: int | None) -> bool:
    """True when process ``pid`` exists and has not exited (a zombie counts as exited); False for None.

    Example:
        >>> process_alive(None)
        False
    """
    if pid is None:
        return False
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
