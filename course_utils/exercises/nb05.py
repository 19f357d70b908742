"""Checkers for notebook 05 (cosine similarity and search)."""

from __future__ import annotations

import numpy as np
import torch

from course_utils.exercises import exercise


def _random(n: int, d: int, seed: int) -> torch.Tensor:
    return torch.randn(n, d, generator=torch.Generator().manual_seed(seed)) * 3 + 0.5  # not unit length


@exercise("05.1", "write cosine_matrix(A, B): the (n, m) cosine similarities of the rows, via normalise + one matmul.")
def check_cosine_matrix(cosine_matrix) -> None:
    from sklearn.metrics.pairwise import cosine_similarity

    for n, m, d, seed in [(4, 6, 8, 0), (1, 3, 5, 1), (7, 7, 16, 2)]:
        A, B = _random(n, d, seed), _random(m, d, seed + 10)
        expected = cosine_similarity(A.numpy(), B.numpy())  # (n, m)
        got = np.asarray(torch.as_tensor(cosine_matrix(A.clone(), B.clone())).detach().cpu(), dtype=float)
        assert got.shape == (n, m), (
            f"for A {tuple(A.shape)} and B {tuple(B.shape)} expected shape {(n, m)}, got {got.shape}."
        )
        assert np.allclose(got, expected, atol=1e-5), (
            "the values differ from scikit-learn's cosine_similarity: normalise each row to length 1 "
            "(divide by its L2 norm), then A_unit @ B_unit.T."
        )


class _LargestScoreBlock(torch.overrides.TorchFunctionMode):
    """Watch every torch operation; remember the most query rows of any (rows, n_corpus) block of scores."""

    def __init__(self, n_corpus: int, dim: int):
        super().__init__()
        self.n_corpus, self.dim, self.rows = n_corpus, dim, 0

    def __torch_function__(self, func, types, args=(), kwargs=None):
        result = func(*args, **(kwargs or {}))
        for out in result if isinstance(result, tuple | list) else (result,):
            if isinstance(out, torch.Tensor) and out.dim() == 2 and self.n_corpus in out.shape:
                other = out.shape[1] if out.shape[0] == self.n_corpus else out.shape[0]
                if other != self.dim:  # the corpus itself (n_corpus, dim) is not a block of scores
                    self.rows = max(self.rows, other)
        return result


@exercise("05.2", "write chunked_top_k(queries, corpus, k, chunk_size): (n_queries, k) best corpus indices, by chunks.")
def check_chunked_top_k(chunked_top_k) -> None:
    queries, corpus = _random(23, 8, 3), _random(50, 8, 4)
    expected = torch.topk(
        torch.nn.functional.normalize(queries, dim=1) @ torch.nn.functional.normalize(corpus, dim=1).T, 4
    )
    for chunk_size in (1, 5, 7, 23, 100):
        with _LargestScoreBlock(n_corpus=50, dim=8) as watch:
            got = torch.as_tensor(chunked_top_k(queries.clone(), corpus.clone(), 4, chunk_size)).cpu()
        assert tuple(got.shape) == (23, 4), f"expected shape (23, 4), got {tuple(got.shape)} (chunk_size={chunk_size})."
        assert torch.equal(got.long(), expected.indices), (
            f"with chunk_size={chunk_size} some rows differ from the exact top 4 by cosine similarity "
            "(are all queries covered, including the last, shorter chunk? are the rows normalised?)."
        )
        assert watch.rows <= chunk_size, (
            f"with chunk_size={chunk_size} your function built a ({watch.rows}, 50) block of scores: compute the "
            "similarities of at most chunk_size queries at a time, keep their top k, then move to the next chunk."
        )


@exercise("05.3", "write most_similar_pair(embeddings): indices (i, j), i < j, of the two most cosine-similar rows.")
def check_most_similar_pair(most_similar_pair) -> None:
    for seed in (5, 6, 7):
        embeddings = _random(12, 6, seed)
        unit = embeddings / embeddings.norm(dim=1, keepdim=True)
        best, expected = -2.0, None
        for i in range(len(unit)):  # a plain loop as the reference
            for j in range(i + 1, len(unit)):
                score = float(unit[i] @ unit[j])
                if score > best:
                    best, expected = score, (i, j)
        got = tuple(int(x) for x in most_similar_pair(embeddings.clone()))
        assert got == expected, (
            f"got {got}, expected {expected} (cosine {best:.3f}). Exclude each row's similarity with itself "
            "and return the smaller index first."
        )
