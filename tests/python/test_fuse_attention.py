"""The attention fusion of scripts/fakenews_train/fuse_attention.py on tiny exported models, run under ONNX Runtime."""
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
import pytest
import torch
from onnx import numpy_helper

from fakenews_train.float16 import convert_file as to_float16
from fakenews_train.fuse_attention import (FUSED_OP, MS_DOMAIN, fuse_file, fuse_model, fused_count, key_lengths_count,
                                           use_key_lengths)
from fakenews_train.model import DistilBertConfig, DistilBertForSequenceClassification
from fakenews_train.onnx_export import export_onnx
from fakenews_train.ort import run_onnx
from fakenews_train.quantize import quantize_file

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "tiny-distilbert" / "model.onnx"


def padded_batch(seed, vocab, batch=4, seq=23):
    rng = np.random.default_rng(seed)
    ids = rng.integers(5, vocab, size=(batch, seq)).astype(np.int64)
    mask = np.ones_like(ids)
    for row in range(1, batch):
        mask[row, seq - 4 * row:] = 0
    ids[mask == 0] = 0
    return {"input_ids": ids, "attention_mask": mask}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    torch.manual_seed(7)
    model = DistilBertForSequenceClassification(DistilBertConfig(
        vocab_size=300, dim=48, n_layers=3, n_heads=4, hidden_dim=96, max_position_embeddings=64)).eval()
    with torch.no_grad():  # distinct nonzero biases, as a trained model has (zeros would be exported shared)
        for name, parameter in model.named_parameters():
            if name.endswith(".bias"):
                parameter.normal_(0.0, 0.1)
    folder = tmp_path_factory.mktemp("fuse")
    path = folder / "model.onnx"
    export_onnx(model, str(path))
    fused = folder / "model.fused.onnx"
    report = fuse_file(str(path), str(fused))
    return model, path, fused, report


def test_every_layer_becomes_one_multi_head_attention_and_the_attention_matmuls_go(exported):
    _, _, fused, report = exported
    graph = onnx.load(str(fused)).graph
    ops = [node.op_type for node in graph.node]
    assert len(report.fused) == 3 and not report.skipped and report.num_heads == 4
    assert fused_count(onnx.load(str(fused))) == 3
    assert "Softmax" not in ops and "Where" not in ops and "Transpose" not in ops
    # Q, K, V, output and the two FFN projections per layer stay MatMuls; QK^T and PV are inside the fused node.
    assert ops.count("MatMul") == 3 * 6
    attention = next(node for node in graph.node if node.op_type == FUSED_OP)
    assert attention.domain == MS_DOMAIN
    attributes = {a.name: onnx.helper.get_attribute_value(a) for a in attention.attribute}
    assert attributes["num_heads"] == 4 and attributes["scale"] == pytest.approx(1 / np.sqrt(12))


def test_fused_logits_equal_unfused_and_torch_with_padding(exported):
    model, path, fused, _ = exported
    for seed, (batch, seq) in enumerate(((4, 23), (1, 5), (3, 64))):
        feeds = padded_batch(seed, 300, batch, seq)
        with torch.no_grad():
            expected = model(torch.from_numpy(feeds["input_ids"]), torch.from_numpy(feeds["attention_mask"])).numpy()
        unfused = run_onnx(str(path), feeds)["logits"]
        actual = run_onnx(str(fused), feeds)["logits"]
        assert np.abs(actual - unfused).max() < 1e-5
        assert np.abs(actual - expected).max() < 1e-4


def test_int8_of_the_fused_graph_keeps_quantized_projections_and_the_fused_attention(exported, tmp_path):
    _, path, fused, _ = exported
    quantized = tmp_path / "model.int8.onnx"
    report = quantize_file(str(fused), str(quantized))
    graph = onnx.load(str(quantized)).graph
    ops = [node.op_type for node in graph.node]
    assert ops.count(FUSED_OP) == 3 and ops.count("MatMulIntegerToFloat") == 3 * 6 and not report.skipped
    # The Q, K and V biases moved into each attention node's bias input: what feeds it are the int8 products.
    producers = {output: node.op_type for node in graph.node for output in node.output}
    for attention in (node for node in graph.node if node.op_type == FUSED_OP):
        assert [producers[name] for name in attention.input[:3]] == ["MatMulIntegerToFloat"] * 3
        bias = next(init for init in graph.initializer if init.name == attention.input[3])
        assert list(bias.dims) == [3 * 48]
    reference_int8 = tmp_path / "unfused.int8.onnx"
    quantize_file(str(path), str(reference_int8))
    feeds = padded_batch(5, 300)
    assert np.abs(run_onnx(str(quantized), feeds)["logits"] - run_onnx(str(reference_int8), feeds)["logits"]).max() < 1e-5


def test_float16_of_the_fused_graph_runs_and_stays_close_to_float32(exported, tmp_path):
    _, path, fused, _ = exported
    half = tmp_path / "model.fp16.onnx"
    to_float16(str(fused), str(half))
    feeds = padded_batch(6, 300)
    reference = run_onnx(str(path), feeds)["logits"]
    actual = run_onnx(str(half), feeds)["logits"]
    assert np.abs(actual - reference).max() < 5e-3 * max(1.0, np.abs(reference).max())


