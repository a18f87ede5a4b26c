"""Converts the BERT-architecture all-MiniLM-L6-v2 ONNX graph into DistilBERT parameters (HF names).

The ONNX export keeps biases and LayerNorm parameters under their BERT names but stores every Linear weight as an
anonymous MatMul initializer of shape [in, out]. Each such MatMul is mapped through the graph to the Add that
follows it, whose other input is the named bias; when a bias is anonymous, the position inside the layer
(query, key, value, attention output, intermediate, output: graph order) decides. DistilBERT has no token-type
table, so row 0 of BERT's token-type embeddings is folded into the position embeddings (single-segment inputs
are then unchanged).
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Dict, List, Tuple

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from .model import DistilBertConfig

_BERT_TO_DISTIL = {
    "attention.self.query": "attention.q_lin",
    "attention.self.key": "attention.k_lin",
    "attention.self.value": "attention.v_lin",
    "attention.output.dense": "attention.out_lin",
    "intermediate.dense": "ffn.lin1",
    "output.dense": "ffn.lin2",
}
_ORDER = list(_BERT_TO_DISTIL.values())
_LAYER_NORMS = {"attention.output.LayerNorm": "sa_layer_norm", "output.LayerNorm": "output_layer_norm"}
_BIAS = re.compile(r"^(?:bert\.)?encoder\.layer\.(\d+)\.(.+)\.bias$")


def _strip(name: str) -> str:
    return name[5:] if name.startswith("bert.") else name


def linear_weights(graph: onnx.GraphProto, inits: Dict[str, np.ndarray]) -> Dict[str, Tuple[np.ndarray, np.ndarray]]:
    """Maps "transformer.layer.N.<distil linear>" to (weight [out, in], bias) by following MatMul -> Add."""
    consumers: Dict[str, List[onnx.NodeProto]] = defaultdict(list)
    for node in graph.node:
        for name in node.input:
            consumers[name].append(node)
    found: Dict[str, Tuple[np.ndarray, np.ndarray]] = {}
    anonymous: List[Tuple[np.ndarray, np.ndarray]] = []
    for node in graph.node:
        if node.op_type != "MatMul" or node.input[1] not in inits or inits[node.input[1]].ndim != 2:
            continue
        weight = inits[node.input[1]]
        adds = [c for c in consumers[node.output[0]] if c.op_type == "Add"]
        if len(adds) != 1:
            raise ValueError(f"MatMul {node.name or node.output[0]} is not followed by exactly one Add")
        bias_name = next(i for i in adds[0].input if i != node.output[0])
        bias = inits[bias_name]
        match = _BIAS.match(_strip(bias_name))
        if match and match.group(2) in _BERT_TO_DISTIL:
            found[f"transformer.layer.{match.group(1)}.{_BERT_TO_DISTIL[match.group(2)]}"] = (weight.T, bias)
        else:
            anonymous.append((weight.T, bias))
    if anonymous:
        if found:
            raise ValueError("the graph mixes named and anonymous biases; cannot map its MatMuls")
        if len(anonymous) % len(_ORDER) != 0:
            raise ValueError(f"{len(anonymous)} MatMul weights is not a multiple of {len(_ORDER)} per layer")
        for index, pair in enumerate(anonymous):
            found[f"transformer.layer.{index // len(_ORDER)}.{_ORDER[index % len(_ORDER)]}"] = pair
    return found


def convert_bert_onnx(path: str) -> Tuple[DistilBertConfig, Dict[str, torch.Tensor]]:
    """Returns the DistilBERT config and the encoder state dict (keys prefixed "distilbert.")."""
    model = onnx.load(path)
    inits = {_strip(t.name): numpy_helper.to_array(t) for t in model.graph.initializer}
    raw_inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    linears = linear_weights(model.graph, raw_inits)
    n_layers = 1 + max(int(k.split(".")[2]) for k in linears)
    word = inits["embeddings.word_embeddings.weight"]
    position = inits["embeddings.position_embeddings.weight"].copy()
    if "embeddings.token_type_embeddings.weight" in inits:
        position += inits["embeddings.token_type_embeddings.weight"][0][None, :]
    dim = word.shape[1]
    hidden_dim = linears["transformer.layer.0.ffn.lin1"][0].shape[0]
    n_heads = _attention_heads(model.graph, raw_inits, dim)
    config = DistilBertConfig(vocab_size=word.shape[0], dim=dim, n_layers=n_layers, n_heads=n_heads,
                              hidden_dim=hidden_dim, max_position_embeddings=position.shape[0])
    state: Dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": word,
        "embeddings.position_embeddings.weight": position,
        "embeddings.LayerNorm.weight": inits["embeddings.LayerNorm.weight"],
        "embeddings.LayerNorm.bias": inits["embeddings.LayerNorm.bias"],
    }
    for key, (weight, bias) in linears.items():
        state[f"{key}.weight"] = weight
        state[f"{key}.bias"] = bias
    for layer in range(n_layers):
        for bert, distil in _LAYER_NORMS.items():
            for part in ("weight", "bias"):
                state[f"transformer.layer.{layer}.{distil}.{part}"] = inits[f"encoder.layer.{layer}.{bert}.{part}"]
    return config, {"distilbert." + k: torch.from_numpy(np.array(v, dtype=np.float32, copy=True)) for k, v in state.items()}


def _attention_heads(graph: onnx.GraphProto, inits: Dict[str, np.ndarray], dim: int) -> int:
    """Reads the head count from the Reshape target Concat([batch, seq, heads, head_size]) of the attention."""
    constants = dict(inits)
    for node in graph.node:
        if node.op_type == "Constant":
            for attribute in node.attribute:
                if attribute.name == "value":
                    constants[node.output[0]] = numpy_helper.to_array(attribute.t)
    for node in graph.node:
        if node.op_type == "Concat" and len(node.input) == 4:
            heads, head_size = constants.get(node.input[2]), constants.get(node.input[3])
            if heads is not None and heads.size == 1:
                return int(heads.reshape(-1)[0])
            if head_size is not None and head_size.size == 1:
                return dim // int(head_size.reshape(-1)[0])
    raise ValueError("could not find the attention head count (Concat of [batch, seq, heads, head_size])")
