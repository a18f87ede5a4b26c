"""AdamW parameter groups: weight decay off for biases and LayerNorm weights, and optionally a learning rate that
shrinks layer by layer from the heads down to the embeddings (layer-wise decay), so fine-tuning moves the pretrained
lower layers less than the top ones."""
from __future__ import annotations

import re
from typing import Dict, List

import torch

NO_DECAY = ("bias", "LayerNorm.weight", "layer_norm.weight")
_LAYER = re.compile(r"^distilbert\.transformer\.layer\.(\d+)\.")


def depth(name: str, layers: int) -> int:
    """How many steps below the heads a parameter sits: 0 for the heads, 1 for the top encoder layer, ..., `layers`
    for the first encoder layer and `layers` + 1 for the embeddings."""
    if name.startswith("distilbert.embeddings."):
        return layers + 1
    match = _LAYER.match(name)
    return layers - int(match.group(1)) if match else 0


def parameter_groups(model: torch.nn.Module, lr: float, weight_decay: float, layer_decay: float = 1.0) -> List[Dict]:
    """One group per (depth, decayed or not); a parameter at depth d trains at lr * layer_decay ** d."""
    if not 0.0 < layer_decay <= 1.0:
        raise ValueError(f"layer decay must be in (0, 1], got {layer_decay}")
    layers = model.config.n_layers
    groups: Dict = {}
    for name, parameter in model.named_parameters():
        d, decayed = depth(name, layers), not name.endswith(NO_DECAY)
        group = groups.setdefault((d, decayed), {"params": [], "weight_decay": weight_decay if decayed else 0.0,
                                                 "lr": lr * layer_decay ** d})
        group["params"].append(parameter)
    return [groups[key] for key in sorted(groups)]
