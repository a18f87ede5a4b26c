#!/usr/bin/env python3
"""Refits a model folder's per-kind calibration (temperature, bias, threshold) on the valid pool under ONNX Runtime,
for the kinds whose fit now includes the LIAR claims typed without their final period, and prints each input's
metrics before and after.

    /usr/bin/python3 scripts/recalibrate.py models/minilm-news-v2            # prints only
    /usr/bin/python3 scripts/recalibrate.py models/minilm-news-v2 --write    # also rewrites config.json's calibration

A claim typed without its period is derived as a headline when it is short, and gets the headline calibration, which
article titles alone had set. The valid pool holds those claims as a variant source (`liar-bare:unpunctuated`,
fakenews_train/validpool.py); `calibration.fit_kinds` fits each kind on its own items and its variants, the variants
weighing as much as the rest together. Only the kinds that have variants are refitted (`--kinds` names others);
the other kinds keep the calibration the export fitted. Margins are model.onnx's (float32), as the hosts compute them.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.calibration import calibrated, fit_kinds  # noqa: E402
from fakenews_train.export import folder_pool, onnx_margins, pool_metrics, reference_report  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="model folder with config.json (calibration.kinds), vocab.txt and model.onnx")
    parser.add_argument("--kinds", default="", help="comma-separated kinds to refit (default: those with variants)")
    parser.add_argument("--write", action="store_true", help="rewrite config.json's calibration of those kinds")
    parser.add_argument("--liar-valid", default="../shared/data/liar/valid.tsv")
    parser.add_argument("--articles", default="../shared/data/articles")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--reference", default="",
                        help="a previous model folder: also print the model card's metrics table with the new calibration "
                             "against it (paired bootstrap intervals, as make export writes it)")
    args = parser.parse_args(argv)
    config_path = os.path.join(args.model, "config.json")
    config, pool = folder_pool(args.model, args.liar_valid, args.articles)
    margins = onnx_margins(os.path.join(args.model, "model.onnx"), pool, args.threads)
    fitted = fit_kinds(pool, margins)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()] or [k for k, v in fitted.items() if v["variants"]]
    unknown = set(kinds) - set(fitted)
    if unknown:
        raise SystemExit(f"--kinds: no valid items of the kinds {sorted(unknown)}")
    before = config["calibration"]["kinds"]
    after = {k: dict(v) for k, v in before.items()}
    for kind in kinds:
        after[kind] = {"temperature": round(fitted[kind]["temperature"], 6), "bias": round(fitted[kind]["bias"], 6),
                       "threshold": fitted[kind]["threshold"]}
        print(f"{kind}: {before[kind]} -> {after[kind]} ({fitted[kind]['n']} items and {fitted[kind]['variants']} "
              f"claims typed without their period)")
    everything = range(len(pool.items))
    rows, scores = {}, {}
    for name, calibration in (("before", before), ("after", after)):
        scores[name] = calibrated(pool, margins, calibration, everything)
        rows[name] = pool_metrics(pool, *scores[name])
    print("\n| input | n | ROC-AUC before / after | accuracy before / after | macro-F1 before / after | ECE before / after |"
          "\n|---|---|---|---|---|---|")
    for key in rows["before"]:
        b, a = rows["before"][key], rows["after"][key]
        print(f"| {key} | {b['n']} | {b['roc_auc']:.4f} / {a['roc_auc']:.4f} | {b['accuracy']:.4f} / {a['accuracy']:.4f} | {b['macro_f1']:.4f} / {a['macro_f1']:.4f} "
              f"| {b['ece']:.4f} / {a['ece']:.4f} |")
    if args.reference:
        from fakenews_train.model_card import _metric_rows
        reference = reference_report(args.reference, pool, args.threads, *scores["after"])
        print("\n" + "\n".join(_metric_rows({"metrics": rows["after"], "reference": reference})))
    if args.write:
        config["calibration"]["kinds"] = after
        if "claim" in kinds:
            config["temperature"], config["threshold"] = after["claim"]["temperature"], after["claim"]["threshold"]
        with open(config_path, "w", encoding="utf-8") as handle:
            json.dump(config, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
        print(f"wrote {config_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
