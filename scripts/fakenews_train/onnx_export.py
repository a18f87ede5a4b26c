"""Export of a DistilBertForSequenceClassification to ONNX with the agreed input/output names."""
from __future__ import annotations

import hashlib
from typing import List

import torch

from .model import DistilBertForSequenceClassification

OPSET = 14


def input_names(model: DistilBertForSequenceClassification) -> List[str]:
    names = ["input_ids", "attention_mask"]
    if model.config.type_vocab_size > 0:
        names.append("token_type_ids")
    return names


def export_onnx(model: DistilBertForSequenceClassification, path: str, opset: int = OPSET) -> List[str]:
    """Writes the model with dynamic batch and sequence axes; returns the input names."""
    model = model.eval().float()
    names = input_names(model)
    seq = 8
    example = [torch.full((2, seq), 5, dtype=torch.long), torch.ones((2, seq), dtype=torch.long)]
    if len(names) == 3:
        example.append(torch.zeros((2, seq), dtype=torch.long))
    axes = {name: {0: "batch", 1: "sequence"} for name in names}
    axes["logits"] = {0: "batch"}
    with torch.no_grad():
        torch.onnx.export(model, tuple(example), path, input_names=names, output_names=["logits"],
                          dynamic_axes=axes, opset_version=opset, do_constant_folding=True)
    return names


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
