"""Batched logits and pooled representations of token sequences, in input order (bf16 autocast optional)."""
from __future__ import annotations

from typing import Iterator, List, Optional, Sequence, Tuple

import numpy as np
import torch

from .data import pad
from .model import DistilBertForSequenceClassification


def length_sorted_batches(sequences: Sequence[Sequence[int]], batch_size: int
                          ) -> Iterator[Tuple[List[int], torch.Tensor, torch.Tensor]]:
    """(indices into `sequences`, padded ids, attention mask) per batch, batches of similar length so that little
    padding is computed."""
    order = sorted(range(len(sequences)), key=lambda i: len(sequences[i]))
    for start in range(0, len(order), batch_size):
        index = order[start: start + batch_size]
        ids, mask = pad([sequences[i] for i in index])
        yield index, ids, mask


def predict_logits(model: DistilBertForSequenceClassification, sequences: Sequence[Sequence[int]],
                   device: torch.device, batch_size: int = 64, autocast: bool = True,
                   post: Optional[Sequence[bool]] = None) -> np.ndarray:
    """Logits in input order. `post` flags the sequences a model with a post head scores with that head."""
    model.eval()
    out = np.zeros((len(sequences), model.config.num_labels), dtype=np.float32)
    with torch.no_grad():
        for index, ids, mask in length_sorted_batches(sequences, batch_size):
            flags = None if post is None else torch.tensor([bool(post[i]) for i in index], device=device)
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=autocast):
                logits = model(ids.to(device), mask.to(device), post=flags)
            out[index] = logits.float().cpu().numpy()
    return out


def predict_pooled(model: DistilBertForSequenceClassification, sequences: Sequence[Sequence[int]],
                   device: torch.device, batch_size: int = 64, autocast: bool = True) -> np.ndarray:
    """The pooled representation the heads read ([len(sequences), dim]), in input order."""
    model.eval()
    out = np.zeros((len(sequences), model.config.dim), dtype=np.float32)
    with torch.no_grad():
        for index, ids, mask in length_sorted_batches(sequences, batch_size):
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=autocast):
                out[index] = model.pool(ids.to(device), mask.to(device)).float().cpu().numpy()
    return out
