"""Batched logits of token sequences, in input order (bf16 autocast optional)."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import torch

from .data import pad
from .model import DistilBertForSequenceClassification


def predict_logits(model: DistilBertForSequenceClassification, sequences: Sequence[Sequence[int]],
                   device: torch.device, batch_size: int = 64, autocast: bool = True) -> np.ndarray:
    """Logits in input order; batches sorted by length so that little padding is computed."""
    model.eval()
    order = sorted(range(len(sequences)), key=lambda i: len(sequences[i]))
    out = np.zeros((len(sequences), model.config.num_labels), dtype=np.float32)
    with torch.no_grad():
        for start in range(0, len(order), batch_size):
            index = order[start: start + batch_size]
            ids, mask = pad([sequences[i] for i in index])
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=autocast):
                logits = model(ids.to(device), mask.to(device))
            out[index] = logits.float().cpu().numpy()
    return out
