"""Fine-tuning loop: metadata dropout, length bucketing, bf16 autocast, AUC model selection, run folders."""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import time
from typing import Dict, List, Sequence

import numpy as np
import torch

from .adversary import SourceAdversary, confusion_weight
from .article_loss import group_ids, grouped_loss, soft_cross_entropy
from .articles import held_out_parts, train_parts
from .checkpoint import load_checkpoint, save_checkpoint
from .data import Encoded, bucketed_batches, encode_rows, pad
from .distill import blend, blend_one, load_teacher, mixed_teacher_p
from .liar import file_sha256, leak_free_history, load_liar
from .metrics import best_threshold, binary_metrics, softmax
from .model import DistilBertForSequenceClassification
from .news import article_examples, epoch_count, epoch_sample, parse_caps, parse_scales, parse_sets
from .optim import parameter_groups
from .predict import predict_logits
from . import validpool
from .tokenizer import WordPieceTokenizer

LABELS = ["real", "fake"]
ADVERSARY_LR_SCALE = 10.0


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def pick_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def evaluate(model: DistilBertForSequenceClassification, valid: Encoded, device: torch.device,
             autocast: bool = True) -> Dict[str, Dict]:
    result = {}
    for variant in ("bare", "meta"):
        post = valid.bare_posts if variant == "bare" and any(valid.bare_posts) else None
        logits = predict_logits(model, getattr(valid, variant), device, autocast=autocast, post=post)
        p_fake = softmax(logits)[:, LABELS.index("fake")]
        metrics = binary_metrics(valid.labels, p_fake)
        tuned = best_threshold(valid.labels, p_fake)
        metrics["tuned"] = binary_metrics(valid.labels, p_fake, tuned)
        result[variant] = metrics
    return result


