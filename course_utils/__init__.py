"""Shared, tested code for the text-embeddings course notebooks."""

from course_utils.config import by_profile, cache_dir, course_data_path, data_dir, get_profile, is_offline
from course_utils.corpora import LEE_CORPUS, gensim_data, load_corpus, load_tokenized_corpus, wikipedia_pages
from course_utils.data import load_sts
from course_utils.device import describe_environment, get_device, mixed_precision, quiet_libraries
from course_utils.evaluation import evaluate_sts
from course_utils.exercises import check
from course_utils.metrics import ranking_metrics
from course_utils.models import load_model, model_path
from course_utils.plotting import similarity_heatmap
from course_utils.pooling import cls_pool, max_pool, mean_pool, pooled_embeddings
from course_utils.seed import set_seed
from course_utils.similarity import cos_sim, rank_top_k, top_k, unit_rows
from course_utils.tokenization import check_tokenizer_matches_model, tokenize
from course_utils.training import cache_name, fit, load_or_train, training_args
from course_utils.word_vectors import evaluate_analogies, evaluate_wordsim, glove_sentence_model, load_glove

# Imported on first use: these pull in heavier libraries (FAISS, mteb, PostgreSQL, UMAP) or train models.
_LAZY_MODULES = {
    "course_utils.ann": [
        "benchmark",
        "build_timed",
        "hold_out_queries",
        "index_megabytes",
        "recall_at_k",
        "search_one_at_a_time",
    ],
    "course_utils.augmented": ["fused_top1", "silver_threshold"],
    "course_utils.cluster": ["embed_to_parquet", "read_embeddings", "start_ray"],
    "course_utils.contrastive": [
        "CONTRASTIVE_CONFIG",
        "contrastive_encoder_name",
        "load_contrastive_encoder",
        "make_loss",
        "mine_negatives",
        "positive_pairs",
        "train_contrastive",
    ],
    "course_utils.domain": [
        "DOMAIN_CONFIG",
        "ENCODE_MAX_SEQ_LENGTH",
        "HARD_NEGATIVE_SETTINGS",
        "domain_config",
        "RERANK_MAX_LENGTH",
        "RERANK_TOP_K",
        "domain_model_name",
        "fuse_scores",
        "hard_negative_dataset",
        "load_domain_model",
        "mine_support_negatives",
        "reranker_logits",
        "reranker_rows",
        "train_domain_model",
        "train_support_biencoder",
        "train_support_reranker",
    ],
    "course_utils.distributed": ["LaunchError", "child_processes", "launch_info", "run_training"],
    "course_utils.encoder": [
        "load_scratch_encoder",
        "make_bert_config",
        "masked_lm_loss",
        "pack_blocks",
        "pinned_wordpiece_tokenizer",
        "pretrain_mlm",
        "scratch_config",
        "scratch_encoder_name",
        "to_sentence_transformer",
        "train_wordpiece_tokenizer",
    ],
    "course_utils.lifecycle": [
        "ModelMismatchError",
        "build_index",
        "encode_normalized",
        "evaluate_index",
        "rollback",
        "switch_if_better",
        "top_ids",
    ],
    "course_utils.maps": ["cluster_scores", "kmeans_labels", "project_2d", "scatter_maps"],
    "course_utils.mteb_tasks": ["local_classification_task", "local_retrieval_task", "local_sts_task", "run_mteb"],
    "course_utils.quantization": [
        "binary_search_with_rescore",
        "bytes_per_vector",
        "pairwise_similarity",
        "similarity_matrix",
        "truncate_and_normalize",
    ],
    "course_utils.rag": ["build_prompt", "chunk_documents", "chunk_words"],
    "course_utils.support": [
        "ir_scores",
        "load_support_articles",
        "load_support_queries",
        "load_support_tickets",
        "retrieve",
        "support_corpus",
        "support_ir_evaluator",
        "support_pairs",
    ],
    "course_utils.tsdae": [
        "cls_encoder",
        "default_steps",
        "delete_words",
        "greedy_reconstruction",
        "load_tsdae_model",
        "tied_parameter_report",
        "train_tsdae_loss",
    ],
    "course_utils.vectordb": [
        "DimensionError",
        "connect",
        "copy_rows",
        "create_vector_table",
        "process_alive",
        "reciprocal_rank_fusion",
        "switch_view",
        "vector_literal",
    ],
}
_LAZY = {name: module for module, names in _LAZY_MODULES.items() for name in names}

# Two lessons each have their own ``search``: under one front door they take the name of what they search.
_ALIASES = {
    "search_index": ("course_utils.lifecycle", "search"),  # an in-memory VectorIndex (notebook 13)
    "search_table": ("course_utils.vectordb", "search"),  # a PostgreSQL pgvector table (notebook 14)
}


def __getattr__(name: str):
    import importlib

    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in _ALIASES:
        module, attr = _ALIASES[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'course_utils' has no attribute {name!r}")


__all__ = [
    "by_profile",
    "cache_dir",
    "cache_name",
    "check",
    "check_tokenizer_matches_model",
    "cls_pool",
    "cos_sim",
    "course_data_path",
    "data_dir",
    "describe_environment",
    "evaluate_analogies",
    "evaluate_sts",
    "evaluate_wordsim",
    "fit",
    "gensim_data",
    "get_device",
    "get_profile",
    "glove_sentence_model",
    "is_offline",
    "LEE_CORPUS",
    "load_corpus",
    "load_glove",
    "load_model",
    "load_or_train",
    "load_sts",
    "load_tokenized_corpus",
    "max_pool",
    "mean_pool",
    "mixed_precision",
    "model_path",
    "pooled_embeddings",
    "quiet_libraries",
    "rank_top_k",
    "ranking_metrics",
    "set_seed",
    "similarity_heatmap",
    "tokenize",
    "top_k",
    "training_args",
    "unit_rows",
    "wikipedia_pages",
    *_LAZY,
    *_ALIASES,
]
