"""Cross-fitted ECE, the period test (a claim typed without its final period), and scripts/calibration_report.py."""
import importlib.util

import numpy as np
import pytest

from conftest import REPO
from fakenews_train import calibration, validpool
from fakenews_train.model_card import calibration_rows, period_line
from fakenews_train.tokenizer import WordPieceTokenizer
from test_calibration_variants import row
from test_hf_checkpoint import VOCAB

spec = importlib.util.spec_from_file_location("calibration_report", REPO / "scripts" / "calibration_report.py")
calibration_report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(calibration_report)


def single_window_pool(labels, kind="claim", source="s"):
    pool = validpool.ValidPool()
    pool.items = [validpool.Item(source, kind, int(y), n, [1]) for n, y in enumerate(labels)]
    return pool


def test_each_item_is_scored_once_by_a_fit_that_did_not_see_it(monkeypatch):
    rng = np.random.default_rng(3)
    margins = rng.normal(size=23)
    pool = single_window_pool((margins + rng.normal(size=23) > 0).astype(int))
    seen = []
    real_fit = calibration.fit

    def recording_fit(pool, margins, index, item_weights=None):
        seen.append(set(index))
        return real_fit(pool, margins, index, item_weights)

    monkeypatch.setattr(calibration, "fit", recording_fit)
    scored = calibration.cross_fitted_p(pool, margins, range(23), 5, np.random.default_rng(0))
    assert sorted(scored) == list(range(23)) and len(seen) == 5
    for train in seen:
        held = set(range(23)) - train
        assert 4 <= len(held) <= 5
    assert set().union(*(set(range(23)) - t for t in seen)) == set(range(23))


def test_cross_fitted_ece_is_not_flattered_by_fitting_on_the_items_it_scores():
    # Pure noise: the margins say nothing about the labels. A fit on the same items still finds the base rate and
    # looks calibrated; scored by fits that did not see them, the items show more error on average.
    rng = np.random.default_rng(1)
    margins = rng.normal(scale=2.0, size=60)
    pool = single_window_pool(rng.integers(0, 2, size=60))
    params = calibration.fit(pool, margins, range(60))
    in_sample = calibration.ece(pool.labels(range(60)),
                                validpool.window_p(margins, params["temperature"], params["bias"]))
    crossed = calibration.cross_fitted_ece(pool, margins, range(60), range(60), repeats=5)
    assert crossed["low"] <= crossed["mean"] <= crossed["high"]
    assert crossed["mean"] > in_sample
    assert calibration.cross_fitted_ece(pool, margins, range(4), range(4)) is None


def test_dropping_the_period_is_measured_against_the_claim_as_given():
    tokenizer = WordPieceTokenizer.from_file(str(VOCAB))
    rows = [row(1, "Says taxes went up."), row(2, "Taxes went up a lot.", "true"), row(3, "Says taxes went up!", "true")]
    pool = validpool.build(tokenizer, 32, rows, {})
    variants = pool.select(source=validpool.UNPUNCTUATED)
    assert [pool.items[pool.items[n].original].text for n in variants] == [r.statement for r in rows]
    assert [pool.items[n].text for n in variants] == ["Says taxes went up", "Taxes went up a lot", "Says taxes went up"]
    margins = np.zeros(len(pool.sequences))
    kinds = {"claim": {"temperature": 1.0, "bias": 0.4, "threshold": 0.5},
             "headline": {"temperature": 1.0, "bias": -0.4, "threshold": 0.5}}
    period = calibration.period_consistency(pool, margins, kinds)
    moved = 1 / (1 + np.exp(-0.4)) - 1 / (1 + np.exp(0.4))
    assert period["pairs"] == 3 and period["flips"] == 3
    assert period["mean_abs_dp"] == pytest.approx(moved) and period["p95_abs_dp"] == pytest.approx(moved)
    assert period["mean_abs_dp_uncalibrated"] == 0.0  # equal margins: all of the move is the change of calibration
    kinds["headline"] = kinds["claim"]
    assert calibration.period_consistency(pool, margins, kinds)["flips"] == 0
    assert "3 verdicts (100.0%)" in period_line(period)
    assert calibration.period_consistency(single_window_pool([0, 1]), np.zeros(2), kinds) is None


def test_the_card_table_shows_the_cross_fitted_ece_when_there_is_one():
    kind = {"n": 10, "temperature": 1.2, "bias": -0.1, "threshold": 0.5, "ece_before": 0.1, "ece_after": 0.05,
            "ece_noise": {"mean": 0.04, "p95": 0.07}}
    rows = calibration_rows({"claim": {**kind, "ece_cross_fitted": {"mean": 0.061, "low": 0.05, "high": 0.072}},
                             "post": {**kind, "ece_cross_fitted": None}})
    assert rows[2].endswith("| 0.050 | 0.061 (0.050-0.072) | 0.040 / 0.070 |")
    assert rows[3].endswith("| 0.050 | - | 0.040 / 0.070 |")


@pytest.mark.parametrize("text, expected", [
    ("Kitchen Spice Reverses Diabetes", True),
    ("\u201cBREAKING\u201d: Senate Passes Funding Bill After Democrats Back Down", True),
    ("Obama designates Atlantic, Arctic areas off-limits to drilling", False),
    ("Says the governor cut school funding", False),
    ("Trump wins", False),  # one word of four letters or more is not enough to tell
    ("Élysée Palace Denies Report", True),  # words that do not start with an ASCII letter are not counted
])
def test_title_case_counts_capitalised_words_of_four_letters_or_more(text, expected):
    assert calibration_report.title_case(text) is expected


def test_the_title_case_split_gives_title_cased_headlines_their_own_group():
    pool = validpool.ValidPool()
    pool.items = [validpool.Item("x:title", "headline", 1, 0, [1], text="Secret Base Found On The Moon"),
                  validpool.Item("x:title", "headline", 0, 1, [1], text="Council approves the budget"),
                  validpool.Item("liar-bare", "claim", 0, 2, [1], text="Says Taxes Went Up Again.")]
    assert calibration_report.groups(pool, split=False) == ["headline", "headline", "claim"]
    assert calibration_report.groups(pool, split=True) == [calibration_report.TITLE_CASE, "headline", "claim"]
