"""--article-loss mean: an article's windows batched together and trained on their token-weighted mean p(fake)."""
import random

import pytest
import torch

from fakenews_train.article_loss import group_ids, grouped_loss
from fakenews_train.data import bucketed_batches
from fakenews_train.articles import Article
from fakenews_train.news import article_examples
from test_news import tiny_mixed_training, tokenizer


def test_rows_of_one_item_share_a_group_and_rows_without_one_are_alone():
    assert group_ids(["", "a:1", "b:1", "a:1", ""]) == [-1, 0, 1, 0, -1]


def test_an_articles_windows_name_their_article_and_its_title_does_not():
    body = " ".join(["tax"] * 70)
    examples = article_examples("horne", [Article("RandomPolitical:1", 1, "Money", body, "s")], tokenizer(), 32)
    assert {e.item for e in examples if e.source == "horne:window"} == {"horne:RandomPolitical:1"}
    assert [e.item for e in examples if e.source == "horne:title"] == [""]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_row_lands_in_one_batch_with_the_rest_of_its_group(seed):
    rng = random.Random(seed)
    groups = [-1] * 50 + [g for g in range(20) for _ in range(rng.randint(1, 8))]
    lengths = [rng.randint(3, 64) for _ in groups]
    batches = bucketed_batches(lengths, batch_size=16, rng=random.Random(seed), bucket_batches=2, groups=groups)
    assert sorted(i for batch in batches for i in batch) == list(range(len(groups)))
    assert all(len(batch) <= 16 for batch in batches)
    home = {}
    for number, batch in enumerate(batches):
        for i in batch:
            if groups[i] >= 0:
                assert home.setdefault(groups[i], number) == number, f"group {groups[i]} split across batches"


def test_a_group_larger_than_a_batch_is_a_batch_of_its_own():
    batches = bucketed_batches([10] * 7, batch_size=3, rng=random.Random(0), groups=[-1, 0, 0, 0, 0, 0, -1])
    assert sorted(sorted(b) for b in batches) == [[0, 6], [1, 2, 3, 4, 5]]


def cross_entropy(p, target):
    return -(target * torch.log(p) + (1 - target) * torch.log(1 - p))


def log_p(p_fake):
    p = torch.tensor(p_fake, dtype=torch.float64)
    return torch.stack([torch.log(1 - p), torch.log(p)], dim=1)  # columns: real, fake


def test_rows_without_groups_get_the_plain_per_row_loss():
    target = torch.tensor([1.0, 0.0, 0.7], dtype=torch.float64)
    p = torch.tensor([0.9, 0.2, 0.6], dtype=torch.float64)
    loss = grouped_loss(log_p(p.tolist()), 1, target, torch.tensor([-1, -1, -1]), torch.tensor([5, 6, 7]))
    assert loss.item() == pytest.approx(cross_entropy(p, target).mean().item())


def test_a_groups_rows_share_the_loss_of_their_token_weighted_mean():
    p = [0.9, 0.3, 0.5]  # rows 0 and 1 are one article (weights 30 and 10), row 2 alone
    target = torch.tensor([1.0, 1.0, 0.0], dtype=torch.float64)
    loss = grouped_loss(log_p(p), 1, target, torch.tensor([4, 4, -1]), torch.tensor([30, 10, 8]))
    mean_p = torch.tensor((0.9 * 30 + 0.3 * 10) / 40, dtype=torch.float64)
    expected = (2 * cross_entropy(mean_p, 1.0) + cross_entropy(torch.tensor(0.5, dtype=torch.float64), 0.0)) / 3
    assert loss.item() == pytest.approx(expected.item())


def test_a_weak_window_is_pushed_less_when_its_article_is_already_right():
    p = torch.tensor([0.95, 0.3], dtype=torch.float64, requires_grad=True)
    logp = torch.stack([torch.log(1 - p), torch.log(p)], dim=1)
    grouped_loss(logp, 1, torch.tensor([1.0, 1.0], dtype=torch.float64), torch.tensor([0, 0]),
                 torch.tensor([10, 10])).backward()
    together = p.grad[1].item()
    p.grad = None
    logp = torch.stack([torch.log(1 - p), torch.log(p)], dim=1)
    grouped_loss(logp, 1, torch.tensor([1.0, 1.0], dtype=torch.float64), torch.tensor([-1, -1]),
                 torch.tensor([10, 10])).backward()
    assert 0 > together > p.grad[1].item()


def test_training_with_the_article_loss_runs_and_changes_what_is_learned(tmp_path):
    weights_after = tiny_mixed_training(tmp_path)
    plain = weights_after("plain", "distilbert.")
    assert torch.equal(weights_after("window", "distilbert.", "--article-loss", "window"), plain)
    assert not torch.allclose(weights_after("mean", "distilbert.", "--article-loss", "mean"), plain)
