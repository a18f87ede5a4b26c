"""BERT uncased WordPiece tokenizer (Hugging Face BasicTokenizer + WordpieceTokenizer behaviour), pure Python."""
from __future__ import annotations

import unicodedata
from typing import Dict, List, Sequence

SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")


def load_vocab(path: str) -> Dict[str, int]:
    vocab: Dict[str, int] = {}
    with open(path, encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            token = line.rstrip("\n")
            if token.endswith("\r"):
                token = token[:-1]
            if token not in vocab:
                vocab[token] = index
    return vocab


def _is_whitespace(ch: str) -> bool:
    if ch in (" ", "\t", "\n", "\r"):
        return True
    return unicodedata.category(ch) == "Zs"


def _is_control(ch: str) -> bool:
    if ch in ("\t", "\n", "\r"):
        return False
    return unicodedata.category(ch).startswith("C")


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_chinese(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


class WordPieceTokenizer:
    """Immutable after construction; safe to share."""

    def __init__(self, vocab: Dict[str, int], lower_case: bool = True, strip_accents: bool | None = None,
                 max_input_chars_per_word: int = 100) -> None:
        missing = [t for t in SPECIAL_TOKENS if t not in vocab]
        if missing:
            raise ValueError(f"the vocabulary lacks the special token(s) {missing}")
        self.vocab = vocab
        self.lower_case = lower_case
        self.strip_accents = lower_case if strip_accents is None else strip_accents
        self.max_chars = max_input_chars_per_word
        self.pad_id = vocab["[PAD]"]
        self.unk_id = vocab["[UNK]"]
        self.cls_id = vocab["[CLS]"]
        self.sep_id = vocab["[SEP]"]

    @classmethod
    def from_file(cls, path: str, lower_case: bool = True) -> "WordPieceTokenizer":
        try:
            return cls(load_vocab(path), lower_case=lower_case)
        except ValueError as error:
            raise ValueError(f"{path}: {error}") from None

    def basic_tokens(self, text: str) -> List[str]:
        cleaned = []
        for ch in text:
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or _is_control(ch):
                continue
            if _is_whitespace(ch):
                cleaned.append(" ")
            elif _is_chinese(cp):
                cleaned.append(" " + ch + " ")
            else:
                cleaned.append(ch)
        tokens: List[str] = []
        for word in "".join(cleaned).split():
            if self.lower_case:
                word = word.lower()
            if self.strip_accents:
                word = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
            current = ""
            for ch in word:
                if _is_punctuation(ch):
                    if current:
                        tokens.append(current)
                        current = ""
                    tokens.append(ch)
                else:
                    current += ch
            if current:
                tokens.append(current)
        return tokens

    def wordpiece(self, word: str) -> List[str]:
        if len(word) > self.max_chars:
            return ["[UNK]"]
        pieces: List[str] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end]
                if start > 0:
                    piece = "##" + piece
                if piece in self.vocab:
                    found = piece
                    break
                end -= 1
            if found is None:
                return ["[UNK]"]
            pieces.append(found)
            start = end
        return pieces

    def tokenize(self, text: str) -> List[str]:
        return [p for w in self.basic_tokens(text) for p in self.wordpiece(w)]

    def tokenize_to_ids(self, text: str) -> List[int]:
        """WordPiece ids without special tokens and without truncation."""
        return [self.vocab[p] for p in self.tokenize(text)]

    def encode(self, text: str, max_length: int) -> List[int]:
        """[CLS] ids [SEP], truncated so the total length is at most max_length."""
        ids = self.tokenize_to_ids(text)[: max(0, max_length - 2)]
        return [self.cls_id] + ids + [self.sep_id]

    def wrap(self, ids: Sequence[int]) -> List[int]:
        return [self.cls_id] + list(ids) + [self.sep_id]
