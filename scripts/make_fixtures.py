#!/usr/bin/env python3
"""Makes the tiny randomly initialised test models tests/fixtures/tiny-distilbert, tests/fixtures/tiny-bert and
tests/fixtures/tiny-distilbert-posthead (a second head for posts, served as the output post_logits).

Usage: /usr/bin/python3 scripts/make_fixtures.py [--vocab artifacts/pretrained/all-MiniLM-L6-v2/vocab.txt]
Each folder gets model.onnx, vocab.txt (a reduced uncased WordPiece vocabulary), config.json and golden.json
(texts, the ids of scripts/fakenews_train/tokenizer.py and the torch logits, checked against ONNX Runtime).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.model import DistilBertConfig, DistilBertForSequenceClassification  # noqa: E402
from fakenews_train.kinds import input_kind  # noqa: E402
from fakenews_train.onnx_export import POST_OUTPUT, export_onnx, output_names, sha256_of  # noqa: E402
from fakenews_train.ort import run_onnx  # noqa: E402
from fakenews_train.text import model_input  # noqa: E402
from fakenews_train.tokenizer import SPECIAL_TOKENS, WordPieceTokenizer, load_vocab  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
MAX_LENGTH = 128
WORDS = 1200

GOLDEN_REQUESTS = [
    {"text": "Says the county library board wants to close every branch on weekends and holidays."},
    {"text": "When did bread prices start rising? They started rising when the new grain tariff took effect."},
    {"text": "Café résumé naïve — ÉCOLE déjà vu!"},
    {"text": "Unemployment fell to 4.1% in 2017, the lowest in 17 years.", "title": "Jobs report"},
    {"text": "The economy grew.", "metadata": {"speaker": "barack-obama", "party": "democrat", "state": " ",
                                            "context": "a speech"}},
    {"text": "xyzzyqwerty supercalifragilisticexpialidocious 中文 tokens"},
    {"text": " ".join(["health care costs rose by forty percent in the state last year"] * 20)},
]


def reduced_vocab(full_vocab_path: str) -> list[str]:
    """[PAD] first, then the other special tokens, single characters (and ## forms) up to U+024F, then words."""
    tokens = list(load_vocab(full_vocab_path).keys())
    missing = [t for t in SPECIAL_TOKENS if t not in tokens]
    if missing:
        raise SystemExit(f"{full_vocab_path}: lacks special tokens {missing}")
    chars = [t for t in tokens if len(t) == 1 and ord(t) < 0x250]
    subchars = [t for t in tokens if t.startswith("##") and len(t) == 3 and ord(t[2]) < 0x250]
    words = [t for t in tokens[1996:] if t.isascii() and len(t) > 1 and not t.startswith("[")][:WORDS]
    out = list(SPECIAL_TOKENS)
    seen = set(out)
    for token in chars + subchars + words:
        if token not in seen:
            out.append(token)
            seen.add(token)
    return out


# The post-head fixture also scores posts (a link, an @mention or a #hashtag), which take its second output.
POST_REQUESTS = [
    {"text": "Garlic water cures the virus in a day, says @healthnut https://example.com/cure"},
    {"text": "Schools stay open next week #covid19"},
]


def make(name: str, architecture: str, type_vocab_size: int, vocab: list[str], seed: int,
         post_head: bool = False) -> None:
    folder = REPO / "tests" / "fixtures" / name
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "vocab.txt", "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(vocab) + "\n")
    torch.manual_seed(seed)
    config = DistilBertConfig(vocab_size=len(vocab), dim=32, n_layers=2, n_heads=2, hidden_dim=64,
                              max_position_embeddings=MAX_LENGTH, type_vocab_size=type_vocab_size,
                              post_head=post_head)
    model = DistilBertForSequenceClassification(config)
    # Larger random weights than the 0.02 initialisation so that logits differ visibly between inputs.
    with torch.no_grad():
        for parameter in model.parameters():
            if parameter.dim() >= 1 and parameter.shape[-1] != 1:
                parameter.normal_(0.0, 0.2)
        for module in model.modules():
            if isinstance(module, torch.nn.LayerNorm):
                module.weight.fill_(1.0)
                module.bias.zero_()
    model.eval()
    onnx_path = str(folder / "model.onnx")
    inputs = export_onnx(model, onnx_path)

    tokenizer = WordPieceTokenizer.from_file(str(folder / "vocab.txt"))
    golden = []
    for request in GOLDEN_REQUESTS + (POST_REQUESTS if post_head else []):
        text = model_input(request["text"], request.get("title"), request.get("metadata"))
        ids = tokenizer.encode(text, MAX_LENGTH)
        feeds = {"input_ids": np.array([ids], dtype=np.int64), "attention_mask": np.ones((1, len(ids)), np.int64)}
        if type_vocab_size > 0:
            feeds["token_type_ids"] = np.zeros((1, len(ids)), np.int64)
        with torch.no_grad():
            heads = [t.numpy() for t in model.heads(*[torch.from_numpy(feeds[n]) for n in inputs]) if t is not None]
        outputs = output_names(model)
        served = run_onnx(onnx_path, feeds)
        for output, logits in zip(outputs, heads):
            if not np.allclose(logits, served[output], atol=1e-5):
                raise SystemExit(f"{name}: ONNX Runtime and torch disagree on {output}: {logits} vs {served[output]}")
        case = {**request, "model_input": text, "input_ids": ids, "tokens": [vocab[i] for i in ids]}
        if post_head:
            case["kind"] = input_kind(request["text"], request.get("title"), request.get("metadata"))
        case.update({output: [round(float(v), 6) for v in logits[0]] for output, logits in zip(outputs, heads)})
        golden.append(case)
    if type_vocab_size > 0:
        # Proves token_type_ids is used: the same ids with segment 1 give other logits.
        ids = golden[0]["input_ids"]
        feeds = {"input_ids": np.array([ids], np.int64), "attention_mask": np.ones((1, len(ids)), np.int64),
                 "token_type_ids": np.ones((1, len(ids)), np.int64)}
        changed = run_onnx(onnx_path, feeds)["logits"][0]
        if np.allclose(changed, golden[0]["logits"], atol=1e-4):
            raise SystemExit(f"{name}: token_type_ids has no effect")
    with open(folder / "golden.json", "w", encoding="utf-8") as handle:
        note = ("ids from scripts/fakenews_train/tokenizer.py; logits from torch, equal to ONNX "
                "Runtime within 1e-5; single unpadded sequences, token_type_ids all zero")
        if post_head:
            note += "; kind as the hosts derive it, post_logits from the post head (what kind post is scored with)"
        json.dump({"note": note,
                   "max_length": MAX_LENGTH, "cases": golden}, handle, ensure_ascii=False, indent=1)
    config_json = {
        "name": name, "version": "1.0.0", "architecture": architecture, "labels": config.labels,
        "max_length": MAX_LENGTH, "do_lower_case": True, "temperature": 1.0, "threshold": 0.5,
        "inputs": inputs, "outputs": output_names(model),
        **({"kind_outputs": {"post": POST_OUTPUT}} if post_head else {}),
        "dim": config.dim, "n_layers": config.n_layers, "n_heads": config.n_heads, "hidden_dim": config.hidden_dim,
        "vocab_size": len(vocab), "base_weights": "random (seed %d); a test fixture, not a classifier" % seed,
        "onnx_sha256": sha256_of(onnx_path),
    }
    with open(folder / "config.json", "w", encoding="utf-8") as handle:
        json.dump(config_json, handle, indent=2)
        handle.write("\n")
    print(f"{folder}: {os.path.getsize(onnx_path)} bytes ONNX, {len(vocab)} tokens, inputs {inputs}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vocab", default=str(REPO / "artifacts/pretrained/all-MiniLM-L6-v2/vocab.txt"))
    args = parser.parse_args()
    vocab = reduced_vocab(args.vocab)
    make("tiny-distilbert", "DistilBertForSequenceClassification", 0, vocab, seed=1)
    make("tiny-bert", "BertForSequenceClassification", 2, vocab, seed=2)
    make("tiny-distilbert-posthead", "DistilBertForSequenceClassification", 0, vocab, seed=3, post_head=True)


if __name__ == "__main__":
    main()
