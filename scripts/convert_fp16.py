#!/usr/bin/env python3
"""Writes model.fp16.onnx beside model.onnx: float16 weights and activations for the CUDA provider.

    /usr/bin/python3 scripts/convert_fp16.py models/minilm-liar-v1            # writes models/minilm-liar-v1/model.fp16.onnx
    /usr/bin/python3 scripts/convert_fp16.py models/minilm-liar-v1 --check    # also compares logits under ONNX Runtime (CPU)

What changes and why is described in scripts/fakenews_train/float16.py. Inputs stay int64 and `logits` stays
float32, so the hosts use the file unchanged (`--precision fp16`; they pick it on CUDA when it is present).
The file is not committed (46 MB for the default model): make it where it runs. --check needs node (scripts/ort);
ONNX Runtime's CPU provider runs float16 graphs far slower than CUDA, which is fine for a parity check.
Prints the file's sha256.
"""
import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.float16 import convert_file  # noqa: E402
from fakenews_train.onnx_export import sha256_of  # noqa: E402
from fakenews_train.quantize import max_abs_logit_difference  # noqa: E402
from quantize_int8 import check_inputs  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", help="model folder holding model.onnx (or a path to an .onnx file)")
    parser.add_argument("--output", help="output file (default: model.fp16.onnx beside the input)")
    parser.add_argument("--check", action="store_true",
                        help="run fp32 and fp16 on the same random token batch under ONNX Runtime and print the largest logit difference")
    args = parser.parse_args(argv)
    source = args.folder if args.folder.endswith(".onnx") else os.path.join(args.folder, "model.onnx")
    if not os.path.isfile(source):
        print(f"convert_fp16: error: '{source}' does not exist", file=sys.stderr)
        return 2
    folder = os.path.dirname(os.path.abspath(source))
    target = args.output or os.path.join(folder, "model.fp16.onnx")
    report = convert_file(source, target)
    print(report.summary())
    print(f"wrote {target} ({os.path.getsize(target) / 1e6:.1f} MB, fp32 {os.path.getsize(source) / 1e6:.1f} MB)")
    print(f"sha256 {sha256_of(target)}")
    if args.check:
        difference = max_abs_logit_difference(source, target, check_inputs(folder, source))
        print(f"largest |logit(fp32) - logit(fp16)| on a random 4x48 batch: {difference:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
