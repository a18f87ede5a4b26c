"""Training examples from the article and post sets: every token window of a long article (not only the first), the
title alone as a headline example, and a per-epoch sample that keeps a large set from drowning the others."""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence, Set

from .articles import Article
from .evaluation import host_windows
from .kinds import input_kind
from .tokenizer import WordPieceTokenizer


@dataclass(frozen=True)
class Example:
    ids: List[int]  # [CLS] ... [SEP]
    fake: int
    source: str  # "<set>:window" or "<set>:title"
    kind: str = "article"  # the input kind the hosts derive for the whole item (kinds.input_kind)
    item: str = ""  # "<set>:<article id>" for a window, so that an article's windows can be scored together

    @property
    def set_name(self) -> str:
        return self.source.partition(":")[0]

    def trains_post_head(self, post_sets: Set[str] = frozenset()) -> bool:
        """True for an example of the post kind, as the hosts route it, and for every example of `post_sets`."""
        return self.kind == "post" or self.set_name in post_sets


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
        kind = input_kind(article.text, article.title)
        for start, count in plan:
            examples.append(Example(tokenizer.wrap(ids[start: start + count]), article.fake, f"{name}:window", kind,
                                    f"{name}:{article.id}"))
        if titles and article.title.strip():
            examples.append(Example(tokenizer.encode(article.title, max_length), article.fake, f"{name}:title",
                                    input_kind(article.title)))
    return examples


def _limits(examples: Dict[str, List[Example]], cap: int, caps: Optional[Dict[str, int]]) -> Dict[str, int]:
    return {name: (caps or {}).get(name, cap) for name in examples}


def epoch_sample(examples: Dict[str, List[Example]], cap: int, rng: random.Random,
                 caps: Optional[Dict[str, int]] = None) -> List[Example]:
    """Every example of a set with at most its cap of examples, else a fresh random sample of that many (0 = no cap).
    A set's cap is `caps[name]` when given, else `cap`."""
    limits = _limits(examples, cap, caps)
    chosen: List[Example] = []
    for name in sorted(examples):
        part, limit = examples[name], limits[name]
        chosen.extend(part if limit <= 0 or len(part) <= limit else rng.sample(part, limit))
    return chosen


def epoch_count(examples: Dict[str, List[Example]], cap: int, caps: Optional[Dict[str, int]] = None) -> int:
    """How many examples epoch_sample returns with the same caps."""
    return sum(len(examples[name]) if limit <= 0 else min(len(examples[name]), limit)
               for name, limit in _limits(examples, cap, caps).items())


def _known(name: str, known: Sequence[str], option: str) -> str:
    if name not in known:
        raise ValueError(f"{option} names '{name}', which is not in --mix ({','.join(known)})")
    return name


def _per_set(text: str, known: Sequence[str], option: str, form: str, value: Callable[[str], Optional[float]]) -> Dict:
    values: Dict = {}
    for entry in filter(None, (e.strip() for e in text.split(","))):
        name, sep, raw = entry.partition("=")
        parsed = value(raw.strip()) if sep else None
        if parsed is None:
            raise ValueError(f"{option} entries are {form}, got '{entry}'")
        values[_known(name.strip(), known, option)] = parsed
    return values


def parse_caps(text: str, known: Sequence[str]) -> Dict[str, int]:
    """'covid=400,horne=0' -> {'covid': 400, 'horne': 0}; names must be among `known` (the mixed sets)."""
    return _per_set(text, known, "--mix-caps", "name=N with N >= 0", lambda v: int(v) if v.isdigit() else None)


def _fraction(text: str) -> Optional[float]:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if 0.0 <= value <= 1.0 else None


def parse_scales(text: str, known: Sequence[str]) -> Dict[str, float]:
    """'covid=0.25' -> {'covid': 0.25}: per mixed set, the share of its examples' gradient that reaches the encoder."""
    return _per_set(text, known, "--encoder-grad", "name=S with 0 <= S <= 1", _fraction)


def parse_sets(text: str, known: Sequence[str], option: str) -> Set[str]:
    """'covid,horne' -> {'covid', 'horne'}; names must be among `known` (the mixed sets)."""
    return {_known(name.strip(), known, option) for name in text.split(",") if name.strip()}
