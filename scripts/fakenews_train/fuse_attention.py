"""Attention fusion of an exported float32 ONNX graph into ONNX Runtime's `com.microsoft.MultiHeadAttention`.

torch.onnx.export writes each layer's self-attention as separate nodes that ONNX Runtime's optimizer does not
fuse for this model:

    q, k, v = x @ Wq + bq, x @ Wk + bk, x @ Wv + bv              (kept: int8 quantizes these MatMuls)
    Q = Transpose(0,2,1,3)(Reshape(q, [B, S, H, D])) / sqrt(D)   (or * 1/sqrt(D), or the scale after the MatMul)
    Kt = Transpose(0,2,3,1)(Reshape(k, [B, S, H, D]))
    scores = Where(attention_mask == 0 broadcast to [B, 1, 1, S], fill, Q @ Kt)
    out = Reshape(Transpose(0,2,1,3)(Softmax(scores) @ V), [B, S, H * D])

Every match becomes one node, MultiHeadAttention(q, k, v, key_padding_mask=int32(attention_mask)) -> out, with
num_heads and scale as attributes; the projection MatMul + Add nodes stay outside it, so dynamic int8
quantization still replaces them, and the CPU and CUDA providers both run the fused kernel. ONNX Runtime masks
by adding `mask_filter_value` (-10000) to the masked scores where the export replaced them with `fill`; after
softmax both are exactly zero in float32 and float16 as long as a row keeps one unmasked key, which every
tokenized input does ([CLS] and [SEP]).

Matching is structural and strict: any layer that differs from the pattern is left as it was and named in the
report's `skipped`, so a caller can insist that every Softmax was fused.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

MS_DOMAIN = "com.microsoft"
FUSED_OP = "MultiHeadAttention"
MASK_FILTER_VALUE = -10000.0
BNSH = [0, 2, 1, 3]


@dataclass
class FuseReport:
    """What was fused: one entry per MultiHeadAttention written, and the Softmax nodes left with the reason."""

    fused: List[str] = field(default_factory=list)
    skipped: List[Tuple[str, str]] = field(default_factory=list)
    num_heads: Optional[int] = None
    removed_nodes: int = 0

    def summary(self) -> str:
        text = (f"fused {len(self.fused)} attention subgraphs into {MS_DOMAIN}.{FUSED_OP} "
                f"(num_heads {self.num_heads}); {self.removed_nodes} nodes removed")
        for name, reason in self.skipped:
            text += f"\n  left unfused: {name}: {reason}"
        return text


class _NoMatch(Exception):
    pass


class _Graph:
    """Producer / consumer maps and constant lookup over one GraphProto (Identity nodes are looked through)."""

    def __init__(self, graph: onnx.GraphProto):
        self.graph = graph
        self.producer: Dict[str, onnx.NodeProto] = {}
        self.consumers: Dict[str, List[onnx.NodeProto]] = {}
        self.constants: Dict[str, np.ndarray] = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
        for node in graph.node:
            for name in node.output:
                self.producer[name] = node
            for name in node.input:
                self.consumers.setdefault(name, []).append(node)
            if node.op_type == "Constant":
                for attribute in node.attribute:
                    if attribute.name == "value":
                        self.constants[node.output[0]] = numpy_helper.to_array(attribute.t)
        self.inputs = {i.name for i in graph.input}

    def source(self, name: str) -> Optional[onnx.NodeProto]:
        node = self.producer.get(name)
        while node is not None and node.op_type == "Identity":
            node = self.producer.get(node.input[0])
        return node

    def constant(self, name: str) -> Optional[np.ndarray]:
        """The value of an initializer or Constant output, also seen through Identity nodes (the exporter shares
        equal tensors so); None for anything computed."""
        while name not in self.constants:
            node = self.producer.get(name)
            if node is None or node.op_type != "Identity":
                return None
            name = node.input[0]
        return self.constants[name]

    def sole_consumer(self, name: str, op_type: str) -> Optional[onnx.NodeProto]:
        """The node reading `name` when exactly one does and it is an `op_type`; else None."""
        users = self.consumers.get(name, [])
        return users[0] if len(users) == 1 and users[0].op_type == op_type else None

    def only_consumer(self, name: str, op_type: str) -> onnx.NodeProto:
        node = self.sole_consumer(name, op_type)
        if node is None:
            raise _NoMatch(f"'{name}' should feed exactly one {op_type}")
        return node


def _expect(node: Optional[onnx.NodeProto], op_type: str, what: str) -> onnx.NodeProto:
    if node is None or node.op_type != op_type:
        found = node.op_type if node is not None else "a graph input or initializer"
        raise _NoMatch(f"{what}: expected {op_type}, found {found}")
    return node


def _perm(node: onnx.NodeProto) -> List[int]:
    return next((list(a.ints) for a in node.attribute if a.name == "perm"), [])


def _scalar(g: _Graph, name: str, what: str) -> float:
    value = g.constant(name)
    if value is None or value.size != 1:
        raise _NoMatch(f"{what} is not a constant scalar")
    return float(value.reshape(()))


def _split_heads(g: _Graph, name: str, perm: List[int], what: str) -> Tuple[str, int, int]:
    """Transpose(perm)(Reshape(x, [B, S, H, D])) -> (x, H, D)."""
    transpose = _expect(g.source(name), "Transpose", what)
    if _perm(transpose) != perm:
        raise _NoMatch(f"{what}: Transpose perm {_perm(transpose)}, expected {perm}")
    reshape = _expect(g.source(transpose.input[0]), "Reshape", what)
    heads, size = _head_shape(g, reshape.input[1], what)
    return reshape.input[0], heads, size


def _head_shape(g: _Graph, shape_name: str, what: str) -> Tuple[int, int]:
    shape = g.constant(shape_name)
    if shape is not None and shape.size == 4:
        return int(shape[2]), int(shape[3])
    concat = _expect(g.source(shape_name), "Concat", f"{what} (reshape shape)")
    if len(concat.input) != 4:
        raise _NoMatch(f"{what}: the reshape shape has {len(concat.input)} parts, expected 4")
    heads, size = (g.constant(concat.input[i]) for i in (2, 3))
    if heads is None or size is None or heads.size != 1 or size.size != 1:
        raise _NoMatch(f"{what}: heads and head size are not constants")
    return int(heads.reshape(-1)[0]), int(size.reshape(-1)[0])


def _mask_input(g: _Graph, cond: str) -> str:
    """The graph input whose zeros the Where condition is true at: Equal(input, 0) through Not (an even number),
    Cast, Reshape, Unsqueeze and Expand."""
    nots = 0
    node = g.source(cond)
    while node is not None and node.op_type in ("Not", "Cast", "Reshape", "Unsqueeze", "Expand"):
        nots += node.op_type == "Not"
        node = g.source(node.input[0])
    equal = _expect(node, "Equal", "mask condition")
    for data, zero in ((equal.input[0], equal.input[1]), (equal.input[1], equal.input[0])):
        value = g.constant(zero)
        if data in g.inputs and value is not None and value.size == 1 and float(value.reshape(())) == 0.0:
            if nots % 2:
                raise _NoMatch("mask condition is true at kept positions")
            return data
    raise _NoMatch("mask condition is not Equal(<graph input>, 0)")


def _match(g: _Graph, softmax: onnx.NodeProto) -> Dict:
    if any(a.name == "axis" and a.i not in (-1, 3) for a in softmax.attribute):
        raise _NoMatch("Softmax is not over the last axis")
    where = _expect(g.source(softmax.input[0]), "Where", "Softmax input")
    fill = _scalar(g, where.input[1], "mask fill value")
    if fill > MASK_FILTER_VALUE:
        raise _NoMatch(f"mask fill value {fill:g} is above {MASK_FILTER_VALUE:g}")
    mask = _mask_input(g, where.input[0])

    scale = 1.0
    scores = g.source(where.input[2])
    if scores is not None and scores.op_type in ("Div", "Mul"):  # scale applied after Q @ Kt
        factor = _scalar(g, scores.input[1], "score scale")
        scale *= 1.0 / factor if scores.op_type == "Div" else factor
        scores = g.source(scores.input[0])
    qk = _expect(scores, "MatMul", "scores")
    query = g.source(qk.input[0])
    query_name = qk.input[0]
    if query is not None and query.op_type in ("Div", "Mul"):  # scale applied to Q
        factor = _scalar(g, query.input[1], "query scale")
        scale *= 1.0 / factor if query.op_type == "Div" else factor
        query_name = query.input[0]
    q, heads, size = _split_heads(g, query_name, BNSH, "query")
    k, k_heads, k_size = _split_heads(g, qk.input[1], [0, 2, 3, 1], "key")

    context = g.only_consumer(softmax.output[0], "MatMul")
    if context.input[0] != softmax.output[0]:
        raise _NoMatch("probabilities are not the left operand of the context MatMul")
    v, v_heads, v_size = _split_heads(g, context.input[1], BNSH, "value")
    merge = g.only_consumer(context.output[0], "Transpose")
    if _perm(merge) != BNSH:
        raise _NoMatch(f"context Transpose perm {_perm(merge)}, expected {BNSH}")
    output = g.only_consumer(merge.output[0], "Reshape")
    if (k_heads, k_size, v_heads, v_size) != (heads, size, heads, size):
        raise _NoMatch("query, key and value head shapes differ")
    if not np.isclose(scale, 1.0 / np.sqrt(size), rtol=1e-5):
        raise _NoMatch(f"scale {scale:g} is not 1/sqrt(head size {size})")
    return {"q": q, "k": k, "v": v, "mask": mask, "heads": heads, "scale": scale, "output": output}


def fuse_model(model: onnx.ModelProto) -> FuseReport:
    """Rewrites `model` in place: each matched attention becomes one MultiHeadAttention; nodes left without a
    consumer are removed. Returns what was done."""
    graph = model.graph
    g = _Graph(graph)
    report = FuseReport()
    replacements: Dict[int, onnx.NodeProto] = {}  # id(final Reshape) -> fused node
    masks: Dict[str, str] = {}
    for softmax in [n for n in graph.node if n.op_type == "Softmax"]:
        try:
            match = _match(g, softmax)
        except _NoMatch as reason:
            report.skipped.append((softmax.name or softmax.output[0], str(reason)))
            continue
        if report.num_heads not in (None, match["heads"]):
            raise ValueError(f"layers disagree on the number of heads ({report.num_heads} and {match['heads']})")
        report.num_heads = match["heads"]
        mask_int32 = masks.setdefault(match["mask"], f"{match['mask']}_int32")
        output = match["output"]
        name = f"{output.name or output.output[0]}/{FUSED_OP}"
        replacements[id(output)] = helper.make_node(
            FUSED_OP, [match["q"], match["k"], match["v"], "", mask_int32], [output.output[0]], name=name,
            domain=MS_DOMAIN, num_heads=match["heads"], scale=float(match["scale"]),
            mask_filter_value=MASK_FILTER_VALUE)
        report.fused.append(name)
    if not replacements:
        return report

    casts = [helper.make_node("Cast", [source], [target], name=f"{target}/Cast", to=TensorProto.INT32)
             for source, target in masks.items()]
    before = len(graph.node) + len(casts)
    report.removed_nodes = before - set_nodes(graph, casts + [replacements.get(id(node), node) for node in graph.node])
    if not any(o.domain == MS_DOMAIN for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid(MS_DOMAIN, 1))
    return report


def set_nodes(graph: onnx.GraphProto, nodes: List[onnx.NodeProto]) -> int:
    """Makes `nodes` the graph's nodes, less those no graph output depends on, and drops the value infos and
    initializers nothing reads any more. Returns how many nodes the graph keeps."""
    nodes = _without_dead_nodes(nodes, {o.name for o in graph.output})
    del graph.node[:]
    graph.node.extend(nodes)
    live = {name for node in nodes for name in list(node.input) + list(node.output)}
    kept_info = [v for v in graph.value_info if v.name in live]
    del graph.value_info[:]
    graph.value_info.extend(kept_info)
    used = {name for node in nodes for name in node.input} | {o.name for o in graph.output}
    kept_inits = [i for i in graph.initializer if i.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept_inits)
    return len(nodes)


def _without_dead_nodes(nodes: List[onnx.NodeProto], outputs: set) -> List[onnx.NodeProto]:
    needed = set(outputs)
    kept = []
    for node in reversed(nodes):
        if any(name in needed for name in node.output if name):
            kept.append(node)
            needed.update(name for name in node.input if name)
    return list(reversed(kept))


def fused_count(model: onnx.ModelProto) -> int:
    """How many fused attention nodes the graph holds."""
    return sum(1 for node in model.graph.node if node.op_type == FUSED_OP and node.domain == MS_DOMAIN)


def fuse_file(source: str, target: str) -> FuseReport:
    """Reads `source`, writes the fused graph to `target` (one file, no external data)."""
    model = onnx.load(source)
    report = fuse_model(model)
    onnx.checker.check_model(model)
    onnx.save(model, target)
    return report


def use_key_lengths(model: onnx.ModelProto) -> int:
    """Rewrites `model` in place so that every MultiHeadAttention reads its keys' lengths instead of the
    [B, S] padding mask; returns how many nodes now do.

    ONNX Runtime's CUDA MultiHeadAttention runs a [B, S] key padding mask through its unfused kernel, which
    writes the whole [B, H, S, S] score tensor; its memory-efficient (cutlass) kernel takes a mask only in the
    [3B + 2] form: each row's key length, then the rows' start offsets in the padded batch for queries
    (0, S, ..., B*S) and again for keys. The graph computes that form from `attention_mask`, which is exact for
    masks that are ones followed by zeros (right padding, as every host's tokenizer writes them). The CPU
    provider's MultiHeadAttention reads the first B entries as key lengths, so the rewritten graph gives the
    same logits there too.
    """
    graph = model.graph
    g = _Graph(graph)
    attention = [n for n in graph.node if n.op_type == FUSED_OP and n.domain == MS_DOMAIN and len(n.input) > 4
                 and n.input[4]]
    rewritten = 0
    lengths_form: Dict[str, str] = {}
    new_nodes: List[onnx.NodeProto] = []
    for node in attention:
        cast = g.source(node.input[4])
        if cast is None or cast.op_type != "Cast" or cast.input[0] not in g.inputs:
            continue
        mask = cast.input[0]
        if mask not in lengths_form:
            lengths_form[mask] = f"{mask}_key_lengths"
            new_nodes += _key_lengths_nodes(node.input[4], mask, lengths_form[mask])
        node.input[4] = lengths_form[mask]
        rewritten += 1
    if new_nodes:
        attention_ids = {id(n) for n in attention}
        first_use = min(i for i, n in enumerate(graph.node) if id(n) in attention_ids)
        nodes = list(graph.node)
        nodes[first_use:first_use] = new_nodes
        set_nodes(graph, nodes)
    return rewritten


def _key_lengths_nodes(mask_int32: str, mask: str, output: str) -> List[onnx.NodeProto]:
    """[sum(mask[b]) for b] ++ (0, S, ..., B*S) twice, as int32: ONNX Runtime's [3B + 2] mask form."""
    p = f"{output}/"

    def const(name: str, values) -> onnx.NodeProto:
        return helper.make_node("Constant", [], [p + name], name=p + name,
                                value=numpy_helper.from_array(np.array(values, dtype=np.int64), p + name))

    return [
        const("axis1", [1]), const("zero", 0), const("one", 1),
        helper.make_node("ReduceSum", [mask_int32, p + "axis1"], [p + "lengths"], name=p + "ReduceSum", keepdims=0),
        helper.make_node("Shape", [mask], [p + "shape"], name=p + "Shape"),
        helper.make_node("Gather", [p + "shape", p + "zero"], [p + "batch"], name=p + "GatherBatch", axis=0),
        helper.make_node("Gather", [p + "shape", p + "one"], [p + "length"], name=p + "GatherLength", axis=0),
        helper.make_node("Mul", [p + "batch", p + "length"], [p + "cells"], name=p + "Mul"),
        helper.make_node("Add", [p + "cells", p + "one"], [p + "limit"], name=p + "Add"),
        helper.make_node("Range", [p + "zero", p + "limit", p + "length"], [p + "starts64"], name=p + "Range"),
        helper.make_node("Cast", [p + "starts64"], [p + "starts"], name=p + "CastStarts", to=TensorProto.INT32),
        helper.make_node("Concat", [p + "lengths", p + "starts", p + "starts"], [output], name=p + "Concat", axis=0),
    ]


def key_lengths_count(model: onnx.ModelProto) -> int:
    """How many fused attention nodes read the [3B + 2] key-lengths mask (see use_key_lengths)."""
    produced = {o: n for n in model.graph.node for o in n.output}
    return sum(1 for n in model.graph.node if n.op_type == FUSED_OP and n.domain == MS_DOMAIN and len(n.input) > 4
               and n.input[4] in produced and produced[n.input[4]].op_type == "Concat")
