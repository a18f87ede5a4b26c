#!/usr/bin/env python3
"""Measures a model folder's precision variants (model.onnx, model.int8.onnx, model.fp16.onnx) on the valid pool
(LIAR valid bare and with metadata, the held-out article/post parts, their titles alone) under ONNX Runtime (CPU),
with the folder's own per-kind calibration and thresholds, and prints one markdown table per variant.

Usage: /usr/bin/python3 scripts/measure_variants.py models/minilm-news-v2 [--variants fp32,int8,fp16] [--json OUT]
       [--ece-noise]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.calibration import calibrated  # noqa: E402
from fakenews_train.export import folder_pool, onnx_margins, pool_metrics  # noqa: E402
from fakenews_train.kinds import KINDS  # noqa: E402
from fakenews_train.metrics import ece, ece_if_calibrated  # noqa: E402

FILES = {"fp32": "model.onnx", "int8": "model.int8.onnx", "fp16": "model.fp16.onnx"}


def agreement_line(reference, candidate) -> str:
    """How far a variant's calibrated probabilities sit from float32's on the same items, and how many verdicts flip
    (each item against its own kind's threshold)."""
    (p_ref, t_ref), (p, t) = reference, candidate
    flips = int(((p_ref >= t_ref) != (p >= t)).sum())
    gap = np.abs(p - p_ref)
    return (f"against fp32, {len(gap)} items: mean |p - p_fp32| {gap.mean():.4f}, 99th percentile "
            f"{np.percentile(gap, 99):.4f}, max {gap.max():.4f}; verdicts flipped {flips}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="model folder with config.json (calibration.kinds), vocab.txt and the variants")
    parser.add_argument("--variants", default="fp32,int8,fp16")
    parser.add_argument("--liar-valid", default="../shared/data/liar/valid.tsv")
    parser.add_argument("--articles", default="../shared/data/articles")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", default="", help="also write the metrics here")
    parser.add_argument("--ece-noise", action="store_true",
                        help="per input and kind: ECE beside the ECE a perfectly calibrated model with the same "
                             "probabilities shows on as many items (the sampling noise of ECE)")
    args = parser.parse_args()
    config, pool = folder_pool(args.model, args.liar_valid, args.articles)
    results, probabilities = {}, {}
    for variant in [v.strip() for v in args.variants.split(",") if v.strip()]:
        if variant not in FILES:
            raise SystemExit(f"--variants: unknown variant '{variant}' (expected {', '.join(FILES)})")
        path = os.path.join(args.model, FILES[variant])
        if not os.path.isfile(path):
            print(f"{variant}: {path} not found (skipped)", file=sys.stderr)
            continue
        margins = onnx_margins(path, pool, args.threads)
        p, thresholds = calibrated(pool, margins, config["calibration"]["kinds"], range(len(pool.items)))
        results[variant] = pool_metrics(pool, p, thresholds)
        probabilities[variant] = (p, thresholds)
        print(f"\n{variant} ({FILES[variant]})\n\n| input | n | accuracy | ROC-AUC | macro-F1 | ECE |\n|---|---|---|---|---|---|")
        for key, m in results[variant].items():
            print(f"| {key} | {m['n']} | {m['accuracy']:.4f} | {m['roc_auc']:.4f} | {m['macro_f1']:.4f} | {m['ece']:.4f} |")
        if variant != "fp32" and "fp32" in probabilities:
            print("\n" + agreement_line(probabilities["fp32"], (p, thresholds)))
        if args.ece_noise:
            print("\n| input | n | ECE | ECE if calibrated: mean / 95th percentile |\n|---|---|---|---|")
            for key, index in [(s, pool.select(source=s)) for s in pool.sources()] + \
                    [(f"kind={k}", pool.select(kind=k)) for k in KINDS if pool.select(kind=k)]:
                y, q = pool.labels(index), p[index]
                noise = ece_if_calibrated(q)
                print(f"| {key} | {len(index)} | {ece(y, q):.3f} | {noise['mean']:.3f} / {noise['p95']:.3f} |")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({k: {s: {m: v for m, v in d.items() if m != "confusion"} for s, d in r.items()}
                       for k, r in results.items()}, handle, indent=1, default=float)
    return 0 if results else 1


if __name__ == "__main__":
    sys.exit(main())
