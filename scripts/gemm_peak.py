#!/usr/bin/env python3
"""This machine's measured matrix-product ceiling under ONNX Runtime, for the README's "how far from the peak" line.

    /usr/bin/python3 scripts/gemm_peak.py --size 2048 --seconds 10 --json

Writes two one-node ONNX graphs under artifacts/gemm/ (float32 MatMul of two [N, N] inputs, and the int8
MatMulInteger that the quantized model's products use: uint8 [N, N] x int8 [N, N] -> int32), then times them with
ONNX Runtime 1.31.0 through the C# benchmark project (`dotnet run -c Release --project tests/FakeNews.Benchmarks --
gemm ...`), i.e. the same runtime, MLAS kernels and threads the product uses. A GEMM microbenchmark linked against
MLAS itself is not possible from .NET, and the best square product ONNX Runtime runs is the ceiling that matters
here. Reports GFLOP/s (fp32) and GOP/s (int8), counting 2 x N^3 operations per product.
"""
import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import onnx
from onnx import TensorProto, helper

ROOT = Path(__file__).resolve().parent.parent


def write_graphs(folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    graphs = {
        "fp32": helper.make_graph(
            [helper.make_node("MatMul", ["a", "b"], ["c"])], "gemm_fp32",
            [helper.make_tensor_value_info("a", TensorProto.FLOAT, ["n", "n"]),
             helper.make_tensor_value_info("b", TensorProto.FLOAT, ["n", "n"])],
            [helper.make_tensor_value_info("c", TensorProto.FLOAT, ["n", "n"])]),
        "int8": helper.make_graph(
            [helper.make_node("MatMulInteger", ["a", "b"], ["c"])], "gemm_int8",
            [helper.make_tensor_value_info("a", TensorProto.UINT8, ["n", "n"]),
             helper.make_tensor_value_info("b", TensorProto.INT8, ["n", "n"])],
            [helper.make_tensor_value_info("c", TensorProto.INT32, ["n", "n"])]),
    }
    paths = {}
    for name, graph in graphs.items():
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
        model.ir_version = 8
        onnx.checker.check_model(model)
        paths[name] = folder / f"gemm_{name}.onnx"
        onnx.save(model, paths[name])
    return paths


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=2048, help="N of the N x N x N product")
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds timed per precision")
    parser.add_argument("--threads", type=int, default=0, help="ONNX Runtime intra-op threads (0: its choice, all cores)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    paths = write_graphs(ROOT / "artifacts" / "gemm")
    results = {}
    for name, path in paths.items():
        out = subprocess.run(
            ["dotnet", "run", "-c", "Release", "--project", str(ROOT / "tests" / "FakeNews.Benchmarks"), "--",
             "gemm", str(path), name, str(args.size), str(args.seconds), str(args.threads)],
            check=True, capture_output=True, text=True, cwd=ROOT)
        results[name] = json.loads(out.stdout.strip().splitlines()[-1])
    report = {
        "size": args.size, "fp32_gflops": results["fp32"]["gops"], "int8_gops": results["int8"]["gops"],
        "threads": results["fp32"]["threads"], "runs": {k: v["runs"] for k, v in results.items()},
        "processor_count": os.cpu_count(), "load_average": os.getloadavg()[0],
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"ONNX Runtime {args.size}^3: fp32 MatMul {report['fp32_gflops']:.1f} GFLOP/s, "
              f"int8 MatMulInteger {report['int8_gops']:.1f} GOP/s ({report['threads']} threads)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
