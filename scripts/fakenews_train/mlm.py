"""Task-adaptive pretraining: masked-language modelling on the task's own training text before fine-tuning
(Gururangan et al. 2020, "Don't Stop Pretraining"). The MLM head is DistilBERT's (vocab_transform -> GELU ->
vocab_layer_norm -> vocab_projector tied to the word embeddings), so the result is an ordinary DistilBERT
checkpoint folder that `train.py --base` reads."""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from typing import Dict, List, Sequence

import torch
from torch import nn

from .articles import train_parts
from .checkpoint import load_checkpoint, save_checkpoint
from .data import bucketed_batches, pad
from .liar import file_sha256, load_liar
from .model import LAYER_NORM_EPS, DistilBertModel
from .text import model_input
from .tokenizer import WordPieceTokenizer
from .train import git_commit, pick_device, set_seed


class MaskedLM(nn.Module):
    """DistilBertForMaskedLM's head on an encoder; logits only at the masked positions (cheap on CPU)."""

    def __init__(self, encoder: DistilBertModel) -> None:
        super().__init__()
        dim = encoder.config.dim
        self.distilbert = encoder
        self.vocab_transform = nn.Linear(dim, dim)
        self.vocab_layer_norm = nn.LayerNorm(dim, eps=LAYER_NORM_EPS)
        self.vocab_bias = nn.Parameter(torch.zeros(encoder.config.vocab_size))
        nn.init.normal_(self.vocab_transform.weight, std=0.02)
        nn.init.zeros_(self.vocab_transform.bias)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
        hidden = self.distilbert(ids, mask)[positions]
        hidden = nn.functional.gelu(self.vocab_transform(hidden))
        # LayerNorm in float32 (its bf16 kernel is missing on CPU); the two matmuls stay under the caller's autocast,
        # since float32 matmuls go to the slow packaged BLAS.
        hidden = self.vocab_layer_norm(hidden.float())
        return hidden @ self.distilbert.embeddings.word_embeddings.weight.t() + self.vocab_bias


def mask_tokens(ids: torch.Tensor, attention: torch.Tensor, special: Sequence[int], mask_id: int, vocab_size: int,
                probability: float, generator: torch.Generator):
    """BERT masking: `probability` of the real, non-special tokens are chosen; of those 80% become [MASK], 10% a
    random token, 10% stay. Returns (inputs, chosen positions as a bool tensor, original ids at them)."""
    candidates = attention.bool()
    for token in special:
        candidates &= ids != token
    chosen = (torch.rand(ids.shape, generator=generator) < probability) & candidates
    inputs = ids.clone()
    roll = torch.rand(ids.shape, generator=generator)
    inputs[chosen & (roll < 0.8)] = mask_id
    swap = chosen & (roll >= 0.8) & (roll < 0.9)
    inputs[swap] = torch.randint(vocab_size, ids.shape, generator=generator)[swap]
    return inputs, chosen, ids[chosen]


def corpus(args: argparse.Namespace, tokenizer: WordPieceTokenizer) -> List[List[int]]:
    """LIAR train claims rendered with their metadata, plus the train parts of the article sets when asked."""
    texts = [model_input(row.statement, metadata=row.metadata()) for row in load_liar(args.train)]
    if args.articles_sets:
        for part in train_parts(args.articles, args.articles_sets, "--articles-sets").values():
            texts += [article.model_input() for article in part]
    return [tokenizer.encode(text, args.max_length) for text in texts]


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Masked-LM pretraining of a DistilBERT checkpoint on LIAR train.")
    parser.add_argument("--base", default="artifacts/pretrained/minilm-distilbert")
    parser.add_argument("--train", default="../shared/data/liar/train.tsv")
    parser.add_argument("--articles", default="../shared/data/articles")
    parser.add_argument("--articles-sets", default="", help="also the train parts of these article sets")
    parser.add_argument("--out", required=True, help="checkpoint folder to write (under runs/, ignored by git)")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--mask-probability", type=float, default=0.15)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> Dict:
    torch.set_num_threads(args.threads)
    set_seed(args.seed)
    device = pick_device(args.device)
    classifier, vocab_path = load_checkpoint(args.base)
    tokenizer = WordPieceTokenizer.from_file(vocab_path)
    vocab = tokenizer.vocab
    special = [vocab[t] for t in ("[CLS]", "[SEP]", "[PAD]")]
    model = MaskedLM(classifier.distilbert).to(device)
    sequences = corpus(args, tokenizer)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    total = math.ceil(len(sequences) / args.batch_size) * args.epochs
    warmup = max(1, total // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))))
    rng = random.Random(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    log = []
    for epoch in range(1, args.epochs + 1):
        model.train()
        started, loss_sum, count = time.time(), 0.0, 0
        for batch in bucketed_batches([len(s) for s in sequences], args.batch_size, rng):
            ids, attention = pad([sequences[i] for i in batch])
            inputs, chosen, targets = mask_tokens(ids, attention, special, vocab["[MASK]"], len(vocab),
                                                  args.mask_probability, generator)
            if not chosen.any():
                continue
            with torch.autocast(device.type, dtype=torch.bfloat16):
                logits = model(inputs.to(device), attention.to(device), chosen.to(device))
            loss = nn.functional.cross_entropy(logits.float(), targets.to(device))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            loss_sum += loss.item() * len(targets)
            count += len(targets)
        record = {"epoch": epoch, "mlm_loss": loss_sum / count, "seconds": time.time() - started}
        log.append(record)
        print(json.dumps(record), flush=True)
    state = {k: v.detach().cpu() for k, v in classifier.state_dict().items() if k.startswith("distilbert.")}
    state.update({"vocab_transform.weight": model.vocab_transform.weight.detach().cpu(),
                  "vocab_transform.bias": model.vocab_transform.bias.detach().cpu(),
                  "vocab_layer_norm.weight": model.vocab_layer_norm.weight.detach().cpu(),
                  "vocab_layer_norm.bias": model.vocab_layer_norm.bias.detach().cpu(),
                  "vocab_projector.weight": state["distilbert.embeddings.word_embeddings.weight"],
                  "vocab_projector.bias": model.vocab_bias.detach().cpu()})
    save_checkpoint(args.out, classifier.config, state, vocab_path)
    summary = {**vars(args), "git_commit": git_commit(), "sequences": len(sequences),
               "train_sha256": file_sha256(args.train), "epochs_log": log}
    with open(os.path.join(args.out, "pretraining.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    run(parse_args(sys.argv[1:] if argv is None else argv))
    return 0
