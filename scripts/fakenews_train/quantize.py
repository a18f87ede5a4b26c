"""Dynamic int8 quantization of an ONNX graph, written with the `onnx` package alone.

ONNX Runtime's Python quantizer is not installable here, so this writes dynamic (run-time) quantization of MatMul
itself: every MatMul whose second input is a constant float [K, N] weight W becomes an integer product of uint8
activation codes and int8 weight codes, rescaled to float. Weights are symmetric per output channel (scale =
max|W[:, n]| / 127, zero point 0). Activations are quantized when the graph runs, in one of two schemes:

- `activations="row"` (the default): each row of the last axis, that is each token, on its own:

      x_scale = max|x_row| / 127,  x_q = saturate(round(x / x_scale) + 128)           uint8, shape [..., K]
      MatMulIntegerToFloat(x_q, W_q, x_scale [..., 1], W_scale [N], 128, 0)           com.microsoft, float [..., N]

  (in the graph the 1/127 of x_scale is folded into W_scale, which saves a node per activation). ONNX Runtime's
  kernel multiplies each output row by its own activation scale. A token's result then depends on that
  token alone, so a text's logits do not depend on what it is batched with or how far it is padded. The codes are
  symmetric around 128 so that one scalar zero point serves every row (the kernel takes only a scalar one). The bias
  Add after the MatMul stays a node of its own: the kernel would scale a fused bias by the row's scale too.
- `activations="tensor"`: DynamicQuantizeLinear, one asymmetric scale and zero point for the whole batch tensor, then
  MatMulInteger, Cast and Mul (ONNX Runtime fuses them into DynamicQuantizeMatMul). Fewer nodes and faster, but a
  text's probability moves with its batch neighbours (docs/models.md measures both).

MatMuls between two activations (attention scores) and all other ops stay float32. One activation quantization is
shared by every MatMul reading the same activation (Q, K, V).

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
MAX_ROW_OPSET = 17  # the per-token scheme's ReduceMax takes its axes as an attribute up to opset 17


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


def quantize_embedding(node: onnx.NodeProto, constants, opset: int, replaced: set, nodes: List[onnx.NodeProto],
                       inits: List[onnx.TensorProto], report: QuantizeReport) -> bool:
    """When `node` is an embedding Gather whose table is not in `replaced` yet, appends its int8 replacement to
    `nodes` and `inits`, records the table in `replaced` and `report`, and returns True; else returns False."""
    table = _gather_table(node, constants)
    if table is None or node.input[0] in replaced:
        return False
    new_nodes, new_inits, before, after = _quantize_gather(node, table, opset)
    nodes += new_nodes
    inits += new_inits
    replaced.add(node.input[0])
    report.embeddings.append(node.input[0])
    report.float_weight_bytes += before
    report.int8_weight_bytes += after
    return True


def _constants(graph: onnx.GraphProto) -> Dict[str, np.ndarray]:
    values = {init.name: init for init in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant" and len(node.output) == 1:
            for attribute in node.attribute:
                if attribute.name == "value":
                    values[node.output[0]] = attribute.t
    return values


def constant_weight(node: onnx.NodeProto, constants) -> Optional[np.ndarray]:
    """The constant float32 [K, N] weight of a MatMul the quantizer replaces; None for any other node."""
    if node.op_type != "MatMul" or len(node.input) != 2 or node.input[1] not in constants:
        return None
    array = numpy_helper.to_array(constants[node.input[1]])
    return array if array.ndim == 2 and array.dtype == np.float32 else None


def weight_or_keep(node: onnx.NodeProto, constants, nodes: List[onnx.NodeProto],
                   report: QuantizeReport) -> Optional[np.ndarray]:
    """The constant weight of a MatMul the quantizer replaces; any other node is appended to `nodes` unchanged (a
    MatMul without a constant weight is recorded as skipped) and None is returned."""
    weight = constant_weight(node, constants)
    if weight is None:
        if node.op_type == "MatMul":
            report.skipped.append(node.name or node.output[0])
        nodes.append(node)
    return weight


def quantized_activations(model: onnx.ModelProto) -> List[str]:
    """The activations the quantizer quantizes: the first input of every MatMul with a constant weight, in graph
    order, each once (Q, K and V share theirs)."""
    constants = _constants(model.graph)
    names: List[str] = []
    for node in model.graph.node:
        if constant_weight(node, constants) is not None and node.input[0] not in names:
            names.append(node.input[0])
    return names


ACTIVATIONS = ("row", "tensor")
ROW_ZERO_POINT = 128  # row codes are round(127 x / max|x|) + 128, in 1..255: symmetric, so one zero point serves all


def _row_constants() -> Dict[str, onnx.TensorProto]:
    values = {"tiny": np.array(np.finfo(np.float32).tiny, np.float32), "step": np.array(1.0 / 127.0, np.float32),
              "zero_point": np.array(ROW_ZERO_POINT, np.uint8)}
    return {key: numpy_helper.from_array(value, f"row_quantize_{key}") for key, value in values.items()}


def _row_quantize_nodes(source: str) -> List[onnx.NodeProto]:
    """Per-row symmetric quantization of `source` along its last axis, in five nodes (on short inputs each node's
    dispatch costs more than its arithmetic): m = max(max|x_row|, smallest normal float), codes =
    saturate(round(127 x / m) + 128) as uint8. Outputs <source>_quantized and <source>_row_max (float, [..., 1]); the
    factor 1/127 between m and the row's quantization step goes into the weight scales."""
    b = f"{source}_row"

    def node(op, inputs, output, **attributes):
        return helper.make_node(op, inputs, [output], name=output, **attributes)

    return [
        node("Abs", [source], f"{b}_abs"),
        node("ReduceMax", [f"{b}_abs"], f"{b}_absmax", axes=[-1], keepdims=1),
        # A row of zeros keeps a nonzero divisor and quantizes to zeros.
        node("Max", [f"{b}_absmax", "row_quantize_tiny"], f"{source}_row_max"),
        node("Div", [source, f"{source}_row_max"], f"{b}_unit"),
        node("QuantizeLinear", [f"{b}_unit", "row_quantize_step", "row_quantize_zero_point"], f"{source}_quantized"),
    ]


