"""LayerNorm and GELU written as single nodes (scripts/fakenews_train/fuse_norms.py), run under ONNX Runtime."""
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper

from fakenews_train.float16 import convert_file as to_float16
from fakenews_train.fuse_norms import count, fuse_norms
from fakenews_train.ort import run_onnx

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "tiny-distilbert" / "model.onnx"


def feeds(seed=3, batch=3, seq=20):
    rng = np.random.default_rng(seed)
    ids = rng.integers(5, 1000, size=(batch, seq)).astype(np.int64)
    mask = np.ones_like(ids)
    mask[1:, seq - 6:] = 0
    return {"input_ids": ids * mask, "attention_mask": mask}


def test_every_layer_norm_and_gelu_becomes_one_node_with_the_same_logits(tmp_path):
    model = onnx.load(str(FIXTURE))
    report = fuse_norms(model)
    onnx.checker.check_model(model)
    # Embeddings plus two per layer; one GELU per feed-forward block, its bias folded in.
    assert (report.layer_norms, report.gelus) == (5, 2)
    assert count(model) == {"LayerNormalization": 5, "Gelu": 0, "BiasGelu": 2}
    ops = [node.op_type for node in model.graph.node]
    assert "Erf" not in ops and "Pow" not in ops and "Sqrt" not in ops
    layer_norm = next(node for node in model.graph.node if node.op_type == "LayerNormalization")
    assert onnx.helper.get_attribute_value(next(a for a in layer_norm.attribute if a.name == "epsilon")) == np.float32(1e-12)
    assert next(o.version for o in model.opset_import if o.domain == "") == 17
    path = tmp_path / "norms.onnx"
    onnx.save(model, str(path))
    for seed in range(3):
        assert np.abs(run_onnx(str(path), feeds(seed))["logits"] - run_onnx(str(FIXTURE), feeds(seed))["logits"]).max() < 1e-5


def test_a_tanh_like_gelu_divisor_is_left_as_it_was():
    model = onnx.load(str(FIXTURE))
    constants = {node.output[0]: node for node in model.graph.node if node.op_type == "Constant"}
    div = next(node for node in model.graph.node if node.op_type == "Div" and node.input[1] in constants
               and abs(float(numpy_helper.to_array(constants[node.input[1]].attribute[0].t)) - 2 ** 0.5) < 1e-6)
    constants[div.input[1]].attribute[0].t.CopyFrom(numpy_helper.from_array(np.array(1.5, dtype=np.float32)))
    report = fuse_norms(model)
    assert report.gelus == 1 and report.layer_norms == 5


def test_float16_graph_holds_the_single_nodes_and_stays_close_to_float32(tmp_path):
    half = tmp_path / "model.fp16.onnx"
    report = to_float16(str(FIXTURE), str(half))
    assert (report.layer_norms, report.gelus) == (5, 2)
    assert count(onnx.load(str(half))) == {"LayerNormalization": 5, "Gelu": 0, "BiasGelu": 2}
    reference, actual = run_onnx(str(FIXTURE), feeds())["logits"], run_onnx(str(half), feeds())["logits"]
    assert np.abs(actual - reference).max() < 5e-3 * max(1.0, np.abs(reference).max())


def test_shipped_model_s_float16_graph_has_every_fusion_the_cuda_kernels_need(tmp_path):
    shipped = Path(__file__).resolve().parents[2] / "models" / "minilm-news-v2" / "model.onnx"
    half = tmp_path / "model.fp16.onnx"
    report = to_float16(str(shipped), str(half))
    # Six layers: 6 attention nodes on key lengths, 13 LayerNorms (embeddings + 2 per layer), 6 GELUs.
    assert (report.key_lengths, report.layer_norms, report.gelus) == (6, 13, 6)
    ops = [node.op_type for node in onnx.load(str(half), load_external_data=False).graph.node]
    assert not {"Erf", "Pow", "Sqrt", "Softmax"} & set(ops)
