"""Writes MODEL_CARD.md from the export report (every number comes from that run)."""
from __future__ import annotations

import os
from typing import Dict, List


def _row(name: str, m: Dict) -> str:
    auc = "n/a" if m["roc_auc"] != m["roc_auc"] else f"{m['roc_auc']:.3f}"
    (tn, fp), (fn, tp) = m["confusion"]
    return (f"| {name} | {m['n']} | {m['accuracy']:.3f} | {auc} | {m['f1_fake']:.3f} | {m['macro_f1']:.3f} "
            f"| {tn} / {fp} / {fn} / {tp} |")


_HEADER = ("| slice | n | accuracy | ROC-AUC | F1 fake | macro-F1 | confusion TN / FP / FN / TP |\n"
           "|---|---|---|---|---|---|---|")


def _distillation_line(d: Dict) -> str:
    w = d["teacher_weight"]
    bare = ("the teachers' p(fake) for the same claim WITH its metadata: the bare path learns what the teachers "
            "conclude from information its input lacks, a lower-variance target than the 0/1 label"
            if d["bare_targets_from"] == "meta" else "the teachers' p(fake) for the bare claim")
    return (f"- Distillation: each target is {1 - w:.0%} the label target above and {w:.0%} the mean p(fake) of "
            f"{len(d['teacher_runs'])} teacher runs ({', '.join(os.path.basename(r) for r in d['teacher_runs'])}) on "
            f"the same LIAR train row. Examples rendered with metadata learn the teachers' metadata prediction; "
            f"bare-claim examples learn {bare}. No valid label reaches the targets.")


def _article_data_line(mix: Dict) -> str:
    sets = ("Pérez-Rosas et al. 2018 (COLING, FakeNewsAMT + Celebrity), Horne & Adali 2017 (NECO, \"This Just In\"), "
            "Patwa et al. 2021 (CONSTRAINT COVID-19 posts)")
    terms = " Research use only; the texts stay their publishers' property."
    if not mix:
        return f"- Article and post sets, used only for measurement on held-out parts (not trained on): {sets}.{terms}"
    parts = ", ".join(f"{name} {count:,}" for name, count in mix.items())
    return (f"- Article and post sets: {sets}. Their train parts were mixed into training ({parts} items); the "
            f"held-out parts below were not trained on.{terms}")


