#!/usr/bin/env python3
"""Fuses each layer's attention in an exported float32 model.onnx into com.microsoft.MultiHeadAttention.

    /usr/bin/python3 scripts/fuse_attention.py models/minilm-news-v2            # rewrites models/minilm-news-v2/model.onnx
    /usr/bin/python3 scripts/fuse_attention.py models/minilm-news-v2 --check    # also compares logits under ONNX Runtime
    /usr/bin/python3 scripts/quantize_int8.py models/minilm-news-v2 --check     # then re-quantize: int8 keeps the fusion

The rewrite and why it is exact up to float rounding are described in scripts/fakenews_train/fuse_attention.py.
A folder's model.onnx is replaced (use --output for another file) and, when the folder's config.json and
MODEL_CARD.md name the old file's sha256, they are updated to the new one. A graph that is already fused is left
as it is. Fails (exit 1) when a Softmax could not be fused, unless --allow-partial. --check runs the unfused and
the fused graph under ONNX Runtime (node, scripts/ort) on tokenized held-out articles cut to 64 and 512 tokens,
padded in mixed-length batches, and fails beyond --tolerance (the export's float32 parity tolerance).
"""
import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.fuse_attention import fuse_file, fused_count  # noqa: E402
from fakenews_train.onnx_export import sha256_of  # noqa: E402
from fakenews_train.ort import largest_output_difference  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", help="model folder holding model.onnx (or a path to an .onnx file)")
    parser.add_argument("--output", help="output file (default: replace the input)")
    parser.add_argument("--check", action="store_true", help="compare unfused and fused logits under ONNX Runtime")
    parser.add_argument("--articles", default=str(REPO.parent / "shared" / "data" / "articles"),
                        help="folder of the article sets, for --check (default ../shared/data/articles; "
                             "the sample articles in samples/ when it is missing)")
    parser.add_argument("--tolerance", type=float, default=1e-4, help="largest |logit difference| --check accepts")
    parser.add_argument("--allow-partial", action="store_true", help="accept a graph where some Softmax stays unfused")
    return parser.parse_args(argv)


def check_texts(articles: str, count: int = 8):
    """Held-out article texts (the first `count` of each set's held-out part), or the repository's samples."""
    from fakenews_train.articles import held_out_parts

    if os.path.isdir(articles):
        texts = []
        for held_out in held_out_parts(articles).values():
            texts += [a.model_input() for a in held_out[:count]]
        return texts
    return [p.read_text(encoding="utf-8") for p in sorted((REPO / "samples" / "articles").iterdir())]


def check_batches(folder: str, texts, length: int, batch_size: int = 8):
    """Tokenized texts cut to `length` tokens; every other one shortened by a random amount so batches pad."""
    from fakenews_train.data import pad
    from fakenews_train.tokenizer import WordPieceTokenizer

    tokenizer = WordPieceTokenizer.from_file(os.path.join(folder, "vocab.txt"))
    rng = np.random.default_rng(length)
    sequences = []
    for i, text in enumerate(texts):
        ids = tokenizer.encode(text, length)
        if i % 2:
            ids = ids[: max(4, int(len(ids) * rng.uniform(0.3, 0.9)))]
        sequences.append(ids)
    batches = []
    for start in range(0, len(sequences), batch_size):
        ids, mask = pad(sequences[start: start + batch_size])
        batches.append({"input_ids": ids.numpy(), "attention_mask": mask.numpy()})
    return batches


def position_count(path: str) -> int:
    """Rows of the graph's position embedding table: the longest sequence it accepts."""
    for tensor in onnx.load(path, load_external_data=False).graph.initializer:
        if tensor.name.endswith("position_embeddings.weight"):
            return int(tensor.dims[0])
    raise ValueError(f"{path} has no position embedding table")


def _update_hash(folder: str, old: str, new: str) -> None:
    for name in ("config.json", "MODEL_CARD.md"):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            text = Path(path).read_text(encoding="utf-8")
            if old in text:
                Path(path).write_text(text.replace(old, new), encoding="utf-8")
                print(f"updated the sha256 in {path}")


def main(argv=None) -> int:
    args = parse_args(argv)
    source = args.folder if args.folder.endswith(".onnx") else os.path.join(args.folder, "model.onnx")
    if not os.path.isfile(source):
        print(f"fuse_attention: error: '{source}' does not exist", file=sys.stderr)
        return 2
    folder = os.path.dirname(os.path.abspath(source))
    target = args.output or source
    if fused_count(onnx.load(source, load_external_data=False)) and not any(
            n.op_type == "Softmax" for n in onnx.load(source, load_external_data=False).graph.node):
        print(f"{source} is already fused; nothing to do")
        return 0
    with tempfile.TemporaryDirectory(prefix="fakenews-fuse-") as tmp:
        unfused = os.path.join(tmp, "unfused.onnx")
        shutil.copyfile(source, unfused)
        fused = os.path.join(tmp, "fused.onnx")
        report = fuse_file(unfused, fused)
        print(report.summary())
        if not report.fused or (report.skipped and not args.allow_partial):
            print("fuse_attention: error: not every attention was fused; the file is unchanged", file=sys.stderr)
            return 1
        if args.check:
            texts = check_texts(args.articles)
            longest = position_count(unfused)
            for length in sorted({min(64, longest), min(512, longest)}):
                batches = check_batches(folder, texts, length)
                difference = largest_output_difference(unfused, fused, batches, threads=2)
                print(f"largest |logit(unfused) - logit(fused)| on {len(texts)} texts at {length} tokens: {difference:.2e}")
                if difference > args.tolerance:
                    print(f"fuse_attention: error: above the tolerance {args.tolerance:g}; the file is unchanged",
                          file=sys.stderr)
                    return 1
        old_hash = sha256_of(source)
        shutil.copyfile(fused, target)
    print(f"wrote {target} ({os.path.getsize(target) / 1e6:.1f} MB)")
    new_hash = sha256_of(target)
    print(f"sha256 {new_hash}")
    if os.path.abspath(target) == os.path.abspath(source):
        _update_hash(folder, old_hash, new_hash)
    return 0


if __name__ == "__main__":
    sys.exit(main())
