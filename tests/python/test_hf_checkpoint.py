"""Fine-tuning a genuine Hugging Face DistilBERT checkpoint folder, proven on a tiny random one written here."""
import json
import random
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from fakenews_train import export as export_module
from fakenews_train import train as train_module
from fakenews_train.checkpoint import load_checkpoint
from fakenews_train.ort import run_onnx
from fakenews_train.tokenizer import WordPieceTokenizer

VOCAB = Path(__file__).resolve().parents[1] / "fixtures" / "tiny-distilbert" / "vocab.txt"
LABELS = ["pants-fire", "false", "barely-true", "half-true", "mostly-true", "true"]


def write_hf_checkpoint(folder: Path, vocab_size: int) -> dict:
    """What transformers' DistilBertForMaskedLM.save_pretrained writes, with random weights."""
    folder.mkdir()
    hf = {"architectures": ["DistilBertForMaskedLM"], "model_type": "distilbert", "activation": "gelu",
          "attention_dropout": 0.1, "dim": 32, "dropout": 0.1, "hidden_dim": 64, "initializer_range": 0.02,
          "max_position_embeddings": 128, "n_heads": 2, "n_layers": 2, "pad_token_id": 0, "qa_dropout": 0.1,
          "seq_classif_dropout": 0.2, "sinusoidal_pos_embds": False, "tie_weights_": True,
          "transformers_version": "4.40.0", "vocab_size": vocab_size}
    (folder / "config.json").write_text(json.dumps(hf))
    g = torch.Generator().manual_seed(7)

    def rand(*shape):
        return torch.randn(*shape, generator=g) * 0.05

    state = {"distilbert.embeddings.word_embeddings.weight": rand(vocab_size, 32),
             "distilbert.embeddings.position_embeddings.weight": rand(128, 32),
             "distilbert.embeddings.LayerNorm.weight": torch.ones(32),
             "distilbert.embeddings.LayerNorm.bias": torch.zeros(32)}
    for n in range(2):
        p = f"distilbert.transformer.layer.{n}."
        for lin in ("q_lin", "k_lin", "v_lin", "out_lin"):
            state[p + f"attention.{lin}.weight"] = rand(32, 32)
            state[p + f"attention.{lin}.bias"] = rand(32)
        state[p + "ffn.lin1.weight"], state[p + "ffn.lin1.bias"] = rand(64, 32), rand(64)
        state[p + "ffn.lin2.weight"], state[p + "ffn.lin2.bias"] = rand(32, 64), rand(32)
        for norm in ("sa_layer_norm", "output_layer_norm"):
            state[p + f"{norm}.weight"], state[p + f"{norm}.bias"] = torch.ones(32), torch.zeros(32)
    state.update({"vocab_transform.weight": rand(32, 32), "vocab_transform.bias": rand(32),
                  "vocab_layer_norm.weight": torch.ones(32), "vocab_layer_norm.bias": torch.zeros(32),
                  "vocab_projector.weight": state["distilbert.embeddings.word_embeddings.weight"],
                  "vocab_projector.bias": torch.zeros(vocab_size)})
    torch.save(state, folder / "pytorch_model.bin")
    shutil.copyfile(VOCAB, folder / "vocab.txt")
    return state


def write_liar(path: Path, rows: int, seed: int) -> None:
    """Synthetic LIAR rows in which 'tax' words go with fake labels, so that a little learning is visible."""
    rng = random.Random(seed)
    lines = []
    for i in range(rows):
        label = rng.choice(LABELS)
        fake = LABELS.index(label) < 3
        words = rng.sample(["tax", "taxes", "money"] if fake else ["school", "health", "water"], 2)
        statement = f"Says the {words[0]} and {words[1]} of the state rose by {rng.randint(2, 90)} percent."
        party = rng.choice(["republican", "democrat"])
        lines.append("\t".join([f"{i}.json", label, statement, "economy", f"speaker-{i % 5}", "", "Texas", party,
                                "0", "0", "0", "0", "0", "a speech"]))
    path.write_text("\n".join(lines) + "\n")


