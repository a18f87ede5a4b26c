"""Runs an ONNX model under ONNX Runtime through node (scripts/ort), since Python onnxruntime is not installable."""
from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Dict

import numpy as np

ORT_DIR = Path(__file__).resolve().parent.parent / "ort"


def ensure_installed() -> None:
    """Installs scripts/ort's pinned onnxruntime-node from package-lock.json when node_modules is missing."""
    if (ORT_DIR / "node_modules" / "onnxruntime-node").is_dir():
        return
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=ORT_DIR, check=True)


def run_onnx(model_path: str, inputs: Dict[str, np.ndarray], threads: int = 1) -> Dict[str, np.ndarray]:
    """Runs the model on CPU and returns every output as float32 arrays keyed by output name."""
    ensure_installed()
    with tempfile.TemporaryDirectory(prefix="fakenews-ort-") as tmp:
        specs = []
        for name, array in inputs.items():
            if array.dtype == np.int64:
                dtype = "int64"
            elif array.dtype == np.float32:
                dtype = "float32"
            else:
                raise ValueError(f"input {name}: dtype {array.dtype} is not supported (int64 or float32)")
            path = os.path.join(tmp, f"in_{len(specs)}.bin")
            np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<"), copy=False).tofile(path)
            specs.append({"name": name, "dtype": dtype, "dims": list(array.shape), "file": path})
        request = {"model": os.path.abspath(model_path), "inputs": specs, "outputDir": tmp, "threads": threads}
        request_path = os.path.join(tmp, "request.json")
        with open(request_path, "w", encoding="utf-8") as handle:
            json.dump(request, handle)
        result = subprocess.run(["node", str(ORT_DIR / "run.js"), request_path], capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"onnxruntime-node failed on {model_path}: {result.stderr.strip()}")
        with open(os.path.join(tmp, "outputs.json"), encoding="utf-8") as handle:
            manifest = json.load(handle)
        outputs = {}
        for name, spec in manifest["outputs"].items():
            data = np.fromfile(os.path.join(tmp, spec["file"]), dtype="<f4")
            outputs[name] = data.reshape(spec["dims"])
        return outputs
