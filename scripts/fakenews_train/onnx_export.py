"""Export of a DistilBertForSequenceClassification to ONNX with the agreed input/output names."""
from __future__ import annotations

import hashlib
from typing import List

import torch

from .model import DistilBertForSequenceClassification

OPSET = 14
POST_OUTPUT = "post_logits"  # the post head's output; config.json's kind_outputs routes posts to it


def input_names(model: DistilBertForSequenceClassification) -> List[str]:
    names = ["input_ids", "attention_mask"]
    if model.config.type_vocab_size > 0:
        names.append("token_type_ids")
    return names


def output_names(model: DistilBertForSequenceClassification) -> List[str]:
    """"logits" (the main head), then "post_logits" for a model with a post head."""
    return ["logits", POST_OUTPUT] if model.config.post_head else ["logits"]


class _AllHeads(torch.nn.Module):
    """Every head's logits as separate outputs (the hosts pick one per input kind)."""

    def __init__(self, model: DistilBertForSequenceClassification) -> None:
        super().__init__()
        self.model = model

    def forward(self, *inputs: torch.Tensor):
        return tuple(t for t in self.model.heads(*inputs) if t is not None)


def export_onnx(model: DistilBertForSequenceClassification, path: str, opset: int = OPSET) -> List[str]:
    """Writes the model with dynamic batch and sequence axes and one output per head; returns the input names."""
    model = model.eval().float()
    names = input_names(model)
    outputs = output_names(model)
    seq = 8
    example = [torch.full((2, seq), 5, dtype=torch.long), torch.ones((2, seq), dtype=torch.long)]
    if len(names) == 3:
        example.append(torch.zeros((2, seq), dtype=torch.long))
    axes = {name: {0: "batch", 1: "sequence"} for name in names}
    axes.update({name: {0: "batch"} for name in outputs})
    with torch.no_grad():
        torch.onnx.export(_AllHeads(model).eval() if len(outputs) > 1 else model, tuple(example), path, input_names=names, output_names=outputs,
                          dynamic_axes=axes, opset_version=opset, do_constant_folding=True)
    return names


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
