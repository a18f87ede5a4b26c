"""The news mix: article windows and titles as examples, per-epoch caps, the valid pool, input kinds, and a tiny
end-to-end run that selects its epoch on held-out articles."""
import csv
import json
import random
from pathlib import Path

import numpy as np
import pytest
import torch

from fakenews_train import train as train_module
from fakenews_train import validpool
from fakenews_train.articles import Article
from fakenews_train.kinds import input_kind, word_count
from fakenews_train.news import (Example, article_examples, epoch_count, epoch_sample, parse_caps, parse_scales,
                                 parse_sets, spread)
from fakenews_train.tokenizer import WordPieceTokenizer
from test_hf_checkpoint import VOCAB, write_hf_checkpoint, write_liar

KINDS_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "input-kinds.json"


def tokenizer() -> WordPieceTokenizer:
    return WordPieceTokenizer.from_file(str(VOCAB))


def test_every_window_of_a_long_article_and_its_title_become_examples():
    body = " ".join(["tax"] * 70)
    examples = article_examples("horne", [Article("RandomPolitical:1", 1, "Money", body, "s")], tokenizer(), 32)
    windows = [e for e in examples if e.source == "horne:window"]
    titles = [e for e in examples if e.source == "horne:title"]
    # title + blank line + 70 words = 71 tokens, windows of 30 with overlap 64 clipped: see evaluation.windows
    assert len(windows) > 1 and all(len(e.ids) <= 32 for e in windows)
    assert len(titles) == 1 and titles[0].fake == 1 and len(titles[0].ids) == 3


def test_long_articles_keep_at_most_max_windows_spread_from_first_to_last():
    assert spread(list(range(10)), 4) == [0, 3, 6, 9]
    assert spread(list(range(3)), 4) == [0, 1, 2] and spread(list(range(5)), 1) == [0]
    body = " ".join(["tax"] * 2000)
    assert len(article_examples("horne", [Article("a", 0, "", body, "s")], tokenizer(), 96, max_windows=4)) == 4


def test_a_large_set_is_capped_per_epoch_and_a_small_one_kept_whole():
    sets = {"big": [Example([1, i, 2], 1, "big:window") for i in range(100)],
            "small": [Example([1, i, 2], 0, "small:window") for i in range(5)]}
    sample = epoch_sample(sets, 20, random.Random(1))
    assert sum(e.source == "big:window" for e in sample) == 20 and sum(e.source == "small:window" for e in sample) == 5
    assert len(epoch_sample(sets, 0, random.Random(1))) == 105


def test_input_kinds_follow_the_shared_fixture():
    cases = json.loads(KINDS_FIXTURE.read_text(encoding="utf-8"))
    assert len(cases) >= 10
    for case in cases:
        kind = input_kind(case["text"], case.get("title"), case.get("metadata"))
        assert kind == case["kind"], case


def test_words_are_runs_of_non_whitespace_including_unicode_spaces():
    assert word_count("a\u00a0b\u2003c  d\n") == 4 and word_count("   ") == 0


def test_window_aggregations_on_hand_made_probabilities():
    pool = validpool.ValidPool()
    pool.items = [validpool.Item("x", "article", 1, 0, [10, 30], title=1), validpool.Item("x:title", "headline", 1, 2, [5])]
    p = np.array([0.2, 0.6, 0.9])
    assert validpool.aggregate(pool, p, [0], "token_mean")[0] == pytest.approx(0.5)
    assert validpool.aggregate(pool, p, [0], "max")[0] == pytest.approx(0.6)
    assert validpool.aggregate(pool, p, [0], "top2_mean")[0] == pytest.approx(0.4)
    assert validpool.aggregate(pool, p, [0], "title_weighted")[0] == pytest.approx(0.7)
    with pytest.raises(ValueError, match="unknown aggregation 'median'"):
        validpool.aggregate(pool, p, [0], "median")


