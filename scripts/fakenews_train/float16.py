"""float16 conversion of an ONNX graph for the CUDA provider, written with the `onnx` package alone.

Every float32 tensor in the graph becomes float16: initializers, Constant nodes, Cast targets and the declared
types of inputs and intermediate values. Integer inputs (`input_ids`, `attention_mask`) are untouched, and each
float graph output is cast back to float32 by a final Cast, so hosts feed and read the same types as with
model.onnx and need no change.

Constants outside float16's range are clamped to +-65504: the attention mask's fill value (float32's lowest,
-3.4e38) becomes -65504, which still zeroes the masked positions after softmax. Constants below float16's
smallest subnormal (LayerNorm's epsilon 1e-12) flush to zero as they would in any fp16 export; ONNX Runtime's
LayerNorm fusion computes the statistics in float32 on CUDA, so the zero epsilon only matters for a constant
hidden vector, which a trained encoder does not produce.

Fused attention (com.microsoft.MultiHeadAttention, scripts/fuse_attention.py) is switched to the key-lengths
mask form (`fuse_attention.use_key_lengths`), the one form with which ONNX Runtime's CUDA provider runs its
memory-efficient attention kernel instead of materializing every score; the logits are the same on CPU. LayerNorm and
GELU are written as single nodes first (`fuse_norms`), since ONNX Runtime does not recognize their float16 forms.

The CPU provider has few float16 kernels: the result is meant for CUDA (the hosts pick it only there).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from .fuse_attention import use_key_lengths
from .fuse_norms import fuse_norms

FLOAT16_MAX = float(np.finfo(np.float16).max)


@dataclass
class Float16Report:
    """What changed: tensor counts and weight bytes before and after, and how many constants were clamped."""

    initializers: int = 0
    constants: int = 0
    casts: int = 0
    clamped: int = 0
    key_lengths: int = 0
    layer_norms: int = 0
    gelus: int = 0
    float_bytes: int = 0
    half_bytes: int = 0

    def summary(self) -> str:
        return (f"{self.initializers} initializers ({self.float_bytes / 1e6:.1f} MB fp32 -> {self.half_bytes / 1e6:.1f} MB fp16), "
                f"{self.constants} Constant nodes and {self.casts} Casts to float16; "
                f"{self.clamped} values clamped to +-{FLOAT16_MAX:g}; "
                f"{self.key_lengths} attention nodes read key lengths; "
                f"{self.layer_norms} LayerNorm and {self.gelus} GELU patterns written as single nodes")


def to_half(array: np.ndarray, report: Float16Report) -> np.ndarray:
    """float32 -> float16 with out-of-range values clamped (never inf)."""
    outside = np.abs(array) > FLOAT16_MAX
    report.clamped += int(np.count_nonzero(outside & np.isfinite(array)))
    return np.clip(array, -FLOAT16_MAX, FLOAT16_MAX).astype(np.float16)


def _half_tensor(tensor: onnx.TensorProto, report: Float16Report) -> onnx.TensorProto:
    array = numpy_helper.to_array(tensor)
    return numpy_helper.from_array(to_half(array, report), tensor.name)


def _retype(value: onnx.ValueInfoProto) -> None:
    tensor_type = value.type.tensor_type
    if tensor_type.elem_type == TensorProto.FLOAT:
        tensor_type.elem_type = TensorProto.FLOAT16


def convert_model(model: onnx.ModelProto) -> tuple[onnx.ModelProto, Float16Report]:
    """Returns a float16 copy of `model` (float32 outputs kept by a final Cast) and what was converted."""
    model = onnx.ModelProto.FromString(model.SerializeToString())
    graph = model.graph
    report = Float16Report()
    report.key_lengths = use_key_lengths(model)
    norms = fuse_norms(model)
    report.layer_norms, report.gelus = norms.layer_norms, norms.gelus
    if graph.sparse_initializer:
        raise ValueError("sparse initializers are not supported")
    for index, tensor in enumerate(graph.initializer):
        if tensor.data_type == TensorProto.FLOAT:
            report.initializers += 1
            report.float_bytes += 4 * int(np.prod(tensor.dims))
            report.half_bytes += 2 * int(np.prod(tensor.dims))
            graph.initializer[index].CopyFrom(_half_tensor(tensor, report))
    for node in graph.node:
        if node.op_type in ("If", "Loop", "Scan"):
            raise ValueError(f"node '{node.name}' ({node.op_type}) has a subgraph; not supported")
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.TENSOR and attribute.t.data_type == TensorProto.FLOAT:
                attribute.t.CopyFrom(_half_tensor(attribute.t, report))
                report.constants += 1
            elif node.op_type == "Cast" and attribute.name == "to" and attribute.i == TensorProto.FLOAT:
                attribute.i = TensorProto.FLOAT16
                report.casts += 1
            elif node.op_type == "ConstantOfShape" and attribute.name == "value" and attribute.t.data_type == TensorProto.FLOAT:
                attribute.t.CopyFrom(_half_tensor(attribute.t, report))
    for value in list(graph.input) + list(graph.value_info):
        _retype(value)

    # Float outputs: the graph computes `name__fp16`, and a last Cast restores the float32 output `name`.
    for output in graph.output:
        if output.type.tensor_type.elem_type != TensorProto.FLOAT:
            continue
        internal = output.name + "__fp16"
        for node in graph.node:
            node.output[:] = [internal if name == output.name else name for name in node.output]
            node.input[:] = [internal if name == output.name else name for name in node.input]
        graph.node.append(helper.make_node("Cast", [internal], [output.name], to=TensorProto.FLOAT,
                                           name=output.name + "/CastToFloat32"))
    onnx.checker.check_model(model)
    return model, report


def convert_file(source: str, target: str) -> Float16Report:
    """Reads `source`, writes its float16 form to `target` (one file, no external data)."""
    model = onnx.load(source)
    converted, report = convert_model(model)
    onnx.save(converted, target)
    return report


def widen_model(model: onnx.ModelProto) -> onnx.ModelProto:
    """The inverse type change: every float16 tensor, Cast target and declared type becomes float32.

    Meant for timing the float32 kernels where only the float16 file could be copied (a GPU machine reached through
    a size-limited transfer): the weights are the float16 ones widened, so the scores are the float16 model's,
    computed in float32, not those of the original model.onnx.
    """
    model = onnx.ModelProto.FromString(model.SerializeToString())
    graph = model.graph

    def widen(tensor: onnx.TensorProto) -> onnx.TensorProto:
        return numpy_helper.from_array(numpy_helper.to_array(tensor).astype(np.float32), tensor.name)

    for index, tensor in enumerate(graph.initializer):
        if tensor.data_type == TensorProto.FLOAT16:
            graph.initializer[index].CopyFrom(widen(tensor))
    for node in graph.node:
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.TENSOR and attribute.t.data_type == TensorProto.FLOAT16:
                attribute.t.CopyFrom(widen(attribute.t))
            elif node.op_type == "Cast" and attribute.name == "to" and attribute.i == TensorProto.FLOAT16:
                attribute.i = TensorProto.FLOAT
    for value in list(graph.input) + list(graph.value_info) + list(graph.output):
        if value.type.tensor_type.elem_type == TensorProto.FLOAT16:
            value.type.tensor_type.elem_type = TensorProto.FLOAT
    onnx.checker.check_model(model)
    return model


def widen_file(source: str, target: str) -> None:
    """Reads a float16 `source`, writes its float32 form to `target`."""
    onnx.save(widen_model(onnx.load(source)), target)
