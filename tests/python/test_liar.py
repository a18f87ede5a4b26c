import os
from pathlib import Path

import pytest

from fakenews_train.liar import LiarFormatError, binary_label, load_liar

FIXTURES = Path(__file__).parent / "fixtures"
from conftest import DATA as DATA_ROOT, DATA_MISSING

DATA = DATA_ROOT / "liar"


def test_tab_only_splitting_keeps_a_statement_that_starts_with_an_unbalanced_quote():
    rows = load_liar(str(FIXTURES / "liar_good.tsv"))
    assert [r.id for r in rows] == ["1.json", "2.json", "3.json"]
    assert rows[0].statement == '"Unbalanced quote starts this statement.'
    assert rows[1].subject == "economy,jobs"
    assert rows[2].statement == "Spaces around." and rows[2].speaker == "jane-roe"
    assert rows[0].counts == (0, 1, 0, 0, 1)


@pytest.mark.parametrize("name, reason", [
    ("liar_wrong_columns.tsv", ":2: expected 14 tab-separated columns, found 15"),
    ("liar_unknown_label.tsv", ":2: unknown label 'mostly-false'"),
    ("liar_empty_statement.tsv", ":3: empty statement"),
])
def test_malformed_file_is_rejected_naming_the_line_and_the_reason(name, reason):
    with pytest.raises(LiarFormatError) as error:
        load_liar(str(FIXTURES / name))
    assert name in str(error.value)
    assert reason in str(error.value)


@pytest.mark.parametrize("label, fake", [("pants-fire", 1), ("false", 1), ("barely-true", 1),
                                         ("half-true", 0), ("mostly-true", 0), ("true", 0)])
def test_six_way_labels_map_to_binary_fake_and_real(label, fake):
    assert binary_label(label) == fake


def test_unknown_label_is_not_mapped():
    with pytest.raises(ValueError, match="unknown label 'mostly-false'"):
        binary_label("mostly-false")


@pytest.mark.skipif(not (DATA / "train.tsv").is_file(), reason=DATA_MISSING)
def test_the_real_files_load_every_row():
    train = load_liar(str(DATA / "train.tsv"))
    valid = load_liar(str(DATA / "valid.tsv"))
    assert (len(train), len(valid)) == (10269, 1284)
    assert sum(r.fake for r in train) == 1657 + 1998 + 842
