#!/usr/bin/env python3
"""Writes model.int8.onnx beside model.onnx: dynamic int8 quantization of every MatMul with a constant weight.

    /usr/bin/python3 scripts/quantize_int8.py models/minilm-news-v2            # writes models/minilm-news-v2/model.int8.onnx
    /usr/bin/python3 scripts/quantize_int8.py models/minilm-news-v2 --check    # also compares logits under ONNX Runtime

The scheme (per-channel symmetric int8 weights, dynamic uint8 activations quantized per token so that a text's
logits do not depend on its batch, MatMulInteger) is described in scripts/fakenews_train/quantize.py. Needs only the `onnx` and `numpy` packages;
--check also needs node (scripts/ort runs ONNX Runtime). Prints the file's sha256 for config.json.
"""
import argparse
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.onnx_export import sha256_of  # noqa: E402
from fakenews_train.quantize import ACTIVATIONS, max_abs_logit_difference, quantize_file  # noqa: E402


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", help="model folder holding model.onnx (or a path to an .onnx file)")
    parser.add_argument("--output", help="output file (default: model.int8.onnx beside the input)")
    parser.add_argument("--reduce-range", action="store_true",
                        help="7-bit weights (for CPUs without VNNI, where u8s8 products can saturate)")
    parser.add_argument("--activations", choices=ACTIVATIONS + ("blocks",), default="row",
                        help="activation scales per token (default: batch-invariant), one per batch tensor "
                             "(DynamicQuantizeLinear: a text's logits then move with its batch neighbours), or blocks: "
                             "MatMulNBits, which quantizes each row's blocks itself (batch-invariant too)")
    parser.add_argument("--block-size", type=int, default=32, help="with --activations blocks: weights per block along K")
    parser.add_argument("--no-embeddings", action="store_true",
                        help="keep the word-embedding table in float32 (only MatMul weights become int8)")
    parser.add_argument("--check", action="store_true",
                        help="run fp32 and int8 on the same random token batch under ONNX Runtime and print the largest logit difference")
    return parser.parse_args(argv)


def check_inputs(folder: str, source: str):
    import onnx

    names = [i.name for i in onnx.load(source, load_external_data=False).graph.input]
    vocab_path = os.path.join(folder, "vocab.txt")
    vocab_size = 30522
    if os.path.isfile(vocab_path):
        with open(vocab_path, encoding="utf-8") as handle:
            vocab_size = sum(1 for _ in handle)
    rng = np.random.default_rng(0)
    ids = rng.integers(1000, vocab_size, size=(4, 48), dtype=np.int64)
    mask = np.ones_like(ids)
    mask[2:, 30:] = 0
    feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
    return {name: feeds[name] for name in names}


def write_variant(tool: str, folder_or_file: str, output, file_name: str, label: str, convert, check: bool) -> int:
    """Shared by the precision scripts: resolves model.onnx, writes `file_name` beside it (or `output`) with
    convert(source, target) -> report, prints the report, size and sha256, and with `check` the largest logit
    difference under ONNX Runtime. Returns the exit code."""
    source = folder_or_file if folder_or_file.endswith(".onnx") else os.path.join(folder_or_file, "model.onnx")
    if not os.path.isfile(source):
        print(f"{tool}: error: '{source}' does not exist", file=sys.stderr)
        return 2
    folder = os.path.dirname(os.path.abspath(source))
    target = output or os.path.join(folder, file_name)
    print(convert(source, target).summary())
    print(f"wrote {target} ({os.path.getsize(target) / 1e6:.1f} MB, fp32 {os.path.getsize(source) / 1e6:.1f} MB)")
    print(f"sha256 {sha256_of(target)}")
    if check:
        difference = max_abs_logit_difference(source, target, check_inputs(folder, source))
        print(f"largest |logit(fp32) - logit({label})| on a random 4x48 batch: {difference:.4f}")
    return 0


def main(argv=None) -> int:
    args = parse_args(argv)
    return write_variant(
        "quantize_int8", args.folder, args.output, "model.int8.onnx", "int8",
        lambda source, target: quantize_file(source, target, reduce_range=args.reduce_range, embeddings=not args.no_embeddings,
                                             activations=args.activations, block_size=args.block_size),
        args.check)


if __name__ == "__main__":
    sys.exit(main())
