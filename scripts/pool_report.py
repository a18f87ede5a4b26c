#!/usr/bin/env python3
"""A training run's kept checkpoint on the valid pool, as the export would calibrate it: per-kind calibration fitted
on the pool (claims typed without a period included in their kind's fit), then accuracy, ROC-AUC, macro-F1 and ECE
per source and per kind, the `liar-bare:unpunctuated` variant included. For comparing runs before exporting one.

    /usr/bin/python3 scripts/pool_report.py runs/news-base-s1 runs/news-unp30-s1      # one table, a column per run
    /usr/bin/python3 scripts/pool_report.py runs/news-nopr-s1 --unseen perez_rosas    # calibrated without that set
    /usr/bin/python3 scripts/pool_report.py --ensemble runs/news-nopr-s1 runs/news-nopr-s2   # plus their ensemble
    /usr/bin/python3 scripts/pool_report.py --ensemble --weights 0.7,0.3 runs/news-base-s1 V110/models/minilm-liar-v1

`--unseen SET` fits the calibration without SET's held-out items: for a run that did not train on SET either, SET's
rows then describe a collection the model meets for the first time, calibration included. `--ensemble` adds a column
for the runs together: each window's logit margin averaged over the runs, then calibrated like one run's (the runs must
share a vocabulary, so that their windows are the same). With `--weights`, each run's margins are first divided by
their standard deviation over the pool's windows, so that the weights, not the runs' logit scales, set each share.

A run's margins come from its checkpoint under torch with bf16 autocast on the CPU, as train.py scores its epochs. An
exported model folder (model.onnx, vocab.txt; for instance version 1.1.0's from git history) stands for a run too: its
float32 graph runs under ONNX Runtime, as the export calibrates it.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train import validpool  # noqa: E402
from fakenews_train.articles import held_out_parts  # noqa: E402
from fakenews_train.calibration import calibrated, fit_kinds  # noqa: E402
from fakenews_train.checkpoint import load_checkpoint  # noqa: E402
from fakenews_train.export import onnx_margins, pool_metrics  # noqa: E402
from fakenews_train.liar import load_liar  # noqa: E402
from fakenews_train.tokenizer import WordPieceTokenizer  # noqa: E402


def run_margins(run: str, liar_rows, held_out, max_length: int, pools: dict, threads: int = 2):
    """(the valid pool as the run's vocabulary cuts it, the run's logit margin per window); pools are built once per
    vocabulary and shared through `pools`. `run` is a training run (best/) or an exported model folder (model.onnx)."""
    exported = os.path.join(run, "model.onnx")
    if os.path.isfile(exported) and not os.path.isdir(os.path.join(run, "best")):
        model, vocab = None, os.path.join(run, "vocab.txt")
    else:
        model, vocab = load_checkpoint(os.path.join(run, "best"), ["real", "fake"])
        model.eval()
    key = Path(vocab).read_bytes()
    if key not in pools:
        pools[key] = validpool.build(WordPieceTokenizer.from_file(vocab), max_length, liar_rows, held_out)
    if model is None:
        return pools[key], onnx_margins(exported, pools[key], threads)
    return pools[key], validpool.logit_margins(model, pools[key], torch.device("cpu"))


def ensemble_margins(margins, weights=None) -> np.ndarray:
    """The runs' mean margin per window; with `weights`, the weighted mean of each run's margins divided by their
    standard deviation over the windows (so that a weight is a share whatever a run's logit scale)."""
    if weights is None:
        return np.mean(margins, axis=0)
    return np.sum([w * m / np.std(m) for w, m in zip(weights, margins)], axis=0) / np.sum(weights)


def pool_report(pool, margins: np.ndarray, unseen=()):
    kinds = fit_kinds(pool, margins, held_back=unseen)
    p, thresholds = calibrated(pool, margins, kinds, range(len(pool.items)))
    return pool_metrics(pool, p, thresholds)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", nargs="+", help="training run folders (each with best/) or exported model folders")
    parser.add_argument("--liar-valid", default="../shared/data/liar/valid.tsv")
    parser.add_argument("--articles", default="../shared/data/articles")
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--unseen", action="append", default=[],
                        help="an article/post set left out of the calibration fit (repeatable)")
    parser.add_argument("--ensemble", action="store_true",
                        help="add a column for the runs together (each window's margin averaged over them)")
    parser.add_argument("--weights", default="",
                        help="with --ensemble: one weight per run, comma-separated, over standardized margins")
    args = parser.parse_args(argv)
    if args.ensemble and len(args.runs) < 2:
        parser.error("--ensemble needs at least two runs")
    weights = None
    if args.weights:
        try:
            weights = [float(w) for w in args.weights.split(",")]
        except ValueError:
            parser.error(f"--weights {args.weights}: give comma-separated numbers, one per run")
        if not args.ensemble or len(weights) != len(args.runs) or min(weights) < 0 or sum(weights) <= 0:
            parser.error(f"--weights {args.weights}: needs --ensemble and one non-negative weight per run "
                         f"({len(args.runs)} runs), not all zero")
    torch.set_num_threads(args.threads)
    held_out = held_out_parts(args.articles)
    for name in args.unseen:
        if name not in held_out:
            parser.error(f"--unseen {name}: not one of the held-out sets ({', '.join(sorted(held_out))})")
    liar_rows = load_liar(args.liar_valid)
    pools: dict = {}
    scored = {run: run_margins(run, liar_rows, held_out, args.max_length, pools, args.threads) for run in args.runs}
    results = {run: pool_report(pool, margins, args.unseen) for run, (pool, margins) in scored.items()}
    if args.ensemble:
        if len(pools) > 1:
            parser.error("--ensemble: the runs have different vocabularies, so their windows differ; "
                         "ensemble runs that share one")
        margins = ensemble_margins([m for _, m in scored.values()], weights)
        name = f"ensemble ({args.weights})" if weights else "ensemble (mean margin)"
        results[name] = pool_report(next(iter(pools.values())), margins, args.unseen)
    first = results[args.runs[0]]
    print("| input | n | " + " | ".join(f"{run}: accuracy / ROC-AUC / macro-F1 / ECE" for run in results) + " |")
    print("|---|---|" + "---|" * len(results))
    for key in first:
        cells = [f"{r[key]['accuracy']:.3f} / {r[key]['roc_auc']:.4f} / {r[key]['macro_f1']:.3f} / {r[key]['ece']:.3f}"
                 for r in results.values()]
        print(f"| {key} | {first[key]['n']} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
