"""Training on whole articles the way the hosts score them: an article's windows in one batch (`data.bucketed_batches`
with groups) and one loss on the token-weighted mean of their p(fake) instead of a loss per window (`train.py
--article-loss mean`). A window then need not carry its article's label alone; the article's verdict does."""
from __future__ import annotations

from typing import Dict, List, Sequence

import torch


def group_ids(items: Sequence[str]) -> List[int]:
    """A group number per row: rows with the same non-empty item share one, rows with an empty item get -1."""
    numbers: Dict[str, int] = {}
    return [numbers.setdefault(item, len(numbers)) if item else -1 for item in items]


def soft_cross_entropy(log_p: torch.Tensor, fake: int, target: torch.Tensor) -> torch.Tensor:
    """Per row, the cross-entropy of `log_p` ([rows, 2] log-probabilities, column `fake` the fake label's) against
    p(fake) = target (the usual loss for hard 0/1 targets)."""
    return -(target * log_p[:, fake] + (1 - target) * log_p[:, 1 - fake])


def grouped_loss(log_p: torch.Tensor, fake: int, target: torch.Tensor, groups: torch.Tensor,
                 weights: torch.Tensor) -> torch.Tensor:
    """Mean training loss over the batch's rows (`log_p`: [rows, 2] log-probabilities, column `fake` the fake
    label's). A row without a group (-1) has the cross-entropy of its p(fake) against its target, as without
    grouping; the rows of a group share one, of their `weights`-weighted mean p(fake) against the group's target (the
    mean of its rows', one article's label), counted once per row so that an article weighs what its windows did."""
    alone = groups < 0
    total = soft_cross_entropy(log_p[alone], fake, target[alone]).sum()
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
