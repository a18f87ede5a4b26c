"""Evaluation of a trained classifier on LIAR valid (by slice) and on the held-out article/post sets."""
from __future__ import annotations

from collections import defaultdict
from typing import Dict, List, Sequence

import numpy as np
import torch

from .articles import Article
from .liar import LiarRow
from .metrics import binary_metrics, softmax
from .model import DistilBertForSequenceClassification
from .text import model_input
from .tokenizer import WordPieceTokenizer
from .predict import predict_logits

FAKE = 1  # index of "fake" in the labels ["real", "fake"]
WINDOW_OVERLAP = 64  # the hosts' default overlap between consecutive windows (C# ClassifierOptions)


def host_overlap(window: int) -> int:
    """The overlap the hosts use for windows of `window` tokens: WINDOW_OVERLAP capped at half the window."""
    return min(WINDOW_OVERLAP, window // 2)


def liar_logits(model: DistilBertForSequenceClassification, tokenizer: WordPieceTokenizer,
                rows: Sequence[LiarRow], max_length: int, device: torch.device) -> Dict[str, np.ndarray]:
    """float32 (no autocast, like the ONNX model) logits of every row, bare and with metadata."""
    bare = [tokenizer.encode(model_input(r.statement), max_length) for r in rows]
    meta = [tokenizer.encode(model_input(r.statement, metadata=r.metadata()), max_length) for r in rows]
    return {"bare": predict_logits(model, bare, device, autocast=False),
            "meta": predict_logits(model, meta, device, autocast=False)}


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


def article_scores(model: DistilBertForSequenceClassification, tokenizer: WordPieceTokenizer,
                   articles: Sequence[Article], max_length: int, temperature: float, device: torch.device,
                   overlap: int = WINDOW_OVERLAP, autocast: bool = True) -> Dict[str, np.ndarray]:
    """p_fake per article: first window only (truncation) and the token-weighted mean over all windows (hosts).

    Runs under bf16 autocast (measurement, not parity): scores differ from the float32 ONNX model by ~1e-2.
    """
    size = max_length - 2
    sequences, owner, weight = [], [], []
    n_windows = []
    for index, article in enumerate(articles):
        ids = tokenizer.tokenize_to_ids(article.model_input())
        plan = windows(ids, size, overlap)
        n_windows.append(len(plan))
        for start, count in plan:
            sequences.append(tokenizer.wrap(ids[start: start + count]))
            owner.append(index)
            weight.append(max(1, count))
    # bf16 autocast: measurement only, and float32 on a CPU without fast float32 kernels takes far too long here.
    p = softmax(predict_logits(model, sequences, device, autocast=autocast), temperature)[:, FAKE]
    first = np.zeros(len(articles))
    sums = np.zeros(len(articles))
    totals = np.zeros(len(articles))
    seen = set()
    for i, (article, w) in enumerate(zip(owner, weight)):
        if article not in seen:
            first[article] = p[i]
            seen.add(article)
        sums[article] += w * p[i]
        totals[article] += w
    return {"first_window": first, "windowed": sums / totals, "windows": np.array(n_windows)}
