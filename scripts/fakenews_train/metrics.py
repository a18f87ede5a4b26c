"""Classification metrics and temperature scaling, in numpy (no scikit-learn here)."""
from __future__ import annotations

from typing import Dict, Sequence

import numpy as np


def roc_auc(y: Sequence[int], score: Sequence[float]) -> float:
    """Area under the ROC curve via the rank statistic (ties get average ranks)."""
    y = np.asarray(y)
    score = np.asarray(score, dtype=np.float64)
    positives = int(y.sum())
    negatives = len(y) - positives
    if positives == 0 or negatives == 0:
        return float("nan")
    order = np.argsort(score, kind="mergesort")
    ranks = np.empty(len(score))
    sorted_scores = score[order]
    i = 0
    while i < len(score):
        j = i
        while j + 1 < len(score) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i: j + 1]] = (i + j) / 2.0 + 1
        i = j + 1
    return float((ranks[y == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def confusion(y: Sequence[int], predicted: Sequence[int]) -> list:
    """[[real->real, real->fake], [fake->real, fake->fake]] (rows = truth, columns = prediction)."""
    y = np.asarray(y)
    predicted = np.asarray(predicted)
    return [[int(((y == t) & (predicted == p)).sum()) for p in (0, 1)] for t in (0, 1)]


def _f1(tp: int, fp: int, fn: int) -> float:
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def binary_metrics(y: Sequence[int], p_fake: Sequence[float], threshold: float = 0.5) -> Dict[str, object]:
    y = np.asarray(y)
    p_fake = np.asarray(p_fake, dtype=np.float64)
    predicted = (p_fake >= threshold).astype(int)
    (tn, fp), (fn, tp) = confusion(y, predicted)
    f1_fake = _f1(tp, fp, fn)
    f1_real = _f1(tn, fn, fp)
    return {"n": int(len(y)), "accuracy": float((predicted == y).mean()), "roc_auc": roc_auc(y, p_fake),
            "f1_fake": f1_fake, "macro_f1": (f1_fake + f1_real) / 2, "threshold": float(threshold),
            "confusion": [[tn, fp], [fn, tp]]}


def best_threshold(y: Sequence[int], p_fake: Sequence[float]) -> float:
    """The threshold on a 0.01 grid that maximises macro-F1 (ties: closest to 0.5)."""
    grid = np.round(np.arange(0.2, 0.801, 0.01), 2)
    scores = [(binary_metrics(y, p_fake, t)["macro_f1"], -abs(t - 0.5), t) for t in grid]
    return float(max(scores)[2])


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64) / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def nll(logits: np.ndarray, y: Sequence[int], temperature: float) -> float:
    p = softmax(logits, temperature)
    return float(-np.log(np.clip(p[np.arange(len(y)), np.asarray(y)], 1e-12, None)).mean())


def fit_temperature(logits: np.ndarray, y: Sequence[int]) -> float:
    """Minimises the negative log-likelihood over T (golden-section search on log T in [-3, 3])."""
    lo, hi = -3.0, 3.0
    ratio = (5 ** 0.5 - 1) / 2
    a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    for _ in range(80):
        if nll(logits, y, np.exp(a)) < nll(logits, y, np.exp(b)):
            hi = b
        else:
            lo = a
        a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    return float(np.exp((lo + hi) / 2))


def ece(y: Sequence[int], p_fake: Sequence[float], bins: int = 15) -> float:
    """Expected calibration error of the predicted class' confidence, equal-width bins."""
    y = np.asarray(y)
    p_fake = np.asarray(p_fake, dtype=np.float64)
    predicted = (p_fake >= 0.5).astype(int)
    confidence = np.where(predicted == 1, p_fake, 1 - p_fake)
    correct = (predicted == y).astype(float)
    edges = np.linspace(0.5, 1.0, bins + 1)
    total = 0.0
    for i in range(bins):
        in_bin = (confidence > edges[i]) & (confidence <= edges[i + 1]) if i else \
            (confidence >= edges[i]) & (confidence <= edges[i + 1])
        if in_bin.any():
            total += in_bin.mean() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(total)


def _auc_by_ranks(y: np.ndarray, score: np.ndarray) -> float:
    """ROC-AUC from ordinal ranks: equal to roc_auc when no fake and real item share a score."""
    positives = int(y.sum())
    negatives = len(y) - positives
    if positives == 0 or negatives == 0:
        return float("nan")
    ranks = np.empty(len(score))
    ranks[np.argsort(score, kind="mergesort")] = np.arange(1, len(score) + 1)
    return float((ranks[y == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def paired_bootstrap(y: Sequence[int], a: Sequence[float], b: Sequence[float], samples: int = 1000,
                     seed: int = 0) -> Dict[str, list]:
    """95% percentile intervals of b - a over items resampled with replacement (paired: the same items for both):
    ROC-AUC of the scores, and accuracy of the 0/1 predictions when a and b are given as (scores, predictions)."""
    y = np.asarray(y)
    (sa, pa), (sb, pb) = (a if isinstance(a, tuple) else (a, None)), (b if isinstance(b, tuple) else (b, None))
    sa, sb = np.asarray(sa, dtype=np.float64), np.asarray(sb, dtype=np.float64)
    rng = np.random.default_rng(seed)
    auc, acc = [], []
    for _ in range(samples):
        i = rng.integers(0, len(y), len(y))
        auc.append(_auc_by_ranks(y[i], sb[i]) - _auc_by_ranks(y[i], sa[i]))
        if pa is not None and pb is not None:
            acc.append(float((np.asarray(pb)[i] == y[i]).mean() - (np.asarray(pa)[i] == y[i]).mean()))
    out = {"roc_auc": [float(np.nanpercentile(auc, 2.5)), float(np.nanpercentile(auc, 97.5))]}
    if acc:
        out["accuracy"] = [float(np.percentile(acc, 2.5)), float(np.percentile(acc, 97.5))]
    return out


def ece_if_calibrated(p_fake: Sequence[float], draws: int = 1000, seed: int = 0) -> Dict[str, float]:
    """The ECE a perfectly calibrated model with these probabilities shows on this many items: labels drawn as
    y ~ Bernoulli(p) (mean and 95th percentile over draws). ECE below it cannot be told apart from sampling noise."""
    p_fake = np.asarray(p_fake, dtype=np.float64)
    rng = np.random.default_rng(seed)
    values = [ece((rng.random(len(p_fake)) < p_fake).astype(int), p_fake) for _ in range(draws)]
    return {"mean": float(np.mean(values)), "p95": float(np.percentile(values, 95))}
