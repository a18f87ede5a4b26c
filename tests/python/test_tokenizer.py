"""The training tokenizer must give the ids the hosts give: compared with Hugging Face tokenizers (node reference)."""
import json
import subprocess
from pathlib import Path

import pytest
from conftest import DATA

from fakenews_train.liar import load_liar
from fakenews_train.text import model_input
from fakenews_train.tokenizer import WordPieceTokenizer

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO / "tests" / "reference-tokenizer"
LIAR = DATA / "liar" / "valid.tsv"
VOCABS = [REPO / "tests" / "fixtures" / "tiny-distilbert" / "vocab.txt",
          REPO / "artifacts" / "pretrained" / "all-MiniLM-L6-v2" / "vocab.txt"]
EDGE_CASES = ["Café résumé naïve — ÉCOLE déjà vu!", "中文 tokens\u200b zero\u00a0width", "emoji 😀 test", "x" * 150,
              "Ǆ İstanbul ﬁ", "tabs\tand\nnew lines\r\n", "$1,000.50 (est.) -- 'quoted' \"double\"", ""]


def texts():
    out = list(EDGE_CASES)
    if LIAR.is_file():
        rows = load_liar(str(LIAR))[:400]
        out += [model_input(r.statement) for r in rows] + [model_input(r.statement, metadata=r.metadata()) for r in rows]
    return out


@pytest.mark.skipif(not (REFERENCE / "node_modules").is_dir(),
                    reason="cd tests/reference-tokenizer && npm ci (Hugging Face tokenizers reference)")
@pytest.mark.parametrize("vocab", [v for v in VOCABS if v.is_file()], ids=lambda v: v.parent.name)
def test_ids_equal_the_hugging_face_reference_tokenizer(vocab):
    sample = texts()
    result = subprocess.run(["node", str(REFERENCE / "tokenize.js"), "--vocab", str(vocab)],
                            input="\n".join(json.dumps(t) for t in sample) + "\n", capture_output=True, text=True,
                            check=True)
    reference = [json.loads(line)[0] for line in result.stdout.splitlines()]
    tokenizer = WordPieceTokenizer.from_file(str(vocab))
    assert len(reference) == len(sample)
    for text, expected in zip(sample, reference):
        assert tokenizer.encode(text, 10 ** 6) == expected, text


def test_truncation_keeps_cls_and_sep_within_max_length():
    tokenizer = WordPieceTokenizer.from_file(str(VOCABS[0]))
    ids = tokenizer.encode("the " * 50, 10)
    assert len(ids) == 10 and ids[0] == tokenizer.cls_id and ids[-1] == tokenizer.sep_id


def test_vocabulary_without_a_special_token_is_rejected_naming_the_file(tmp_path):
    vocab = tmp_path / "vocab.txt"
    vocab.write_text("[PAD]\n[UNK]\n[CLS]\n[MASK]\nthe\n")
    with pytest.raises(ValueError, match=r"vocab.txt.*\[SEP\]"):
        WordPieceTokenizer.from_file(str(vocab))
