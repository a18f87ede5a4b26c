#!/usr/bin/env python3
"""Where a model's CPU time goes: ONNX Runtime's profiler over full batches of random ids, summed per operator.

    /usr/bin/python3 scripts/profile_onnx.py models/minilm-news-v2/model.int8.onnx --tokens 64,512 --batch-size 8
    /usr/bin/python3 scripts/profile_onnx.py A.onnx B.onnx --tokens 512 --json     # two graphs, one table each
    /usr/bin/python3 scripts/profile_onnx.py --trace PREFIX_<time>.json [--graph OPTIMIZED.onnx]   # a trace already written

`--trace` summarizes a trace that a host's session wrote (`fakenews bench --ort-profile PREFIX`, on any device) the same
way, every run counted; `--graph` adds the operator counts of the graph ONNX Runtime optimized for that device
(`fakenews bench --optimized-graph FILE`). On CUDA the node times are host-side: ONNX Runtime's released builds do not
time the GPU kernels, so they show launch and synchronization cost, not where the GPU spends its time.

For each model and length: the first `--warmup` runs are dropped, then the kernel time of each of the next `--runs`
runs (ONNX Runtime's "Node" events, after its graph optimizations) is summed by operator type; the table shows each
operator's median over the runs in ms and its share of the sum of medians, beside the median and fastest wall time
per run ("model_run" events). Runs
under node's onnxruntime-node (scripts/ort) on the CPU provider with `--threads` intra-op threads; the hosts'
C# ONNX Runtime has the same CPU kernels.
"""
import argparse
import bisect
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
    parser.add_argument("models", nargs="*", help=".onnx files")
    parser.add_argument("--trace", help="summarize this profiler trace (JSON) instead of running models")
    parser.add_argument("--graph", help="with --trace: also count the operators of this (optimized) .onnx graph")
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
    return {"model": model, "tokens": length, "batch_size": batch_size, **summarize(events, warmup)}


def summarize(events: list, warmup: int) -> dict:
    """Per operator type, the median over runs of its summed node time; the runs' wall times."""
    run_events = sorted((e for e in events if e.get("name") == "model_run"), key=lambda e: e["ts"])[warmup:]
    per_run = [defaultdict(float) for _ in run_events]
    starts = [e["ts"] for e in run_events]
    for event in events:
        if event.get("cat") == "Node" and event["name"].endswith("_kernel_time") and event["ts"] >= starts[0]:
            run = bisect.bisect_right(starts, event["ts"]) - 1
            per_run[run][event["args"]["op_name"]] += event["dur"]
    ops = {op for run in per_run for op in run}
    # Medians over the runs: on a shared machine a preempted run inflates a mean, much less a median.
    per_op = {op: float(np.median([run.get(op, 0.0) for run in per_run])) for op in ops}
    kernel = sum(per_op.values())
    walls = [e["dur"] / 1000 for e in run_events]
    if not run_events:
        raise ValueError("the trace holds no model_run event after the warm-up runs")
    return {"runs": len(run_events),
            "wall_ms_median": float(np.median(walls)), "wall_ms_min": min(walls),
            "kernel_ms_median": kernel / 1000,
            "ops": {op: {"ms_median": us / 1000, "share": us / kernel}
                    for op, us in sorted(per_op.items(), key=lambda item: -item[1])}}


def graph_ops(path: str) -> dict:
    """Operator counts of a graph, as domain-qualified names for contrib operators."""
    import onnx

    counts = defaultdict(int)
    for node in onnx.load(path, load_external_data=False).graph.node:
        counts[f"{node.domain}.{node.op_type}" if node.domain not in ("", "ai.onnx") else node.op_type] += 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def print_table(result: dict) -> None:
    print("| op | median ms per run | share of kernel time |\n|---|---|---|")
    for op, v in result["ops"].items():
        if v["share"] >= 0.005:
            print(f"| {op} | {v['ms_median']:.1f} | {100 * v['share']:.1f}% |")


def main_trace(args) -> int:
    with open(args.trace, encoding="utf-8") as handle:
        result = {"trace": args.trace, **summarize(json.load(handle), 0)}
    if args.graph:
        result["graph_ops"] = graph_ops(args.graph)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"{args.trace}: {result['runs']} runs: median {result['wall_ms_median']:.1f} ms per run, "
          f"fastest {result['wall_ms_min']:.1f} ms")
    print_table(result)
    if args.graph:
        print(f"\n{args.graph}: " + ", ".join(f"{op} {n}" for op, n in result["graph_ops"].items()))
    return 0


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.trace:
        return main_trace(args)
    if not args.models:
        print("profile_onnx: error: give .onnx files or --trace", file=sys.stderr)
        return 2
    results = [profile(model, int(length), args.batch_size, args.runs, args.warmup, args.threads)
               for length in args.tokens.split(",") for model in args.models]
    if args.json:
        print(json.dumps({"load": os.getloadavg(), "results": results}, indent=1))
        return 0
    for r in results:
        print(f"\n{r['model']}: {r['tokens']} tokens x batch {r['batch_size']}, {r['runs']} runs: median "
              f"{r['wall_ms_median']:.1f} ms per run, fastest {r['wall_ms_min']:.1f} ms")
        print_table(r)
    print(f"\nload average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
