"""The input kind (claim, headline, article, post) derived from a request's form alone, as C# InputKinds.Derive does.

Calibration and thresholds are fitted per kind on valid data, and the hosts pick the same kind from the same input,
so the rule must be identical in both languages: tests/fixtures/input-kinds.json holds cases both test suites read.

Rule, first match wins:
1. any non-blank metadata field -> claim (speaker metadata comes with claims);
2. a non-blank title, or ARTICLE_WORDS words or more -> article;
3. a link, an @mention or a #hashtag -> post;
4. at most HEADLINE_WORDS words and no sentence-ending punctuation at the end -> headline;
5. otherwise -> claim.
Words are maximal runs of non-whitespace; whitespace is a character <= U+0020, U+0085, U+00A0, U+1680,
U+2000-U+200A, U+2028, U+2029, U+202F, U+205F or U+3000.
"""
from __future__ import annotations

import re
from typing import Mapping, Optional

KINDS = ("claim", "headline", "article", "post")
ARTICLE_WORDS = 60
HEADLINE_WORDS = 25
SENTENCE_END = ".!?\"'\u201d\u2019\u2026)]"

_SPACE = {0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000} | set(range(0x2000, 0x200B))
_POST_MARK = re.compile(r"https?://|www\.|(?:^|(?<=[^A-Za-z0-9_]))[@#][A-Za-z0-9_]", re.IGNORECASE)


def is_space(ch: str) -> bool:
    code = ord(ch)
    return code <= 0x20 or code in _SPACE


def word_count(text: str) -> int:
    count, inside = 0, False
    for ch in text:
        if is_space(ch):
            inside = False
        elif not inside:
            inside, count = True, count + 1
    return count


def _blank(value: Optional[str]) -> bool:
    return value is None or all(is_space(ch) for ch in value)


def input_kind(text: str, title: Optional[str] = None, metadata: Optional[Mapping[str, Optional[str]]] = None) -> str:
    if metadata and any(not _blank(v) for v in metadata.values()):
        return "claim"
    words = word_count(text)
    if not _blank(title) or words >= ARTICLE_WORDS:
        return "article"
    if _POST_MARK.search(text):
        return "post"
    stripped = text.rstrip("".join(chr(c) for c in range(0x21)) + "".join(chr(c) for c in _SPACE))
    if words <= HEADLINE_WORDS and stripped and stripped[-1] not in SENTENCE_END:
        return "headline"
    return "claim"


def unpunctuated(text: str) -> str:
    """`text` without its closing punctuation (sentence ends, closing quotes and brackets) and surrounding spaces: a
    claim as people often type it, which the hosts then derive as a headline when it is short."""
    stripped = text.strip()
    while stripped and stripped[-1] in SENTENCE_END:
        stripped = stripped[:-1].rstrip()
    return stripped
