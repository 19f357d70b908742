"""Shared, tested code for the text-embeddings course notebooks."""

from course_utils.config import by_profile, cache_dir, course_data_path, data_dir, get_profile
from course_utils.data import load_sts
from course_utils.device import describe_environment, get_device, mixed_precision, quiet_libraries
from course_utils.evaluation import evaluate_sts
from course_utils.exercises import check
from course_utils.models import cache_name, glove_sentence_model, load_glove, load_model, load_or_train, model_path
from course_utils.plotting import similarity_heatmap
from course_utils.pooling import cls_pool, max_pool, mean_pool
from course_utils.seed import set_seed
from course_utils.similarity import cos_sim, top_k
from course_utils.tokenization import check_tokenizer_matches_model, pooled_embeddings, tokenize
from course_utils.training import training_args

# Imported on first use: these pull in heavier libraries (gensim corpora, mteb) or train models.
_LAZY = {
    "load_scratch_encoder": "course_utils.encoder",
    "load_contrastive_encoder": "course_utils.encoder",
    "load_support_articles": "course_utils.support",
    "load_support_queries": "course_utils.support",
    "load_support_tickets": "course_utils.support",
    "support_ir_evaluator": "course_utils.support",
    "support_pairs": "course_utils.support",
    "ranking_metrics": "course_utils.support",
    "retrieve": "course_utils.support",
    "load_domain_model": "course_utils.support",
    "load_tsdae_model": "course_utils.tsdae",
    "local_sts_task": "course_utils.mteb_tasks",
    "local_retrieval_task": "course_utils.mteb_tasks",
    "local_classification_task": "course_utils.mteb_tasks",
    "run_mteb": "course_utils.mteb_tasks",
    "evaluate_analogies": "course_utils.word_vectors",
    "evaluate_wordsim": "course_utils.word_vectors",
    "load_tokenized_corpus": "course_utils.word_vectors",
    "LaunchError": "course_utils.distributed",
    "child_processes": "course_utils.distributed",
    "launch_info": "course_utils.distributed",
    "run_training": "course_utils.distributed",
    "start_ray": "course_utils.cluster",
    "embed_to_parquet": "course_utils.cluster",
    "read_embeddings": "course_utils.cluster",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
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
    "evaluate_sts",
    "get_device",
    "get_profile",
    "glove_sentence_model",
    "load_glove",
    "load_model",
    "load_or_train",
    "load_sts",
    "max_pool",
    "mean_pool",
    "mixed_precision",
    "model_path",
    "pooled_embeddings",
    "quiet_libraries",
    "set_seed",
    "similarity_heatmap",
    "tokenize",
    "top_k",
    "training_args",
    *_LAZY,
]
