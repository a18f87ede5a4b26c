#!/usr/bin/env python3
"""How far apart the ranges of single tokens and of a whole batch are, for every activation an int8 graph quantizes.

    /usr/bin/python3 scripts/activation_ranges.py models/minilm-news-v2 --liar ../shared/data/liar/train.tsv --count 64

Runs the folder's float32 model.onnx under ONNX Runtime (node) on the first `--count` LIAR statements as one padded
batch, with every input of a MatMul with a constant weight exposed as an output, and prints per activation: the
largest |value| over the batch's real tokens (what one per-batch scale must cover), the median and 5th percentile of
each token's own largest |value| (what a per-token scale covers) and their ratio. A ratio of r costs a typical token
about log2(r) bits of its 8 under one scale per batch, and under any fixed (calibrated) scale at least as much.
"""
import argparse
import sys
import tempfile
from pathlib import Path
from typing import Dict

import numpy as np
import onnx
from onnx import TensorProto, helper

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.data import pad  # noqa: E402
from fakenews_train.liar import load_liar  # noqa: E402
from fakenews_train.ort import run_onnx  # noqa: E402
from fakenews_train.quantize import quantized_activations  # noqa: E402
from fakenews_train.tokenizer import WordPieceTokenizer  # noqa: E402


def activation_ranges(model_path: str, ids: np.ndarray, mask: np.ndarray) -> Dict[str, Dict[str, float]]:
    """Per quantized activation: batch_max, token_max_median, token_max_p5 over the tokens where mask is 1."""
    model = onnx.load(model_path)
    names = quantized_activations(model)
    for name in names:
        model.graph.output.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, None))
    with tempfile.TemporaryDirectory(prefix="fakenews-ranges-") as tmp:
        probe = str(Path(tmp) / "probe.onnx")
        onnx.save(model, probe)
        outputs = run_onnx(probe, {"input_ids": ids, "attention_mask": mask}, threads=2)
    real = mask.astype(bool)
    ranges = {}
    for name in names:
        values = np.abs(outputs[name][real])
        token_max = values.max(axis=1)
        ranges[name] = {"batch_max": float(values.max()), "token_max_median": float(np.median(token_max)),
                        "token_max_p5": float(np.percentile(token_max, 5))}
    return ranges


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="model folder with model.onnx and vocab.txt")
    parser.add_argument("--liar", default="../shared/data/liar/train.tsv", help="LIAR .tsv whose statements to run")
    parser.add_argument("--count", type=int, default=64, help="statements in the batch (default 64)")
    parser.add_argument("--max-length", type=int, default=128)
    args = parser.parse_args(argv)
    tokenizer = WordPieceTokenizer.from_file(str(Path(args.model) / "vocab.txt"))
    encoded = [tokenizer.encode(row.statement, args.max_length) for row in load_liar(args.liar)[:args.count]]
    ids, mask = (tensor.numpy() for tensor in pad(encoded))
    print(f"{len(encoded)} statements, {int(mask.sum())} tokens\n")
    print("| activation | batch max | token max: median / 5th percentile | batch max / median token max |")
    print("|---|---|---|---|")
    for name, r in activation_ranges(str(Path(args.model) / "model.onnx"), ids, mask).items():
        print(f"| {name} | {r['batch_max']:.2f} | {r['token_max_median']:.2f} / {r['token_max_p5']:.2f} | "
              f"{r['batch_max'] / r['token_max_median']:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
