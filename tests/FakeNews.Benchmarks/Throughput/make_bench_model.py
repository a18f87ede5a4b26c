"""Builds a benchmark-only model folder from the pretrained all-MiniLM-L6-v2 ONNX graph.

    /usr/bin/python3 tests/FakeNews.Benchmarks/Throughput/make_bench_model.py \
        artifacts/pretrained/all-MiniLM-L6-v2 artifacts/bench/minilm-random-head

The encoder is the real pretrained MiniLM (6 layers, dim 384), so its cost is the cost of the served model; a
random linear head on the [CLS] state (seed 0) turns it into a 2-logit classifier. Scores are meaningless: this
folder exists only to measure throughput before the trained model lands. Output is git-ignored (artifacts/).
"""
import json
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

source, target = sys.argv[1], sys.argv[2]
os.makedirs(target, exist_ok=True)
model = onnx.load(os.path.join(source, "model.onnx"))
graph = model.graph
hidden = next(o for o in graph.output if o.name == "last_hidden_state")

rng = np.random.default_rng(0)
graph.initializer.extend([
    numpy_helper.from_array(np.array(0, dtype=np.int64), "bench_cls_index"),
    numpy_helper.from_array((rng.standard_normal((384, 2)) * 0.05).astype(np.float32), "bench_head_w"),
    numpy_helper.from_array(np.zeros(2, dtype=np.float32), "bench_head_b"),
])
graph.node.extend([
    helper.make_node("Gather", ["last_hidden_state", "bench_cls_index"], ["bench_cls"], axis=1),
    helper.make_node("MatMul", ["bench_cls", "bench_head_w"], ["bench_mm"]),
    helper.make_node("Add", ["bench_mm", "bench_head_b"], ["logits"]),
])
del graph.output[:]
graph.output.append(helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 2]))
onnx.save(model, os.path.join(target, "model.onnx"))
shutil.copy(os.path.join(source, "vocab.txt"), os.path.join(target, "vocab.txt"))
config = {
    "name": "minilm-random-head", "version": "0.0.0-bench", "architecture": "BertModel+random-linear-head",
    "labels": ["real", "fake"], "max_length": 256, "do_lower_case": True, "temperature": 1.0, "threshold": 0.5,
    "inputs": ["input_ids", "attention_mask", "token_type_ids"], "outputs": ["logits"],
    "note": "benchmark only: pretrained all-MiniLM-L6-v2 encoder with a random head; scores are meaningless",
}
with open(os.path.join(target, "config.json"), "w") as f:
    json.dump(config, f, indent=2)
print("wrote", target)