def _fold_attention_biases(nodes: List[onnx.NodeProto], constants):
    """Moves the Q, K and V bias Adds in front of each fused MultiHeadAttention into the node's own bias input (one
    [3 x hidden] initializer), which it adds while laying out the heads: three nodes fewer per layer. Only where all
    three inputs are such Adds read by nothing else and the bias input is free. Returns the new node list, the names
    of the biases folded and the new initializers."""
    producers = {output: node for node in nodes for output in node.output}
    readers: Dict[str, int] = {}
    for node in nodes:
        for name in node.input:
            readers[name] = readers.get(name, 0) + 1
    dropped, folded, initializers = set(), set(), []
    for node in nodes:
        if node.op_type != "MultiHeadAttention" or node.domain != "com.microsoft" or len(node.input) < 3:
            continue
        if len(node.input) > 3 and node.input[3]:
            continue
        parts = []
        for name in node.input[:3]:
            add = producers.get(name)
            if add is None or add.op_type != "Add" or readers.get(name) != 1:
                break
            bias = next((i for i in add.input if i in constants and len(constants[i].dims) == 1), None)
            if bias is None:
                break
            parts.append((add, bias, next(i for i in add.input if i != bias)))
        if len(parts) != 3:
            continue
        bias_name = f"{node.name or node.output[0]}_qkv_bias"
        initializers.append(numpy_helper.from_array(
            np.concatenate([numpy_helper.to_array(constants[b]) for _, b, _ in parts]).astype(np.float32), bias_name))
        inputs = [x for _, _, x in parts] + [bias_name] + list(node.input[4:])
        del node.input[:]
        node.input.extend(inputs)
        dropped.update(id(add) for add, _, _ in parts)
        folded.update(b for _, b, _ in parts)
    return [node for node in nodes if id(node) not in dropped], folded, initializers


def _ensure_contrib_opset(model: onnx.ModelProto) -> None:
    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))


def default_opset(model: onnx.ModelProto) -> int:
    """The model's version of the default ONNX domain (0 when it imports none)."""
    return next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 0)


