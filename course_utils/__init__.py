"""Shared, tested code for the text-embeddings course notebooks."""

from course_utils.config import by_profile, cache_dir, course_data_path, data_dir, get_profile
from course_utils.data import load_sts
from course_utils.device import describe_environment, get_device, mixed_precision
from course_utils.evaluation import evaluate_sts
from course_utils.exercises import check
from course_utils.models import cache_name, glove_sentence_model, load_glove, load_model, load_or_train, model_path
from course_utils.plotting import similarity_heatmap
from course_utils.pooling import cls_pool, max_pool, mean_pool
from course_utils.seed import set_seed
from course_utils.similarity import cos_sim, top_k
from course_utils.training import training_args

__all__ = [
    "by_profile",
    "cache_dir",
    "cache_name",
    "check",
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
    "set_seed",
    "similarity_heatmap",
    "top_k",
    "training_args",
]
