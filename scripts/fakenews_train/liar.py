"""LIAR (Wang 2017) loader: 14 tab-separated columns, tab-only splitting, validation that names line and reason."""
from __future__ import annotations

import hashlib
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

COLUMNS = ("id", "label", "statement", "subject", "speaker", "job", "state", "party",
           "barely_true_count", "false_count", "half_true_count", "mostly_true_count", "pants_on_fire_count",
           "context")
SIX_WAY = ("pants-fire", "false", "barely-true", "half-true", "mostly-true", "true")
FAKE_LABELS = frozenset({"pants-fire", "false", "barely-true"})
REAL_LABELS = frozenset({"half-true", "mostly-true", "true"})
HISTORY_LABELS = ("barely-true", "false", "half-true", "mostly-true", "pants-fire")  # the five count columns


class LiarFormatError(ValueError):
    """A malformed LIAR line; the message names the file, the 1-based line and the reason."""


def binary_label(six_way: str) -> int:
    """1 = fake (pants-fire, false, barely-true), 0 = real (half-true, mostly-true, true)."""
    if six_way in FAKE_LABELS:
        return 1
    if six_way in REAL_LABELS:
        return 0
    raise ValueError(f"unknown label '{six_way}' (expected one of {', '.join(SIX_WAY)})")


@dataclass(frozen=True)
class LiarRow:
    id: str
    label: str
    statement: str
    subject: str
    speaker: str
    job: str
    state: str
    party: str
    counts: tuple  # the five published (leaky) credit-history counts, in HISTORY_LABELS order
    context: str
    line: int

    @property
    def fake(self) -> int:
        return binary_label(self.label)

    def metadata(self) -> Dict[str, str]:
        """The six metadata fields under the names of text.METADATA_FIELDS (subjects as published)."""
        return {"speaker": self.speaker, "job": self.job, "party": self.party, "state": self.state,
                "subject": self.subject, "context": self.context}


def parse_lines(lines: Sequence[str], source: str = "<lines>") -> List[LiarRow]:
    rows: List[LiarRow] = []
    for number, raw in enumerate(lines, start=1):
        line = raw[:-1] if raw.endswith("\n") else raw
        if line.endswith("\r"):
            line = line[:-1]
        if line == "":
            continue
        fields = line.split("\t")  # tab only: eight statements begin with an unbalanced quote
        if len(fields) != len(COLUMNS):
            raise LiarFormatError(f"{source}:{number}: expected {len(COLUMNS)} tab-separated columns, "
                                  f"found {len(fields)}")
        label = fields[1].strip()
        if label not in SIX_WAY:
            raise LiarFormatError(f"{source}:{number}: unknown label '{label}' (expected one of {', '.join(SIX_WAY)})")
        statement = fields[2].strip()
        if statement == "":
            raise LiarFormatError(f"{source}:{number}: empty statement")
        try:
            counts = tuple(int(float(f)) if f.strip() else 0 for f in fields[8:13])
        except ValueError:
            raise LiarFormatError(f"{source}:{number}: a credit-history count is not a number") from None
        rows.append(LiarRow(id=fields[0].strip(), label=label, statement=statement, subject=fields[3].strip(),
                            speaker=fields[4].strip(), job=fields[5].strip(), state=fields[6].strip(),
                            party=fields[7].strip(), counts=counts, context=fields[13].strip(), line=number))
    return rows


def load_liar(path: str) -> List[LiarRow]:
    """Reads a LIAR .tsv file (UTF-8); raises LiarFormatError naming the line and the reason."""
    with open(path, encoding="utf-8", newline="") as handle:
        return parse_lines(handle.read().split("\n"), path)


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        digest.update(handle.read())
    return digest.hexdigest()


def _history(rows: Sequence[LiarRow]) -> Dict[str, Counter]:
    table: Dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        if row.speaker:
            table[row.speaker][row.label] += 1
    return table


def leak_free_history(train: Sequence[LiarRow], others: Optional[Sequence[LiarRow]] = None, folds: int = 5,
                      seed: int = 13) -> tuple:
    """Speaker credit history without leakage.

    Train rows get counts from the OTHER folds only (k-fold out-of-fold, so no row ever counts its own label,
    and a memorised speaker total cannot be inverted to recover it); rows of `others` (valid/test) get counts over
    all of train. Returns (train_counts, other_counts): lists of 6-way count tuples in SIX_WAY order.
    """
    if folds < 2:
        raise ValueError("folds must be at least 2")
    order = list(range(len(train)))
    random.Random(seed).shuffle(order)
    fold_of = {index: position % folds for position, index in enumerate(order)}
    per_fold = [_history([train[i] for i in order if fold_of[i] == f]) for f in range(folds)]
    total = _history(train)
    train_counts = []
    for index, row in enumerate(train):
        own = per_fold[fold_of[index]].get(row.speaker, Counter())
        all_ = total.get(row.speaker, Counter())
        train_counts.append(tuple(all_[label] - own[label] for label in SIX_WAY) if row.speaker else (0,) * 6)
    other_counts = [tuple(total.get(r.speaker, Counter())[label] for label in SIX_WAY) if r.speaker else (0,) * 6
                    for r in (others or [])]
    return train_counts, other_counts


def render_history(counts: Sequence[int]) -> str:
    """A short text form of the counts, e.g. "history: pants-fire 0, false 3, ..." for the metadata prefix."""
    return "history: " + ", ".join(f"{label} {count}" for label, count in zip(SIX_WAY, counts))
