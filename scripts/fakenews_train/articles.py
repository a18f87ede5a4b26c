"""Article- and post-level sets in ../shared/data/articles, with the held-out splits their PROVENANCE files advise.

perez_rosas_2018: fake/real items come in numbered pairs -> split by pair (a seeded 30 % of pairs held out).
horne2017: labels are per source subset -> train on BuzzfeedPolitical, hold out RandomPolitical.
covid19_constraint: its own split -> train:* rows for training, val:* rows held out.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from typing import Dict, List, Tuple

from .text import model_input

FILES = {"perez_rosas": "perez_rosas_2018.csv", "horne": "horne2017.csv", "covid": "covid19_constraint.csv"}


@dataclass(frozen=True)
class Article:
    id: str
    fake: int
    title: str
    text: str
    source: str

    def model_input(self) -> str:
        return model_input(self.text, self.title or None)


def load_articles(path: str) -> List[Article]:
    """Reads one normalized CSV (id, label fake|real, title, text, source_dataset; every field quoted)."""
    articles = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        expected = ["id", "label", "title", "text", "source_dataset"]
        if reader.fieldnames != expected:
            raise ValueError(f"{path}: header {reader.fieldnames} is not {expected}")
        for number, row in enumerate(reader, start=2):
            if row["label"] not in ("fake", "real"):
                raise ValueError(f"{path}: row {number}: unknown label '{row['label']}'")
            if not row["text"].strip():
                raise ValueError(f"{path}: row {number}: empty text")
            articles.append(Article(row["id"], int(row["label"] == "fake"), row["title"], row["text"],
                                    row["source_dataset"]))
    return articles


def perez_rosas_pair(article_id: str) -> str:
    """'FakeNewsAMT:biz01.fake' -> 'FakeNewsAMT:biz01'; 'Celebrity:001legit' -> 'Celebrity:001'."""
    subset, stem = article_id.split(":", 1)
    if subset == "FakeNewsAMT":
        return subset + ":" + stem.split(".")[0]
    match = re.match(r"(\d+)", stem)
    if not match:
        raise ValueError(f"cannot find the pair number in '{article_id}'")
    return subset + ":" + match.group(1)


def _held_out_pair(pair: str, fraction: float = 0.3) -> bool:
    return int(hashlib.sha256(pair.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < fraction


def split(name: str, articles: List[Article]) -> Tuple[List[Article], List[Article]]:
    """(train part, held-out part) of one set."""
    if name == "perez_rosas":
        held = [_held_out_pair(perez_rosas_pair(a.id)) for a in articles]
    elif name == "horne":
        held = [a.id.startswith("RandomPolitical:") for a in articles]
    elif name == "covid":
        held = [a.id.startswith("val:") for a in articles]
    else:
        raise ValueError(f"unknown article set '{name}' (expected one of {', '.join(FILES)})")
    return [a for a, h in zip(articles, held) if not h], [a for a, h in zip(articles, held) if h]


def load_all(folder: str) -> Dict[str, Tuple[List[Article], List[Article]]]:
    return {name: split(name, load_articles(f"{folder}/{file}")) for name, file in FILES.items()}


def held_out_parts(folder: str) -> Dict[str, List[Article]]:
    """The held-out part of every set, by name (what selection, calibration and the reports are measured on)."""
    return {name: sets[1] for name, sets in load_all(folder).items()}


def train_parts(folder: str, names: str, option: str) -> Dict[str, List[Article]]:
    """The train parts of the comma-separated sets in `names`, by name; an unknown name exits with a message that
    names the command-line `option` and the known sets."""
    sets = load_all(folder)
    parts: Dict[str, List[Article]] = {}
    for name in [n.strip() for n in names.split(",") if n.strip()]:
        if name not in sets:
            raise SystemExit(f"{option}: unknown article set '{name}' (expected one of {', '.join(sets)})")
        parts[name] = sets[name][0]
    return parts
