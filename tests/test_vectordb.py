"""course_utils.vectordb against a live embedded PostgreSQL + pgvector server (started and stopped here).

The server runs in a temporary data folder for this module only; the last test checks that it stopped.
Results are compared with NumPy brute force as the independent reference.
"""

from __future__ import annotations

import numpy as np
import psycopg
import pytest

from course_utils.exercises import evaluate
from course_utils.vectordb import (
    DatabaseStartError,
    DimensionError,
    ModelMismatchError,
    connect,
    copy_rows,
    create_vector_table,
    process_alive,
    reciprocal_rank_fusion,
    search,
    switch_view,
    table_dimension,
    table_model,
    vector_literal,
)

pytest.importorskip("pgserver")


@pytest.fixture(scope="module")
def server_pid_box():
    return {}


@pytest.fixture(scope="module")
def db(tmp_path_factory, server_pid_box, monkeypatch_module):
    monkeypatch_module.delenv("COURSE_DATABASE_URL", raising=False)
    database = connect(data_dir=tmp_path_factory.mktemp("pg") / "data", schema="unit_tests")
    server_pid_box["pid"] = database.server_pid
    yield database
    database.close()


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="module")
def loaded(db):
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(500, 16)).astype(np.float32)  # (500, 16), not unit length on purpose
    ids = [f"d{i:03d}" for i in range(500)]
    create_vector_table(db, "docs", dimension=16, model="toy")
    metadata = [{"group": "a" if i % 10 == 0 else "b"} for i in range(500)]
    assert copy_rows(db, "docs", ids, [f"text {i}" for i in ids], vectors, model="toy", metadata=metadata) == 500
    return ids, vectors, metadata


def numpy_top(vectors, query, k, keep=None):
    """Brute-force cosine ranking: ids by increasing cosine distance, ties by row."""
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    distance = 1 - unit.astype(np.float64) @ (query / np.linalg.norm(query))
    rows = np.argsort(distance, kind="stable")
    if keep is not None:
        rows = [r for r in rows if keep[r]]
    return list(rows[:k]), distance


def test_vector_literal_round_trips_float32_exactly(db):
    vector = np.random.default_rng(1).normal(size=384).astype(np.float32)
    stored = db.execute("SELECT %s::vector::text", (vector_literal(vector),))[0][0]
    assert np.array_equal(np.array(stored.strip("[]").split(","), dtype=np.float32), vector)
    with pytest.raises(ValueError, match="NaN"):
        vector_literal([1.0, float("nan")])


def test_extension_and_table_layout(db, loaded):
    assert db.execute("SELECT count(*) FROM pg_extension WHERE extname = 'vector'") == [(1,)]
    assert table_dimension(db, "docs") == 16 and table_model(db, "docs") == "toy"
    assert db.execute("SELECT count(*) FROM docs") == [(500,)]


@pytest.mark.parametrize("exact", [True, False])
def test_search_matches_numpy_brute_force(db, loaded, exact):
    ids, vectors, _ = loaded
    rng = np.random.default_rng(2)
    db.execute("DROP INDEX IF EXISTS docs_hnsw")
    for query in rng.normal(size=(20, 16)).astype(np.float32):
        rows, distance = numpy_top(vectors, query, 10)
        got = search(db, "docs", query, k=10, model="toy", exact=exact)
        assert [i for i, _ in got] == [ids[r] for r in rows]
        assert np.allclose([d for _, d in got], distance[rows], atol=1e-5)


def test_hnsw_index_is_used_and_finds_most_neighbours(db, loaded):
    ids, vectors, _ = loaded
    db.execute("CREATE INDEX docs_hnsw ON docs USING hnsw (embedding vector_cosine_ops)")
    db.execute("SET hnsw.ef_search = 100")
    query = vectors[0] + 0.1
    plan = " ".join(
        r[0]
        for r in db.execute(
            "EXPLAIN SELECT id FROM (SELECT id, embedding <=> %s::vector AS d FROM docs ORDER BY d LIMIT 10) s",
            (vector_literal(query),),
        )
    )
    assert "docs_hnsw" in plan
    recalls = []
    for query in np.random.default_rng(3).normal(size=(20, 16)).astype(np.float32):
        rows, _ = numpy_top(vectors, query, 10)
        found = [i for i, _ in search(db, "docs", query, k=10)]
        assert found == sorted(found, key=found.index)  # a list, best first
        recalls.append(len(set(found) & {ids[r] for r in rows}) / 10)
    assert np.mean(recalls) >= 0.9
    db.execute("DROP INDEX docs_hnsw")


