"""Per-kind calibration fitted on the valid pool: p(fake) of a window = sigmoid(margin / temperature + bias), the
item's p(fake) = the token-weighted mean of its windows (as the hosts aggregate), and a per-kind threshold chosen for
macro-F1. Kinds are derived from each input's form (kinds.input_kind), exactly as the hosts derive them."""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence

import numpy as np
import torch

from .kinds import KINDS
from .metrics import best_threshold, ece, ece_if_calibrated
from .validpool import UNPUNCTUATED, ValidPool, aggregate, window_p


def _owners(pool: ValidPool, index: Sequence[int]):
    windows, owner, weight = [], [], []
    for k, n in enumerate(index):
        item = pool.items[n]
        windows.extend(range(item.first, item.first + len(item.weights)))
        owner.extend([k] * len(item.weights))
        weight.extend(item.weights)
    return np.array(windows), np.array(owner), np.array(weight, dtype=np.float64)


MAX_LOG_TEMPERATURE = 3.0  # T in [e^-3, e^3]: separable valid items must not drive T to 0
MAX_BIAS = 5.0


def fit(pool: ValidPool, margins: np.ndarray, index: Sequence[int],
        item_weights: Optional[Sequence[float]] = None) -> Dict[str, float]:
    """Temperature and bias minimising the items' (weighted) negative log-likelihood (L-BFGS, both kept in bounds by tanh)."""
    windows, owner, weight = _owners(pool, index)
    m = torch.tensor(margins[windows], dtype=torch.float64)
    own = torch.tensor(owner)
    w = torch.tensor(weight)
    y = torch.tensor(pool.labels(index), dtype=torch.float64)
    each = torch.tensor(np.ones(len(index)) if item_weights is None else np.asarray(item_weights, dtype=np.float64))
    totals = torch.zeros(len(index), dtype=torch.float64).index_add_(0, own, w)
    u = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    v = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.LBFGS([u, v], lr=0.5, max_iter=200, line_search_fn="strong_wolfe")

    def params():
        return torch.exp(MAX_LOG_TEMPERATURE * torch.tanh(u)), MAX_BIAS * torch.tanh(v)

    def closure():
        optimizer.zero_grad()
        temperature, bias = params()
        p = torch.sigmoid(m / temperature + bias)
        q = torch.zeros(len(index), dtype=torch.float64).index_add_(0, own, w * p) / totals
        q = q.clamp(1e-12, 1 - 1e-12)
        loss = -(each * (y * torch.log(q) + (1 - y) * torch.log(1 - q))).sum() / each.sum()
        loss.backward()
        return loss

    optimizer.step(closure)
    temperature, bias = params()
    return {"temperature": float(temperature), "bias": float(bias)}


def variant_weights(pool: ValidPool, index: Sequence[int]) -> List[float]:
    """Per item of `index`: 1, except that the UNPUNCTUATED variants together weigh as much as the other items (when
    both are present), so that claims typed without a period and the kind's own items count alike."""
    variants = sum(pool.items[n].source == UNPUNCTUATED for n in index)
    others = len(index) - variants
    share = others / variants if variants and others else 1.0
    return [share if pool.items[n].source == UNPUNCTUATED else 1.0 for n in index]


def fit_kinds(pool: ValidPool, margins: np.ndarray, held_back: Sequence[str] = ()) -> Dict[str, Dict]:
    """One calibration and threshold per kind present in the pool, with the kind's ECE before and after. The fit and
    the threshold use the kind's items and its UNPUNCTUATED variants (weighted by `variant_weights`); the ECE figures
    describe the kind's own items (the variants when it has none). Items of the sets named in `held_back` (their
    titles included) take no part, as if the pool did not hold them."""
    def kept(index):
        return [n for n in index if pool.items[n].source.partition(":")[0] not in held_back]

    out = {}
    for kind in KINDS:
        index = kept(pool.select(kind=kind, variants=True))
        if not index:
            continue
        items = kept(pool.select(kind=kind))
        own = items or index
        y = pool.labels(own)
        before = aggregate(pool, window_p(margins), own)
        params = fit(pool, margins, index, variant_weights(pool, index))
        q = window_p(margins, params["temperature"], params["bias"])
        after = aggregate(pool, q, own)
        every = aggregate(pool, q, index)
        out[kind] = {**params, "threshold": best_threshold(pool.labels(index), every), "n": len(own),
                     "variants": len(index) - len(items),
                     "ece_before": ece(y, before), "ece_after": ece(y, after),
                     "ece_noise": ece_if_calibrated(after),
                     "ece_cross_fitted": cross_fitted_ece(pool, margins, index, own)}
    return out