def test_a_hugging_face_distilbert_checkpoint_loads_with_its_weights_and_without_the_mlm_head(tmp_path):
    vocab_size = len(VOCAB.read_text().splitlines())
    state = write_hf_checkpoint(tmp_path / "ckpt", vocab_size)
    model, vocab = load_checkpoint(str(tmp_path / "ckpt"))
    own = model.state_dict()
    assert torch.equal(own["distilbert.transformer.layer.1.ffn.lin2.weight"],
                       state["distilbert.transformer.layer.1.ffn.lin2.weight"])
    assert not any(k.startswith("vocab_") for k in own)
    assert model.config.seq_classif_dropout == 0.2 and vocab.endswith("vocab.txt")


def test_checkpoint_with_a_missing_encoder_weight_is_rejected_naming_the_file(tmp_path):
    vocab_size = len(VOCAB.read_text().splitlines())
    state = write_hf_checkpoint(tmp_path / "ckpt", vocab_size)
    del state["distilbert.transformer.layer.0.ffn.lin1.weight"]
    torch.save(state, tmp_path / "ckpt" / "pytorch_model.bin")
    with pytest.raises(ValueError, match="pytorch_model.bin: missing.*ffn.lin1.weight"):
        load_checkpoint(str(tmp_path / "ckpt"))


def test_fine_tuning_and_exporting_a_hugging_face_checkpoint_end_to_end(tmp_path):
    vocab_size = len(VOCAB.read_text().splitlines())
    write_hf_checkpoint(tmp_path / "ckpt", vocab_size)
    write_liar(tmp_path / "train.tsv", 160, seed=1)
    write_liar(tmp_path / "valid.tsv", 60, seed=2)
    run = tmp_path / "run"
    summary = train_module.run(train_module.parse_args([
        "--base", str(tmp_path / "ckpt"), "--train", str(tmp_path / "train.tsv"),
        "--valid", str(tmp_path / "valid.tsv"), "--out", str(run), "--epochs", "3", "--batch-size", "16",
        "--lr", "1e-3", "--max-length", "64", "--threads", "1", "--seed", "3"]))
    epochs = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    assert [e["epoch"] for e in epochs] == [1, 2, 3]
    assert epochs[-1]["train_loss"] < epochs[0]["train_loss"]
    assert summary["valid"]["bare"]["roc_auc"] > 0.8
    run_config = json.loads((run / "config.json").read_text())
    assert len(run_config["data"]["train"]["sha256"]) == 64 and run_config["git_commit"]

    model_dir = tmp_path / "model"
    report = export_module.run(export_module.parse_args([
        "--run", str(run), "--out", str(model_dir), "--articles", "", "--max-length", "64", "--threads", "1"]))
    assert report["parity"]["passed"]
    config = json.loads((model_dir / "config.json").read_text())
    assert config["inputs"] == ["input_ids", "attention_mask"] and config["labels"] == ["real", "fake"]
    assert config["temperature"] > 0 and 0 < config["threshold"] < 1
    assert (model_dir / "MODEL_CARD.md").read_text().startswith("# minilm-liar")
    tokenizer = WordPieceTokenizer.from_file(str(model_dir / "vocab.txt"))
    texts = ["Says the tax and money of the state rose by 5 percent.",
             "Says the school and water of the state rose by 5 percent."]
    margins = []
    for text in texts:
        ids = np.array([tokenizer.encode(text, 64)], np.int64)
        logits = run_onnx(str(model_dir / "model.onnx"), {"input_ids": ids, "attention_mask": np.ones_like(ids)})
        margins.append(float(logits["logits"][0, 1] - logits["logits"][0, 0]))
    assert margins[0] > margins[1], "the exported model should rate the 'tax' claim as more fake"
