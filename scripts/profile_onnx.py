#!/usr/bin/env python3
"""Where a model's CPU time goes: ONNX Runtime's profiler over full batches of random ids, summed per operator.

    /usr/bin/python3 scripts/profile_onnx.py models/minilm-news-v2/model.int8.onnx --tokens 64,512 --batch-size 8
    /usr/bin/python3 scripts/profile_onnx.py A.onnx B.onnx --tokens 512 --json     # two graphs, one table each

For each model and length: `--warmup` unprofiled-equivalent first runs are dropped, then the kernel time of the
next `--runs` runs (ONNX Runtime's "Node" events, after its graph optimizations) is summed by operator type and
shown in ms per run and as a share of the kernel total, beside the wall time per run ("model_run" events). Runs
under node's onnxruntime-node (scripts/ort) on the CPU provider with `--threads` intra-op threads; the hosts'
C# ONNX Runtime has the same CPU kernels.
"""
import argparse
import glob
import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.ort import run_onnx_batches  # noqa: E402


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+", help=".onnx files")
    parser.add_argument("--tokens", default="64,512", help="comma-separated sequence lengths (default 64,512)")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--runs", type=int, default=10, help="profiled runs per length (default 10)")
    parser.add_argument("--warmup", type=int, default=2, help="first runs left out of the sums (default 2)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    return parser.parse_args(argv)


def profile(model: str, length: int, batch_size: int, runs: int, warmup: int, threads: int) -> dict:
    rng = np.random.default_rng(length)
    batch = {"input_ids": rng.integers(1000, 20000, size=(batch_size, length), dtype=np.int64),
             "attention_mask": np.ones((batch_size, length), dtype=np.int64)}
    with tempfile.TemporaryDirectory(prefix="fakenews-profile-") as tmp:
        run_onnx_batches(model, [batch] * (warmup + runs), threads, profile_prefix=os.path.join(tmp, "profile"))
        (path,) = glob.glob(os.path.join(tmp, "profile*.json"))
        with open(path, encoding="utf-8") as handle:
            events = json.load(handle)
    run_events = sorted((e for e in events if e.get("name") == "model_run"), key=lambda e: e["ts"])[warmup:]
    start = run_events[0]["ts"]
    per_op = defaultdict(float)
    for event in events:
        if event.get("cat") == "Node" and event["name"].endswith("_kernel_time") and event["ts"] >= start:
            per_op[event["args"]["op_name"]] += event["dur"]
    kernel = sum(per_op.values())
    return {"model": model, "tokens": length, "batch_size": batch_size, "runs": len(run_events),
            "wall_ms_per_run": sum(e["dur"] for e in run_events) / len(run_events) / 1000,
            "kernel_ms_per_run": kernel / len(run_events) / 1000,
            "ops": {op: {"ms_per_run": us / len(run_events) / 1000, "share": us / kernel}
                    for op, us in sorted(per_op.items(), key=lambda item: -item[1])}}


def main(argv=None) -> int:
    args = parse_args(argv)
    results = [profile(model, int(length), args.batch_size, args.runs, args.warmup, args.threads)
               for length in args.tokens.split(",") for model in args.models]
    if args.json:
        print(json.dumps({"load": os.getloadavg(), "results": results}, indent=1))
        return 0
    for r in results:
        print(f"\n{r['model']}: {r['tokens']} tokens x batch {r['batch_size']}, {r['runs']} runs: "
              f"{r['wall_ms_per_run']:.1f} ms per run ({r['kernel_ms_per_run']:.1f} ms in kernels)")
        print("| op | ms per run | share |\n|---|---|---|")
        for op, v in r["ops"].items():
            if v["share"] >= 0.005:
                print(f"| {op} | {v['ms_per_run']:.1f} | {100 * v['share']:.1f}% |")
    print(f"\nload average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
