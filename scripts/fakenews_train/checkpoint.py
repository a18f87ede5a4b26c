"""Hugging Face style DistilBERT checkpoint folders: config.json (HF keys), pytorch_model.bin, vocab.txt."""
from __future__ import annotations

import json
import os
import shutil
from typing import Dict, List, Optional, Tuple

import torch

from .model import DistilBertConfig, DistilBertForSequenceClassification

_IGNORED_PREFIXES = ("vocab_transform.", "vocab_layer_norm.", "vocab_projector.")


def save_checkpoint(folder: str, config: DistilBertConfig, state: Dict[str, torch.Tensor], vocab_path: str) -> None:
    """Writes a folder a genuine transformers DistilBERT would also read (HF config keys, "distilbert." names)."""
    os.makedirs(folder, exist_ok=True)
    hf = {
        "architectures": ["DistilBertModel"], "model_type": "distilbert", "activation": "gelu",
        "vocab_size": config.vocab_size, "dim": config.dim, "n_layers": config.n_layers, "n_heads": config.n_heads,
        "hidden_dim": config.hidden_dim, "max_position_embeddings": config.max_position_embeddings,
        "dropout": config.dropout, "attention_dropout": config.attention_dropout,
        "seq_classif_dropout": config.seq_classif_dropout, "pad_token_id": config.pad_token_id,
        "sinusoidal_pos_embds": False, "initializer_range": 0.02, "tie_weights_": True,
    }
    if config.pooling != "cls":
        hf["pooling"] = config.pooling  # not a transformers key: this project's classifier head option
    if config.post_head:
        hf["post_head"] = True
    with open(os.path.join(folder, "config.json"), "w", encoding="utf-8") as handle:
        json.dump(hf, handle, indent=2)
    torch.save(state, os.path.join(folder, "pytorch_model.bin"))
    if os.path.abspath(vocab_path) != os.path.abspath(os.path.join(folder, "vocab.txt")):
        shutil.copyfile(vocab_path, os.path.join(folder, "vocab.txt"))


def load_checkpoint(folder: str, labels: Optional[List[str]] = None, seq_classif_dropout: Optional[float] = None,
                    pooling: Optional[str] = None, post_head: Optional[bool] = None) -> Tuple[DistilBertForSequenceClassification, str]:
    """Builds a classifier from a DistilBERT checkpoint folder; returns (model, vocab path).

    Encoder weights must all be present; pre_classifier/classifier are loaded when present with matching shapes
    and randomly initialised otherwise (the usual start of fine-tuning). Masked-LM heads are ignored.
    """
    for name in ("config.json", "pytorch_model.bin", "vocab.txt"):
        if not os.path.isfile(os.path.join(folder, name)):
            raise FileNotFoundError(f"checkpoint folder {folder}: missing {name}")
    with open(os.path.join(folder, "config.json"), encoding="utf-8") as handle:
        hf = json.load(handle)
    if hf.get("model_type", "distilbert") != "distilbert":
        raise ValueError(f"{folder}/config.json: model_type '{hf.get('model_type')}' is not 'distilbert'")
    config = DistilBertConfig.from_hf(hf, labels)
    if seq_classif_dropout is not None:
        config.seq_classif_dropout = seq_classif_dropout
    if pooling is not None:
        config.pooling = pooling
    if post_head is not None:
        config.post_head = post_head
    model = DistilBertForSequenceClassification(config)
    state = torch.load(os.path.join(folder, "pytorch_model.bin"), map_location="cpu")
    mapped: Dict[str, torch.Tensor] = {}
    for key, value in state.items():
        if key.startswith(_IGNORED_PREFIXES):
            continue
        if not key.startswith(("distilbert.", "pre_classifier.", "classifier.", "post_pre_classifier.",
                               "post_classifier.")):
            key = "distilbert." + key  # a bare DistilBertModel checkpoint
        mapped[key] = value
    own = model.state_dict()
    for key in [k for k in mapped if not k.startswith("distilbert.")]:
        if key not in own or own[key].shape != mapped[key].shape:
            del mapped[key]
    missing, unexpected = model.load_state_dict(mapped, strict=False)
    missing_encoder = [k for k in missing if k.startswith("distilbert.")]
    if missing_encoder or unexpected:
        raise ValueError(f"{folder}/pytorch_model.bin: missing {missing_encoder[:5]}, unexpected {unexpected[:5]}")
    return model, os.path.join(folder, "vocab.txt")
