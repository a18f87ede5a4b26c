"""Dynamic int8 quantization of an ONNX graph, written with the `onnx` package alone.

ONNX Runtime's Python quantizer is not installable here, so this reproduces its dynamic (QOperator) scheme for
MatMul: every MatMul whose second input is a constant float [K, N] weight becomes

    x --DynamicQuantizeLinear--> (x_q uint8, x_scale, x_zero_point)
    MatMulInteger(x_q, W_q int8 [K, N], x_zero_point, W_zero_point int8 [N] = 0) -> int32
    Cast(float) * (x_scale * W_scale[N]) -> the MatMul's original output (the bias Add after it is unchanged)

Weights are symmetric per output channel (scale = max|W[:, n]| / 127, zero point 0); activations are quantized
per tensor at run time (asymmetric uint8). ONNX Runtime's CPU graph optimizer fuses the pattern into
DynamicQuantizeMatMul / MatMulIntegerToFloat kernels. MatMuls between two activations (attention scores) and all
other ops stay float32. One DynamicQuantizeLinear is shared by every MatMul reading the same activation (Q, K, V).

Large embedding tables (a Gather on axis 0 from a constant float [V, D] table of at least 1,024 rows: the word
embeddings) are stored as int8 with one symmetric scale per row and dequantized after the lookup
(Gather int8 rows -> Cast -> Mul by the gathered row scales), which cuts the file by three quarters of the table.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

MIN_OPSET = 11  # DynamicQuantizeLinear and MatMulInteger


@dataclass
class QuantizeReport:
    """What was quantized: node counts and weight bytes before and after."""

    quantized: List[str] = field(default_factory=list)
    skipped: List[str] = field(default_factory=list)
    float_weight_bytes: int = 0
    int8_weight_bytes: int = 0
    matmul_flops_per_token: int = 0
    embeddings: List[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"quantized {len(self.quantized)} MatMul nodes (weights {self.float_weight_bytes / 1e6:.1f} MB fp32 -> "
                f"{self.int8_weight_bytes / 1e6:.1f} MB int8); left {len(self.skipped)} MatMul nodes in float "
                f"(no constant 2-D weight); {len(self.embeddings)} embedding tables in int8; "
                f"{self.matmul_flops_per_token / 1e6:.1f} MFLOP per token in weight MatMuls")


def quantize_weight(weight: np.ndarray, reduce_range: bool = False):
    """Symmetric per-column int8: returns (int8 [K, N], float32 scales [N]). A zero column gets scale 1."""
    if weight.ndim != 2:
        raise ValueError(f"weight must be 2-D [K, N]; it has shape {weight.shape}")
    qmax = 63.0 if reduce_range else 127.0
    amax = np.abs(weight).max(axis=0).astype(np.float64)
    scale = np.where(amax > 0, amax / qmax, 1.0)
    quantized = np.clip(np.rint(weight / scale), -qmax, qmax).astype(np.int8)
    return quantized, scale.astype(np.float32)


MIN_EMBEDDING_ROWS = 1024


def quantize_rows(table: np.ndarray):
    """Symmetric per-row int8: returns (int8 [V, D], float32 scales [V]). A zero row gets scale 1."""
    amax = np.abs(table).max(axis=1).astype(np.float64)
    scale = np.where(amax > 0, amax / 127.0, 1.0)
    quantized = np.clip(np.rint(table / scale[:, None]), -127, 127).astype(np.int8)
    return quantized, scale.astype(np.float32)


def _gather_table(node: onnx.NodeProto, constants) -> Optional[np.ndarray]:
    if node.op_type != "Gather" or any(a.name == "axis" and a.i != 0 for a in node.attribute):
        return None
    tensor = constants.get(node.input[0])
    if tensor is None:
        return None
    table = numpy_helper.to_array(tensor)
    return table if table.ndim == 2 and table.dtype == np.float32 and table.shape[0] >= MIN_EMBEDDING_ROWS else None


def _quantize_gather(node: onnx.NodeProto, table: np.ndarray, opset: int):
    """The nodes and initializers replacing an embedding Gather: int8 rows times gathered per-row scales."""
    name = node.input[0]
    q, scale = quantize_rows(table)
    base = node.name or node.output[0]
    inits = [numpy_helper.from_array(q, f"{name}_quantized"), numpy_helper.from_array(scale, f"{name}_row_scale")]
    if opset >= 13:
        inits.append(numpy_helper.from_array(np.array([-1], dtype=np.int64), f"{base}_unsqueeze_axes"))
        unsqueeze = helper.make_node("Unsqueeze", [f"{base}_scale_rows", f"{base}_unsqueeze_axes"], [f"{base}_scale_col"],
                                     name=f"{base}_unsqueeze")
    else:
        unsqueeze = helper.make_node("Unsqueeze", [f"{base}_scale_rows"], [f"{base}_scale_col"], name=f"{base}_unsqueeze",
                                     axes=[-1])
    nodes = [
        helper.make_node("Gather", [f"{name}_quantized", node.input[1]], [f"{base}_rows_int8"], name=f"{base}_quant", axis=0),
        helper.make_node("Cast", [f"{base}_rows_int8"], [f"{base}_rows_float"], name=f"{base}_cast", to=TensorProto.FLOAT),
        helper.make_node("Gather", [f"{name}_row_scale", node.input[1]], [f"{base}_scale_rows"], name=f"{base}_scales", axis=0),
        unsqueeze,
        helper.make_node("Mul", [f"{base}_rows_float", f"{base}_scale_col"], list(node.output), name=f"{base}_dequantize"),
    ]
    return nodes, inits, table.nbytes, q.nbytes + scale.nbytes


def _constants(graph: onnx.GraphProto) -> Dict[str, np.ndarray]:
    values = {init.name: init for init in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant" and len(node.output) == 1:
            for attribute in node.attribute:
                if attribute.name == "value":
                    values[node.output[0]] = attribute.t
    return values


def quantize_model(model: onnx.ModelProto, reduce_range: bool = False, embeddings: bool = True) -> QuantizeReport:
    """Rewrites `model` in place; returns what was done. Raises ValueError for opsets below 11."""
    opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 0)
    if opset < MIN_OPSET:
        raise ValueError(f"the model's opset is {opset}; dynamic int8 quantization needs opset {MIN_OPSET} or later")

    graph = model.graph
    constants = _constants(graph)
    report = QuantizeReport()
    quantized_weights: Dict[str, tuple] = {}   # weight name -> (q name, scale name, zero point name)
    quantized_inputs: Dict[str, tuple] = {}    # activation name -> (q, scale, zero point)
    new_nodes: List[onnx.NodeProto] = []
    new_inits: List[onnx.TensorProto] = []
    used_weights = set()

    for node in graph.node:
        table = _gather_table(node, constants) if embeddings else None
        if table is not None and node.input[0] not in used_weights:
            nodes, inits, before, after = _quantize_gather(node, table, opset)
            new_nodes += nodes
            new_inits += inits
            used_weights.add(node.input[0])
            report.embeddings.append(node.input[0])
            report.float_weight_bytes += before
            report.int8_weight_bytes += after
            continue

        weight_name = node.input[1] if node.op_type == "MatMul" and len(node.input) == 2 else None
        tensor = constants.get(weight_name) if weight_name else None
        array = numpy_helper.to_array(tensor) if tensor is not None else None
        if array is None or array.ndim != 2 or array.dtype != np.float32:
            if node.op_type == "MatMul":
                report.skipped.append(node.name or node.output[0])
            new_nodes.append(node)
            continue

        k, n = array.shape
        report.matmul_flops_per_token += 2 * k * n
        if weight_name not in quantized_weights:
            q, scale = quantize_weight(array, reduce_range)
            names = (f"{weight_name}_quantized", f"{weight_name}_scale", f"{weight_name}_zero_point")
            new_inits += [numpy_helper.from_array(q, names[0]), numpy_helper.from_array(scale, names[1]),
                          numpy_helper.from_array(np.zeros(n, dtype=np.int8), names[2])]
            quantized_weights[weight_name] = names
            report.float_weight_bytes += array.nbytes
            report.int8_weight_bytes += q.nbytes + scale.nbytes + n
        used_weights.add(weight_name)
        w_q, w_scale, w_zero = quantized_weights[weight_name]

        source = node.input[0]
        if source not in quantized_inputs:
            names = (f"{source}_quantized", f"{source}_scale", f"{source}_zero_point")
            new_nodes.append(helper.make_node("DynamicQuantizeLinear", [source], list(names), name=f"{source}_QuantizeLinear"))
            quantized_inputs[source] = names
        x_q, x_scale, x_zero = quantized_inputs[source]

        base = node.name or node.output[0]
        new_nodes += [
            helper.make_node("MatMulInteger", [x_q, w_q, x_zero, w_zero], [f"{base}_output_quantized"], name=f"{base}_quant"),
            helper.make_node("Mul", [x_scale, w_scale], [f"{base}_scales_mul"], name=f"{base}_scales_mul"),
            helper.make_node("Cast", [f"{base}_output_quantized"], [f"{base}_output_float"], name=f"{base}_cast",
                             to=TensorProto.FLOAT),
            helper.make_node("Mul", [f"{base}_output_float", f"{base}_scales_mul"], list(node.output),
                             name=f"{base}_dequantize"),
        ]
        report.quantized.append(base)

    still_used = {name for node in new_nodes for name in node.input}
    kept_inits = [init for init in graph.initializer if init.name not in used_weights or init.name in still_used]
    kept_nodes = [node for node in new_nodes
                  if not (node.op_type == "Constant" and node.output[0] in used_weights and node.output[0] not in still_used)]
    del graph.node[:]
    graph.node.extend(kept_nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept_inits + new_inits)
    return report


def quantize_file(source: str, target: str, reduce_range: bool = False, embeddings: bool = True) -> QuantizeReport:
    """Loads `source`, quantizes, checks and saves the result to `target`."""
    model = onnx.load(source)
    report = quantize_model(model, reduce_range, embeddings)
    if not report.quantized:
        raise ValueError(f"{source}: no MatMul with a constant 2-D float weight was found; nothing to quantize")
    onnx.checker.check_model(model)
    onnx.save(model, target)
    return report


def max_abs_logit_difference(fp32_path: str, int8_path: str, inputs: Dict[str, np.ndarray]) -> Optional[float]:
    """Runs both graphs under ONNX Runtime (node) on the same inputs; returns the largest logit difference over
    every output (each head's logits)."""
    from .ort import largest_output_difference

    return largest_output_difference(fp32_path, int8_path, [inputs])
