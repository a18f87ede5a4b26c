#!/usr/bin/env python3
"""Averages the weights of fine-tuned checkpoints that share one initialisation (epochs of a run, or seeds) into a
new run folder whose best/ can be exported, and reports its LIAR valid metrics.

Usage: /usr/bin/python3 scripts/average_checkpoints.py --out runs/avg runs/a/epoch2 runs/a/epoch3 [...]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.checkpoint import load_checkpoint, save_checkpoint  # noqa: E402
from fakenews_train.data import encode_rows  # noqa: E402
from fakenews_train.liar import load_liar  # noqa: E402
from fakenews_train.tokenizer import WordPieceTokenizer  # noqa: E402
from fakenews_train.train import LABELS, evaluate  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("checkpoints", nargs="+", help="checkpoint folders (run/best, run/epochN)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    models = [load_checkpoint(folder, LABELS)[0] for folder in args.checkpoints]
    states = [m.state_dict() for m in models]
    average = {k: sum(s[k].float() for s in states) / len(states) for k in states[0]}
    model, vocab = load_checkpoint(args.checkpoints[0], LABELS)
    model.load_state_dict(average)
    first_run = os.path.dirname(os.path.abspath(args.checkpoints[0]))
    with open(os.path.join(first_run, "config.json"), encoding="utf-8") as handle:
        config = json.load(handle)
    config["averaged_from"] = args.checkpoints
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "config.json"), "w", encoding="utf-8") as handle:
        json.dump(config, handle, indent=2)
    save_checkpoint(os.path.join(args.out, "best"), model.config, average, vocab)
    valid_rows = load_liar(config["valid"])
    valid = encode_rows(valid_rows, WordPieceTokenizer.from_file(vocab), config["max_length"])
    metrics = evaluate(model, valid, torch.device("cpu"))
    summary = {"averaged_from": args.checkpoints, "valid": metrics,
               "selection_score": (metrics["bare"]["roc_auc"] + metrics["meta"]["roc_auc"]) / 2}
    with open(os.path.join(args.out, "summary.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    print(json.dumps({v: {k: metrics[v][k] for k in ("roc_auc", "accuracy", "macro_f1")} for v in metrics}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
