"""Command line for instructors.

python -m course_utils sts --model all-MiniLM-L6-v2 --data stsb --split test
python -m course_utils sts --model path/to/model --data my_pairs.csv
python -m course_utils prefetch                      # the public benchmarks, once, into the data cache
python -m course_utils prefetch --data-dir /media/usb  # ... or into a folder for COURSE_DATA_DIR
python -m course_utils progress                      # which exercises your saved notebooks solve
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_utils", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sts = commands.add_parser("sts", help="Spearman and Pearson correlation of a model on scored sentence pairs")
    sts.add_argument("--model", default="all-MiniLM-L6-v2", help="a name load_model() resolves, or a path")
    sts.add_argument("--data", default="stsb", help="'stsb' or a .csv/.tsv file with sentence1, sentence2, score")
    sts.add_argument("--split", default="test", help="train, validation or test (only for stsb)")
    prefetch = commands.add_parser("prefetch", help="download the STS Benchmark once, for offline use")
    prefetch.add_argument("--data-dir", type=Path, help="write DIR/stsbenchmark/ (default: the course's data cache)")
    prefetch.add_argument("--source", type=Path, help="copy from a mirror folder holding stsbenchmark/, not the Hub")
    progress = commands.add_parser("progress", help="which exercises your saved notebooks solve, per notebook")
    progress.add_argument("paths", nargs="*", type=Path, help="notebook files or folders (default: the course's)")
    args = parser.parse_args(argv)
    if args.command == "prefetch":
        return _prefetch(args.data_dir, args.source)
    if args.command == "progress":
        return _progress(args.paths)

    from course_utils.data import load_sts
    from course_utils.evaluation import evaluate_sts
    from course_utils.models import load_model

    try:
        dataset = load_sts(args.data, split=args.split)
        model = load_model(args.model)
    except (OSError, ValueError, ImportError) as error:  # OSError covers missing files and no network
        print(f"error: {error}", file=sys.stderr)
        return 2
    scores = evaluate_sts(model, dataset)
    where = args.split if args.data == "stsb" else "file"
    print(f"model    {args.model}\ndata     {args.data} ({where}), {len(dataset)} pairs")
    print(f"spearman {scores['spearman_cosine']:.4f}\npearson  {scores['pearson_cosine']:.4f}")
    return 0


def _prefetch(data_dir: Path | None, source: Path | None) -> int:
    """Make the STS Benchmark available offline; 0 when it is, 2 (with what to do) when it cannot be."""
    from course_utils.data import prefetch_stsb, stsb_folder

    found = stsb_folder()
    if data_dir is None and source is None and found is not None:
        print(f"[data] STS Benchmark: {found} (nothing to download)")
        return 0
    try:
        folder = prefetch_stsb(data_dir, source)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"[data] STS Benchmark written to {folder}")
    return 0


def _progress(paths: list[Path]) -> int:
    """Print the exercises solved per notebook (from the saved verdicts); 2 with the reason for bad paths."""
    from course_utils.progress import find_notebooks, notebook_progress, progress_report

    try:
        progress = [notebook_progress(path) for path in find_notebooks(paths)]
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(progress_report(progress))
    return 0


if __name__ == "__main__":
    sys.exit(main())
