"""The int8 and float16 graphs written by scripts/quantize_int8.py and scripts/convert_fp16.py, on the tiny fixture."""
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto

from fakenews_train.float16 import convert_file as to_float16
from fakenews_train.float16 import convert_model, to_half, Float16Report
from fakenews_train.ort import run_onnx
from fakenews_train.quantize import quantize_file, quantize_weight

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "tiny-distilbert" / "model.onnx"


def batch():
    rng = np.random.default_rng(3)
    ids = rng.integers(5, 1000, size=(3, 20), dtype=np.int64)
    mask = np.ones_like(ids)
    mask[1, 12:] = 0
    mask[2, 5:] = 0
    return {"input_ids": ids, "attention_mask": mask}


def test_float16_graph_keeps_integer_inputs_and_float32_logits(tmp_path):
    target = tmp_path / "model.fp16.onnx"
    report = to_float16(str(FIXTURE), str(target))
    model = onnx.load(str(target))
    assert report.initializers > 0 and report.half_bytes * 2 == report.float_bytes
    assert all(t.data_type != TensorProto.FLOAT for t in model.graph.initializer)
    assert [i.type.tensor_type.elem_type for i in model.graph.input] == [TensorProto.INT64, TensorProto.INT64]
    assert [o.name for o in model.graph.output] == ["logits"]
    assert model.graph.output[0].type.tensor_type.elem_type == TensorProto.FLOAT


def test_float16_logits_match_float32_within_half_precision(tmp_path):
    target = tmp_path / "model.fp16.onnx"
    to_float16(str(FIXTURE), str(target))
    reference = run_onnx(str(FIXTURE), batch())["logits"]
    half = run_onnx(str(target), batch())["logits"]
    assert half.shape == reference.shape
    assert np.abs(half - reference).max() < 5e-3 * max(1.0, np.abs(reference).max())
    assert not np.array_equal(half, reference), "the float16 graph should round somewhere"


def test_float16_clamps_out_of_range_constants_instead_of_overflowing():
    report = Float16Report()
    half = to_half(np.array([-3.4028235e38, 1e5, 1.0, 1e-12], dtype=np.float32), report)
    assert half.tolist() == [-65504.0, 65504.0, 1.0, 0.0]
    assert np.isfinite(half).all() and report.clamped == 2


def test_float16_refuses_graphs_with_subgraphs():
    body = onnx.helper.make_graph([], "body", [], [])
    node = onnx.helper.make_node("If", ["c"], ["y"], then_branch=body, else_branch=body)
    graph = onnx.helper.make_graph([node], "g", [onnx.helper.make_tensor_value_info("c", TensorProto.BOOL, [])],
                                   [onnx.helper.make_tensor_value_info("y", TensorProto.FLOAT, [])])
    with pytest.raises(ValueError, match="subgraph"):
        convert_model(onnx.helper.make_model(graph))


def test_int8_weights_are_symmetric_per_column_and_round_trip_within_half_a_step():
    rng = np.random.default_rng(0)
    weight = rng.normal(size=(16, 8)).astype(np.float32)
    weight[:, 3] = 0.0
    quantized, scales = quantize_weight(weight)
    assert quantized.dtype == np.int8 and scales.shape == (8,)
    assert np.abs(quantized).max() <= 127 and scales[3] == 1.0
    assert np.all(np.abs(quantized * scales - weight) <= scales / 2 + 1e-7)


def test_int8_graph_replaces_weight_matmuls_and_stays_close_to_float32(tmp_path):
    target = tmp_path / "model.int8.onnx"
    report = quantize_file(str(FIXTURE), str(target))
    ops = [node.op_type for node in onnx.load(str(target)).graph.node]
    assert report.quantized and "MatMulInteger" in ops and "DynamicQuantizeLinear" in ops
    assert ops.count("MatMul") == len(report.skipped)
    reference = run_onnx(str(FIXTURE), batch())["logits"]
    quantized = run_onnx(str(target), batch())["logits"]
    assert np.abs(quantized - reference).max() < 0.05 * max(1.0, np.abs(reference).max())
