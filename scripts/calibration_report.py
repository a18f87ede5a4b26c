#!/usr/bin/env python3
"""How far a model folder's probabilities can be read at face value, per input kind, on the valid pool under ONNX
Runtime (model.onnx, float32 margins, as the hosts compute them):

    /usr/bin/python3 scripts/calibration_report.py models/minilm-news-v2
    /usr/bin/python3 scripts/calibration_report.py models/minilm-news-v2 --forms

Per kind: the model card's calibration table as the export fits it, with the cross-fitted ECE (each item scored
by a fit that did not see it, `calibration.cross_fitted_ece`) beside the ECE a perfectly calibrated model shows on
as many items; the ECE with the folder's own calibration; and what typing a claim without its final period does to
its verdict (`calibration.period_consistency`).

--forms asks whether the headline kind would be served better by two calibrations, split by title case (most
words of four letters or more capitalised, as many news sites write headlines and few people type claims). The
hosts derive four kinds and use no such split; this measures it, cross-fitted, against one calibration per kind.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Dict, List, Sequence

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.calibration import calibrated, cross_fitted_p, fit, fit_kinds, period_consistency, variant_weights  # noqa: E402
from fakenews_train.export import folder_pool, onnx_margins  # noqa: E402
from fakenews_train.kinds import is_space  # noqa: E402
from fakenews_train.metrics import ece, roc_auc  # noqa: E402
from fakenews_train.model_card import calibration_rows, period_line  # noqa: E402
from fakenews_train.validpool import UNPUNCTUATED, ValidPool, aggregate, window_p  # noqa: E402

OPENERS = "\"'([{\u201c\u2018\u00ab*_"
TITLE_CASE = "headline/title-case"


def title_case(text: str) -> bool:
    """At least two words whose leading run of ASCII letters (after opening quotes and brackets) is four letters or
    longer, three in four of them capitalised."""
    words, upper = 0, 0
    for word in "".join(" " if is_space(ch) else ch for ch in text).split(" "):
        word = word.lstrip(OPENERS)
        run = 0
        while run < len(word) and ("a" <= word[run] <= "z" or "A" <= word[run] <= "Z"):
            run += 1
        if run >= 4:
            words += 1
            upper += "A" <= word[0] <= "Z"
    return words >= 2 and 4 * upper >= 3 * words


def groups(pool: ValidPool, split: bool) -> List[str]:
    """Each item's calibration group: its kind, or with `split` TITLE_CASE for title-cased headlines."""
    return [TITLE_CASE if split and i.kind == "headline" and title_case(i.text) else i.kind for i in pool.items]


def fitted_p(pool: ValidPool, margins: np.ndarray, group: Sequence[str]) -> np.ndarray:
    """Every item's p(fake) from its group's calibration fitted on the whole group (in sample)."""
    p = np.zeros(len(pool.items))
    for g in sorted(set(group)):
        index = [n for n in range(len(pool.items)) if group[n] == g]
        params = fit(pool, margins, index, variant_weights(pool, index))
        p[index] = aggregate(pool, window_p(margins, params["temperature"], params["bias"]), index)
    return p


def cross_fitted(pool: ValidPool, margins: np.ndarray, group: Sequence[str], repeats: int = 5,
                 folds: int = 5, seed: int = 0) -> List[np.ndarray]:
    """Per repeat, every item's p(fake) from its group's calibration fitted without it. Each group draws its splits
    from its own generator seeded with `seed`, as `calibration.cross_fitted_ece` does for a kind, so that a group
    equal to a kind gets the same figures."""
    out = [np.zeros(len(pool.items)) for _ in range(repeats)]
    for g in sorted(set(group)):
        rng = np.random.default_rng(seed)
        index = [n for n in range(len(pool.items)) if group[n] == g]
        for p in out:
            scored = cross_fitted_p(pool, margins, index, folds, rng)
            p[list(scored)] = list(scored.values())
    return out


