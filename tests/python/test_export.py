import json
from pathlib import Path

import numpy as np
import onnx
import pytest
import torch

from fakenews_train.model import DistilBertConfig, DistilBertForSequenceClassification
from fakenews_train.onnx_export import export_onnx
from fakenews_train.ort import run_onnx
from fakenews_train.text import model_input
from fakenews_train.tokenizer import WordPieceTokenizer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def padded(rng, vocab, batch=4, seq=17):
    ids = rng.integers(5, vocab, size=(batch, seq)).astype(np.int64)
    mask = np.ones_like(ids)
    for row in range(1, batch):
        mask[row, seq - 3 * row:] = 0
    ids[mask == 0] = 0
    return ids, mask


@pytest.mark.parametrize("type_vocab_size", [0, 2])
def test_exported_tiny_model_matches_torch_under_onnx_runtime_with_padding_and_dynamic_axes(tmp_path, type_vocab_size):
    torch.manual_seed(0)
    model = DistilBertForSequenceClassification(DistilBertConfig(
        vocab_size=300, dim=32, n_layers=2, n_heads=2, hidden_dim=64, max_position_embeddings=64,
        type_vocab_size=type_vocab_size)).eval()
    path = str(tmp_path / "model.onnx")
    names = export_onnx(model, path)
    graph = onnx.load(path).graph
    assert [i.name for i in graph.input] == names
    assert [o.name for o in graph.output] == ["logits"]
    assert graph.input[0].type.tensor_type.shape.dim[0].dim_param == "batch"
    assert graph.input[0].type.tensor_type.shape.dim[1].dim_param == "sequence"
    rng = np.random.default_rng(0)
    for batch, seq in ((4, 17), (1, 5), (3, 40)):
        ids, mask = padded(rng, 300, batch, seq)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if type_vocab_size:
            feeds["token_type_ids"] = np.zeros_like(ids)
        with torch.no_grad():
            expected = model(*[torch.from_numpy(feeds[n]) for n in names]).numpy()
        actual = run_onnx(path, feeds)["logits"]
        assert np.abs(expected - actual).max() < 1e-4


def test_padding_does_not_change_a_sequence_logits(tmp_path):
    torch.manual_seed(1)
    model = DistilBertForSequenceClassification(DistilBertConfig(
        vocab_size=300, dim=32, n_layers=2, n_heads=2, hidden_dim=64, max_position_embeddings=64)).eval()
    path = str(tmp_path / "model.onnx")
    export_onnx(model, path)
    ids = np.array([[2, 50, 60, 70, 3]], np.int64)
    alone = run_onnx(path, {"input_ids": ids, "attention_mask": np.ones_like(ids)})["logits"]
    wide = np.zeros((1, 12), np.int64)
    wide[0, :5] = ids
    mask = (wide != 0).astype(np.int64)
    padded_logits = run_onnx(path, {"input_ids": wide, "attention_mask": mask})["logits"]
    assert np.abs(alone - padded_logits).max() < 1e-5


@pytest.mark.parametrize("name", ["tiny-distilbert", "tiny-bert"])
def test_committed_fixture_reproduces_its_golden_ids_and_logits(name):
    folder = FIXTURES / name
    config = json.loads((folder / "config.json").read_text())
    golden = json.loads((folder / "golden.json").read_text())
    tokenizer = WordPieceTokenizer.from_file(str(folder / "vocab.txt"))
    assert config["labels"] == ["real", "fake"] and config["max_length"] == golden["max_length"]
    for case in golden["cases"]:
        text = model_input(case["text"], case.get("title"), case.get("metadata"))
        assert text == case["model_input"]
        ids = tokenizer.encode(text, config["max_length"])
        assert ids == case["input_ids"]
        feeds = {"input_ids": np.array([ids], np.int64), "attention_mask": np.ones((1, len(ids)), np.int64)}
        if "token_type_ids" in config["inputs"]:
            feeds["token_type_ids"] = np.zeros((1, len(ids)), np.int64)
        logits = run_onnx(str(folder / "model.onnx"), feeds)["logits"][0]
        assert np.abs(logits - np.array(case["logits"])).max() < 1e-4


def test_mean_pooling_model_exports_and_ignores_padding(tmp_path):
    torch.manual_seed(2)
    model = DistilBertForSequenceClassification(DistilBertConfig(
        vocab_size=300, dim=32, n_layers=2, n_heads=2, hidden_dim=64, max_position_embeddings=64,
        pooling="mean")).eval()
    path = str(tmp_path / "model.onnx")
    export_onnx(model, path)
    ids = np.array([[2, 50, 60, 70, 3, 0, 0, 0]], np.int64)
    mask = (ids != 0).astype(np.int64)
    padded_logits = run_onnx(path, {"input_ids": ids, "attention_mask": mask})["logits"]
    alone = run_onnx(path, {"input_ids": ids[:, :5], "attention_mask": mask[:, :5]})["logits"]
    with torch.no_grad():
        expected = model(torch.from_numpy(ids[:, :5]), torch.from_numpy(mask[:, :5])).numpy()
    assert np.abs(alone - padded_logits).max() < 1e-5
    assert np.abs(alone - expected).max() < 1e-4
