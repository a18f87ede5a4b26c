"""int8 through ONNX Runtime's MatMulNBits: block-quantized weights, activations quantized inside the kernel.

An alternative to the per-token scheme of `quantize.py` (`quantize_int8.py --activations blocks`). Every MatMul with
a constant float [K, N] weight, and the bias Add after it when it is the MatMul's only reader, becomes one
`com.microsoft.MatMulNBits` node with `bits=8`: the weight is stored transposed as uint8 codes in blocks of
`block_size` along K, one symmetric scale per block (scale = max|W_block| / 127, codes round(W / scale) + 128, the
operator's default zero point for 8 bits), and the bias is the node's own input. With `accuracy_level=4` the kernel
quantizes each row of the activation per block to int8 itself, so a row's result depends on that row alone, as in
the per-token scheme, with one node per projection instead of six. Embedding tables are stored as in `quantize.py`.
Whether it is faster depends on the CPU's MatMulNBits kernels: docs/performance.md measures it.
"""
from __future__ import annotations

from typing import Dict, List

import numpy as np
import onnx
from onnx import helper, numpy_helper

from .fuse_attention import _Graph
from .quantize import (QuantizeReport, _constants, _ensure_contrib_opset, constant_weight, default_opset,
                       quantize_embedding, weight_or_keep)

BLOCK_SIZES = (16, 32, 64, 128, 256)
INT8_COMPUTE = 4  # MatMulNBits accuracy_level: int8 products of the activation blocks


def quantize_blocks(weight: np.ndarray, block_size: int):
    """[K, N] float weight -> (uint8 codes [N, blocks, block_size], float32 scales [N, blocks]); K is zero-padded to
    whole blocks and a zero block gets scale 1."""
    k, n = weight.shape
    blocks = -(-k // block_size)
    padded = np.zeros((n, blocks * block_size), dtype=np.float32)
    padded[:, :k] = weight.T
    padded = padded.reshape(n, blocks, block_size)
    amax = np.abs(padded).max(axis=2).astype(np.float64)
    scale = np.where(amax > 0, amax / 127.0, 1.0)
    codes = (np.clip(np.rint(padded / scale[..., None]), -127, 127) + 128).astype(np.uint8)
    return codes, scale.astype(np.float32)


def _bias_adds(graph: onnx.GraphProto, constants) -> Dict[str, tuple]:
    """MatMul output name -> (Add node, bias name) where that Add, with a 1-D constant, is the output's only reader."""
    g = _Graph(graph)
    found = {}
    for node in graph.node:
        add = g.sole_consumer(node.output[0], "Add") if constant_weight(node, constants) is not None else None
        if add is None:
            continue
        bias = add.input[1] if add.input[0] == node.output[0] else add.input[0]
        if bias in constants and len(constants[bias].dims) == 1:
            found[node.output[0]] = (add, bias)
    return found


def nbits_model(model: onnx.ModelProto, block_size: int = 32, embeddings: bool = True) -> QuantizeReport:
    """Rewrites `model` in place (see the module's docstring); returns what was done."""
    if block_size not in BLOCK_SIZES:
        raise ValueError(f"block size must be one of {', '.join(map(str, BLOCK_SIZES))}; got {block_size}")
    graph = model.graph
    opset = default_opset(model)
    constants = _constants(graph)
    adds = _bias_adds(graph, constants)
    folded = {id(add) for add, _ in adds.values()}
    report = QuantizeReport()
    nodes: List[onnx.NodeProto] = []
    inits: List[onnx.TensorProto] = []
    replaced = set()
    for node in graph.node:
        if id(node) in folded:
            continue
        if embeddings and quantize_embedding(node, constants, opset, replaced, nodes, inits, report):
            continue
        weight = weight_or_keep(node, constants, nodes, report)
        if weight is None:
            continue
        k, n = weight.shape
        base = node.name or node.output[0]
        codes, scales = quantize_blocks(weight, block_size)
        inits += [numpy_helper.from_array(codes, f"{base}_nbits_codes"), numpy_helper.from_array(scales, f"{base}_nbits_scales")]
        inputs, outputs = [node.input[0], f"{base}_nbits_codes", f"{base}_nbits_scales"], list(node.output)
        if node.output[0] in adds:
            add, bias = adds[node.output[0]]
            inputs += ["", "", bias]  # no zero points (default 128), no g_idx, then the bias
            outputs = list(add.output)
        nodes.append(helper.make_node("MatMulNBits", inputs, outputs, name=f"{base}_nbits", domain="com.microsoft",
                                      K=k, N=n, bits=8, block_size=block_size, accuracy_level=INT8_COMPUTE))
        replaced.add(node.input[1])
        report.quantized.append(base)
        report.matmul_flops_per_token += 2 * k * n
        report.float_weight_bytes += weight.nbytes
        report.int8_weight_bytes += codes.nbytes + scales.nbytes
    still_used = {name for node in nodes for name in node.input}
    kept = [init for init in graph.initializer if init.name not in replaced or init.name in still_used]
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept + inits)
    _ensure_contrib_opset(model)
    return report
