from pathlib import Path

import pytest
import torch

from fakenews_train.articles import Article, load_all, perez_rosas_pair, split, train_parts
from fakenews_train import validpool
from fakenews_train.evaluation import windows
from fakenews_train.model import DistilBertConfig, DistilBertForSequenceClassification
from fakenews_train.tokenizer import WordPieceTokenizer

from conftest import DATA, DATA_MISSING

ARTICLES = DATA / "articles"
VOCAB = Path(__file__).resolve().parents[1] / "fixtures" / "tiny-distilbert" / "vocab.txt"


@pytest.mark.parametrize("article_id, pair", [("FakeNewsAMT:biz01.fake", "FakeNewsAMT:biz01"),
                                              ("FakeNewsAMT:biz01.legit", "FakeNewsAMT:biz01"),
                                              ("Celebrity:001legit", "Celebrity:001"),
                                              ("Celebrity:131fake", "Celebrity:131")])
def test_perez_rosas_items_are_paired_by_domain_and_number(article_id, pair):
    assert perez_rosas_pair(article_id) == pair


def test_held_out_split_never_separates_a_pair():
    items = [Article(f"FakeNewsAMT:{d}{n:02d}.{kind}", int(kind == "fake"), "", "x", "s")
             for d in ("biz", "edu") for n in range(1, 41) for kind in ("fake", "legit")]
    train, held = split("perez_rosas", items)
    assert {perez_rosas_pair(a.id) for a in train}.isdisjoint({perez_rosas_pair(a.id) for a in held})
    assert 0.15 < len(held) / len(items) < 0.45


@pytest.mark.skipif(not ARTICLES.is_dir(), reason=DATA_MISSING)
def test_real_sets_split_by_pair_by_source_subset_and_by_official_split():
    sets = load_all(str(ARTICLES))
    train, held = sets["horne"]
    assert all(a.id.startswith("RandomPolitical:") for a in held) and all(a.id.startswith("Buzzfeed") for a in train)
    train, held = sets["covid"]
    assert all(a.id.startswith("val:") for a in held) and all(a.id.startswith("train:") for a in train)
    train, held = sets["perez_rosas"]
    assert {perez_rosas_pair(a.id) for a in train}.isdisjoint({perez_rosas_pair(a.id) for a in held})


def test_windows_are_planned_like_the_csharp_token_window_planner():
    assert windows(list(range(10)), 254, 64) == [(0, 10)]
    assert windows(list(range(254)), 254, 64) == [(0, 254)]
    assert windows(list(range(255)), 254, 64) == [(0, 254), (190, 65)]
    assert windows(list(range(600)), 254, 64) == [(0, 254), (190, 254), (380, 220)]


def test_article_score_is_the_token_weighted_mean_of_its_windows():
    torch.manual_seed(0)
    tokenizer = WordPieceTokenizer.from_file(str(VOCAB))
    model = DistilBertForSequenceClassification(DistilBertConfig(
        vocab_size=len(tokenizer.vocab), dim=32, n_layers=2, n_heads=2, hidden_dim=64,
        max_position_embeddings=64)).eval()
    with torch.no_grad():
        for p in model.parameters():
            p.normal_(0, 0.3)
    long_text = " ".join(f"the state {w} rose" for w in ("tax", "school", "water", "health") * 12)
    articles = [Article("a", 1, "Title", long_text, "s"), Article("b", 0, "", "short post", "s")]
    pool = validpool.build(tokenizer, 32, [], {"horne": articles})
    margins = validpool.logit_margins(model, pool, torch.device("cpu"), autocast=False)
    body, post = pool.select(source="horne")
    assert len(pool.items[body].weights) > 1 and len(pool.items[post].weights) == 1
    assert pool.items[body].kind == "article" and pool.items[post].kind == "headline"
    assert pool.items[pool.items[body].title].source == "horne:title"
    scores = validpool.aggregate(pool, validpool.window_p(margins), [body, post])
    ids = tokenizer.tokenize_to_ids(articles[0].model_input())
    plan = windows(ids, 30, 15)
    with torch.no_grad():
        p = [torch.softmax(model(torch.tensor([tokenizer.wrap(ids[s:s + c])]),
                                 torch.ones((1, c + 2), dtype=torch.long)), -1)[0, 1].item() for s, c in plan]
    expected = sum(pi * c for pi, (_, c) in zip(p, plan)) / sum(c for _, c in plan)
    assert abs(scores[0] - expected) < 1e-5


def test_an_overlap_as_large_as_the_window_is_rejected():
    with pytest.raises(ValueError, match="overlap"):
        windows(list(range(100)), 62, 64)


@pytest.mark.skipif(not ARTICLES.is_dir(), reason=DATA_MISSING)
def test_train_parts_are_the_named_sets_train_splits_and_an_unknown_name_names_the_option():
    parts = train_parts(str(ARTICLES), "horne, perez_rosas", "--mix")
    assert list(parts) == ["horne", "perez_rosas"]
    assert parts["horne"] == load_all(str(ARTICLES))["horne"][0]
    with pytest.raises(SystemExit, match="--mix: unknown article set 'nope' \\(expected one of"):
        train_parts(str(ARTICLES), "horne,nope", "--mix")
