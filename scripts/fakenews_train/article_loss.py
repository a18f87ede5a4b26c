"""Training on whole articles the way the hosts score them: an article's windows in one batch, and one loss on the
token-weighted mean of their p(fake) instead of a loss per window (`train.py --article-loss mean`). A window then
need not carry its article's label alone; the article's verdict does."""
from __future__ import annotations

import random
from typing import Dict, List, Sequence

import torch


def group_ids(items: Sequence[str]) -> List[int]:
    """A group number per row: rows with the same non-empty item share one, rows with an empty item get -1."""
    numbers: Dict[str, int] = {}
    return [numbers.setdefault(item, len(numbers)) if item else -1 for item in items]


def grouped_batches(lengths: Sequence[int], groups: Sequence[int], batch_size: int, rng: random.Random,
                    bucket_batches: int = 50) -> List[List[int]]:
    """Batches of about `batch_size` rows in which every group's rows stay together (a group larger than
    `batch_size` is a batch of its own): units (a group, or a row without one) shuffled, sorted by their longest
    row inside chunks of batch_size * bucket_batches rows, packed in that order, then the batches shuffled."""
    members: Dict[int, List[int]] = {}
    units: List[List[int]] = []
    for row, group in enumerate(groups):
        if group < 0:
            units.append([row])
        else:
            if group not in members:
                members[group] = []
                units.append(members[group])
            members[group].append(row)
    rng.shuffle(units)
    batches: List[List[int]] = []
    chunk: List[List[int]] = []

    def flush() -> None:
        batch: List[int] = []
        for unit in sorted(chunk, key=lambda u: max(lengths[i] for i in u)):
            if batch and len(batch) + len(unit) > batch_size:
                batches.append(batch)
                batch = []
            batch.extend(unit)
        if batch:
            batches.append(batch)
        chunk.clear()

    rows = 0
    for unit in units:
        chunk.append(unit)
        rows += len(unit)
        if rows >= batch_size * bucket_batches:
            flush()
            rows = 0
    flush()
    rng.shuffle(batches)
    return batches


def grouped_loss(log_p: torch.Tensor, fake: int, target: torch.Tensor, groups: torch.Tensor,
                 weights: torch.Tensor) -> torch.Tensor:
    """Mean training loss over the batch's rows (`log_p`: [rows, 2] log-probabilities, column `fake` the fake
    label's). A row without a group (-1) has the cross-entropy of its p(fake) against its target, as without
    grouping; the rows of a group share one, of their `weights`-weighted mean p(fake) against the group's target (the
    mean of its rows', one article's label), counted once per row so that an article weighs what its windows did."""
    alone = groups < 0
    total = -(target[alone] * log_p[alone, fake] + (1 - target[alone]) * log_p[alone, 1 - fake]).sum()
    if not bool(alone.all()):
        grouped = ~alone
        _, inverse = torch.unique(groups[grouped], return_inverse=True)
        zeros = torch.zeros(int(inverse.max()) + 1, dtype=log_p.dtype, device=log_p.device)
        w = weights[grouped].to(log_p.dtype)
        mean_p = zeros.index_add(0, inverse, w * log_p[grouped, fake].exp()) / zeros.index_add(0, inverse, w)
        mean_p = mean_p.clamp(1e-6, 1 - 1e-6)
        rows = zeros.index_add(0, inverse, torch.ones_like(w))
        group_target = zeros.index_add(0, inverse, target[grouped].to(log_p.dtype)) / rows
        total = total - (rows * (group_target * mean_p.log() + (1 - group_target) * (1 - mean_p).log())).sum()
    return total / len(groups)