def cross_fitted_p(pool: ValidPool, margins: np.ndarray, index: Sequence[int], folds: int,
                   rng: np.random.Generator) -> Dict[int, float]:
    """p(fake) of each item of `index`, scored by the calibration fitted (with `variant_weights`) on the other parts
    of one random split of `index` into `folds` parts."""
    index = list(index)
    p: Dict[int, float] = {}
    for part in np.array_split(rng.permutation(len(index)), folds):
        left = set(part.tolist())
        train = [n for k, n in enumerate(index) if k not in left]
        params = fit(pool, margins, train, variant_weights(pool, train))
        test = [index[k] for k in part]
        p.update(zip(test, aggregate(pool, window_p(margins, params["temperature"], params["bias"]), test)))
    return p


def cross_fitted_ece(pool: ValidPool, margins: np.ndarray, index: Sequence[int], own: Sequence[int],
                     folds: int = 5, repeats: int = 5, seed: int = 0) -> Optional[Dict[str, float]]:
    """ECE of the `own` items when each is scored by a calibration fitted without it (`cross_fitted_p` over the
    fit's items `index`), over `repeats` random splits: mean, lowest and highest. The ECE after a fit on the same
    items is optimistic by what the fit learned of those items' noise; this one is not. None when `index` has fewer
    items than `folds`. Costs folds x repeats fits."""
    if len(index) < folds:
        return None
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(repeats):
        p = cross_fitted_p(pool, margins, index, folds, rng)
        values.append(ece(pool.labels(list(own)), np.array([p[n] for n in own])))
    return {"mean": float(np.mean(values)), "low": float(np.min(values)), "high": float(np.max(values))}


def calibrated(pool: ValidPool, margins: np.ndarray, kinds: Dict[str, Dict], index: Sequence[int],
               rule: str = "token_mean"):
    """(p(fake), threshold) of each item in `index`, with its kind's calibration and threshold."""
    missing = {pool.items[n].kind for n in index} - set(kinds)
    if missing:
        raise ValueError(f"no calibration for the kinds {sorted(missing)}")
    p = np.zeros(len(index))
    thresholds = np.zeros(len(index))
    for kind, params in kinds.items():
        part = [k for k, n in enumerate(index) if pool.items[n].kind == kind]
        if part:
            q = window_p(margins, params["temperature"], params["bias"])
            p[part] = aggregate(pool, q, [index[k] for k in part], rule)
            thresholds[part] = params["threshold"]
    return p, thresholds


def period_consistency(pool: ValidPool, margins: np.ndarray, kinds: Dict[str, Dict]) -> Optional[Dict[str, float]]:
    """What typing a claim without its final period does to its verdict: over the UNPUNCTUATED variants (claims whose
    kind changes once the period is dropped, so that they get another kind's calibration and threshold), the mean
    and 95th percentile of |p(fake) typed - p(fake) as given|, how many verdicts differ, and the mean |dp| of the
    uncalibrated p(fake) (what the model's own margins move; the rest is the change of calibration). None without
    variants."""
    variants = pool.select(source=UNPUNCTUATED)
    if not variants:
        return None
    given = [pool.items[n].original for n in variants]
    if any(n is None for n in given):
        raise ValueError("an unpunctuated variant without its original claim (validpool.build links them)")
    p, t = calibrated(pool, margins, kinds, given)
    q, u = calibrated(pool, margins, kinds, variants)
    moved = np.abs(q - p)
    raw = window_p(margins)
    return {"pairs": len(variants), "mean_abs_dp": float(moved.mean()), "p95_abs_dp": float(np.percentile(moved, 95)),
            "flips": int(((p >= t) != (q >= u)).sum()),
            "mean_abs_dp_uncalibrated": float(np.abs(aggregate(pool, raw, variants) - aggregate(pool, raw, given)).mean())}