def test_filtered_search_matches_numpy(db, loaded):
    ids, vectors, metadata = loaded
    query = np.random.default_rng(4).normal(size=16).astype(np.float32)
    keep = [m["group"] == "a" for m in metadata]
    rows, _ = numpy_top(vectors, query, 5, keep=keep)
    got = search(db, "docs", query, k=5, where="metadata->>'group' = %(g)s", params={"g": "a"}, exact=True)
    assert [i for i, _ in got] == [ids[r] for r in rows]


def test_wrong_dimension_is_refused_with_advice(db, loaded):
    with pytest.raises(DimensionError, match=r"vector\(16\).*8-d.*embed with the model"):
        search(db, "docs", np.ones(8), k=3)
    with pytest.raises(DimensionError, match="vector\\(16\\)"):
        copy_rows(db, "docs", ["x"], ["x"], np.ones((1, 8)), model="toy")
    with pytest.raises(ValueError, match="one id, text and vector per row"):
        copy_rows(db, "docs", ["x", "y"], ["x"], np.ones((1, 16)), model="toy")


def test_model_mismatch_is_refused(db, loaded):
    with pytest.raises(ModelMismatchError, match=r"holds vectors of toy.*other"):
        search(db, "docs", np.ones(16), k=3, model="other")
    with pytest.raises(psycopg.errors.CheckViolation):
        copy_rows(db, "docs", ["z999"], ["z"], np.ones((1, 16)), model="other")
    assert db.execute("SELECT count(*) FROM docs WHERE id = 'z999'") == [(0,)]  # the COPY rolled back


def test_blue_green_switch_and_rollback(db, loaded):
    _, vectors, _ = loaded
    create_vector_table(db, "docs_green", dimension=16, model="toy-v2")
    copy_rows(db, "docs_green", ["g1", "g2"], ["a", "b"], vectors[:2], model="toy-v2")
    switch_view(db, "live", "docs")
    assert table_model(db, "live") == "toy"
    switch_view(db, "live", "docs_green", note="green")
    assert db.execute("SELECT count(DISTINCT model), min(model) FROM live") == [(1, "toy-v2")]
    with pytest.raises(ModelMismatchError):
        search(db, "live", vectors[0], model="toy")
    assert search(db, "live", vectors[0], k=1, model="toy-v2")[0][0] == "g1"
    switch_view(db, "live", "docs", note="rollback")
    log = db.execute("SELECT target, model, note FROM deployments ORDER BY step")
    assert log[-2:] == [("docs_green", "toy-v2", "green"), ("docs", "toy", "rollback")]


def test_reciprocal_rank_fusion_by_hand():
    assert reciprocal_rank_fusion([["a", "b", "c"], ["c", "a"]], k=60) == ["a", "c", "b"]
    assert reciprocal_rank_fusion([["b", "a"], ["a", "b"]]) == ["a", "b"]  # equal scores: by id
    assert reciprocal_rank_fusion([]) == []


def test_a_server_that_cannot_start_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSE_DATABASE_URL", raising=False)
    with pytest.raises(DatabaseStartError, match="What to do"):
        connect(data_dir=tmp_path / "missing-parent" / "data")


def test_an_unreachable_url_says_what_to_do(tmp_path):
    with pytest.raises(DatabaseStartError, match="COURSE_DATABASE_URL"):
        connect(url=f"postgresql://nobody@/postgres?host={tmp_path}&connect_timeout=2")


def test_wrong_exercise_answers_are_rejected():
    from solutions.nb14 import SOLUTIONS

    def rrf_ranks_from_zero(rankings, k):
        scores = {}
        for ranking in rankings:
            for rank, doc in enumerate(ranking):
                scores[doc] = scores.get(doc, 0) + 1 / (k + rank)
        return sorted(scores, key=lambda d: (-scores[d], d))

    wrong = {
        "14.1": rrf_ranks_from_zero,
        "14.2": lambda k, selectivity: int(k * selectivity),
        "14.3": lambda vector: "[" + ",".join(f"{x:.4f}" for x in vector) + "]",
    }
    for exercise_id, answer in wrong.items():
        solved, message = evaluate(exercise_id, answer)
        assert not solved and "not right yet" in message, exercise_id
        assert evaluate(exercise_id, SOLUTIONS[exercise_id])[0]


def test_zz_closing_stops_the_server(db, server_pid_box):
    """Runs last in this module: close the session's server and check that its process is gone."""
    pid = server_pid_box["pid"]
    assert process_alive(pid)
    db.close()
    db.close()  # twice is harmless
    assert not process_alive(pid)
    assert db.conn.closed
