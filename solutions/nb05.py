"""Reference solutions for notebook 05."""

import torch


def cosine_matrix(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    A_unit = A / A.norm(dim=1, keepdim=True)  # (n, d)
    B_unit = B / B.norm(dim=1, keepdim=True)  # (m, d)
    return A_unit @ B_unit.T  # (n, m)


def chunked_top_k(queries: torch.Tensor, corpus: torch.Tensor, k: int, chunk_size: int) -> torch.Tensor:
    corpus_unit = torch.nn.functional.normalize(corpus, dim=1)  # (n_corpus, d)
    parts = []
    for start in range(0, len(queries), chunk_size):
        block = torch.nn.functional.normalize(queries[start : start + chunk_size], dim=1)  # (chunk, d)
        parts.append((block @ corpus_unit.T).topk(k, dim=1).indices)  # (chunk, k)
    return torch.cat(parts)  # (n_queries, k)


def most_similar_pair(embeddings: torch.Tensor) -> tuple[int, int]:
    sims = cosine_matrix(embeddings, embeddings).fill_diagonal_(-2)  # (n, n), self-pairs excluded
    i, j = divmod(int(sims.argmax()), len(sims))
    return min(i, j), max(i, j)


SOLUTIONS = {"05.1": cosine_matrix, "05.2": chunked_top_k, "05.3": most_similar_pair}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py).
def _dot_products(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    return A @ B.T  # not normalised: longer vectors score higher


def _chunked_top_k_drops_the_last_chunk(queries: torch.Tensor, corpus: torch.Tensor, k: int, chunk_size: int):
    full = (len(queries) // chunk_size) * chunk_size or len(queries)
    return chunked_top_k(queries[:full], corpus, k, chunk_size)


def _most_similar_pair_with_self_pairs(embeddings: torch.Tensor) -> tuple[int, int]:
    i, j = divmod(int(cosine_matrix(embeddings, embeddings).argmax()), len(embeddings))  # a vector with itself
    return min(i, j), max(i, j)


WRONG_ANSWERS = {
    "05.1": _dot_products,
    "05.2": _chunked_top_k_drops_the_last_chunk,
    "05.3": _most_similar_pair_with_self_pairs,
}