def write_articles(folder: Path, seed: int) -> None:
    """The three normalized CSVs with ids that follow each set's held-out split; 'tax' words go with fake."""
    rng = random.Random(seed)
    folder.mkdir()

    def text(fake: bool, words: int) -> str:
        pool = ["tax", "taxes", "money"] if fake else ["school", "health", "water"]
        return " ".join(rng.choice(pool + ["the", "state"]) for _ in range(words)) + "."

    sets = {
        "perez_rosas_2018.csv": [(f"FakeNewsAMT:biz{n:02d}.{k}", k == "fake") for n in range(1, 21) for k in ("fake", "legit")],
        "horne2017.csv": [(f"{s}:{n}", n % 2 == 0) for s in ("BuzzfeedPolitical", "RandomPolitical") for n in range(12)],
        "covid19_constraint.csv": [(f"{s}:{n}", n % 2 == 0) for s in ("train", "val") for n in range(30)],
    }
    for file, items in sets.items():
        with open(folder / file, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
            writer.writerow(["id", "label", "title", "text", "source_dataset"])
            for item_id, fake in items:
                covid = file.startswith("covid")
                post = text(fake, 12) + (" https://t.co/x" if rng.random() < 0.5 else "")
                writer.writerow([item_id, "fake" if fake else "real", "" if covid else text(fake, 3).rstrip("."),
                                 post if covid else text(fake, 90), file])


def test_mixed_labels_are_smoothed_symmetrically_and_a_bad_smoothing_is_refused(capsys):
    assert train_module.smoothed(1, 0.0) == 1.0 and train_module.smoothed(0, 0.0) == 0.0
    assert train_module.smoothed(1, 0.1) == pytest.approx(0.95) and train_module.smoothed(0, 0.1) == pytest.approx(0.05)
    with pytest.raises(SystemExit):
        train_module.parse_args(["--out", "x", "--mix-smoothing", "1.5"])
    assert "--mix-smoothing must be in [0, 1)" in capsys.readouterr().err


def test_training_with_the_mix_selects_its_epoch_on_liar_and_the_held_out_articles(tmp_path):
    write_hf_checkpoint(tmp_path / "ckpt", len(VOCAB.read_text().splitlines()))
    write_liar(tmp_path / "train.tsv", 120, seed=1)
    write_liar(tmp_path / "valid.tsv", 40, seed=2)
    write_articles(tmp_path / "articles", seed=3)
    run = tmp_path / "run"
    summary = train_module.run(train_module.parse_args([
        "--base", str(tmp_path / "ckpt"), "--train", str(tmp_path / "train.tsv"), "--valid", str(tmp_path / "valid.tsv"),
        "--out", str(run), "--epochs", "2", "--batch-size", "16", "--lr", "1e-3", "--max-length", "64",
        "--article-length", "32", "--mix", "perez_rosas,horne,covid", "--articles", str(tmp_path / "articles"),
        "--mix-cap", "40", "--mix-smoothing", "0.1", "--threads", "1", "--seed", "3"]))
    epochs = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    held = epochs[-1]["valid"]["held_out_auc"]
    assert set(held) == {"liar-bare", "liar-meta", "perez_rosas", "perez_rosas:title", "horne", "horne:title", "covid"}
    expected = 0.5 * (held["liar-bare"] + held["liar-meta"]) / 2 + 0.5 * np.mean([held[k] for k in ("perez_rosas", "horne", "covid")])
    assert epochs[-1]["selection_score"] == pytest.approx(expected)
    assert held["covid"] > 0.8, "the tax/school signal is learnable from the mixed sets"
    mix = json.loads((run / "config.json").read_text())["mix"]
    assert mix["covid"]["items"] == 30 and mix["perez_rosas"]["titles"] == mix["perez_rosas"]["items"]
    assert summary["best_epoch"] in (1, 2)
    from fakenews_train import export as export_module
    first = export_module.run(export_module.parse_args([
        "--run", str(run), "--out", str(tmp_path / "a"), "--articles", str(tmp_path / "articles"),
        "--max-length", "32", "--threads", "1"]))
    assert set(first["kinds"]) >= {"claim", "article", "post", "headline"}
    second = export_module.run(export_module.parse_args([
        "--run", str(run), "--out", str(tmp_path / "b"), "--articles", str(tmp_path / "articles"),
        "--max-length", "32", "--threads", "1", "--reference", str(tmp_path / "a"), "--version", "2.0.0"]))
    config = json.loads((tmp_path / "b" / "config.json").read_text())
    kinds = config["calibration"]["kinds"]
    assert config["temperature"] == kinds["claim"]["temperature"] and config["threshold"] == kinds["claim"]["threshold"]
    assert all(k["temperature"] > 0 and 0 < k["threshold"] < 1 for k in kinds.values())
    # the same weights scored against themselves: every difference is zero
    for source, ci in second["reference"]["difference_ci"].items():
        assert ci["roc_auc"] == [0.0, 0.0], source
    card = (tmp_path / "b" / "MODEL_CARD.md").read_text()
    assert "## Calibration, per input kind" in card and "Horne 2017 articles" in card and "token_mean" in card


def test_a_per_set_cap_overrides_the_common_cap_for_that_set_only():
    sets = {"big": [Example([1, i, 2], 1, "big:window") for i in range(100)],
            "covid": [Example([1, i, 2], 0, "covid:window") for i in range(100)]}
    sample = epoch_sample(sets, 20, random.Random(1), {"covid": 7})
    assert sum(e.source == "big:window" for e in sample) == 20 and sum(e.source == "covid:window" for e in sample) == 7
    assert epoch_count(sets, 20, {"covid": 7}) == len(sample) == 27


@pytest.mark.parametrize("text, message", [("covid", "name=N"), ("covid=-1", "name=N"), ("liar=5", "not in --mix")])
def test_bad_per_set_caps_are_refused_with_the_form_they_take(text, message):
    with pytest.raises(ValueError, match=message):
        parse_caps(text, ["covid", "horne"])


def test_per_set_caps_parse_to_a_dict():
    assert parse_caps("covid=400, horne=0", ["covid", "horne"]) == {"covid": 400, "horne": 0}
    assert parse_caps("", ["covid"]) == {}


@pytest.mark.parametrize("text, message", [("covid", "name=S"), ("covid=1.5", "name=S"), ("covid=x", "name=S"),
                                           ("liar=0.5", "not in --mix")])
def test_bad_encoder_gradient_shares_are_refused_with_the_form_they_take(text, message):
    with pytest.raises(ValueError, match=message):
        parse_scales(text, ["covid", "horne"])


def test_encoder_gradient_shares_parse_to_a_dict_and_examples_name_their_set():
    assert parse_scales("covid=0.25, horne=1", ["covid", "horne"]) == {"covid": 0.25, "horne": 1.0}
    assert Example([1, 2], 1, "covid:title").set_name == "covid"


def flat(state, prefix):
    """The tensors of a state dict whose names start with `prefix`, flattened into one float vector in name order."""
    return torch.cat([v.flatten().float() for k, v in sorted(state.items()) if k.startswith(prefix)])


def tiny_mixed_training(tmp_path):
    """Fixtures for one-epoch runs on LIAR + covid + horne; returns weights_after(name, prefix, *options): the kept
    weights whose names start with `prefix`, flattened, after a run with the extra options."""
    write_hf_checkpoint(tmp_path / "ckpt", len(VOCAB.read_text().splitlines()))
    write_liar(tmp_path / "train.tsv", 40, seed=1)
    write_liar(tmp_path / "valid.tsv", 20, seed=2)
    write_articles(tmp_path / "articles", seed=3)

    def weights_after(name, prefix, *extra):
        train_module.run(train_module.parse_args([
            "--base", str(tmp_path / "ckpt"), "--train", str(tmp_path / "train.tsv"), "--valid", str(tmp_path / "valid.tsv"),
            "--out", str(tmp_path / name), "--epochs", "1", "--batch-size", "16", "--lr", "1e-3", "--max-length", "64",
            "--article-length", "32", "--mix", "covid,horne", "--articles", str(tmp_path / "articles"), "--mix-cap", "20",
            "--threads", "1", "--seed", "3", *extra]))
        return flat(torch.load(tmp_path / name / "best" / "pytorch_model.bin"), prefix)

    return weights_after


def test_an_encoder_gradient_share_for_a_mixed_set_changes_only_what_training_does_with_that_set(tmp_path):
    weights_after = tiny_mixed_training(tmp_path)
    plain = weights_after("plain", "distilbert.")
    assert torch.equal(weights_after("all-one", "distilbert.", "--encoder-grad", "covid=1,horne=1"), plain)
    assert not torch.allclose(weights_after("covid-frozen", "distilbert.", "--encoder-grad", "covid=0"), plain)
    with pytest.raises(SystemExit, match="--encoder-grad names 'liar'"):
        weights_after("bad", "distilbert.", "--encoder-grad", "liar=0.5")


def test_a_layer_decay_below_one_moves_the_embeddings_less(tmp_path):
    weights_after = tiny_mixed_training(tmp_path)
    start = flat(torch.load(tmp_path / "ckpt" / "pytorch_model.bin"), "distilbert.embeddings.")
    plain = weights_after("plain", "distilbert.embeddings.")
    assert torch.equal(weights_after("one", "distilbert.embeddings.", "--layer-decay", "1"), plain)
    decayed = weights_after("decayed", "distilbert.embeddings.", "--layer-decay", "0.1")
    assert (decayed - start).norm() < 0.1 * (plain - start).norm()


def test_examples_train_the_post_head_by_their_kind_or_by_their_set():
    unmarked, marked = Example([1, 2], 1, "covid:window", "claim"), Example([1, 2], 1, "covid:window", "post")
    article = Example([1, 2], 0, "horne:window", "article")
    assert [e.trains_post_head() for e in (unmarked, marked, article)] == [False, True, False]
    assert [e.trains_post_head({"covid"}) for e in (unmarked, marked, article)] == [True, True, False]
    assert parse_sets("covid, horne", ["covid", "horne"], "--post-head-sets") == {"covid", "horne"}
    with pytest.raises(ValueError, match="--post-head-sets names 'liar', which is not in --mix"):
        parse_sets("liar", ["covid"], "--post-head-sets")


def test_routing_a_whole_set_to_the_post_head_changes_training_and_needs_a_post_head(tmp_path):
    weights_after = tiny_mixed_training(tmp_path)
    by_kind = weights_after("by-kind", "classifier.", "--post-head")
    assert torch.equal(weights_after("by-kind-again", "classifier.", "--post-head", "--post-head-sets", ""), by_kind)
    assert not torch.allclose(weights_after("covid-on-post", "classifier.", "--post-head", "--post-head-sets", "covid"),
                              by_kind)
    with pytest.raises(SystemExit, match="--post-head-sets needs --post-head"):
        weights_after("no-head", "classifier.", "--post-head-sets", "covid")
