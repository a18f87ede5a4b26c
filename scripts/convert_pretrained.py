#!/usr/bin/env python3
"""Converts all-MiniLM-L6-v2 (BERT, ONNX) into a DistilBERT checkpoint folder and proves the encoder is unchanged.

Usage: /usr/bin/python3 scripts/convert_pretrained.py \
         [--onnx artifacts/pretrained/all-MiniLM-L6-v2/model.onnx] [--out artifacts/pretrained/minilm-distilbert]
The original graph is run under ONNX Runtime (node, scripts/ort) on real LIAR statements with padding; the converted
torch encoder must reproduce last_hidden_state within --tolerance (1e-4) at every unpadded position, else exit 1.
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
from fakenews_train.checkpoint import load_checkpoint, save_checkpoint  # noqa: E402
from fakenews_train.convert import convert_bert_onnx  # noqa: E402
from fakenews_train.ort import run_onnx  # noqa: E402
from fakenews_train.tokenizer import WordPieceTokenizer  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SAMPLES = [
    "Says the county library board wants to close every branch on weekends and holidays.",
    "When did bread prices start rising? They started rising when the new grain tariff took effect, "
    "long before (Governor Jane Q.) Roe's second term.",
    "The transit bill will make every bus ride in the state free for students and seniors.",
    "Café owners in Zürich say naïve résumés are déjà vu — 中文 too.",
    "The economy grew.",
    " ".join(["Unemployment fell to 4.1 percent in 2017, the lowest in seventeen years."] * 30),
]


def parity(onnx_path: str, folder: str, max_length: int) -> float:
    model, vocab_path = load_checkpoint(folder)
    encoder = model.distilbert.eval()
    tokenizer = WordPieceTokenizer.from_file(vocab_path)
    encoded = [tokenizer.encode(t, max_length) for t in SAMPLES]
    seq = max(len(e) for e in encoded)
    ids = np.zeros((len(encoded), seq), np.int64)
    mask = np.zeros((len(encoded), seq), np.int64)
    for row, e in enumerate(encoded):
        ids[row, : len(e)] = e
        mask[row, : len(e)] = 1
    reference = run_onnx(onnx_path, {"input_ids": ids, "attention_mask": mask,
                                     "token_type_ids": np.zeros_like(ids)}, threads=2)["last_hidden_state"]
    with torch.no_grad():
        ours = encoder(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()
    real = mask.astype(bool)
    return float(np.abs(ours[real] - reference[real]).max())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--onnx", default=str(REPO / "artifacts/pretrained/all-MiniLM-L6-v2/model.onnx"))
    parser.add_argument("--out", default=str(REPO / "artifacts/pretrained/minilm-distilbert"))
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--tolerance", type=float, default=1e-4)
    args = parser.parse_args()
    vocab = os.path.join(os.path.dirname(args.onnx), "vocab.txt")
    config, state = convert_bert_onnx(args.onnx)
    save_checkpoint(args.out, config, state, vocab)
    diff = parity(args.onnx, args.out, args.max_length)
    report = {"source": args.onnx, "checkpoint": args.out, "max_abs_diff_last_hidden_state": diff,
              "tolerance": args.tolerance, "samples": len(SAMPLES), "passed": diff <= args.tolerance}
    with open(os.path.join(args.out, "parity.json"), "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
    print(json.dumps(report, indent=2))
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
