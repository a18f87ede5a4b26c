#!/usr/bin/env python3
"""Does a run's pooled representation tell a collection it never trained on from the ones it did? For a run trained
without SET (`train.py --mix` naming the others), the distance of every valid-pool item to the training examples, and
how well that distance separates SET's held-out items from each trained-on source's (ROC-AUC; 0.5 = not at all).

    /usr/bin/python3 scripts/novelty_probe.py runs/news-nopr-s1 --mix horne,covid --unseen perez_rosas

Two distances, each window's then the token-weighted mean per item: cosine distance to the k nearest training
examples (a sample of LIAR train claims and of each mixed set's examples), and the Mahalanobis distance to the
nearest training set's mean under their shared covariance. Pooled vectors from the checkpoint under torch, bf16.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path
from typing import Dict, List, Sequence

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train import validpool  # noqa: E402
from fakenews_train.articles import held_out_parts, train_parts  # noqa: E402
from fakenews_train.checkpoint import load_checkpoint  # noqa: E402
from fakenews_train.liar import load_liar  # noqa: E402
from fakenews_train.metrics import roc_auc  # noqa: E402
from fakenews_train.news import article_examples  # noqa: E402
from fakenews_train.predict import predict_pooled  # noqa: E402
from fakenews_train.text import model_input  # noqa: E402
from fakenews_train.tokenizer import WordPieceTokenizer  # noqa: E402


def knn_distance(vectors: np.ndarray, reference: np.ndarray, k: int) -> np.ndarray:
    """Per row of `vectors`, 1 - the mean cosine similarity of its k most similar rows of `reference`."""
    def unit(x):
        return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    similarity = unit(vectors) @ unit(reference).T
    return 1.0 - np.sort(similarity, axis=1)[:, -k:].mean(axis=1)


def nearest_mahalanobis(vectors: np.ndarray, groups: Dict[str, np.ndarray], ridge: float = 1e-3) -> np.ndarray:
    """Per row, the squared Mahalanobis distance to the nearest group mean, under the groups' pooled covariance."""
    means = {name: rows.mean(axis=0) for name, rows in groups.items()}
    centred = np.concatenate([rows - means[name] for name, rows in groups.items()])
    precision = np.linalg.inv(np.cov(centred.T) + ridge * np.eye(centred.shape[1]))
    return np.min([np.einsum("ij,jk,ik->i", vectors - m, precision, vectors - m) for m in means.values()], axis=0)


def per_item(pool: validpool.ValidPool, window_scores: np.ndarray) -> Dict[str, List[float]]:
    """Token-weighted mean of each item's window scores, grouped by source."""
    return {source: validpool.aggregate(pool, window_scores, pool.select(source=source)).tolist()
            for source in pool.sources()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", help="a training run folder (with best/) that did not train on --unseen")
    parser.add_argument("--mix", required=True, help="the sets the run trained on (its --mix)")
    parser.add_argument("--unseen", required=True, help="the held-out set it never trained on")
    parser.add_argument("--train", default="../shared/data/liar/train.tsv")
    parser.add_argument("--liar-valid", default="../shared/data/liar/valid.tsv")
    parser.add_argument("--articles", default="../shared/data/articles")
    parser.add_argument("--sample", type=int, default=2000, help="training examples per set (LIAR: claims)")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    held_out = held_out_parts(args.articles)
    if args.unseen not in held_out or args.unseen in args.mix.split(","):
        parser.error(f"--unseen {args.unseen}: name a held-out set outside --mix ({', '.join(sorted(held_out))})")
    model, vocab = load_checkpoint(os.path.join(args.run, "best"), ["real", "fake"])
    cpu = torch.device("cpu")
    tokenizer = WordPieceTokenizer.from_file(vocab)
    rng = random.Random(0)
    rows = load_liar(args.train)
    claims = rng.sample(rows, min(args.sample, len(rows)))
    groups = {"liar": [tokenizer.encode(model_input(row.statement), args.max_length) for row in claims]}
    for name, part in train_parts(args.articles, args.mix, "--mix").items():
        examples = article_examples(name, part, tokenizer, args.max_length)
        groups[name] = [e.ids for e in rng.sample(examples, min(args.sample, len(examples)))]
    vectors = {name: predict_pooled(model, seqs, cpu) for name, seqs in groups.items()}
    pool = validpool.build(tokenizer, args.max_length, load_liar(args.liar_valid), held_out)
    windows = predict_pooled(model, pool.sequences, cpu)
    distances = {"k-nearest cosine": knn_distance(windows, np.concatenate(list(vectors.values())), args.k),
                 "nearest-set Mahalanobis": nearest_mahalanobis(windows, vectors)}
    print(f"{args.run}: {args.unseen} (never trained on) against each trained-on source, ROC-AUC of the distance")
    for label, scores in distances.items():
        items = per_item(pool, scores)
        for unseen in (args.unseen, f"{args.unseen}:title"):
            others = [s for s in sorted(items) if not s.startswith(args.unseen) and s != validpool.UNPUNCTUATED]
            pooled_others = [v for s in others for v in items[s]]
            cells = [f"all {roc_auc([1] * len(items[unseen]) + [0] * len(pooled_others), items[unseen] + pooled_others):.3f}"]
            cells += [f"{s} {roc_auc([1] * len(items[unseen]) + [0] * len(items[s]), items[unseen] + items[s]):.3f}"
                      for s in others]
            print(f"| {label} | {unseen} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
