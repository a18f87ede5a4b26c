#!/usr/bin/env python3
"""Writes model.fp16.onnx beside model.onnx: float16 weights and activations for the CUDA provider.

    /usr/bin/python3 scripts/convert_fp16.py models/minilm-news-v2            # writes models/minilm-news-v2/model.fp16.onnx
    /usr/bin/python3 scripts/convert_fp16.py models/minilm-news-v2 --check    # also compares logits under ONNX Runtime (CPU)
    python3 scripts/convert_fp16.py --widen FOLDER/model.fp16.onnx --output FOLDER/model.onnx   # float16 back to float32

What changes and why is described in scripts/fakenews_train/float16.py. Inputs stay int64 and `logits` stays
float32, so the hosts use the file unchanged (`--precision fp16`; they pick it on CUDA when it is present).
The file is not committed (46 MB for the default model): make it where it runs. --check needs node (scripts/ort);
ONNX Runtime's CPU provider runs float16 graphs far slower than CUDA, which is fine for a parity check.
Prints the file's sha256.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.float16 import convert_file, widen_file  # noqa: E402
from quantize_int8 import write_variant  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", help="model folder holding model.onnx (or a path to an .onnx file)")
    parser.add_argument("--output", help="output file (default: model.fp16.onnx beside the input)")
    parser.add_argument("--check", action="store_true",
                        help="run fp32 and fp16 on the same random token batch under ONNX Runtime and print the largest logit difference")
    parser.add_argument("--widen", action="store_true",
                        help="the reverse: read a float16 file, write a float32 one (--output needed); for timing float32 "
                             "kernels where only the float16 file could be copied, since the weights stay the float16 ones")
    args = parser.parse_args(argv)
    if args.widen:
        if not args.output:
            parser.error("--widen needs --output")
        widen_file(args.folder, args.output)
        print(f"wrote {args.output} (float32, weights widened from {args.folder})")
        return 0
    return write_variant("convert_fp16", args.folder, args.output, "model.fp16.onnx", "fp16", convert_file, args.check)


if __name__ == "__main__":
    sys.exit(main())
