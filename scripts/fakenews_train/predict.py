"""Batched logits of token sequences, in input order (bf16 autocast optional)."""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np
import torch

from .data import pad
from .model import DistilBertForSequenceClassification


def predict_logits(model: DistilBertForSequenceClassification, sequences: Sequence[Sequence[int]],
                   device: torch.device, batch_size: int = 64, autocast: bool = True,
                   post: Optional[Sequence[bool]] = None) -> np.ndarray:
    """Logits in input order; batches sorted by length so that little padding is computed. `post` flags the
    sequences a model with a post head scores with that head."""
    model.eval()
    order = sorted(range(len(sequences)), key=lambda i: len(sequences[i]))
    out = np.zeros((len(sequences), model.config.num_labels), dtype=np.float32)
    with torch.no_grad():
        for start in range(0, len(order), batch_size):
            index = order[start: start + batch_size]
            ids, mask = pad([sequences[i] for i in index])
            flags = None if post is None else torch.tensor([bool(post[i]) for i in index], device=device)
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=autocast):
                logits = model(ids.to(device), mask.to(device), post=flags)
            out[index] = logits.float().cpu().numpy()
    return out
