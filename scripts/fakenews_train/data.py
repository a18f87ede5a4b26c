"""Tokenised examples, length-bucketed batches and padding."""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import List, Optional, Sequence

import torch

from .kinds import input_kind, unpunctuated
from .liar import LiarRow, render_history
from .text import model_input
from .tokenizer import WordPieceTokenizer


@dataclass
class Encoded:
    """Each row tokenised as a bare claim and with its metadata rendered before it."""
    bare: List[List[int]]
    meta: List[List[int]]
    labels: List[int]
    targets: List[float]  # p(fake) training target: the binary label, or the ordinal soft target
    bare_posts: List[bool]  # the bare claim is of the post kind (a model with a post head scores it there)


# Ordinal soft targets for --soft-labels: the binary mapping keeps its side (>= 0.7 fake, <= 0.3 real) while the
# six-way rating's distance from the boundary is kept, so a pants-fire claim is pushed further than a barely-true one.
SOFT_TARGETS = {"pants-fire": 1.0, "false": 0.9, "barely-true": 0.7, "half-true": 0.3, "mostly-true": 0.1, "true": 0.0}


def encode_rows(rows: Sequence[LiarRow], tokenizer: WordPieceTokenizer, max_length: int,
                history: Optional[Sequence[Sequence[int]]] = None, soft: bool = False,
                unpunctuated_rows: frozenset = frozenset()) -> Encoded:
    """`unpunctuated_rows`: indices of rows whose bare claim is encoded without its closing punctuation, as people
    often type a claim (the metadata form keeps it)."""
    bare, meta = [], []
    for index, row in enumerate(rows):
        statement = (unpunctuated(row.statement) or row.statement) if index in unpunctuated_rows else row.statement
        bare.append(tokenizer.encode(model_input(statement), max_length))
        metadata = row.metadata()
        if history is not None:
            metadata["context"] = (metadata["context"] + " ; " if metadata["context"] else "") + \
                render_history(history[index])
        meta.append(tokenizer.encode(model_input(row.statement, metadata=metadata), max_length))
    targets = [SOFT_TARGETS[row.label] if soft else float(row.fake) for row in rows]
    bare_posts = [input_kind(row.statement) == "post" for row in rows]
    return Encoded(bare, meta, [row.fake for row in rows], targets, bare_posts)


def bucketed_batches(lengths: Sequence[int], batch_size: int, rng: random.Random, bucket_batches: int = 50
                     ) -> List[List[int]]:
    """Shuffles, sorts by length inside chunks of batch_size * bucket_batches, then shuffles the batches."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * bucket_batches
    batches: List[List[int]] = []
    for start in range(0, len(order), chunk):
        part = sorted(order[start: start + chunk], key=lambda i: lengths[i])
        batches.extend(part[i: i + batch_size] for i in range(0, len(part), batch_size))
    rng.shuffle(batches)
    return batches


def pad(sequences: Sequence[Sequence[int]], pad_id: int = 0) -> tuple:
    """(input_ids, attention_mask) as int64 tensors padded on the right to the longest sequence."""
    width = max(len(s) for s in sequences)
    ids = torch.full((len(sequences), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(sequences), width), dtype=torch.long)
    for row, sequence in enumerate(sequences):
        ids[row, : len(sequence)] = torch.tensor(sequence, dtype=torch.long)
        mask[row, : len(sequence)] = 1
    return ids, mask
