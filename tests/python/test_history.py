import random
from dataclasses import replace

from fakenews_train.liar import SIX_WAY, LiarRow, leak_free_history


def make_rows(n, seed=0):
    rng = random.Random(seed)
    speakers = ["a", "b", "c", "d", ""]
    return [LiarRow(id=str(i), label=rng.choice(SIX_WAY), statement=f"s{i}", subject="", speaker=rng.choice(speakers),
                    job="", state="", party="", counts=(0,) * 5, context="", line=i + 1) for i in range(n)]


def test_no_train_row_ever_sees_its_own_label():
    rows = make_rows(200)
    counts, _ = leak_free_history(rows, folds=5, seed=3)
    for i, row in enumerate(rows):
        for other in SIX_WAY:
            if other == row.label:
                continue
            flipped = rows[:i] + [replace(row, label=other)] + rows[i + 1:]
            again, _ = leak_free_history(flipped, folds=5, seed=3)
            assert again[i] == counts[i], f"row {i}'s history changed with its own label"


def test_train_rows_see_only_other_folds_so_counts_are_below_the_speaker_total():
    rows = make_rows(100, seed=1)
    counts, _ = leak_free_history(rows, folds=5)
    for i, row in enumerate(rows):
        if row.speaker:
            total = sum(1 for r in rows if r.speaker == row.speaker)
            assert sum(counts[i]) < total


def test_valid_rows_get_counts_over_all_of_train():
    rows = make_rows(50, seed=2)
    valid = [replace(rows[0], id="v1"), replace(rows[0], id="v2", speaker="")]
    _, other = leak_free_history(rows, valid)
    expected = tuple(sum(1 for r in rows if r.speaker == rows[0].speaker and r.label == label) for label in SIX_WAY)
    assert other[0] == expected
    assert other[1] == (0,) * 6


def test_history_variant_renders_the_counts_into_the_metadata_context_only():
    from fakenews_train.data import encode_rows
    from fakenews_train.tokenizer import WordPieceTokenizer
    from pathlib import Path
    vocab = Path(__file__).resolve().parents[1] / "fixtures" / "tiny-distilbert" / "vocab.txt"
    tokenizer = WordPieceTokenizer.from_file(str(vocab))
    rows = make_rows(20, seed=4)
    counts, _ = leak_free_history(rows)
    plain = encode_rows(rows, tokenizer, 512)
    with_history = encode_rows(rows, tokenizer, 512, counts)
    assert with_history.bare == plain.bare
    history_text = tokenizer.tokenize_to_ids("history : pants - fire")
    for ids in with_history.meta:
        assert any(ids[i:i + len(history_text)] == history_text for i in range(len(ids)))
