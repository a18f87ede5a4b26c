"""Runs an ONNX model under ONNX Runtime through node (scripts/ort), since Python onnxruntime is not installable."""
from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Dict, List, Sequence

import numpy as np

ORT_DIR = Path(__file__).resolve().parent.parent / "ort"


def ensure_installed() -> None:
    """Installs scripts/ort's pinned onnxruntime-node from package-lock.json when node_modules is missing."""
    if (ORT_DIR / "node_modules" / "onnxruntime-node").is_dir():
        return
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=ORT_DIR, check=True)


def _write_inputs(tmp: str, inputs: Dict[str, np.ndarray], prefix: str) -> List[Dict]:
    specs = []
    for name, array in inputs.items():
        if array.dtype == np.int64:
            dtype = "int64"
        elif array.dtype == np.float32:
            dtype = "float32"
        else:
            raise ValueError(f"input {name}: dtype {array.dtype} is not supported (int64 or float32)")
        path = os.path.join(tmp, f"{prefix}in_{len(specs)}.bin")
        np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<"), copy=False).tofile(path)
        specs.append({"name": name, "dtype": dtype, "dims": list(array.shape), "file": path})
    return specs


def _read_outputs(tmp: str, manifest: Dict) -> Dict[str, np.ndarray]:
    return {name: np.fromfile(os.path.join(tmp, spec["file"]), dtype="<f4").reshape(spec["dims"])
            for name, spec in manifest.items()}


def _run(model_path: str, request: Dict, tmp: str, threads: int) -> Dict:
    ensure_installed()
    request = {"model": os.path.abspath(model_path), "outputDir": tmp, "threads": threads, **request}
    request_path = os.path.join(tmp, "request.json")
    with open(request_path, "w", encoding="utf-8") as handle:
        json.dump(request, handle)
    result = subprocess.run(["node", str(ORT_DIR / "run.js"), request_path], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"onnxruntime-node failed on {model_path}: {result.stderr.strip()}")
    with open(os.path.join(tmp, "outputs.json"), encoding="utf-8") as handle:
        return json.load(handle)


def run_onnx(model_path: str, inputs: Dict[str, np.ndarray], threads: int = 1) -> Dict[str, np.ndarray]:
    """Runs the model on CPU and returns every output as float32 arrays keyed by output name."""
    with tempfile.TemporaryDirectory(prefix="fakenews-ort-") as tmp:
        manifest = _run(model_path, {"inputs": _write_inputs(tmp, inputs, "")}, tmp, threads)
        return _read_outputs(tmp, manifest["outputs"])


def run_onnx_batches(model_path: str, batches: Sequence[Dict[str, np.ndarray]], threads: int = 1,
                     profile_prefix: str = "") -> List[Dict[str, np.ndarray]]:
    """Runs many batches through one session (one model load), returning each batch's outputs in order. With
    `profile_prefix`, ONNX Runtime's profiler records the runs into <profile_prefix>_<time>.json."""
    with tempfile.TemporaryDirectory(prefix="fakenews-ort-") as tmp:
        specs = [_write_inputs(tmp, b, f"b{i}_") for i, b in enumerate(batches)]
        request = {"batches": specs, **({"profilePrefix": os.path.abspath(profile_prefix)} if profile_prefix else {})}
        manifest = _run(model_path, request, tmp, threads)
        return [_read_outputs(tmp, m) for m in manifest["batches"]]


def largest_output_difference(reference: str, candidate: str, batches: Sequence[Dict[str, np.ndarray]],
                              threads: int = 1) -> float:
    """Largest |difference| between two graphs' outputs (every output: each head's logits) on the same batches."""
    expected = run_onnx_batches(reference, batches, threads)
    actual = run_onnx_batches(candidate, batches, threads)
    return max(float(np.abs(e[name] - a[name]).max()) for e, a in zip(expected, actual) for name in e)
