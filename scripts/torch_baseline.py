#!/usr/bin/env python3
"""The peer baseline for `fakenews bench`: the same model in PyTorch eager mode, same texts, same threads.

    /usr/bin/python3 scripts/torch_baseline.py --checkpoint runs/minilm-news-v2/best --threads 2 --duration 20 --json

Loads the DistilBERT checkpoint the ONNX model was exported from (scripts/fakenews_train/model.py, the training
code's own module), tokenizes with the training tokenizer (id for id the same as the C# one), and measures items/s
under torch.inference_mode() in two ways, each for --duration seconds after a warm-up:
  unbatched: one text per forward call (no padding);
  batched:   consecutive texts in batches of --batch-size, padded to the batch's longest (torch's usual serving).
Items are texts, as in `fakenews bench`. Tokenization is inside the timed loop, as in the C# pipeline.

Grid mode (--grid 1,8,32,128,256 --lengths 64,128,256,512) times bare forward calls on random ids of exactly each
length instead (no tokenizer), per batch size: the GPU sweep that scripts/cuda-bench.sh runs. --random-weights
builds the same architecture (MiniLM-L6 sizes) without a checkpoint; speed does not depend on the weights.

BLAS: Debian's torch links the reference (netlib) BLAS through libblas.so.3, which runs matrix products about ten
times slower than an optimized one: a strawman baseline. For a fair peer, unpack OpenBLAS locally (no system change):
    mkdir -p artifacts/openblas && cd artifacts/openblas && apt-get download libopenblas0-pthread && dpkg -x libopenblas0-pthread_*.deb root
This script then re-runs itself with that OpenBLAS first on LD_LIBRARY_PATH (--blas system keeps the system one)
and reports the library it ran with.
"""
import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.checkpoint import load_checkpoint  # noqa: E402
from fakenews_train.model import DistilBertConfig, DistilBertForSequenceClassification, MultiHeadSelfAttention  # noqa: E402
from fakenews_train.tokenizer import WordPieceTokenizer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "liar" / "valid.tsv"
LOCAL_OPENBLAS = ROOT / "artifacts" / "openblas" / "root" / "usr" / "lib" / "x86_64-linux-gnu" / "openblas-pthread"


def use_local_openblas(argv) -> None:
    """Re-executes with the unpacked OpenBLAS on LD_LIBRARY_PATH, once; libblas.so.3 is resolved at load time."""
    if not LOCAL_OPENBLAS.is_dir() or str(LOCAL_OPENBLAS) in os.environ.get("LD_LIBRARY_PATH", "").split(":"):
        return
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = ":".join(p for p in (str(LOCAL_OPENBLAS), env.get("LD_LIBRARY_PATH", "")) if p)
    os.execve(sys.executable, [sys.executable, os.path.abspath(__file__), *argv], env)


