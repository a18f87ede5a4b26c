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
            f"bare-claim examples learn {bare}. No valid label reaches the targets."
            + (_mixed_targets(d) if d.get("mix_teacher_weight") else ""))


def _mixed_targets(d: Dict) -> str:
    """The sentence on the mixed examples' targets: every mixed example learns the teachers' share, or only those
    of the sets `mix_teacher_sets` names."""
    w = d["mix_teacher_weight"]
    sets = [s for s in d.get("mix_teacher_sets", "").split(",") if s]
    subject = (f"Each example of the {' and '.join(TRAIN_PARTS.get(s, s) for s in sets)} train parts" if sets
               else "Each article window, title and post")
    rest = "; the other sets' examples learn their labels alone" if sets else ""
    return f" {subject} learns {1 - w:.0%} its label and {w:.0%} the same teachers' mean p(fake) on that example{rest}."


TRAIN_PARTS = {"perez_rosas": "Pérez-Rosas 2018", "horne": "Horne 2017", "covid": "CONSTRAINT COVID-19"}


SETS = {"perez_rosas": "Pérez-Rosas 2018 articles (held-out 30 % of pairs)",
        "horne": "Horne 2017 articles (RandomPolitical subset)",
        "covid": "CONSTRAINT COVID-19 posts (val split)",
        "perez_rosas:title": "Pérez-Rosas 2018 titles alone",
        "horne:title": "Horne 2017 titles alone",
        "liar-bare": "LIAR valid, bare claim", "liar-meta": "LIAR valid, with metadata"}
ORDER = ["liar-bare", "liar-meta", "perez_rosas", "horne", "covid", "perez_rosas:title", "horne:title"]


def _article_data_line(mix: Dict) -> str:
    sets = ("Pérez-Rosas et al. 2018 (COLING, FakeNewsAMT + Celebrity), Horne & Adali 2017 (NECO, \"This Just In\"), "
            "Patwa et al. 2021 (CONSTRAINT COVID-19 posts)")
    terms = " Research use only; the texts stay their publishers' property."
    if not mix:
        return f"- Article and post sets, used only for measurement on held-out parts (not trained on): {sets}.{terms}"
    parts = ", ".join(f"{name} {m['items']:,} items ({m['examples']:,} examples, {m['titles']:,} of them titles)"
                      if isinstance(m, dict) else f"{name} {m:,} items" for name, m in mix.items())
    return (f"- Article and post sets: {sets}. Their train parts were trained on ({parts}); their held-out parts "
            f"selected the epoch and fitted the calibration and thresholds, and are reported below.{terms}")


def _f(value: float, digits: int = 3) -> str:
    return "n/a" if value != value else f"{value:.{digits}f}"


def _ci(interval) -> str:
    return f"[{interval[0]:+.3f}, {interval[1]:+.3f}]"


def _metric_rows(report: Dict) -> List[str]:
    ref = report.get("reference")
    header = "| input | n | accuracy | ROC-AUC | macro-F1 | ECE |"
    rule = "|---|---|---|---|---|---|"
    if ref:
        header += f" {ref['model']} accuracy / ROC-AUC / macro-F1 / ECE | ROC-AUC difference [95% CI] | accuracy difference [95% CI] |"
        rule += "---|---|---|"
    rows = [header, rule]
    keys = [k for k in ORDER if k in report["metrics"]] + sorted(k for k in report["metrics"] if k.startswith("kind="))
    for key in keys:
        m = report["metrics"][key]
        name = SETS.get(key, key.replace("kind=", "every input of kind "))
        row = f"| {name} | {m['n']} | {_f(m['accuracy'])} | {_f(m['roc_auc'])} | {_f(m['macro_f1'])} | {_f(m['ece'])} |"
        if ref:
            r = ref["metrics"][key]
            row += f" {_f(r['accuracy'])} / {_f(r['roc_auc'])} / {_f(r['macro_f1'])} / {_f(r['ece'])} |"
            ci = ref["difference_ci"].get(key)
            row += (f" {m['roc_auc'] - r['roc_auc']:+.3f} {_ci(ci['roc_auc'])} | "
                    f"{m['accuracy'] - r['accuracy']:+.3f} {_ci(ci['accuracy'])} |") if ci else " | |"
        rows.append(row)
    return rows


