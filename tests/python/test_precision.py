"""The int8 and float16 graphs written by scripts/quantize_int8.py and scripts/convert_fp16.py, on the tiny fixture."""
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto

from fakenews_train.float16 import convert_file as to_float16
from fakenews_train.float16 import convert_model, to_half, widen_file, Float16Report
from fakenews_train.ort import run_onnx
from fakenews_train.quantize import quantize_file, quantize_model, quantize_weight, quantized_activations

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


def test_widened_float16_graph_is_all_float32_and_scores_like_the_float16_weights(tmp_path):
    half, wide = tmp_path / "model.fp16.onnx", tmp_path / "model.onnx"
    to_float16(str(FIXTURE), str(half))
    widen_file(str(half), str(wide))
    model = onnx.load(str(wide))
    assert all(t.data_type != TensorProto.FLOAT16 for t in model.graph.initializer)
    assert not any(a.name == "to" and a.i == TensorProto.FLOAT16 for n in model.graph.node for a in n.attribute)
    reference = run_onnx(str(FIXTURE), batch())["logits"]
    widened = run_onnx(str(wide), batch())["logits"]
    assert np.abs(widened - reference).max() < 5e-3 * max(1.0, np.abs(reference).max())


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
    assert report.quantized and ops.count("MatMulIntegerToFloat") == len(report.quantized)
    assert "QuantizeLinear" in ops and "DynamicQuantizeLinear" not in ops
    assert ops.count("MatMul") == len(report.skipped)
    reference = run_onnx(str(FIXTURE), batch())["logits"]
    quantized = run_onnx(str(target), batch())["logits"]
    assert np.abs(quantized - reference).max() < 0.05 * max(1.0, np.abs(reference).max())


def rows_alone_and_batched(model_path):
    """Each row of a same-length batch (no padding) scored alone and in the batch: (alone, batched) logits."""
    rng = np.random.default_rng(5)
    ids = rng.integers(5, 1000, size=(4, 16), dtype=np.int64)
    ids[1, :8] = 7  # rows with very different activation ranges
    mask = np.ones_like(ids)
    batched = run_onnx(model_path, {"input_ids": ids, "attention_mask": mask})["logits"]
    alone = np.concatenate([run_onnx(model_path, {"input_ids": ids[i:i + 1], "attention_mask": mask[i:i + 1]})["logits"]
                            for i in range(len(ids))])
    return alone, batched


def test_int8_rows_are_quantized_on_their_own_so_batch_neighbours_do_not_move_a_row(tmp_path):
    per_row = tmp_path / "model.int8.onnx"
    per_tensor = tmp_path / "model.int8.tensor.onnx"
    quantize_file(str(FIXTURE), str(per_row))
    quantize_file(str(FIXTURE), str(per_tensor), activations="tensor")

    alone, batched = rows_alone_and_batched(str(per_row))
    assert np.abs(alone - batched).max() < 1e-5
    alone, batched = rows_alone_and_batched(str(per_tensor))
    assert np.abs(alone - batched).max() > 1e-3  # one scale per batch: the neighbours move each row


def test_int8_per_tensor_scheme_keeps_dynamic_quantize_linear_and_unknown_schemes_are_refused(tmp_path):
    report = quantize_file(str(FIXTURE), str(tmp_path / "tensor.onnx"), activations="tensor")
    ops = [node.op_type for node in onnx.load(str(tmp_path / "tensor.onnx")).graph.node]
    assert ops.count("MatMulInteger") == len(report.quantized) and "DynamicQuantizeLinear" in ops
    with pytest.raises(ValueError, match="activations must be one of row, tensor"):
        quantize_file(str(FIXTURE), str(tmp_path / "x.onnx"), activations="column")


def test_int8_per_token_scheme_refuses_opsets_whose_reduce_max_takes_axes_as_an_input():
    model = onnx.load(str(FIXTURE))
    next(o for o in model.opset_import if o.domain in ("", "ai.onnx")).version = 18
    with pytest.raises(ValueError, match="opset is 18; per-token quantization is written for opsets 11 to 17"):
        quantize_model(model)




def test_activation_ranges_cover_each_quantized_input_once_and_only_real_tokens():
    from activation_ranges import activation_ranges

    model = onnx.load(str(FIXTURE))
    names = quantized_activations(model)
    weight_matmuls = [n for n in model.graph.node if n.op_type == "MatMul" and n.input[0] in names]
    assert len(names) == len(set(names)) and len(weight_matmuls) > len(names)  # Q, K and V share their input

    feeds = batch()
    ranges = activation_ranges(str(FIXTURE), feeds["input_ids"], feeds["attention_mask"])
    assert list(ranges) == names
    assert all(r["batch_max"] >= r["token_max_median"] >= r["token_max_p5"] > 0 for r in ranges.values())
    # Padded positions do not count: changing the ids under the mask changes no range.
    changed = feeds["input_ids"].copy()
    changed[feeds["attention_mask"] == 0] = 999
    assert activation_ranges(str(FIXTURE), changed, feeds["attention_mask"]) == ranges


def test_int8_blocks_scheme_writes_one_matmul_nbits_per_projection_with_its_bias_and_keeps_rows_independent(tmp_path):
    target = tmp_path / "model.int8.blocks.onnx"
    report = quantize_file(str(FIXTURE), str(target), activations="blocks", block_size=16)
    nodes = onnx.load(str(target)).graph.node
    nbits = [n for n in nodes if n.op_type == "MatMulNBits"]
    assert len(nbits) == len(report.quantized) > 0
    assert all(len(n.input) == 6 and n.input[5] for n in nbits), "every projection's bias Add is folded into it"
    assert not any(n.op_type in ("MatMulInteger", "MatMulIntegerToFloat", "QuantizeLinear") for n in nodes)

    alone, batched = rows_alone_and_batched(str(target))
    assert np.abs(alone - batched).max() < 1e-5
    ids = np.random.default_rng(1).integers(5, 1000, size=(2, 16), dtype=np.int64)
    feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
    reference = run_onnx(str(FIXTURE), feeds)["logits"]
    assert np.abs(run_onnx(str(target), feeds)["logits"] - reference).max() < 0.05


def test_int8_blocks_weights_round_trip_within_half_a_step_per_block():
    from fakenews_train.quantize_nbits import quantize_blocks

    weight = np.random.default_rng(2).standard_normal((40, 6)).astype(np.float32)
    codes, scales = quantize_blocks(weight, 16)
    assert codes.shape == (6, 3, 16) and scales.shape == (6, 3)
    restored = ((codes.astype(np.float32) - 128) * scales[..., None]).reshape(6, 48)[:, :40].T
    assert np.all(np.abs(restored - weight) <= np.repeat(scales.T, 16, axis=0)[:40] / 2 + 1e-7)
    with pytest.raises(ValueError, match="block size must be one of"):
        from fakenews_train.quantize_nbits import nbits_model
        nbits_model(onnx.load(str(FIXTURE)), block_size=24)