def smoothed(fake: int, eps: float) -> float:
    """p(fake) target of a hard label with label smoothing eps over the two classes."""
    if not 0.0 <= eps < 1.0:
        raise ValueError(f"label smoothing must be in [0, 1), got {eps}")
    return (1.0 - eps) * fake + eps / 2


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True,
                              cwd=os.path.dirname(__file__)).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Fine-tune a DistilBERT checkpoint on LIAR (binary fake/real).")
    parser.add_argument("--base", default="artifacts/pretrained/minilm-distilbert",
                        help="DistilBERT checkpoint folder (config.json, pytorch_model.bin, vocab.txt)")
    parser.add_argument("--train", default="../shared/data/liar/train.tsv")
    parser.add_argument("--valid", default="../shared/data/liar/valid.tsv")
    parser.add_argument("--out", required=True, help="run folder (under runs/, ignored by git)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--warmup", type=float, default=0.1, help="fraction of steps with linear warm-up")
    parser.add_argument("--weight-decay", type=float, default=0.01)
    parser.add_argument("--dropout", type=float, default=0.1, help="classifier-head dropout")
    parser.add_argument("--metadata-prob", type=float, default=0.5,
                        help="probability that a training example is rendered with its metadata")
    parser.add_argument("--history", action="store_true",
                        help="add leak-free speaker history (5-fold out-of-fold for train) to the metadata")
    parser.add_argument("--mix", default="",
                        help="comma-separated article sets whose TRAIN parts are added (perez_rosas,horne,covid)")
    parser.add_argument("--articles", default="../shared/data/articles", help="folder of the article sets")
    parser.add_argument("--article-length", type=int, default=256,
                        help="window length (special tokens included) of the mixed sets' examples and of their "
                             "held-out evaluation, as the hosts serve it")
    parser.add_argument("--max-article-windows", type=int, default=8,
                        help="windows per mixed article kept as examples, spread over its length")
    parser.add_argument("--no-title-examples", action="store_true",
                        help="do not add the mixed articles' titles alone as headline examples")
    parser.add_argument("--mix-smoothing", type=float, default=0.0,
                        help="label smoothing of the mixed sets' examples: targets eps/2 and 1 - eps/2 (their labels "
                             "belong to a whole article or source, not to each window or title)")
    parser.add_argument("--mix-cap", type=int, default=2500,
                        help="examples per mixed set per epoch: a larger set is sampled afresh each epoch (0 = all)")
    parser.add_argument("--mix-caps", default="",
                        help="per-set caps that override --mix-cap, e.g. covid=400 (name=N, comma-separated)")
    parser.add_argument("--select-articles", type=float, default=0.5,
                        help="with --mix, the held-out article/post AUCs' share in the epoch selection score "
                             "(the rest is LIAR valid's bare and metadata AUC)")
    parser.add_argument("--unpunctuated-share", type=float, default=0.0,
                        help="share of LIAR training claims whose bare form drops its closing punctuation (a fixed, "
                             "seeded subset), so the model also learns claims typed without a period")
    parser.add_argument("--post-head", action="store_true",
                        help="a second classifier head for inputs the hosts derive as posts (links, @mentions, "
                             "#hashtags), so that the post sets do not train the head claims and articles use")
    parser.add_argument("--post-head-sets", default="",
                        help="with --post-head, mixed sets whose every example trains the post head, whatever kind the "
                             "hosts derive for it (e.g. covid: its unmarked posts, which the hosts read as claims or "
                             "headlines, then stay off the head claims use; serving still routes by derived kind)")
    parser.add_argument("--encoder-grad", default="",
                        help="per mixed set, the share of its examples' gradient that reaches the shared encoder, e.g. "
                             "covid=0.25 (name=S, 0 <= S <= 1, comma-separated; default 1): the heads still learn "
                             "from them at full rate, the encoder the claims share less")
    parser.add_argument("--layer-decay", type=float, default=1.0,
                        help="layer-wise learning-rate decay: the top encoder layer trains at lr x D, each layer below "
                             "at D times the one above, the embeddings last (heads at lr; 1 = one rate for all)")
    parser.add_argument("--source-adversary", type=float, default=0.0,
                        help="domain-confusion training: an adversary learns to name each row's training set (LIAR or "
                             "a --mix set) from the pooled representation, and the encoder is trained, with weight W "
                             "ramped up from 0, to leave it unsure (0 = off; needs --mix)")
    parser.add_argument("--article-loss", default="window", choices=["window", "mean"],
                        help="with --mix, how an article's windows learn its label: each on its own (window), or "
                             "together, one loss on their token-weighted mean p(fake) as the hosts aggregate (mean)")
    parser.add_argument("--save-epochs", action="store_true", help="also keep every epoch's weights (averaging)")
    parser.add_argument("--pooling", default="cls", choices=["cls", "mean"],
                        help="classifier input: [CLS] state (DistilBertForSequenceClassification) or masked mean")
    parser.add_argument("--init-seed", type=int, default=None,
                        help="seed of the classifier-head initialisation (default --seed); equal init seeds let "
                             "runs of different --seed be weight-averaged")
    parser.add_argument("--soft-labels", action="store_true",
                        help="train on ordinal soft p(fake) targets from the six-way label (data.SOFT_TARGETS)")
    parser.add_argument("--teacher", default="",
                        help="distil: .npz of averaged teacher p(fake) on the train rows (scripts/teacher_predictions.py)")
    parser.add_argument("--teacher-weight", type=float, default=0.5,
                        help="share of the teacher's p(fake) in each training target (the rest is the label target)")
    parser.add_argument("--mix-teacher-weight", type=float, default=0.0,
                        help="share of the teacher's p(fake) in each mixed example's target (needs a --teacher file "
                             "made with --mix; 0: mixed examples learn their labels alone)")
    parser.add_argument("--mix-teacher-sets", default="",
                        help="comma-separated sets of --mix whose examples take --mix-teacher-weight (default: all)")
    parser.add_argument("--teacher-bare-from", default="bare", choices=["bare", "meta"],
                        help="which teacher prediction bare-claim examples learn: the teacher's on the bare claim, or "
                             "its prediction with the metadata (information the student's input lacks)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    parser.add_argument("--no-autocast", action="store_true", help="train in float32")
    parser.add_argument("--limit-train", type=int, default=0, help="use only the first N train rows (tests)")
    parser.add_argument("--limit-valid", type=int, default=0, help="use only the first N valid rows (tests)")
    args = parser.parse_args(argv)
    if not 0.0 < args.layer_decay <= 1.0:
        parser.error(f"--layer-decay must be in (0, 1], got {args.layer_decay}")
    if not 0.0 <= args.mix_smoothing < 1.0:
        parser.error(f"--mix-smoothing must be in [0, 1), got {args.mix_smoothing}")
    if not 0.0 <= args.mix_teacher_weight <= 1.0:
        parser.error(f"--mix-teacher-weight must be in [0, 1], got {args.mix_teacher_weight}")
    if args.mix_teacher_weight and not (args.teacher and args.mix):
        parser.error("--mix-teacher-weight needs --teacher (a file made with --mix) and --mix")
    if not 0.0 <= args.unpunctuated_share <= 1.0:
        parser.error(f"--unpunctuated-share must be in [0, 1], got {args.unpunctuated_share}")
    return args


def run(args: argparse.Namespace) -> Dict:
    torch.set_num_threads(args.threads)
    set_seed(args.seed if args.init_seed is None else args.init_seed)
    device = pick_device(args.device)
    autocast = not args.no_autocast
    os.makedirs(args.out, exist_ok=True)
    log_path = os.path.join(args.out, "metrics.jsonl")
    open(log_path, "w").close()

    train_rows = load_liar(args.train)
    valid_rows = load_liar(args.valid)
    if args.limit_train:
        train_rows = train_rows[: args.limit_train]
    if args.limit_valid:
        valid_rows = valid_rows[: args.limit_valid]
    model, vocab_path = load_checkpoint(args.base, LABELS, seq_classif_dropout=args.dropout, pooling=args.pooling,
                                        post_head=True if args.post_head else None)
    set_seed(args.seed)
    model.to(device)
    tokenizer = WordPieceTokenizer.from_file(vocab_path)
    train_history = valid_history = None
    if args.history:
        train_history, valid_history = leak_free_history(train_rows, valid_rows, folds=5, seed=args.seed)
    typed = frozenset(random.Random(args.seed).sample(range(len(train_rows)), round(args.unpunctuated_share * len(train_rows))))
    train = encode_rows(train_rows, tokenizer, args.max_length, train_history, soft=args.soft_labels, unpunctuated_rows=typed)
    mix_sizes, mixed, pool = {}, {}, None
    if args.mix:
        for name, part in train_parts(args.articles, args.mix, "--mix").items():
            mixed[name] = article_examples(name, part, tokenizer, args.article_length, args.max_article_windows,
                                           titles=not args.no_title_examples)
            mix_sizes[name] = {"items": len(part), "examples": len(mixed[name]),
                               "titles": sum(e.source.endswith(":title") for e in mixed[name])}
        pool = validpool.build(tokenizer, args.article_length, [], held_out_parts(args.articles))
    try:
        caps = parse_caps(args.mix_caps, list(mixed))
        encoder_grad = parse_scales(args.encoder_grad, list(mixed))
        post_sets = parse_sets(args.post_head_sets, list(mixed), "--post-head-sets")
        taught_sets = parse_sets(args.mix_teacher_sets, list(mixed), "--mix-teacher-sets") or set(mixed)
    except ValueError as error:
        raise SystemExit(str(error)) from None
    if post_sets and not args.post_head:
        raise SystemExit("--post-head-sets needs --post-head")
    if args.source_adversary < 0:
        raise SystemExit(f"--source-adversary must be 0 (off) or positive, got {args.source_adversary}")
    if args.article_loss == "mean" and not mixed:
        raise SystemExit("--article-loss mean needs --mix: LIAR's claims have no windows to score together")
    adversary = None
    if args.source_adversary > 0:
        if not mixed:
            raise SystemExit("--source-adversary needs --mix: with LIAR alone there is no other set to tell apart")
        adversary = SourceAdversary(model.config.dim, ["liar", *mixed]).to(device)
    mixed_per_epoch = epoch_count(mixed, args.mix_cap, caps)
    valid = encode_rows(valid_rows, tokenizer, args.max_length, valid_history)
    targets = {"bare": train.targets, "meta": train.targets}
    teacher_runs: List[str] = []
    if args.teacher:
        teacher, info = load_teacher(args.teacher, args.train)
        teacher_runs = info["teachers"]
        source = {"bare": args.teacher_bare_from, "meta": "meta"}
        targets = {v: blend(train.targets, teacher[source[v]][: len(train_rows)], args.teacher_weight) for v in targets}
    mix_teacher: Dict[int, float] = {}  # id(example) -> teacher p(fake), for --mix-teacher-weight
    if args.mix_teacher_weight:
        try:
            mix_teacher = {id(e): p for name, examples in mixed.items() if name in taught_sets
                           for e, p in zip(examples, mixed_teacher_p(examples, teacher["mix"], args.teacher))}
        except ValueError as error:
            raise SystemExit(str(error)) from None

    run_config = {**vars(args), "git_commit": git_commit(), "device": str(device), "torch": torch.__version__,
                  "data": {"train": {"path": args.train, "rows": len(train_rows), "sha256": file_sha256(args.train)},
                           "valid": {"path": args.valid, "rows": len(valid_rows), "sha256": file_sha256(args.valid)}},
                  "mix": mix_sizes, "teacher_runs": teacher_runs, "mix_teacher_examples": len(mix_teacher),
                  "labels": LABELS, "model": model.config.to_dict(), "started": time.strftime("%Y-%m-%dT%H:%M:%S")}
    with open(os.path.join(args.out, "config.json"), "w", encoding="utf-8") as handle:
        json.dump(run_config, handle, indent=2)

    param_groups = parameter_groups(model, args.lr, args.weight_decay, args.layer_decay)
    if adversary is not None:
        # The adversary learns faster than the encoder, so that the encoder is judged by a current adversary.
        param_groups.append({"params": list(adversary.parameters()), "lr": args.lr * ADVERSARY_LR_SCALE,
                       "weight_decay": args.weight_decay})
    optimizer = torch.optim.AdamW(param_groups, lr=args.lr)
    steps_per_epoch = math.ceil((len(train.labels) + mixed_per_epoch) / args.batch_size)
    total_steps = steps_per_epoch * args.epochs
    warmup_steps = max(1, int(args.warmup * total_steps))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup_steps, max(0.0, (total_steps - s) / max(1, total_steps - warmup_steps))))
    rng = random.Random(args.seed)
    best = {"score": -1.0}
    step = 0
    for epoch in range(1, args.epochs + 1):
        model.train()
        use_meta = [rng.random() < args.metadata_prob for _ in range(len(train.labels))]
        sequences = [train.meta[i] if use_meta[i] else train.bare[i] for i in range(len(train.labels))]
        epoch_targets = [targets["meta" if use_meta[i] else "bare"][i] for i in range(len(train.labels))]
        posts = [train.bare_posts[i] and not use_meta[i] for i in range(len(train.labels))]
        scales = [1.0] * len(train.labels)
        sets = [0] * len(train.labels) if adversary is not None else []  # each row's set index, LIAR first
        extra = []
        if mixed:
            extra = epoch_sample(mixed, args.mix_cap, rng, caps)
            sequences += [e.ids for e in extra]
            epoch_targets += [blend_one(smoothed(e.fake, args.mix_smoothing), mix_teacher.get(id(e)),
                                        args.mix_teacher_weight) for e in extra]
            posts += [e.trains_post_head(post_sets) for e in extra]
            scales += [encoder_grad.get(e.set_name, 1.0) for e in extra]
            if adversary is not None:
                sets += [adversary.index(e.set_name) for e in extra]
        # With --article-loss mean, each article's windows form a group (-1: a row scored alone).
        groups = group_ids([""] * len(train.labels) + [e.item for e in extra]) if args.article_loss == "mean" else None
        batches = bucketed_batches([len(s) for s in sequences], args.batch_size, rng, groups=groups)
        started = time.time()
        seen = 0
        loss_sum = 0.0
        adversary_hits, adversary_loss = 0, 0.0
        for batch_index, batch in enumerate(batches, start=1):
            ids, mask = pad([sequences[i] for i in batch])
            target = torch.tensor([epoch_targets[i] for i in batch], dtype=torch.float32, device=device)
            post = torch.tensor([posts[i] for i in batch], device=device) if args.post_head else None
            scale = torch.tensor([scales[i] for i in batch], device=device) if encoder_grad else None
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=autocast):
                pooled = model.pool(ids.to(device), mask.to(device))
                logits = model.route(model.classify(pooled, scale), post)
            log_p = torch.log_softmax(logits.float(), dim=-1)
            fake = LABELS.index("fake")
            if groups is None:
                loss = soft_cross_entropy(log_p, fake, target).mean()
            else:
                loss = grouped_loss(log_p, fake, target, torch.tensor([groups[i] for i in batch], device=device),
                                    torch.tensor([len(sequences[i]) - 2 for i in batch], device=device))
            total = loss
            if adversary is not None:
                set_loss, confusion, hits = adversary.losses(pooled, torch.tensor([sets[i] for i in batch], device=device))
                total = loss + set_loss + confusion_weight(args.source_adversary, (step + 1) / total_steps) * confusion
                adversary_loss += set_loss.item() * len(batch)
                adversary_hits += hits
            optimizer.zero_grad(set_to_none=True)
            total.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            if adversary is not None:
                torch.nn.utils.clip_grad_norm_(adversary.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            step += 1
            seen += len(batch)
            loss_sum += loss.item() * len(batch)
            if batch_index % 50 == 0 or batch_index == len(batches):
                rate = seen / (time.time() - started)
                print(f"epoch {epoch} batch {batch_index}/{len(batches)} loss {loss_sum / seen:.4f} "
                      + (f"(adversary {adversary_loss / seen:.4f}) " if adversary is not None else "") +
                      f"lr {scheduler.get_last_lr()[0]:.2e} {rate:.1f} seq/s", flush=True)
        train_seconds = time.time() - started
        metrics = evaluate(model, valid, device, autocast)
        score = (metrics["bare"]["roc_auc"] + metrics["meta"]["roc_auc"]) / 2
        if pool is not None:
            aucs = validpool.held_out_aucs(model, pool, metrics, device, autocast)
            metrics["held_out_auc"] = aucs
            score = validpool.selection_score(aucs, args.select_articles)
            print("held-out AUC " + " ".join(f"{k} {v:.4f}" for k, v in aucs.items()), flush=True)
        if adversary is not None:
            print(f"epoch {epoch}: source adversary names the training set of {adversary_hits / seen:.3f} of rows "
                  f"(its loss {adversary_loss / seen:.4f})", flush=True)
        record = {"epoch": epoch, "step": step, "train_loss": loss_sum / seen, "train_seconds": train_seconds,
                  **({"adversary_accuracy": adversary_hits / seen, "adversary_loss": adversary_loss / seen}
                     if adversary is not None else {}),
                  "train_seq_per_s": seen / train_seconds, "eval_seconds": time.time() - started - train_seconds,
                  "selection_score": score, "valid": metrics}
        with open(log_path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")
        print(f"epoch {epoch}: bare AUC {metrics['bare']['roc_auc']:.4f} acc {metrics['bare']['accuracy']:.4f} "
              f"macroF1 {metrics['bare']['macro_f1']:.4f} | meta AUC {metrics['meta']['roc_auc']:.4f} "
              f"acc {metrics['meta']['accuracy']:.4f} macroF1 {metrics['meta']['macro_f1']:.4f}", flush=True)
        if args.save_epochs:
            save_checkpoint(os.path.join(args.out, f"epoch{epoch}"), model.config,
                            {k: v.detach().cpu() for k, v in model.state_dict().items()}, vocab_path)
        if score > best["score"]:
            best = {"score": score, "epoch": epoch, "valid": metrics}
            save_checkpoint(os.path.join(args.out, "best"), model.config,
                            {k: v.detach().cpu() for k, v in model.state_dict().items()}, vocab_path)
    summary = {"best_epoch": best["epoch"], "selection_score": best["score"], "valid": best["valid"],
               "finished": time.strftime("%Y-%m-%dT%H:%M:%S")}
    with open(os.path.join(args.out, "summary.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    print(json.dumps({"best_epoch": best["epoch"], "selection_score": best["score"]}), flush=True)
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    run(parse_args(sys.argv[1:] if argv is None else argv))
    return 0