def quantize_model(model: onnx.ModelProto, reduce_range: bool = False, embeddings: bool = True,
                   activations: str = "row") -> QuantizeReport:
    """Rewrites `model` in place; returns what was done. Raises ValueError for opsets below 11, an unknown
    `activations` scheme ("row" or "tensor", see the module's docstring), or the row scheme above opset 17."""
    opset = default_opset(model)
    if opset < MIN_OPSET:
        raise ValueError(f"the model's opset is {opset}; dynamic int8 quantization needs opset {MIN_OPSET} or later")
    if activations not in ACTIVATIONS:
        raise ValueError(f"activations must be one of {', '.join(ACTIVATIONS)}; got '{activations}'")
    if activations == "row" and opset > MAX_ROW_OPSET:
        raise ValueError(f"the model's opset is {opset}; per-token quantization is written for opsets {MIN_OPSET} to "
                         f"{MAX_ROW_OPSET} (ReduceMax takes its axes as an attribute there): export with opset 14 or 17, "
                         "or pass activations='tensor'")

    graph = model.graph
    constants = _constants(graph)
    report = QuantizeReport()
    quantized_weights: Dict[str, tuple] = {}   # weight name -> (q name, scale name, zero point name)
    quantized_inputs: Dict[str, tuple] = {}    # activation name -> (q, scale, zero point)
    new_nodes: List[onnx.NodeProto] = []
    new_inits: List[onnx.TensorProto] = []
    used_weights = set()

    for node in graph.node:
        if embeddings and quantize_embedding(node, constants, opset, used_weights, new_nodes, new_inits, report):
            continue

        array = weight_or_keep(node, constants, new_nodes, report)
        if array is None:
            continue

        weight_name = node.input[1]
        k, n = array.shape
        report.matmul_flops_per_token += 2 * k * n
        if weight_name not in quantized_weights:
            q, scale = quantize_weight(array, reduce_range)
            names = (f"{weight_name}_quantized", f"{weight_name}_scale", f"{weight_name}_zero_point")
            # Row codes step by row_max / 127: the 1/127 is folded into the weight's scales.
            scaled = (scale.astype(np.float64) / 127.0).astype(np.float32) if activations == "row" else scale
            new_inits += [numpy_helper.from_array(q, names[0]), numpy_helper.from_array(scaled, names[1]),
                          numpy_helper.from_array(np.zeros(n, dtype=np.int8), names[2])]
            quantized_weights[weight_name] = names
            report.float_weight_bytes += array.nbytes
            report.int8_weight_bytes += q.nbytes + scale.nbytes + n
        used_weights.add(weight_name)
        w_q, w_scale, w_zero = quantized_weights[weight_name]

        source = node.input[0]
        if source not in quantized_inputs:
            if activations == "row":
                new_nodes += _row_quantize_nodes(source)
                quantized_inputs[source] = (f"{source}_quantized", f"{source}_row_max", "row_quantize_zero_point")
            else:
                names = (f"{source}_quantized", f"{source}_scale", f"{source}_zero_point")
                new_nodes.append(helper.make_node("DynamicQuantizeLinear", [source], list(names),
                                                  name=f"{source}_QuantizeLinear"))
                quantized_inputs[source] = names
        x_q, x_scale, x_zero = quantized_inputs[source]

        base = node.name or node.output[0]
        if activations == "row":
            # MatMulIntegerToFloat multiplies each output row by its own [..., 1] activation scale. The bias Add
            # after it stays a node of its own: the kernel would scale a bias passed to it by the row's scale too.
            new_nodes.append(helper.make_node("MatMulIntegerToFloat", [x_q, w_q, x_scale, w_scale, x_zero, w_zero],
                                              list(node.output), name=f"{base}_quant", domain="com.microsoft"))
        else:
            new_nodes += [
                helper.make_node("MatMulInteger", [x_q, w_q, x_zero, w_zero], [f"{base}_output_quantized"],
                                 name=f"{base}_quant"),
                helper.make_node("Mul", [x_scale, w_scale], [f"{base}_scales_mul"], name=f"{base}_scales_mul"),
                helper.make_node("Cast", [f"{base}_output_quantized"], [f"{base}_output_float"], name=f"{base}_cast",
                                 to=TensorProto.FLOAT),
                helper.make_node("Mul", [f"{base}_output_float", f"{base}_scales_mul"], list(node.output),
                                 name=f"{base}_dequantize"),
            ]
        report.quantized.append(base)

    if activations == "row" and report.quantized:
        _ensure_contrib_opset(model)
        new_nodes, folded_biases, bias_inits = _fold_attention_biases(new_nodes, constants)
        new_inits += list(_row_constants().values()) + bias_inits
        used_weights |= folded_biases
    still_used = {name for node in new_nodes for name in node.input}
    kept_inits = [init for init in graph.initializer if init.name not in used_weights or init.name in still_used]
    kept_nodes = [node for node in new_nodes
                  if not (node.op_type == "Constant" and node.output[0] in used_weights and node.output[0] not in still_used)]
    del graph.node[:]
    graph.node.extend(kept_nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept_inits + new_inits)
    return report


def quantize_file(source: str, target: str, reduce_range: bool = False, embeddings: bool = True,
                  activations: str = "row", block_size: int = 32) -> QuantizeReport:
    """Loads `source`, quantizes, checks and saves the result to `target`. `activations="blocks"` writes
    MatMulNBits nodes instead (`quantize_nbits.py`, `block_size` along K; `reduce_range` does not apply)."""
    model = onnx.load(source)
    if activations == "blocks":
        from .quantize_nbits import nbits_model

        report = nbits_model(model, block_size, embeddings)
    else:
        report = quantize_model(model, reduce_range, embeddings, activations)
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
