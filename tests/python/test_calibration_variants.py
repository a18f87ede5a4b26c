"""Claims typed without their final period: the valid pool's variant source and the per-kind fit that uses it."""
import numpy as np
import pytest

from fakenews_train import validpool
from fakenews_train.calibration import fit, fit_kinds, variant_weights
from fakenews_train.kinds import unpunctuated
from fakenews_train.liar import LiarRow
from fakenews_train.tokenizer import WordPieceTokenizer
from test_hf_checkpoint import VOCAB


def row(n: int, statement: str, label: str = "false") -> LiarRow:
    return LiarRow(f"{n}.json", label, statement, "taxes", "someone", "", "", "", (0, 0, 0, 0, 0), "", n)


@pytest.mark.parametrize("text, typed", [
    ("Says taxes went up.", "Says taxes went up"),
    ("  He said \"taxes went up!\"  ", "He said \"taxes went up"),
    ("Taxes went up", "Taxes went up"),
    ("...", ""),
])
def test_unpunctuated_drops_every_closing_mark_and_space(text, typed):
    assert unpunctuated(text) == typed


def test_only_claims_whose_kind_changes_get_a_variant_and_select_leaves_variants_out_unless_asked():
    tokenizer = WordPieceTokenizer.from_file(str(VOCAB))
    long_claim = "Says " + " ".join(["taxes"] * 30) + "."
    rows = [row(1, "Says taxes went up."), row(2, "Taxes went up"), row(3, long_claim), row(4, "Says taxes went up!", "true")]
    pool = validpool.build(tokenizer, 32, rows, {})
    variants = pool.select(source=validpool.UNPUNCTUATED)
    assert [pool.items[n].kind for n in variants] == ["headline", "headline"]
    assert [pool.items[n].fake for n in variants] == [1, 0]
    assert not set(variants) & set(pool.select()) and not set(variants) & set(pool.select(kind="headline"))
    assert set(variants) <= set(pool.select(kind="headline", variants=True))
    assert validpool.UNPUNCTUATED in pool.sources()


def test_variants_together_weigh_as_much_as_the_kind_s_own_items():
    pool = validpool.ValidPool()
    pool.items = [validpool.Item("x:title", "headline", 1, n, [1]) for n in range(3)] + \
                 [validpool.Item(validpool.UNPUNCTUATED, "headline", 0, 3 + n, [1]) for n in range(6)]
    weights = variant_weights(pool, range(9))
    assert weights[:3] == [1.0] * 3 and weights[3:] == [0.5] * 6
    assert variant_weights(pool, range(3)) == [1.0] * 3 and variant_weights(pool, range(3, 9)) == [1.0] * 6


def test_weights_act_like_repeating_items_in_the_fit():
    pool = validpool.ValidPool()
    rng = np.random.default_rng(0)
    margins = rng.normal(size=12)
    labels = (margins + rng.normal(size=12) > 0).astype(int)
    pool.items = [validpool.Item("s", "claim", int(labels[n]), n, [1]) for n in range(12)]
    repeated = validpool.ValidPool(items=pool.items + pool.items[:4])
    weighted = fit(pool, margins, range(12), [2.0] * 4 + [1.0] * 8)
    copied = fit(repeated, margins, range(16))
    assert weighted["temperature"] == pytest.approx(copied["temperature"], rel=1e-5)
    assert weighted["bias"] == pytest.approx(copied["bias"], rel=1e-5, abs=1e-7)


def test_a_kind_is_fitted_on_its_variants_and_reports_its_own_items():
    # Same error rate (one in four) in both groups; the variants' margins are three times larger, so a fit that
    # includes them needs a higher temperature than the kind's own items alone.
    labels = [0, 0, 0, 1, 1, 1, 1, 0]
    pool = validpool.ValidPool()
    own = [validpool.Item("x:title", "headline", labels[n], n, [1]) for n in range(8)]
    typed = [validpool.Item(validpool.UNPUNCTUATED, "headline", labels[n % 8], 8 + n, [1]) for n in range(16)]
    pool.items = own + typed
    signs = [-1.0] * 4 + [1.0] * 4
    margins = np.array(signs + [3 * signs[n % 8] for n in range(16)])
    with_variants = fit_kinds(pool, margins)["headline"]
    pool.items = own
    alone = fit_kinds(pool, margins[:8])["headline"]
    assert with_variants["n"] == 8 and with_variants["variants"] == 16 and alone["variants"] == 0
    assert with_variants["temperature"] > 1.5 * alone["temperature"]
    assert with_variants["ece_after"] != alone["ece_after"]


def test_training_claims_chosen_to_go_unpunctuated_lose_their_period_only_in_the_bare_form():
    from fakenews_train.data import encode_rows
    from fakenews_train.train import parse_args
    tokenizer = WordPieceTokenizer.from_file(str(VOCAB))
    rows = [row(1, "Says taxes went up."), row(2, "Says taxes went up.")]
    encoded = encode_rows(rows, tokenizer, 128, unpunctuated_rows=frozenset({1}))
    period = tokenizer.tokenize_to_ids(".")[0]
    assert period in encoded.bare[0] and period not in encoded.bare[1]
    assert period in encoded.meta[1]
    with pytest.raises(SystemExit):
        parse_args(["--unpunctuated-share", "1.5"])


def test_a_held_back_set_and_its_titles_take_no_part_in_the_fit():
    labels = [0, 0, 0, 1, 1, 1, 1, 0]
    signs = [-1.0] * 4 + [1.0] * 4
    pool = validpool.ValidPool()
    pool.items = [validpool.Item("known:title", "headline", labels[n], n, [1]) for n in range(8)] + \
                 [validpool.Item("unseen:title", "headline", 1 - labels[n], 8 + n, [1]) for n in range(8)]
    margins = np.array(signs + [5 * s for s in signs])
    held_back = fit_kinds(pool, margins, held_back=["unseen"])["headline"]
    pool.items = pool.items[:8]
    known_only = fit_kinds(pool, margins[:8])["headline"]
    assert held_back == known_only