def kind_table(pool: ValidPool, margins: np.ndarray, shipped: Dict[str, Dict]) -> List[str]:
    """The model card's calibration table refitted on the pool, the ECE with the folder's own calibration, and what
    dropping a claim's final period does under it."""
    p, _ = calibrated(pool, margins, shipped, range(len(pool.items)))
    own = {kind: pool.select(kind=kind) for kind in shipped}
    lines = calibration_rows(fit_kinds(pool, margins))
    lines += ["", "ECE with the folder's own calibration: " + ", ".join(
        f"{kind} {ece(pool.labels(index), p[index]):.3f}" for kind, index in own.items() if index) + "."]
    period = period_consistency(pool, margins, shipped)
    return lines + (["", period_line(period)] if period else [])


def forms_table(pool: ValidPool, margins: np.ndarray) -> List[str]:
    items = range(len(pool.items))
    sets = {"claim kind": pool.select(kind="claim"), "headline kind": pool.select(kind="headline"),
            "titles": [n for n in items if pool.items[n].source.endswith(":title")],
            "claims typed without a period": pool.select(source=UNPUNCTUATED)}
    variants = sets["claims typed without a period"]
    given = [pool.items[n].original for n in variants]
    lines = ["| headline calibration | " + " | ".join(f"{s} ({len(v):,}): ECE cross-fitted" for s, v in sets.items())
             + " | titles ROC-AUC | mean \\|dp\\| without the period |",
             "|---" * (len(sets) + 3) + "|"]
    in_sample = {}
    for name, split in (("one per kind (shipped form)", False), ("split by title case", True)):
        group = groups(pool, split)
        repeats = cross_fitted(pool, margins, group)
        p = in_sample[split] = fitted_p(pool, margins, group)
        cells = [f"{np.mean([ece(pool.labels(v), r[v]) for r in repeats]):.3f}" for v in sets.values()]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {roc_auc(pool.labels(sets['titles']), p[sets['titles']]):.3f}"
                     f" | {np.abs(p[variants] - p[given]).mean():.3f} |")
    p = in_sample[False]
    lines += ["", "Headline-kind items by form, one calibration per kind (in sample):", "",
              "| items | n | share fake | mean p(fake) | ECE |", "|---|---|---|---|---|"]
    headline = pool.select(kind="headline", variants=True)
    for name, keep in (("titles in title case", lambda i: i.source.endswith(":title") and title_case(i.text)),
                       ("titles in sentence case", lambda i: i.source.endswith(":title") and not title_case(i.text)),
                       ("other headline-kind items", lambda i: not i.source.endswith(":title") and i.source != UNPUNCTUATED),
                       ("claims typed without a period, title case", lambda i: i.source == UNPUNCTUATED and title_case(i.text)),
                       ("claims typed without a period, sentence case",
                        lambda i: i.source == UNPUNCTUATED and not title_case(i.text))):
        index = [n for n in headline if keep(pool.items[n])]
        if index:
            y = pool.labels(index)
            lines.append(f"| {name} | {len(index):,} | {y.mean():.3f} | {p[index].mean():.3f} | {ece(y, p[index]):.3f} |")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+", help="model folders with config.json (calibration.kinds), vocab.txt and model.onnx")
    parser.add_argument("--forms", action="store_true", help="also compare a title-case split of the headline calibration")
    parser.add_argument("--liar-valid", default="../shared/data/liar/valid.tsv")
    parser.add_argument("--articles", default="../shared/data/articles")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    for model in args.models:
        config, pool = folder_pool(model, args.liar_valid, args.articles)
        margins = onnx_margins(os.path.join(model, "model.onnx"), pool, args.threads)
        print(f"## {model} ({config.get('version', '?')})\n")
        print("\n".join(kind_table(pool, margins, config["calibration"]["kinds"])))
        if args.forms:
            print("\n" + "\n".join(forms_table(pool, margins)))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