def calibration_rows(kinds: Dict[str, Dict]) -> List[str]:
    """The card's per-kind calibration table."""
    lines = ["| kind | valid items | temperature | bias | threshold | ECE before | ECE after | ECE cross-fitted | "
             "ECE if calibrated |", "|---|---|---|---|---|---|---|---|---|"]
    for kind, k in kinds.items():
        noise = f"{k['ece_noise']['mean']:.3f} / {k['ece_noise']['p95']:.3f}" if "ece_noise" in k else "-"
        cf = k.get("ece_cross_fitted")
        crossed = f"{cf['mean']:.3f} ({cf['low']:.3f}-{cf['high']:.3f})" if cf else "-"
        lines.append(f"| {kind} | {k['n']} | {k['temperature']:.3f} | {k['bias']:+.3f} | {k['threshold']:.2f} | "
                     f"{k['ece_before']:.3f} | {k['ece_after']:.3f} | {crossed} | {noise} |")
    return lines


def period_line(period: Dict) -> str:
    """What typing a claim without its final period does to its verdict (calibration.period_consistency)."""
    return (f"A claim typed without its final period can change kind (a short one becomes a headline) and so "
            f"calibration and threshold: over the {period['pairs']:,} LIAR valid claims that change kind that way, "
            f"p(fake) moves by {period['mean_abs_dp']:.3f} on average (95th percentile {period['p95_abs_dp']:.3f}) and "
            f"{period['flips']} verdicts ({period['flips'] / period['pairs']:.1%}) differ from the claim as given"
            + (f"; uncalibrated, the model's own p(fake) moves by {period['mean_abs_dp_uncalibrated']:.3f}."
               if "mean_abs_dp_uncalibrated" in period else "."))


