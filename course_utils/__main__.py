"""Command line for instructors.

python -m course_utils sts --model all-MiniLM-L6-v2 --data stsb --split test
python -m course_utils sts --model path/to/model --data my_pairs.csv
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_utils", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sts = commands.add_parser("sts", help="Spearman and Pearson correlation of a model on scored sentence pairs")
    sts.add_argument("--model", default="all-MiniLM-L6-v2", help="a name load_model() resolves, or a path")
    sts.add_argument("--data", default="stsb", help="'stsb' or a .csv/.tsv file with sentence1, sentence2, score")
    sts.add_argument("--split", default="test", help="train, validation or test (only for stsb)")
    args = parser.parse_args(argv)

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


if __name__ == "__main__":
    sys.exit(main())
