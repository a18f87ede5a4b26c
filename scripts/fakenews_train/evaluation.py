"""LIAR valid metrics by slice, and the hosts' token-window plan (shared by training, the valid pool and tests)."""
from __future__ import annotations

from collections import defaultdict
from typing import Dict, List, Sequence

import numpy as np

from .liar import LiarRow
from .metrics import binary_metrics

FAKE = 1  # index of "fake" in the labels ["real", "fake"]
WINDOW_OVERLAP = 64  # the hosts' default overlap between consecutive windows (C# ClassifierOptions)


def host_overlap(window: int) -> int:
    """The overlap the hosts use for windows of `window` tokens: WINDOW_OVERLAP capped at half the window."""
    return min(WINDOW_OVERLAP, window // 2)


def host_windows(ids: List[int], max_length: int) -> List[tuple]:
    """The windows the hosts plan for `ids` at `max_length` (special tokens included) with their default overlap."""
    return windows(ids, max_length - 2, host_overlap(max_length - 2))


def liar_slices(rows: Sequence[LiarRow], p_fake: np.ndarray, threshold: float) -> Dict[str, Dict]:
    """Metrics overall, by party (parties with >= 30 rows; the rest pooled as 'other') and by six-way label."""
    y = np.array([r.fake for r in rows])
    out: Dict[str, Dict] = {"all": binary_metrics(y, p_fake, threshold)}
    counts = defaultdict(int)
    for r in rows:
        counts[r.party or "(none)"] += 1
    party = [r.party or "(none)" if counts[r.party or "(none)"] >= 30 else "other" for r in rows]
    for name in sorted(set(party), key=lambda p: -party.count(p)):
        index = [i for i, p in enumerate(party) if p == name]
        out[f"party={name}"] = binary_metrics(y[index], p_fake[index], threshold)
    for label in ("pants-fire", "false", "barely-true", "half-true", "mostly-true", "true"):
        index = [i for i, r in enumerate(rows) if r.label == label]
        if index:
            metrics = binary_metrics(y[index], p_fake[index], threshold)
            metrics["mean_p_fake"] = float(p_fake[index].mean())
            out[f"label={label}"] = metrics
    return out


def windows(ids: List[int], window: int, overlap: int) -> List[tuple]:
    """(start, count) windows exactly as C# TokenWindowPlanner.Plan plans them."""
    if window < 1 or not 0 <= overlap < window:
        raise ValueError(f"window {window} and overlap {overlap}: need 0 <= overlap < window")
    if len(ids) <= window:
        return [(0, len(ids))]
    step = window - overlap
    count = 1 + (len(ids) - window + step - 1) // step
    return [(i * step, min(window, len(ids) - i * step)) for i in range(count)]
