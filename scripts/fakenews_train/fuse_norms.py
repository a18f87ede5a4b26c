"""LayerNorm and GELU of an exported float32 graph written as single nodes, before the float16 conversion.

torch.onnx.export at opset 14 writes each LayerNorm and each exact GELU as elementwise nodes:

    LayerNorm: d = x - ReduceMean(x); y = d / Sqrt(ReduceMean(Pow(d, 2)) + eps) * gamma + beta
    GELU:      h = MatMul(...) + b;  y = h * (Erf(h / sqrt(2)) + 1) * 0.5

ONNX Runtime fuses both patterns in a float32 graph (LayerNormalization, BiasGelu), but its CPU provider's optimized
float16 graph keeps them unfused: the GELU match compares the divisor with sqrt(2) more tightly than float16 stores
it, and LayerNorm's epsilon (1e-12) is zero in float16, so the Add that carried it no longer matches. Both causes lie
in the pattern, not in the provider (docs/performance.md has the measurements). Unfused, each pattern costs five to
seven passes over the activations. Here they are rewritten while the graph is still float32:
LayerNormalization (opset 17; epsilon stays an exact float attribute, statistics in float32) and
com.microsoft.BiasGelu (Gelu where the input has no constant bias). ONNX Runtime implements both on the CPU and
CUDA providers, and fuses a residual Add into LayerNormalization (SkipLayerNormalization) on its own.

Matching is structural and strict; a pattern that differs is left as it was.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Dict, List

import onnx
from onnx import helper

from .fuse_attention import MS_DOMAIN, _Graph, set_nodes

LAYER_NORM_OPSET = 17


@dataclass
class NormReport:
    """How many LayerNorm and GELU patterns became one node each."""

    layer_norms: int = 0
    gelus: int = 0


def fuse_norms(model: onnx.ModelProto) -> NormReport:
    """Rewrites `model` in place; nodes left without a consumer are removed. Returns the counts."""
    graph = model.graph
    g = _Graph(graph)
    report = NormReport()
    replacements: Dict[int, onnx.NodeProto] = {}
    matchers = {"ReduceMean": (_layer_norm, "layer_norms"), "Div": (_gelu, "gelus")}
    for node in graph.node:
        match, counter = matchers.get(node.op_type, (None, ""))
        fused = match(g, node) if match else None
        if fused is not None:
            last, new = fused
            replacements[id(last)] = new
            setattr(report, counter, getattr(report, counter) + 1)
    if not replacements:
        return report
    set_nodes(graph, [replacements.get(id(node), node) for node in graph.node])
    if report.layer_norms:
        for opset in model.opset_import:
            if opset.domain in ("", "ai.onnx") and opset.version < LAYER_NORM_OPSET:
                opset.version = LAYER_NORM_OPSET
    if report.gelus and not any(o.domain == MS_DOMAIN for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid(MS_DOMAIN, 1))
    return report


def _near(g: _Graph, name: str, value: float, rel: float = 1e-6) -> bool:
    constant = g.constant(name)
    return constant is not None and constant.size == 1 and math.isclose(float(constant.reshape(())), value, rel_tol=rel)


def _last_axis(node: onnx.NodeProto) -> bool:
    axes = next((list(a.ints) for a in node.attribute if a.name == "axes"), None)
    keepdims = next((a.i for a in node.attribute if a.name == "keepdims"), 1)
    return axes == [-1] and keepdims == 1 and len(node.input) == 1


def _vector(g: _Graph, name: str) -> bool:
    value = g.constant(name)
    return value is not None and value.ndim == 1


def _layer_norm(g: _Graph, mean: onnx.NodeProto):
    """ReduceMean -> Sub -> (Pow 2 -> ReduceMean -> Add eps -> Sqrt) -> Div -> Mul gamma -> Add beta."""
    if not _last_axis(mean):
        return None
    x = mean.input[0]
    sub = g.sole_consumer(mean.output[0], "Sub")
    if sub is None or list(sub.input) != [x, mean.output[0]]:
        return None
    users = g.consumers.get(sub.output[0], [])
    if sorted(u.op_type for u in users) != ["Div", "Pow"]:
        return None
    pow_, div = (next(u for u in users if u.op_type == t) for t in ("Pow", "Div"))
    if pow_.input[0] != sub.output[0] or not _near(g, pow_.input[1], 2.0) or div.input[0] != sub.output[0]:
        return None
    variance = g.sole_consumer(pow_.output[0], "ReduceMean")
    if variance is None or not _last_axis(variance):
        return None
    add_eps = g.sole_consumer(variance.output[0], "Add")
    if add_eps is None:
        return None
    eps_name = next((n for n in add_eps.input if n != variance.output[0]), None)
    eps = g.constant(eps_name) if eps_name else None
    if eps is None or eps.size != 1 or not 0 <= float(eps.reshape(())) < 1e-2:
        return None
    sqrt = g.sole_consumer(add_eps.output[0], "Sqrt")
    if sqrt is None or g.sole_consumer(sqrt.output[0], "Div") is not div or div.input[1] != sqrt.output[0]:
        return None
    mul = g.sole_consumer(div.output[0], "Mul")
    if mul is None:
        return None
    gamma = next((n for n in mul.input if n != div.output[0]), None)
    add = g.sole_consumer(mul.output[0], "Add")
    if gamma is None or not _vector(g, gamma) or add is None:
        return None
    beta = next((n for n in add.input if n != mul.output[0]), None)
    if beta is None or not _vector(g, beta):
        return None
    name = (add.name or add.output[0]) + "/LayerNormalization"
    return add, helper.make_node("LayerNormalization", [x, gamma, beta], [add.output[0]], name=name, axis=-1,
                                 epsilon=float(eps.reshape(())), stash_type=1)


def _gelu(g: _Graph, div: onnx.NodeProto):
    """Div sqrt(2) -> Erf -> Add 1 -> Mul by the input -> Mul 0.5, the input optionally Add(MatMul, bias)."""
    h = div.input[0]
    if not _near(g, div.input[1], math.sqrt(2.0)):
        return None
    erf = g.sole_consumer(div.output[0], "Erf")
    add_one = g.sole_consumer(erf.output[0], "Add") if erf is not None else None
    if add_one is None or not _near(g, next((n for n in add_one.input if n != erf.output[0]), ""), 1.0):
        return None
    mul = g.sole_consumer(add_one.output[0], "Mul")
    if mul is None or sorted(mul.input) != sorted([h, add_one.output[0]]):
        return None
    half = g.sole_consumer(mul.output[0], "Mul")
    if half is None or not _near(g, next((n for n in half.input if n != mul.output[0]), ""), 0.5):
        return None
    if sorted(u.op_type for u in g.consumers.get(h, [])) != ["Div", "Mul"]:
        return None
    name = (half.name or half.output[0]) + "/Gelu"
    producer = g.producer.get(h)
    if producer is not None and producer.op_type == "Add":
        bias = next((n for n in producer.input if _vector(g, n)), None)
        other = next((n for n in producer.input if n != bias), None)
        if bias is not None and other is not None:
            return half, helper.make_node("BiasGelu", [other, bias], [half.output[0]], name=name, domain=MS_DOMAIN)
    return half, helper.make_node("Gelu", [h], [half.output[0]], name=name, domain=MS_DOMAIN)


def count(model: onnx.ModelProto) -> Dict[str, int]:
    """LayerNormalization, Gelu and BiasGelu nodes in a graph."""
    ops: List[str] = [node.op_type for node in model.graph.node]
    return {op: ops.count(op) for op in ("LayerNormalization", "Gelu", "BiasGelu")}

