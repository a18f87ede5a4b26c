#!/usr/bin/env python3
"""A training run's kept checkpoint on the valid pool, as the export would calibrate it: per-kind calibration fitted
on the pool (claims typed without a period included in their kind's fit), then accuracy, ROC-AUC, macro-F1 and ECE
per source and per kind, the `liar-bare:unpunctuated` variant included. For comparing runs before exporting one.

    /usr/bin/python3 scripts/pool_report.py runs/news-base-s1 runs/news-unp30-s1      # one table, a column per run
    /usr/bin/python3 scripts/pool_report.py runs/news-nopr-s1 --unseen perez_rosas    # calibrated without that set

`--unseen SET` fits the calibration without SET's held-out items: for a run that did not train on SET either, SET's
rows then describe a collection the model meets for the first time, calibration included.

Margins come from the checkpoint under torch with bf16 autocast on the CPU, as train.py scores its epochs.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train import validpool  # noqa: E402
from fakenews_train.articles import held_out_parts  # noqa: E402
from fakenews_train.calibration import calibrated, fit_kinds  # noqa: E402
from fakenews_train.checkpoint import load_checkpoint  # noqa: E402
from fakenews_train.export import pool_metrics  # noqa: E402
from fakenews_train.liar import load_liar  # noqa: E402
from fakenews_train.tokenizer import WordPieceTokenizer  # noqa: E402


def run_metrics(run: str, liar_rows, held_out, max_length: int, unseen=()):
    model, vocab = load_checkpoint(os.path.join(run, "best"), ["real", "fake"])
    model.eval()
    tokenizer = WordPieceTokenizer.from_file(vocab)
    pool = validpool.build(tokenizer, max_length, liar_rows, held_out)
    margins = validpool.logit_margins(model, pool, torch.device("cpu"))
    kinds = fit_kinds(pool, margins, held_back=unseen)
    p, thresholds = calibrated(pool, margins, kinds, range(len(pool.items)))
    return pool_metrics(pool, p, thresholds)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", nargs="+", help="training run folders (each with best/)")
    parser.add_argument("--liar-valid", default="../shared/data/liar/valid.tsv")
    parser.add_argument("--articles", default="../shared/data/articles")
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--unseen", action="append", default=[],
                        help="an article/post set left out of the calibration fit (repeatable)")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    held_out = held_out_parts(args.articles)
    for name in args.unseen:
        if name not in held_out:
            parser.error(f"--unseen {name}: not one of the held-out sets ({', '.join(sorted(held_out))})")
    liar_rows = load_liar(args.liar_valid)
    results = {run: run_metrics(run, liar_rows, held_out, args.max_length, args.unseen) for run in args.runs}
    first = results[args.runs[0]]
    print("| input | n | " + " | ".join(f"{run}: accuracy / ROC-AUC / macro-F1 / ECE" for run in args.runs) + " |")
    print("|---|---|" + "---|" * len(args.runs))
    for key in first:
        cells = [f"{r[key]['accuracy']:.3f} / {r[key]['roc_auc']:.4f} / {r[key]['macro_f1']:.3f} / {r[key]['ece']:.3f}"
                 for r in results.values()]
        print(f"| {key} | {first[key]['n']} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