def test_key_lengths_form_gives_the_padding_masks_logits_and_reads_the_mask(exported, tmp_path):
    _, _, fused, _ = exported
    model = onnx.load(str(fused))
    assert use_key_lengths(model) == 3 and key_lengths_count(model) == 3
    onnx.checker.check_model(model)
    rewritten = tmp_path / "lengths.onnx"
    onnx.save(model, str(rewritten))
    for seed, (batch, seq) in enumerate(((4, 23), (1, 5), (3, 64))):
        feeds = padded_batch(seed, 300, batch, seq)
        assert np.abs(run_onnx(str(rewritten), feeds)["logits"] - run_onnx(str(fused), feeds)["logits"]).max() < 1e-5
    # The lengths come from the mask: one row's padding unmasked changes that row alone.
    feeds = padded_batch(9, 300)
    widened = dict(feeds, attention_mask=feeds["attention_mask"].copy())
    widened["attention_mask"][3, :] = 1
    before, after = run_onnx(str(rewritten), feeds)["logits"], run_onnx(str(rewritten), widened)["logits"]
    assert np.abs(after[3] - before[3]).max() > 2e-5 and np.abs(after[:3] - before[:3]).max() < 1e-6


def test_key_lengths_nodes_compute_onnx_runtime_s_3b_plus_2_form(exported, tmp_path):
    _, _, fused, _ = exported
    model = onnx.load(str(fused))
    use_key_lengths(model)
    name = next(node.input[4] for node in model.graph.node if node.op_type == FUSED_OP)
    model.graph.node.append(onnx.helper.make_node("Cast", [name], ["form"], to=onnx.TensorProto.FLOAT))
    model.graph.output.append(onnx.helper.make_tensor_value_info("form", onnx.TensorProto.FLOAT, None))
    path = tmp_path / "lengths.onnx"
    onnx.save(model, str(path))
    feeds = padded_batch(2, 300, 4, 23)
    form = run_onnx(str(path), feeds)["form"]
    starts = [0, 23, 46, 69, 92]
    assert form.tolist() == [23, 19, 15, 11] + starts + starts


def test_float16_graph_reads_key_lengths(exported, tmp_path):
    _, _, fused, _ = exported
    half = tmp_path / "model.fp16.onnx"
    report = to_float16(str(fused), str(half))
    assert report.key_lengths == 3 and key_lengths_count(onnx.load(str(half))) == 3


def test_committed_fixture_fuses_both_layers_without_changing_its_logits(tmp_path):
    fused = tmp_path / "model.onnx"
    report = fuse_file(str(FIXTURE), str(fused))
    assert len(report.fused) == 2 and not report.skipped
    feeds = padded_batch(1, 1000, 3, 20)
    assert np.abs(run_onnx(str(fused), feeds)["logits"] - run_onnx(str(FIXTURE), feeds)["logits"]).max() < 1e-5


def test_a_weak_mask_fill_is_left_unfused_with_the_reason():
    model = onnx.load(str(FIXTURE))
    constants = {node.output[0]: node for node in model.graph.node if node.op_type == "Constant"}
    where = next(node for node in model.graph.node if node.op_type == "Where")
    fill = constants[where.input[1]]
    fill.attribute[0].t.CopyFrom(numpy_helper.from_array(np.array(-1.0, dtype=np.float32)))
    report = fuse_model(model)
    assert len(report.fused) == 1 and len(report.skipped) == 1
    assert "fill value -1" in report.skipped[0][1]


def test_a_graph_without_attention_is_returned_unchanged():
    graph = onnx.helper.make_graph(
        [onnx.helper.make_node("Relu", ["x"], ["y"])], "g",
        [onnx.helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [2])],
        [onnx.helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [2])])
    model = onnx.helper.make_model(graph)
    before = model.SerializeToString()
    report = fuse_model(model)
    assert not report.fused and not report.skipped and model.SerializeToString() == before


def test_the_export_step_fuses_in_place_and_reports_parity_against_the_unfused_graph(exported, tmp_path):
    from fakenews_train.export import fuse_exported

    _, path, _, _ = exported
    target = tmp_path / "model.onnx"
    target.write_bytes(path.read_bytes())
    rng = np.random.default_rng(2)
    sequences = [[2] + rng.integers(5, 300, size=n).tolist() + [3] for n in (3, 17, 40, 9)]
    result = fuse_exported(str(target), sequences, 1e-4)
    assert result["layers"] == 3 and result["passed"] and result["max_abs_diff_logits_vs_unfused"] < 1e-5
    assert fused_count(onnx.load(str(target))) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.onnx"]


def test_the_script_checks_a_model_shorter_than_512_positions_at_its_own_length(tmp_path):
    folder = tmp_path / "tiny"
    shutil.copytree(FIXTURE.parent, folder)
    script = Path(__file__).resolve().parents[2] / "scripts" / "fuse_attention.py"
    done = subprocess.run([sys.executable, str(script), str(folder), "--check", "--articles", str(tmp_path / "none")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "at 64 tokens" in done.stdout and "at 128 tokens" in done.stdout and "at 512 tokens" not in done.stdout
    assert fused_count(onnx.load(str(folder / "model.onnx"))) == 2
