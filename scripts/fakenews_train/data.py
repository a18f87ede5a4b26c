"""Tokenised examples, length-bucketed batches and padding."""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

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


def bucketed_batches(lengths: Sequence[int], batch_size: int, rng: random.Random, bucket_batches: int = 50,
                     groups: Optional[Sequence[int]] = None) -> List[List[int]]:
    """Shuffles, sorts by length inside chunks of batch_size * bucket_batches rows, cuts batches of batch_size, then
    shuffles the batches. With `groups` (a number per row, -1 for none), the rows of a group move as one unit, sorted
    by its longest row, and always share a batch: a batch ends early rather than split one, and a group larger than
    `batch_size` is a batch of its own."""
    units: List[List[int]] = []
    members: Dict[int, List[int]] = {}
    for row in range(len(lengths)):
        group = -1 if groups is None else groups[row]
        if group < 0:
            units.append([row])
        elif group in members:
            members[group].append(row)
        else:
            members[group] = [row]
            units.append(members[group])
    rng.shuffle(units)
    batches: List[List[int]] = []
    chunk_rows = batch_size * bucket_batches
    start = 0
    while start < len(units):
        end, rows = start, 0
        while end < len(units) and rows < chunk_rows:
            rows += len(units[end])
            end += 1
        batch: List[int] = []
        for unit in sorted(units[start:end], key=lambda u: max(lengths[i] for i in u)):
            if batch and len(batch) + len(unit) > batch_size:
                batches.append(batch)
                batch = []
            batch.extend(unit)
        if batch:
            batches.append(batch)
        start = end
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
