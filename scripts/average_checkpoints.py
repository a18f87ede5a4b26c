#!/usr/bin/env python3
"""Averages the weights of fine-tuned checkpoints that share one initialisation (epochs of a run, seeds trained with
one --init-seed, or a news run and a claims-only run) into a new run folder whose best/ can be exported, and reports
its LIAR valid metrics and, when the first checkpoint's run mixed in article sets, their held-out ROC-AUC and the
run's selection score.

Usage: /usr/bin/python3 scripts/average_checkpoints.py --out runs/avg [--weights 0.7,0.3] runs/a/epoch2 runs/b/best
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Dict, List, Sequence

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.articles import held_out_parts  # noqa: E402
from fakenews_train.checkpoint import load_checkpoint, save_checkpoint  # noqa: E402
from fakenews_train.data import encode_rows  # noqa: E402
from fakenews_train.liar import load_liar  # noqa: E402
from fakenews_train.tokenizer import WordPieceTokenizer  # noqa: E402
from fakenews_train.train import LABELS, evaluate  # noqa: E402
from fakenews_train import validpool  # noqa: E402


def parse_weights(text: str, count: int) -> List[float]:
    """Averaging weights, one per checkpoint, normalised to sum to 1 (equal weights when text is empty)."""
    if not text:
        return [1.0 / count] * count
    try:
        weights = [float(w) for w in text.split(",")]
    except ValueError:
        raise SystemExit(f"--weights must be comma-separated numbers, got '{text}'") from None
    if len(weights) != count:
        raise SystemExit(f"--weights has {len(weights)} values for {count} checkpoints: give one per checkpoint")
    if any(w < 0 for w in weights) or sum(weights) <= 0:
        raise SystemExit(f"--weights must be non-negative with a positive sum, got '{text}'")
    return [w / sum(weights) for w in weights]


def weighted_average(states: Sequence[Dict[str, torch.Tensor]], weights: Sequence[float]) -> Dict[str, torch.Tensor]:
    keys = set(states[0])
    for state in states[1:]:
        if set(state) != keys:
            raise SystemExit("the checkpoints have different parameters: only runs of one architecture and pooling "
                             "can be averaged")
    return {k: sum(w * s[k].float() for s, w in zip(states, weights)) for k in states[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--weights", default="", help="comma-separated weight per checkpoint (default: equal)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("checkpoints", nargs="+", help="checkpoint folders (run/best, run/epochN)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    weights = parse_weights(args.weights, len(args.checkpoints))
    loaded = [load_checkpoint(folder, LABELS) for folder in args.checkpoints]
    average = weighted_average([m.state_dict() for m, _ in loaded], weights)
    model, vocab = loaded[0]
    model.load_state_dict(average)
    first_run = os.path.dirname(os.path.abspath(args.checkpoints[0]))
    with open(os.path.join(first_run, "config.json"), encoding="utf-8") as handle:
        config = json.load(handle)
    config["averaged_from"] = [{"checkpoint": c, "weight": round(w, 6)} for c, w in zip(args.checkpoints, weights)]
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "config.json"), "w", encoding="utf-8") as handle:
        json.dump(config, handle, indent=2)
    save_checkpoint(os.path.join(args.out, "best"), model.config, average, vocab)
    tokenizer = WordPieceTokenizer.from_file(vocab)
    valid = encode_rows(load_liar(config["valid"]), tokenizer, config["max_length"])
    device = torch.device("cpu")
    metrics = evaluate(model, valid, device)
    score = (metrics["bare"]["roc_auc"] + metrics["meta"]["roc_auc"]) / 2
    if config.get("mix"):
        pool = validpool.build(tokenizer, config["article_length"], [], held_out_parts(config["articles"]))
        aucs = validpool.held_out_aucs(model, pool, metrics, device)
        metrics["held_out_auc"] = aucs
        score = validpool.selection_score(aucs, config["select_articles"])
    summary = {"averaged_from": config["averaged_from"], "valid": metrics, "selection_score": score}
    with open(os.path.join(args.out, "summary.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    report = {v: {k: metrics[v][k] for k in ("roc_auc", "accuracy", "macro_f1")} for v in ("bare", "meta")}
    print(json.dumps({**report, **({"held_out_auc": metrics["held_out_auc"]} if "held_out_auc" in metrics else {}),
                      "selection_score": score}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