def write_model_card(path: str, report: Dict) -> None:
    c = report["config"]
    run = report["run"]
    kinds = report["kinds"]
    lines: List[str] = [
        f"# {c['name']} {c['version']}: fake/real classifier for claims, headlines, articles and posts",
        "",
        f"A DistilBERT-architecture sequence classifier ({c['n_layers']} layers, {c['dim']} wide, {c['n_heads']} heads, "
        f"uncased WordPiece, {c['vocab_size']:,} tokens), fine-tuned from: {c['base_weights']}. "
        "Served from `model.onnx` (and `model.int8.onnx` on CPU) by the FakeNews.Onnx hosts.",
        "",
        "## Intended use",
        "- A research and triage aid that scores how much a text resembles the fake items of its training sets: "
        "claims PolitiFact rated pants-fire / false / barely-true, fabricated or hoax articles, and COVID-19 "
        "misinformation posts, against half-true / mostly-true / true claims, mainstream articles and official posts.",
        "- Input: a claim, headline, post or article as plain text, with an optional title (read before the body) and "
        "optional speaker metadata rendered as `speaker: X | job: Y | party: Z | state: S | subject: T | context: C | "
        "claim: TEXT` (blank fields left out; the same rule in `scripts/fakenews_train/text.py` and C# "
        "`ClassificationRequest.ModelInput()`). Texts longer than one window are scored window by window.",
        "- Not for: deciding what is true, moderating or ranking speech about people, or any decision about a person.",
        "",
        "## Data and terms",
        f"- LIAR (William Yang Wang, \"Liar, Liar Pants on Fire\": A New Benchmark Dataset for Fake News Detection, "
        f"ACL 2017): train {c['training_data']['liar_train']['rows']:,} rows (sha256 "
        f"`{c['training_data']['liar_train']['sha256'][:16]}...`), valid {c['training_data']['liar_valid']['rows']:,} "
        "rows for model selection, calibration and thresholds. The test split was not used. Terms: research use "
        "only, provided as is; the original sources (PolitiFact) keep the copyright.",
        "- The five credit-history count columns of LIAR are NOT used (they include the row's own label).",
        _article_data_line(c["training_data"].get("article_train_parts", {})),
        "",
        "## Training",
        f"- Base: {c['base_weights']}.",
        f"- Head: {'masked mean of the last hidden states' if c.get('pooling') == 'mean' else 'the [CLS] state'} -> "
        "pre_classifier -> ReLU -> dropout -> classifier; the pooling is inside the ONNX graph, so hosts see only "
        "input_ids, attention_mask -> logits." + (
            " A second head of the same form on the same encoder (output post_logits, config.json kind_outputs) "
            "scores inputs the hosts derive as posts (a link, an @mention or a #hashtag); it is trained on the "
            "examples of that kind, the main head on all others, so the post sets do not pull the head claims "
            "and articles use." if c.get("post_head") else ""),
        f"- Recipe: {run['epochs']} epochs, AdamW lr {run['lr']}, {run['warmup']:.0%} linear warm-up then linear decay, "
        f"batch {run['batch_size']}, weight decay {run['weight_decay']}, claims at max length {run['max_length']}, "
        f"length bucketing, bf16 autocast on CPU, seed {run['seed']}. Metadata dropout: each LIAR example is "
        f"rendered with its metadata with probability {run['metadata_prob']} and as a bare claim otherwise.",
        *([f"- Articles and posts: every window of {run['article_length']} tokens (overlap as the hosts window, at "
           f"most {run['max_article_windows']} windows per article spread over its length) is an example with its "
           f"article's label, and each title alone is a headline example{'' if not run.get('no_title_examples') else ' (off in this run)'}; "
           f"each epoch takes every example of a set with at most {run['mix_cap']:,} and a fresh sample of "
           f"{run['mix_cap']:,} from a larger one, so the COVID posts do not outweigh the rest. Epoch selection: "
           f"{1 - run['select_articles']:.0%} the mean of LIAR valid's bare and metadata ROC-AUC, "
           f"{run['select_articles']:.0%} the mean held-out ROC-AUC of the three sets "
           f"(epoch {c['training'].get('selected_epoch')} kept)."] if run.get("mix") else []),
        *(["- Targets: ordinal soft p(fake) from LIAR's six-way rating (pants-fire 1.0, false 0.9, barely-true 0.7, "
           "half-true 0.3, mostly-true 0.1, true 0.0) with cross-entropy; articles and posts use their 0/1 label."]
          if c["training"].get("soft_labels") else []),
        *([_distillation_line(c["training"]["distillation"])] if c["training"].get("distillation") else []),
        *([f"- Selection: {report['selection_note']}"] if report.get("selection_note") else []),
        f"- Code: `scripts/fakenews_train/`, commit `{run['git_commit'][:12]}`; reproduce with `make pretrained teachers "
        "train export`.",
        "",
        "## Calibration, per input kind",
        "Each input gets a kind from its form alone (`scripts/fakenews_train/kinds.py`, the same rule as C# "
        "`InputKinds.Derive`): speaker metadata -> claim; a title, or 60 words or more -> article; a link, @mention or "
        "#hashtag -> post; at most 25 words without sentence-ending punctuation -> headline; otherwise claim. Per kind, "
        "a temperature and a bias were fitted on the valid items of that kind and on the LIAR valid claims that fall "
        "into it once typed without their final period (short ones become headlines), those weighing as much as the "
        "kind's own items (p = sigmoid(margin / T + bias) per "
        "window, margin = logit(fake) - logit(real), then the token-weighted mean over windows), and the threshold "
        "that maximises macro-F1 was chosen. ECE: 15 equal-width bins of the predicted class' confidence; 'if "
        "calibrated' is the ECE a perfectly calibrated model with the "
        "same probabilities shows on as many items (labels drawn from its own p, 1,000 draws: mean / 95th percentile), "
        "the sampling noise no calibration can remove. 'Cross-fitted' scores each item with a calibration fitted "
        "without it (5 parts, 5 random splits: mean and range), which the ECE after a fit on the same items is not.",
        "",
        *calibration_rows(kinds),
        *([""] + [period_line(report["period"])] if report.get("period") else []),
    ]
    lines += ["", "## Metrics on the valid parts",
              "Every input below was used for epoch selection, calibration and thresholds, so these numbers are "
              "optimistic. Each item is scored with its own kind's calibration and threshold. Differences are "
              "paired bootstrap 95% intervals (1,000 resamples of the items)"
              + (f" against {report['reference']['model']}, scored on the same items with its own temperature and "
                 "threshold." if report.get("reference") else "."), ""]
    lines += _metric_rows(report)
    if report.get("aggregation"):
        lines += ["", "## Article-level aggregation",
                  "How the windows' probabilities of a held-out article (title + body) become its score, article-kind "
                  "calibration; `title_weighted` averages the title alone (one extra window) with the body's token "
                  "mean. The hosts use `token_mean`.", "",
                  "| set | articles | " + " | ".join(f"{r} AUC / ECE" for r in report["aggregation"][next(iter(report["aggregation"]))] if r != "n") + " |",
                  "|---|---|" + "---|" * (len(next(iter(report["aggregation"].values()))) - 1)]
        for name, rules in report["aggregation"].items():
            lines.append(f"| {SETS.get(name, name)} | {rules['n']} | " +
                         " | ".join(f"{v['roc_auc']:.3f} / {v['ece']:.3f}" for r, v in rules.items() if r != "n") + " |")
    t = kinds["claim"]["threshold"]
    for variant, name in (("bare", "Bare claim"), ("metadata", "With metadata")):
        lines += ["", f"### LIAR valid, {name.lower()}, by slice (claim threshold {t:.2f})", "",
                  "Six-way label slices hold one binary class each, so their ROC-AUC is undefined; accuracy is the "
                  "share labelled as their binary class.", "", _HEADER]
        for key, metrics in report["valid"][variant]["slices"].items():
            lines.append(_row(key, metrics))
    lines += [
        "",
        "## Limitations",
        "- Trained on US political claims checked by one fact-checker (PolitiFact, 2007-2016), two small article "
        "collections (crowd-written fakes and celebrity gossip; 2016 political news) and one COVID-19 post set: their "
        "topics, sources and labelling habits. Scores on other countries, languages, periods or genres are unreliable.",
        "- It is not a fact checker: it has no access to evidence and judges wording, style, topic and (when given) "
        "speaker, so it reproduces the biases of the training labels (see the party slices above). On the article and "
        "post sets, style shortcuts (length, links, official-account phrasing) carry much of the signal.",
        "- Valid numbers are optimistic (selection and calibration used them); held-out collections the model never "
        "saw score lower.",
        "- Texts that need more than 64 windows are rejected by the hosts as too long.",
        "- Texts that are only a link, or clearly in another language than English, are refused by the hosts as invalid "
        "input (the model fetches nothing and learned English only; `Classifier:CheckInputScope=false` turns the check "
        "off, see docs/hostile-input.md).",
        f"- ONNX export parity: ONNX Runtime vs torch logits max |diff| "
        f"{report['parity']['max_abs_diff_logits']:.2e} on {report['parity']['examples']} valid examples "
        f"(tolerance {report['parity']['tolerance']}). ONNX sha256 `{c['onnx_sha256']}`.",
    ]
    fused = report["parity"].get("fused_attention")
    if fused:
        lines.append(f"- Attention of all {fused['layers']} layers fused into ONNX Runtime's com.microsoft.MultiHeadAttention "
                     f"(scripts/fuse_attention.py); fused vs unfused logits max |diff| "
                     f"{fused['max_abs_diff_logits_vs_unfused']:.2e} on the same examples.")
    lines.append("")
    if report.get("card_notes"):
        lines += [report["card_notes"].rstrip("\n"), ""]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