def write_model_card(path: str, report: Dict) -> None:
    c = report["config"]
    run = report["run"]
    valid = report["valid"]
    t = c["threshold"]
    lines: List[str] = [
        f"# {c['name']} {c['version']}: fake/real classifier of short political claims",
        "",
        f"A DistilBERT-architecture sequence classifier ({c['n_layers']} layers, {c['dim']} wide, {c['n_heads']} heads, "
        f"uncased WordPiece, {c['vocab_size']:,} tokens), fine-tuned on LIAR (binary labels) from: {c['base_weights']}. "
        "Served from `model.onnx` by the FakeNews.Onnx hosts.",
        "",
        "## Intended use",
        "- A research and triage aid that scores how much a short claim resembles claims PolitiFact rated "
        "pants-fire / false / barely-true (\"fake\") rather than half-true / mostly-true / true (\"real\").",
        "- Input: a claim as plain text (the bare-claim path the CLI, API and worker mostly receive), optionally with "
        "speaker metadata rendered as `speaker: X | job: Y | party: Z | state: S | subject: T | context: C | claim: "
        "TEXT` (blank fields left out; the same rule in `scripts/fakenews_train/text.py` and C# "
        "`ClassificationRequest.ModelInput()`).",
        "- Not for: deciding what is true, moderating or ranking speech about people, or any decision about a person.",
        "",
        "## Data and terms",
        f"- LIAR (William Yang Wang, \"Liar, Liar Pants on Fire\": A New Benchmark Dataset for Fake News Detection, "
        f"ACL 2017): train {c['training_data']['liar_train']['rows']:,} rows (sha256 "
        f"`{c['training_data']['liar_train']['sha256'][:16]}...`), valid {c['training_data']['liar_valid']['rows']:,} "
        "rows for model selection, calibration and the threshold. The test split was not used. Terms: research use "
        "only, provided as is; the original sources (PolitiFact) keep the copyright.",
        "- The five credit-history count columns of LIAR are NOT used (they include the row's own label).",
        _article_data_line(c["training_data"].get("article_train_parts", {})),
        "",
        "## Training",
        f"- Base: {c['base_weights']}.",
        f"- Head: {'masked mean of the last hidden states' if c.get('pooling') == 'mean' else 'the [CLS] state'} -> "
        "pre_classifier -> ReLU -> dropout -> classifier (DistilBertForSequenceClassification layout"
        f"{', with mean instead of [CLS] pooling' if c.get('pooling') == 'mean' else ''}); the pooling is inside "
        "the ONNX graph, so hosts see only input_ids, attention_mask -> logits.",
        f"- Recipe: {run['epochs']} epochs, AdamW lr {run['lr']}, {run['warmup']:.0%} linear warm-up then linear decay, "
        f"batch {run['batch_size']}, weight decay {run['weight_decay']}, max length {run['max_length']} in training, "
        f"length bucketing, bf16 autocast on CPU, seed {run['seed']}. Metadata dropout: each training example is "
        f"rendered with its metadata with probability {run['metadata_prob']} and as a bare claim otherwise, so one "
        "model serves both paths. Model selection on valid by the mean of bare and metadata ROC-AUC"
        f" (epoch {c['training'].get('selected_epoch')} kept).",
        *(["- Targets: ordinal soft p(fake) from the six-way rating (pants-fire 1.0, false 0.9, barely-true 0.7, "
           "half-true 0.3, mostly-true 0.1, true 0.0) with cross-entropy; evaluation uses the binary labels."]
          if c["training"].get("soft_labels") else []),
        *([_distillation_line(c["training"]["distillation"])] if c["training"].get("distillation") else []),
        *([f"- Selection: {report['selection_note']}"] if report.get("selection_note") else []),
        f"- Code: `scripts/fakenews_train/`, commit `{run['git_commit'][:12]}`; reproduce with `make pretrained train "
        "export`.",
        "",
        "## Calibration and decision threshold",
        f"- Temperature scaling fitted on valid (bare and metadata inputs together): T = {report['temperature']:.4f}; "
        "p = softmax(logits / T).",
    ]
    for variant, name in (("bare", "bare claim"), ("meta", "with metadata")):
        cal = report["calibration"][variant]
        lines.append(f"- Expected calibration error (15 bins), {name}: {cal['ece_before']:.4f} before, "
                     f"{cal['ece_after']:.4f} after.")
    lines += [
        f"- Threshold: label = fake when calibrated p_fake >= {t:.2f}, chosen on valid to maximise bare-claim "
        "macro-F1; valid metrics at that threshold are therefore optimistic (metrics at 0.5 are shown too).",
        "",
        "## Metrics on LIAR valid",
        "Confusion: rows are the truth (real, fake), columns the prediction.",
        "",
        _HEADER,
    ]
    for variant, name in (("bare", "bare claim"), ("metadata", "with metadata")):
        lines.append(_row(f"{name}, threshold {t:.2f}", valid[variant]["at_threshold"]))
        lines.append(_row(f"{name}, threshold 0.50", valid[variant]["at_0.5"]))
    for variant, name in (("bare", "Bare claim"), ("metadata", "With metadata")):
        lines += ["", f"### {name}, by slice (threshold {t:.2f})", "",
                  "Six-way label slices hold one binary class each, so their ROC-AUC is undefined; accuracy is the "
                  "share labelled as their binary class.", "", _HEADER]
        for key, metrics in valid[variant]["slices"].items():
            lines.append(_row(key, metrics))
    lines += ["", "## Articles and posts (held-out parts, not trained on)", "",
              "Long texts are scored as the hosts do: windows of max_length - 2 tokens overlapping by 64, "
              "token-weighted mean of the calibrated probabilities (`windowed`); `first window` = truncation. "
              "Measured by `scripts/measure_articles.py` under bf16 autocast (scores within ~1e-2 of the ONNX "
              "model). No article or post was trained on, so these are out-of-domain numbers.", "",
              _HEADER]
    split = {"perez_rosas": "Pérez-Rosas 2018, 30 % of pairs", "horne": "Horne 2017, RandomPolitical subset",
             "covid": "CONSTRAINT COVID-19, val split"}
    if not report["articles"]:
        lines += ["", "Not measured in this export (run without `--articles`): the article and post numbers are still "
                      "to be measured with `scripts/export_model.py`."]
    for name, result in report["articles"].items():
        lines.append(_row(f"{split.get(name, name)}, first window", result["first_window"]))
        lines.append(_row(f"{split.get(name, name)}, windowed", result["windowed"]))
    lines += [
        "",
        "## Limitations",
        "- Trained on US political claims checked by one fact-checker (PolitiFact, 2007-2016): its topics, speakers "
        "and rating habits. Scores on other countries, languages, periods or genres are unreliable.",
        "- It is not a fact checker: it has no access to evidence and judges wording, topic and (when given) speaker, "
        "so it reproduces the biases of the training labels (see the party slices above).",
        "- LIAR is hard: about two thirds accuracy at best for models of this size; treat a score as a weak signal.",
        "- Long articles are split into overlapping windows whose probabilities are averaged; the model never saw "
        "article-length text in training, and the article numbers above show how far that transfers. Texts that "
        "need more than 64 windows are rejected by the hosts as too long.",
        f"- ONNX export parity: ONNX Runtime vs torch logits max |diff| "
        f"{report['parity']['max_abs_diff_logits']:.2e} on {report['parity']['examples']} valid examples "
        f"(tolerance {report['parity']['tolerance']}). ONNX sha256 `{c['onnx_sha256']}`.",
        "",
    ]
    if report.get("card_notes"):
        lines += [report["card_notes"].rstrip("\n"), ""]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
