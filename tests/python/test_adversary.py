"""Domain-confusion training: the source adversary and the encoder's confusion loss."""
import json
import math

import pytest
import torch

from fakenews_train import train as train_module
from fakenews_train.adversary import SourceAdversary, confusion_weight
from test_hf_checkpoint import write_hf_checkpoint, write_liar
from test_news import write_articles
from test_post_head import TINY, batch, tiny_model


def test_the_confusion_weight_rises_from_zero_to_the_weight():
    assert confusion_weight(0.3, 0.0) == 0.0
    assert confusion_weight(0.3, 0.5) == pytest.approx(0.3 * 0.98661, abs=1e-5)
    assert 0.3 * 0.9999 < confusion_weight(0.3, 1.0) <= 0.3
    with pytest.raises(ValueError, match="progress"):
        confusion_weight(0.3, 1.5)


def test_the_adversarys_loss_trains_only_the_adversary_and_the_confusion_loss_only_the_encoder():
    torch.manual_seed(0)
    adversary = SourceAdversary(8, ["liar", "covid", "horne"])
    pooled = torch.randn(4, 8, requires_grad=True)
    sets = torch.tensor([0, 1, 2, 0])
    adversary_loss, confusion, hits = adversary.losses(pooled, sets)
    assert 0 <= hits <= 4
    adversary_loss.backward()
    assert pooled.grad is None and adversary.out.weight.grad is not None
    adversary.zero_grad(set_to_none=True)
    confusion.backward()
    assert pooled.grad is not None and adversary.out.weight.grad is None and adversary.hidden.weight.grad is None


def test_the_confusion_loss_is_smallest_when_the_adversary_gives_every_set_equal_odds():
    adversary = SourceAdversary(4, ["liar", "covid"])
    with torch.no_grad():
        adversary.out.weight.zero_()
        adversary.out.bias.copy_(torch.tensor([0.0, 0.0]))
    _, even, _ = adversary.losses(torch.randn(3, 4), torch.tensor([0, 1, 0]))
    with torch.no_grad():
        adversary.out.bias.copy_(torch.tensor([2.0, -2.0]))
    _, sure, _ = adversary.losses(torch.randn(3, 4), torch.tensor([0, 1, 0]))
    assert even.item() == pytest.approx(math.log(2)) and sure.item() > even.item()


def test_the_adversary_needs_two_sets():
    with pytest.raises(ValueError, match="at least two"):
        SourceAdversary(8, ["liar"])


def test_pool_then_classify_gives_the_forward_logits():
    model = tiny_model(post_head=True)
    ids, mask = batch()
    post = torch.tensor([False, True, False])
    assert torch.equal(model.route(model.classify(model.pool(ids, mask)), post), model(ids, mask, post=post))


def _args(tmp_path, *extra):
    return train_module.parse_args([
        "--base", str(tmp_path / "ckpt"), "--train", str(tmp_path / "train.tsv"), "--valid", str(tmp_path / "valid.tsv"),
        "--out", str(tmp_path / "run"), "--epochs", "1", "--batch-size", "16", "--lr", "1e-3", "--max-length", "64",
        "--article-length", "32", "--articles", str(tmp_path / "articles"), "--mix-cap", "40", "--threads", "1",
        "--seed", "3", "--pooling", "mean", *extra])


def _data(tmp_path):
    write_hf_checkpoint(tmp_path / "ckpt", TINY["vocab_size"])
    write_liar(tmp_path / "train.tsv", 80, seed=1)
    write_liar(tmp_path / "valid.tsv", 30, seed=2)
    write_articles(tmp_path / "articles", seed=3)


def test_a_run_with_the_source_adversary_logs_how_often_it_names_the_set(tmp_path):
    _data(tmp_path)
    train_module.run(_args(tmp_path, "--mix", "covid,horne", "--source-adversary", "0.1"))
    record = json.loads((tmp_path / "run" / "metrics.jsonl").read_text().splitlines()[0])
    assert 0.0 <= record["adversary_accuracy"] <= 1.0
    assert json.loads((tmp_path / "run" / "config.json").read_text())["source_adversary"] == 0.1


def test_the_source_adversary_without_a_mix_is_refused(tmp_path):
    _data(tmp_path)
    with pytest.raises(SystemExit, match="needs --mix"):
        train_module.run(_args(tmp_path, "--source-adversary", "0.1"))
    with pytest.raises(SystemExit, match="positive"):
        train_module.run(_args(tmp_path, "--mix", "covid", "--source-adversary", "-1"))
