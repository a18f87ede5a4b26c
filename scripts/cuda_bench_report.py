#!/usr/bin/env python3
"""Gathers what scripts/cuda-bench.sh wrote into OUT_DIR/cuda-bench.json and prints the grid as a Markdown table.

    python3 scripts/cuda_bench_report.py runs/cuda-bench      # also writes runs/cuda-bench/cuda-bench.md

One row per (tokens, batch): the C# pipeline's items/s in fp32 and fp16 (raw ONNX Runtime on the same batches in
brackets), p99 latency, the PyTorch peers' items/s (eager with the training code's attention, eager with
scaled_dot_product_attention, torch.compile), and the fp16 pipeline against the faster eager fp16 peer. Every
evaluation folder (eval-*/metrics.json) goes into cuda-bench.json as well.
Missing runs show as "-".
"""
import glob
import json
import os
import sys

PEERS = ("torch-cuda", "torch-cuda-fp16", "torch-cuda-sdpa", "torch-cuda-sdpa-fp16", "torch-cuda-compile", "torch-cuda-compile-fp16")
EXTRAS = ("model.json", "cuda-bench-claims-fp32.json", "cuda-bench-claims-fp16.json")


def load(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def number(value, digits=0):
    return "-" if value is None else f"{value:,.{digits}f}"


def ratio(a, b):
    return "-" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def table(cells, peers) -> str:
    csharp = {(c.get("precision_asked"), c["length"], c["batch"]): c for c in cells if "items_per_s" in c}
    peer = {name: {(c["length"], c["batch"]): c["items_per_s"] for c in (report or {}).get("cells", [])}
            for name, report in peers.items()}
    keys = sorted({(c["length"], c["batch"]) for c in cells})
    lines = ["| Tokens | Batch | fp32 items/s (raw ORT) | fp16 items/s (raw ORT) | fp16 / fp32 | p99 ms fp32 / fp16 "
             "| torch eager fp32 / fp16 | torch eager sdpa fp32 / fp16 | torch.compile fp32 / fp16 | C# fp16 / best eager fp16 |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for length, batch in keys:
        f32, f16 = csharp.get(("fp32", length, batch)), csharp.get(("fp16", length, batch))

        def items(cell, key="items_per_s"):
            return None if cell is None else cell.get(key)

        def both(cell):
            return "-" if cell is None else f"{number(items(cell))} ({number(items(cell, 'raw_ort_items_per_s'))})"

        def pair(name):
            return f"{number(peer.get(name, {}).get((length, batch)))} / {number(peer.get(name + '-fp16', {}).get((length, batch)))}"

        eager16 = [v for v in (peer.get("torch-cuda-fp16", {}).get((length, batch)),
                               peer.get("torch-cuda-sdpa-fp16", {}).get((length, batch))) if v is not None]
        p99 = f"{number(items(f32, 'p99_ms'), 1)} / {number(items(f16, 'p99_ms'), 1)}"
        lines.append(f"| {length} | {batch} | {both(f32)} | {both(f16)} | {ratio(items(f16), items(f32))} | {p99} "
                     f"| {pair('torch-cuda')} | {pair('torch-cuda-sdpa')} | {pair('torch-cuda-compile')} "
                     f"| {ratio(items(f16), max(eager16) if eager16 else None)} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        raise SystemExit("usage: cuda_bench_report.py OUT_DIR")
    out = argv[0]
    jsonl = os.path.join(out, "cuda-bench.jsonl")
    if not os.path.isfile(jsonl):
        raise SystemExit(f"cuda_bench_report: {jsonl} is missing (run scripts/cuda-bench.sh first)")
    with open(jsonl, encoding="utf-8") as handle:
        cells = [json.loads(line) for line in handle if line.strip()]
    report = {"machine": load(os.path.join(out, "machine.json")), "cells": cells}
    peers = {}
    for name in PEERS:
        peers[name] = load(os.path.join(out, name + ".json"))
        if peers[name] is not None:
            report[name.replace("-", "_")] = peers[name]
    evaluations = sorted(os.path.relpath(path, out) for path in glob.glob(os.path.join(out, "eval-*", "metrics.json")))
    for name in list(EXTRAS) + evaluations:
        value = load(os.path.join(out, name))
        if value is not None:
            report[name.removesuffix(".json").replace("-", "_")] = value
    with open(os.path.join(out, "cuda-bench.json"), "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
    markdown = table(cells, peers)
    with open(os.path.join(out, "cuda-bench.md"), "w", encoding="utf-8") as handle:
        handle.write(markdown + "\n")
    print(markdown)
    print(f"wrote {os.path.join(out, 'cuda-bench.json')} and cuda-bench.md: {len(cells)} cells", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
