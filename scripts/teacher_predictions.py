#!/usr/bin/env python3
"""Averages the p(fake) of several fine-tuned runs on every LIAR train row (bare and with metadata) into an .npz
that `scripts/train.py --teacher` distils into one student, and reports the ensemble's metrics on LIAR valid.

Usage: /usr/bin/python3 scripts/teacher_predictions.py --out runs/teachers.npz runs/a runs/b [...]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.checkpoint import load_checkpoint  # noqa: E402
from fakenews_train.data import encode_rows  # noqa: E402
from fakenews_train.distill import VARIANTS, average_p_fake, save_teacher  # noqa: E402
from fakenews_train.liar import load_liar  # noqa: E402
from fakenews_train.metrics import binary_metrics, softmax  # noqa: E402
from fakenews_train.tokenizer import WordPieceTokenizer  # noqa: E402
from fakenews_train.predict import predict_logits  # noqa: E402
from fakenews_train.train import LABELS, pick_device  # noqa: E402


def p_fake(model, encoded, device) -> dict:
    return {v: softmax(predict_logits(model, getattr(encoded, v), device))[:, LABELS.index("fake")] for v in VARIANTS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help=".npz to write (under runs/, ignored by git)")
    parser.add_argument("--train", default="../shared/data/liar/train.tsv")
    parser.add_argument("--valid", default="../shared/data/liar/valid.tsv")
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    parser.add_argument("runs", nargs="+", help="run folders whose best/ checkpoints are the teachers")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    device = pick_device(args.device)
    train_rows, valid_rows = load_liar(args.train), load_liar(args.valid)
    on_train, on_valid = [], []
    encoded = {}  # vocab file content -> (train, valid): teachers that share a vocabulary are tokenized once
    for run in args.runs:
        model, vocab = load_checkpoint(os.path.join(run, "best"), LABELS)
        model.to(device)
        key = Path(vocab).read_bytes()
        if key not in encoded:
            tokenizer = WordPieceTokenizer.from_file(vocab)
            encoded[key] = tuple(encode_rows(rows, tokenizer, args.max_length) for rows in (train_rows, valid_rows))
        on_train.append(p_fake(model, encoded[key][0], device))
        on_valid.append(p_fake(model, encoded[key][1], device))
        print(f"{run}: done", flush=True)
    save_teacher(args.out, average_p_fake(on_train), args.train, [os.path.normpath(r) for r in args.runs])
    labels = [row.fake for row in valid_rows]
    ensemble = average_p_fake(on_valid)
    report = {v: {k: binary_metrics(labels, ensemble[v])[k] for k in ("roc_auc", "accuracy", "macro_f1")}
              for v in VARIANTS}
    print(json.dumps({"out": args.out, "teachers": len(args.runs), "valid": report}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
