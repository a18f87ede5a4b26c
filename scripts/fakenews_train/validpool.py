"""Every valid item of every input kind, windowed as the hosts window it: LIAR valid (bare and with metadata), the
held-out parts of the article and post sets, and the held-out articles' titles alone (headlines). Training selects
epochs on it and the export fits per-kind calibration and measures window aggregation on it.

One variant source, UNPUNCTUATED: the LIAR valid claims typed without their final period, for those whose derived
kind that changes (short ones become headlines). They take part in fitting the calibration of the kind they fall into,
since that is the calibration such a claim gets from the hosts, but `select` leaves them out unless asked, so
per-kind and per-source figures describe the items as the data sets give them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np
import torch

from .articles import Article
from .evaluation import host_windows
from .kinds import input_kind, unpunctuated
from .liar import LiarRow
from .metrics import roc_auc
from .predict import predict_logits
from .text import model_input
from .tokenizer import WordPieceTokenizer

FAKE = 1
UNPUNCTUATED = "liar-bare:unpunctuated"


@dataclass
class Item:
    source: str  # liar-bare, liar-meta, <set> (the held-out text as the hosts read it), <set>:title
    kind: str  # derived from the input's form (kinds.input_kind), as the hosts derive it
    fake: int
    first: int  # index of the first window in ValidPool.sequences
    weights: List[int]  # text tokens per window
    title: Optional[int] = None  # index of this article's title-alone item, when it has one
    original: Optional[int] = None  # an UNPUNCTUATED variant's claim as the data set gives it (index of its item)
    text: str = ""  # the input as the hosts receive it (the body alone for an article; its title is item `title`)


@dataclass
class ValidPool:
    items: List[Item] = field(default_factory=list)
    sequences: List[List[int]] = field(default_factory=list)

    def add(self, source: str, kind: str, fake: int, ids: Sequence[int], tokenizer: WordPieceTokenizer,
            max_length: int, text: str = "") -> int:
        plan = host_windows(list(ids), max_length)
        self.items.append(Item(source, kind, fake, len(self.sequences), [max(1, c) for _, c in plan], text=text))
        self.sequences.extend(tokenizer.wrap(ids[s: s + c]) for s, c in plan)
        return len(self.items) - 1

    def sources(self) -> List[str]:
        return sorted({i.source for i in self.items})

    def select(self, source: Optional[str] = None, kind: Optional[str] = None, variants: bool = False) -> List[int]:
        """Items of `source` and `kind` (None: any); the UNPUNCTUATED variants only when `variants` or named as the source."""
        return [n for n, i in enumerate(self.items)
                if (source is None or i.source == source) and (kind is None or i.kind == kind)
                and (variants or source == UNPUNCTUATED or i.source != UNPUNCTUATED)]

    def post_flags(self) -> List[bool]:
        """Per sequence: whether its item is of the post kind (the windows a post head scores)."""
        flags = [False] * len(self.sequences)
        for item in self.items:
            if item.kind == "post":
                flags[item.first: item.first + len(item.weights)] = [True] * len(item.weights)
        return flags

    def labels(self, index: Sequence[int]) -> np.ndarray:
        return np.array([self.items[n].fake for n in index])


def build(tokenizer: WordPieceTokenizer, max_length: int, liar: Sequence[LiarRow],
          held_out: Dict[str, Sequence[Article]]) -> ValidPool:
    pool = ValidPool()
    for row in liar:
        kind = input_kind(row.statement)
        bare = pool.add("liar-bare", kind, row.fake, tokenizer.tokenize_to_ids(model_input(row.statement)), tokenizer,
                        max_length, row.statement)
        typed = unpunctuated(row.statement)
        if typed and input_kind(typed) != kind:
            variant = pool.add(UNPUNCTUATED, input_kind(typed), row.fake, tokenizer.tokenize_to_ids(model_input(typed)),
                               tokenizer, max_length, typed)
            pool.items[variant].original = bare
        meta = row.metadata()
        pool.add("liar-meta", input_kind(row.statement, metadata=meta), row.fake,
                 tokenizer.tokenize_to_ids(model_input(row.statement, metadata=meta)), tokenizer, max_length,
                 row.statement)
    for name in sorted(held_out):
        for article in held_out[name]:
            body = pool.add(name, input_kind(article.text, article.title), article.fake,
                            tokenizer.tokenize_to_ids(article.model_input()), tokenizer, max_length, article.text)
            if article.title.strip():
                pool.items[body].title = pool.add(f"{name}:title", input_kind(article.title), article.fake,
                                                  tokenizer.tokenize_to_ids(article.title), tokenizer, max_length,
                                                  article.title)
    return pool


def logit_margins(model, pool: ValidPool, device: torch.device, autocast: bool = True) -> np.ndarray:
    """logit(fake) - logit(real) of every window (float64): the one number a two-label softmax depends on."""
    logits = predict_logits(model, pool.sequences, device, autocast=autocast,
                            post=pool.post_flags()).astype(np.float64)
    return logits[:, FAKE] - logits[:, 1 - FAKE]


def window_p(margins: np.ndarray, temperature: float = 1.0, bias: float = 0.0) -> np.ndarray:
    """Calibrated p(fake) per window: sigmoid(margin / temperature + bias)."""
    return 1.0 / (1.0 + np.exp(-(margins / temperature + bias)))


AGGREGATIONS = ("token_mean", "max", "top2_mean", "title_weighted")


def aggregate(pool: ValidPool, p: np.ndarray, index: Sequence[int], rule: str = "token_mean") -> np.ndarray:
    """Item-level p(fake) from window-level p (title_weighted: half the title alone, half the body's token mean;
    items without a title keep the token mean)."""
    out = np.zeros(len(index))
    for k, n in enumerate(index):
        item = pool.items[n]
        w = np.array(item.weights, dtype=np.float64)
        q = p[item.first: item.first + len(w)]
        if rule == "token_mean":
            out[k] = float((w * q).sum() / w.sum())
        elif rule == "max":
            out[k] = float(q.max())
        elif rule == "top2_mean":
            out[k] = float(np.sort(q)[-2:].mean())
        elif rule == "title_weighted":
            body = float((w * q).sum() / w.sum())
            out[k] = body if item.title is None else 0.5 * body + 0.5 * float(p[pool.items[item.title].first])
        else:
            raise ValueError(f"unknown aggregation '{rule}' (expected one of {', '.join(AGGREGATIONS)})")
    return out


def source_aucs(pool: ValidPool, margins: np.ndarray) -> Dict[str, float]:
    """ROC-AUC per source with token-weighted window means (uncalibrated: AUC does not depend on one monotone map
    of single-window items, and the mean of raw sigmoid probabilities is what the hosts aggregate)."""
    p = window_p(margins)
    out = {}
    for source in pool.sources():
        index = pool.select(source=source)
        out[source] = roc_auc(pool.labels(index), aggregate(pool, p, index))
    return out


def held_out_aucs(model, pool: ValidPool, liar: Dict[str, Dict], device: torch.device,
                  autocast: bool = True) -> Dict[str, float]:
    """LIAR valid's bare and metadata ROC-AUC (from `liar`, the training evaluation's metrics) beside the model's
    per-source ROC-AUC on the pool: what selection_score weighs."""
    return {"liar-bare": liar["bare"]["roc_auc"], "liar-meta": liar["meta"]["roc_auc"],
            **source_aucs(pool, logit_margins(model, pool, device, autocast))}


def selection_score(aucs: Dict[str, float], article_share: float) -> float:
    """(1 - share) x mean LIAR AUC (bare, metadata) + share x mean held-out AUC of the article and post sets."""
    liar = (aucs["liar-bare"] + aucs["liar-meta"]) / 2
    sets = [v for k, v in aucs.items() if not k.startswith("liar-") and ":" not in k]
    if not sets or article_share == 0:
        return liar
    return (1 - article_share) * liar + article_share * float(np.mean(sets))