def blas_library() -> str:
    """The BLAS shared library this process loaded (from /proc/self/maps)."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as handle:
            paths = {line.split()[-1] for line in handle if "blas" in line.rsplit("/", 1)[-1]}
    except OSError:
        return "unknown"
    return ", ".join(sorted(os.path.basename(os.path.realpath(p)) for p in paths)) or "none"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint", default=None,
                        help="DistilBERT checkpoint folder (default: runs/minilm-news-v2/best, else artifacts/pretrained/minilm-distilbert)")
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="LIAR .tsv (statement column) or one text per line")
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="torch intra-op threads (default: all cores, as ONNX Runtime)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds measured per mode")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up per mode")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--device", default="cpu", help="cpu or cuda")
    parser.add_argument("--fp16", action="store_true", help="half precision (cuda only)")
    parser.add_argument("--compile", action="store_true",
                        help="torch.compile the model (PyTorch 2 or later; each new shape compiles during the warm-up)")
    parser.add_argument("--sdpa", action="store_true",
                        help="attention through torch.nn.functional.scaled_dot_product_attention (PyTorch 2 or later: "
                             "fused flash / memory-efficient kernels on CUDA) instead of the training code's matmul-softmax-matmul")
    parser.add_argument("--grid", help="comma-separated batch sizes: time bare forward calls per batch size and --lengths")
    parser.add_argument("--lengths", default="64,128,256,512", help="comma-separated sequence lengths for --grid")
    parser.add_argument("--random-weights", action="store_true", help="the default architecture with random weights, no checkpoint")
    parser.add_argument("--blas", choices=["auto", "system"], default="auto",
                        help="auto: use artifacts/openblas when unpacked there; system: the system libblas.so.3")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser.parse_args(argv)


def default_checkpoint() -> str:
    for candidate in (ROOT / "runs" / "minilm-news-v2" / "best", ROOT / "artifacts" / "pretrained" / "minilm-distilbert"):
        if (candidate / "pytorch_model.bin").is_file():
            return str(candidate)
    raise SystemExit("torch_baseline: no checkpoint found; pass --checkpoint FOLDER")


def load_texts(path: str):
    with open(path, encoding="utf-8") as handle:
        lines = [line.rstrip("\n") for line in handle if line.strip()]
    if path.endswith(".tsv"):
        lines = [fields[2] for fields in (line.split("\t") for line in lines) if len(fields) > 2]
    return lines


def sdpa_forward(attention):
    """A MultiHeadSelfAttention.forward with the same weights and masking, through scaled_dot_product_attention."""
    functional = torch.nn.functional

    def forward(x, mask):
        bs, seq, _ = x.shape
        head = attention.dim // attention.n_heads

        def shape(t):
            return t.view(bs, seq, attention.n_heads, head).transpose(1, 2)

        keep = (mask != 0).view(bs, 1, 1, seq)
        context = functional.scaled_dot_product_attention(shape(attention.q_lin(x)), shape(attention.k_lin(x)),
                                                          shape(attention.v_lin(x)), attn_mask=keep)
        return attention.out_lin(context.transpose(1, 2).reshape(bs, seq, attention.dim))
    return forward


def use_sdpa(model, device) -> None:
    """Swaps every attention module's forward for sdpa_forward, after checking both agree on a padded batch."""
    if not hasattr(torch.nn.functional, "scaled_dot_product_attention"):
        raise SystemExit(f"torch_baseline: --sdpa needs PyTorch 2 or later; this is {torch.__version__}")
    ids = torch.randint(1000, model.config.vocab_size, (4, 48), generator=torch.Generator().manual_seed(2)).to(device)
    mask = torch.ones_like(ids)
    mask[1, 20:] = 0
    with torch.inference_mode():
        before = model(ids, mask).float()
        for module in model.modules():
            if isinstance(module, MultiHeadSelfAttention):
                module.forward = sdpa_forward(module)
        after = model(ids, mask).float()
    difference = (before - after).abs().max().item()
    print(f"torch_baseline: sdpa attention, largest logit difference to matmul-softmax on a padded batch: {difference:.2e}",
          file=sys.stderr, flush=True)
    if difference > 2e-2:
        raise SystemExit(f"torch_baseline: sdpa attention disagrees with the training code's attention ({difference:.2e})")


def measure(step, items_per_step, warmup, duration, sync):
    """Runs step() for warmup seconds, then counts items for duration seconds; returns (items, seconds)."""
    start = time.perf_counter()
    while time.perf_counter() - start < warmup:
        step()
    sync()
    items = 0
    start = time.perf_counter()
    while True:
        items += items_per_step(step())
        sync()
        elapsed = time.perf_counter() - start
        if elapsed >= duration:
            return items, elapsed


