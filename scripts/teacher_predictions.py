#!/usr/bin/env python3
"""Averages the p(fake) of several fine-tuned runs on every LIAR train row (bare and with metadata) into an .npz
that `scripts/train.py --teacher` distils into one student, and reports the ensemble's metrics on LIAR valid.
With `--mix SETS`, also their averaged p(fake) on every training example of those article/post sets (each window and
title, as train.py builds them), which `train.py --mix-teacher-weight` blends into the mixed examples' targets.

Usage: /usr/bin/python3 scripts/teacher_predictions.py --out runs/teachers.npz runs/a runs/b [...]
       /usr/bin/python3 scripts/teacher_predictions.py --mix perez_rosas,horne,covid --out runs/teachers-mix.npz runs/a [...]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.articles import train_parts  # noqa: E402
from fakenews_train.checkpoint import load_checkpoint  # noqa: E402
from fakenews_train.data import encode_rows  # noqa: E402
from fakenews_train.distill import VARIANTS, average_p_fake, example_key, save_teacher  # noqa: E402
from fakenews_train.liar import load_liar  # noqa: E402
from fakenews_train.metrics import binary_metrics, softmax  # noqa: E402
from fakenews_train.news import article_examples  # noqa: E402
from fakenews_train.tokenizer import WordPieceTokenizer  # noqa: E402
from fakenews_train.predict import predict_logits  # noqa: E402
from fakenews_train.train import LABELS, pick_device  # noqa: E402


def fake_p(model, sequences, device):
    """p(fake) of every sequence."""
    return softmax(predict_logits(model, sequences, device))[:, LABELS.index("fake")]


def p_fake(model, encoded, device) -> dict:
    return {v: fake_p(model, getattr(encoded, v), device) for v in VARIANTS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help=".npz to write (under runs/, ignored by git)")
    parser.add_argument("--train", default="../shared/data/liar/train.tsv")
    parser.add_argument("--valid", default="../shared/data/liar/valid.tsv")
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--mix", default="", help="comma-separated article/post sets whose training examples to score")
    parser.add_argument("--articles", default="../shared/data/articles")
    parser.add_argument("--article-length", type=int, default=256, help="as the student's --article-length")
    parser.add_argument("--max-article-windows", type=int, default=8, help="as the student's --max-article-windows")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    parser.add_argument("runs", nargs="+", help="run folders whose best/ checkpoints are the teachers")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    device = pick_device(args.device)
    train_rows, valid_rows = load_liar(args.train), load_liar(args.valid)
    parts = train_parts(args.articles, args.mix, "--mix") if args.mix else {}
    on_train, on_valid, on_mix = [], [], []
    encoded = {}  # vocab file content -> (train, valid, mixed examples): teachers that share a vocabulary tokenize once
    for run in args.runs:
        model, vocab = load_checkpoint(os.path.join(run, "best"), LABELS)
        model.to(device)
        key = Path(vocab).read_bytes()
        if key not in encoded:
            tokenizer = WordPieceTokenizer.from_file(vocab)
            mixed = [e for name, part in parts.items() for e in article_examples(
                name, part, tokenizer, args.article_length, args.max_article_windows)]
            encoded[key] = (*(encode_rows(rows, tokenizer, args.max_length) for rows in (train_rows, valid_rows)), mixed)
        on_train.append(p_fake(model, encoded[key][0], device))
        on_valid.append(p_fake(model, encoded[key][1], device))
        if parts:
            mixed = encoded[key][2]
            on_mix.append({example_key(e.source, e.ids): float(q)
                           for e, q in zip(mixed, fake_p(model, [e.ids for e in mixed], device))})
        print(f"{run}: done", flush=True)
    # Teachers with different vocabularies cut other windows: only examples every teacher scored are kept.
    shared = set.intersection(*(set(m) for m in on_mix)) if on_mix else set()
    mix = {k: float(sum(m[k] for m in on_mix) / len(on_mix)) for k in shared}
    save_teacher(args.out, average_p_fake(on_train), args.train, [os.path.normpath(r) for r in args.runs], mix)
    labels = [row.fake for row in valid_rows]
    ensemble = average_p_fake(on_valid)
    report = {v: {k: binary_metrics(labels, ensemble[v])[k] for k in ("roc_auc", "accuracy", "macro_f1")}
              for v in VARIANTS}
    print(json.dumps({"out": args.out, "teachers": len(args.runs), "mixed_examples": len(mix), "valid": report}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
