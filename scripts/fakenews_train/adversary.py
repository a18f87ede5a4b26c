"""A training-only adversary that tries to tell which training set a row came from, and a confusion loss against it.

Domain-confusion training (Tzeng et al. 2015, a bounded form of Ganin et al.'s domain-adversarial training): the
adversary learns to name a row's set (LIAR or one of the mixed article/post sets) from the encoder's pooled
representation, on a detached copy, so it never moves the encoder; the encoder is trained to leave the adversary
unsure, its outputs equally spread over the sets. It should then drop what identifies a collection (house style,
formatting, the topics of the moment) and keep what separates fake from real within each, so that it carries over
to collections it never trained on. Reversing the adversary's gradient instead, as in Ganin et al., lets the encoder
win by making the adversary confidently wrong, its loss climbing above chance, which is not the same as hiding the
set. The adversary is not part of the exported model.
"""
from __future__ import annotations

import math
from typing import Sequence, Tuple

import torch
from torch import nn
from torch.nn import functional
from torch.nn.utils.stateless import functional_call


class SourceAdversary(nn.Module):
    """Two layers from the pooled representation to one logit per training set."""

    def __init__(self, dim: int, sources: Sequence[str]) -> None:
        super().__init__()
        if len(sources) < 2:
            raise ValueError("the source adversary needs at least two training sets to tell apart (use --mix)")
        self.sources = list(sources)
        self.hidden = nn.Linear(dim, dim)
        self.out = nn.Linear(dim, len(self.sources))

    def forward(self, pooled: torch.Tensor) -> torch.Tensor:
        return self.out(torch.relu(self.hidden(pooled)))

    def _frozen(self, pooled: torch.Tensor) -> torch.Tensor:
        """`forward` with the adversary's parameters detached: the gradient reaches `pooled` only."""
        detached = {name: parameter.detach() for name, parameter in self.named_parameters()}
        return functional_call(self, detached, (pooled,))

    def losses(self, pooled: torch.Tensor, sets: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, int]:
        """(the adversary's cross-entropy on the true sets, which trains only the adversary; the encoder's confusion
        loss, the cross-entropy of the adversary's prediction against equal odds for every set, which trains only
        the encoder; how many rows the adversary named right)."""
        pooled = pooled.float()  # bf16 under autocast; the adversary's two small layers run in float32
        own = self(pooled.detach())
        adversary_loss = functional.cross_entropy(own, sets)
        confusion = -torch.log_softmax(self._frozen(pooled), dim=-1).mean(dim=-1).mean()
        return adversary_loss, confusion, int((own.argmax(dim=-1) == sets).sum())

    def index(self, set_name: str) -> int:
        return self.sources.index(set_name)


def confusion_weight(weight: float, progress: float) -> float:
    """The confusion loss's weight at `progress` (0 to 1) through training: rises from 0 to `weight` along
    2 / (1 + exp(-10 p)) - 1, so the encoder is not pushed by an adversary that has not learned yet."""
    if not 0.0 <= progress <= 1.0:
        raise ValueError(f"progress must be within [0, 1], got {progress}")
    return weight * (2.0 / (1.0 + math.exp(-10.0 * progress)) - 1.0)
