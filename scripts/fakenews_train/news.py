"""Training examples from the article and post sets: every token window of a long article (not only the first), the
title alone as a headline example, and a per-epoch sample that keeps a large set from drowning the others."""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Dict, List, Sequence

from .articles import Article
from .evaluation import host_windows
from .tokenizer import WordPieceTokenizer


@dataclass(frozen=True)
class Example:
    ids: List[int]  # [CLS] ... [SEP]
    fake: int
    source: str  # "<set>:window" or "<set>:title"


def spread(plan: Sequence, keep: int) -> List:
    """At most `keep` entries of `plan`, evenly spaced, always the first and (for keep > 1) the last."""
    if len(plan) <= keep:
        return list(plan)
    if keep == 1:
        return [plan[0]]
    return [plan[round(i * (len(plan) - 1) / (keep - 1))] for i in range(keep)]


def article_examples(name: str, articles: Sequence[Article], tokenizer: WordPieceTokenizer, max_length: int,
                     max_windows: int = 8, titles: bool = True) -> List[Example]:
    """One example per window of each article's model input (title + body, as the hosts read it), at most
    `max_windows` per article spread evenly over its length, plus the title alone when it has one."""
    examples: List[Example] = []
    for article in articles:
        ids = tokenizer.tokenize_to_ids(article.model_input())
        plan = host_windows(ids, max_length)
        plan = spread(plan, max_windows)
        for start, count in plan:
            examples.append(Example(tokenizer.wrap(ids[start: start + count]), article.fake, f"{name}:window"))
        if titles and article.title.strip():
            examples.append(Example(tokenizer.encode(article.title, max_length), article.fake, f"{name}:title"))
    return examples


def epoch_sample(examples: Dict[str, List[Example]], cap: int, rng: random.Random) -> List[Example]:
    """Every example of a set with at most `cap` examples, else a fresh random `cap` of them (0 = no cap)."""
    chosen: List[Example] = []
    for name in sorted(examples):
        part = examples[name]
        chosen.extend(part if cap <= 0 or len(part) <= cap else rng.sample(part, cap))
    return chosen
