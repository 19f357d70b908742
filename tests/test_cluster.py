"""Ray Data embedding: the Parquet vectors equal single-process encode, and Ray shuts down."""

from __future__ import annotations

import numpy as np

from course_utils import child_processes, embed_to_parquet, load_model, read_embeddings, start_ray

TEXTS = [f"ticket {i}: the export to PDF fails with error E-{400 + i}" for i in range(24)] + ["short", "a b c"]


def test_ray_embeddings_equal_single_process_encode(tmp_path):
    ids = [f"t{i:02d}" for i in range(len(TEXTS))]
    ray = start_ray(num_cpus=2)
    try:
        embed_to_parquet(ids, TEXTS, tmp_path / "vectors", actors=2, batch_size=8)
    finally:
        ray.shutdown()
    got_ids, vectors = read_embeddings(tmp_path / "vectors")
    reference = load_model().encode(TEXTS, normalize_embeddings=True)
    assert got_ids == ids and vectors.dtype == np.float32 and vectors.shape == (len(TEXTS), 384)
    np.testing.assert_allclose(vectors, reference, atol=1e-5)
    assert child_processes() == []  # raylet, GCS and workers are gone
