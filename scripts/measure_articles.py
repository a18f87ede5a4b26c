#!/usr/bin/env python3
"""Measures an exported model on the held-out parts of the article/post sets and adds the numbers to its run's
export report and to the model card (bf16 autocast; a separate step because it is the slow part of an export).

Usage: /usr/bin/python3 scripts/measure_articles.py --run runs/minilm-liar-v1 --model models/minilm-liar-v1
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.articles import load_all  # noqa: E402
from fakenews_train.checkpoint import load_checkpoint  # noqa: E402
from fakenews_train.evaluation import article_scores  # noqa: E402
from fakenews_train.metrics import binary_metrics  # noqa: E402
from fakenews_train.model_card import write_model_card  # noqa: E402
from fakenews_train.tokenizer import WordPieceTokenizer  # noqa: E402
from fakenews_train.train import LABELS  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--articles", default="../shared/data/articles")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    with open(os.path.join(args.model, "config.json"), encoding="utf-8") as handle:
        config = json.load(handle)
    report_path = os.path.join(args.run, "export_report.json")
    with open(report_path, encoding="utf-8") as handle:
        report = json.load(handle)
    if report["config"]["onnx_sha256"] != config["onnx_sha256"]:
        raise SystemExit(f"{report_path} belongs to another export than {args.model}")
    model, vocab = load_checkpoint(os.path.join(args.run, "best"), LABELS)
    model.eval()
    tokenizer = WordPieceTokenizer.from_file(vocab)
    threshold = config["threshold"]
    articles = {}
    for name, (_, held_out) in load_all(args.articles).items():
        scores = article_scores(model, tokenizer, held_out, config["max_length"], config["temperature"],
                                torch.device("cpu"))
        truth = np.array([a.fake for a in held_out])
        articles[name] = {"held_out": len(held_out), "max_windows": int(scores["windows"].max()),
                          "over_64_windows": int((scores["windows"] > 64).sum()),
                          "first_window": binary_metrics(truth, scores["first_window"], threshold),
                          "windowed": binary_metrics(truth, scores["windowed"], threshold),
                          "precision": "bf16 autocast"}
        print(name, {k: round(articles[name][k]["roc_auc"], 4) for k in ("first_window", "windowed")}, flush=True)
    report["articles"] = articles
    with open(report_path, "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
    write_model_card(os.path.join(args.model, "MODEL_CARD.md"), report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