def run_grid(args, model, device, sync) -> list:
    """Items/s of bare forward calls on random ids per (batch size, length); each cell warms up, then runs for --duration s at most."""
    cells = []
    vocab = model.config.vocab_size
    for length in [int(x) for x in args.lengths.split(",")]:
        for batch in [int(x) for x in args.grid.split(",")]:
            generator = torch.Generator().manual_seed(1)
            ids = torch.randint(1000, vocab, (batch, length), generator=generator).to(device)
            mask = torch.ones((batch, length), dtype=torch.long, device=device)
            with torch.inference_mode():
                items, seconds = measure(lambda: model(ids, mask), lambda _: batch, args.warmup, args.duration, sync)
            cells.append({"batch": batch, "length": length, "items_per_s": round(items / seconds, 2),
                          "ms_per_batch": round(1000 * seconds * batch / items, 3),
                          "tokens_per_s": round(items * length / seconds, 1)})
            print(f"batch {batch:4d} x {length:4d}: {cells[-1]['items_per_s']:10.1f} items/s, {cells[-1]['ms_per_batch']:8.2f} ms/batch",
                  file=sys.stderr, flush=True)
    return cells


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.blas == "auto":
        use_local_openblas(argv)
    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    if args.random_weights:
        checkpoint, model, vocab_path = "random weights", DistilBertForSequenceClassification(DistilBertConfig()), None
    else:
        checkpoint = args.checkpoint or default_checkpoint()
        model, vocab_path = load_checkpoint(checkpoint, labels=["real", "fake"])
    model = model.eval().to(device)
    if args.fp16:
        model = model.half()
    mode = "eager"
    if args.sdpa:
        mode = "eager sdpa"
        use_sdpa(model, device)
    if args.compile:
        if not hasattr(torch, "compile"):
            raise SystemExit(f"torch_baseline: --compile needs PyTorch 2 or later; this is {torch.__version__}")
        model, mode = torch.compile(model), "compile"
    if args.grid:
        report = {"framework": f"torch {torch.__version__} {mode}", "device": args.device,
                  "device_name": torch.cuda.get_device_name(0) if device.type == "cuda" else platform.processor(),
                  "fp16": args.fp16, "threads": torch.get_num_threads(), "checkpoint": checkpoint,
                  "cells": run_grid(args, model, device, sync)}
        print(json.dumps(report, indent=2))
        return 0
    if vocab_path is None:
        raise SystemExit("torch_baseline: --random-weights needs --grid (texts need a checkpoint's vocabulary)")
    tokenizer = WordPieceTokenizer.from_file(vocab_path)
    texts = load_texts(args.data)
    position = {"next": 0}

    def next_texts(count):
        start = position["next"]
        position["next"] = (start + count) % len(texts)
        return [texts[(start + i) % len(texts)] for i in range(count)]

    def forward(batch_texts):
        encoded = [tokenizer.encode(text, args.max_length) for text in batch_texts]
        longest = max(len(ids) for ids in encoded)
        ids = torch.zeros((len(encoded), longest), dtype=torch.long)
        mask = torch.zeros((len(encoded), longest), dtype=torch.long)
        for row, sequence in enumerate(encoded):
            ids[row, :len(sequence)] = torch.tensor(sequence)
            mask[row, :len(sequence)] = 1
        with torch.inference_mode():
            model(ids.to(device), mask.to(device))
        return len(encoded)

    results = {}
    for mode, size in (("unbatched", 1), ("batched", args.batch_size)):
        items, seconds = measure(lambda: forward(next_texts(size)), lambda n: n, args.warmup, args.duration, sync)
        results[f"{mode}_items_per_s"] = round(items / seconds, 2)

    report = {
        "framework": f"torch {torch.__version__} {mode}", "device": args.device, "fp16": args.fp16,
        "threads": torch.get_num_threads(), "blas": blas_library(), "batch_size": args.batch_size, **results,
        "best_items_per_s": max(results.values()), "texts": len(texts), "data": os.path.basename(args.data),
        "checkpoint": checkpoint, "processor_count": os.cpu_count(), "machine": platform.platform(),
        "load_average": os.getloadavg()[0],
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"torch eager ({args.device}, {report['threads']} threads, {report['blas']}): unbatched {results['unbatched_items_per_s']:.1f} items/s, "
              f"batched x{args.batch_size} {results['batched_items_per_s']:.1f} items/s on {len(texts)} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
