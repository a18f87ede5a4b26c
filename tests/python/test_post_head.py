"""The optional post head: a second classifier on the same encoder for inputs the hosts derive as posts."""
import json

import numpy as np
import torch

from fakenews_train import export as export_module
from fakenews_train import train as train_module
from fakenews_train import validpool
from fakenews_train.articles import Article
from fakenews_train.checkpoint import load_checkpoint, save_checkpoint
from fakenews_train.data import encode_rows
from fakenews_train.liar import load_liar
from fakenews_train.model import DistilBertConfig, DistilBertForSequenceClassification
from fakenews_train.news import article_examples
from fakenews_train.ort import run_onnx
from fakenews_train.predict import predict_logits
from fakenews_train.tokenizer import WordPieceTokenizer
from test_hf_checkpoint import VOCAB, write_hf_checkpoint, write_liar
from test_news import write_articles

TINY = dict(vocab_size=len(VOCAB.read_text().splitlines()), dim=32, n_layers=1, n_heads=2, hidden_dim=64,
            max_position_embeddings=64, pooling="mean")


def tiny_model(post_head: bool) -> DistilBertForSequenceClassification:
    torch.manual_seed(5)
    model = DistilBertForSequenceClassification(DistilBertConfig(post_head=post_head, **TINY))
    if post_head:
        with torch.no_grad():
            model.post_classifier.bias.copy_(torch.tensor([3.0, -3.0]))
    return model.eval()


def batch():
    ids = torch.tensor([[2, 40, 41, 3], [2, 42, 43, 3], [2, 44, 45, 3]])
    return ids, torch.ones_like(ids)


def test_rows_flagged_as_posts_take_the_post_heads_logits_and_the_others_the_main_heads():
    model = tiny_model(post_head=True)
    ids, mask = batch()
    main = model(ids, mask)
    routed = model(ids, mask, post=torch.tensor([False, True, False]))
    assert torch.equal(routed[0], main[0]) and torch.equal(routed[2], main[2])
    assert not torch.allclose(routed[1], main[1])
    assert routed[1, 0] - routed[1, 1] > 5.0, "row 1 should carry the post head's +3/-3 bias"


def test_a_model_without_a_post_head_ignores_the_flags():
    model = tiny_model(post_head=False)
    ids, mask = batch()
    assert torch.equal(model(ids, mask, post=torch.tensor([True, True, True])), model(ids, mask))


def test_the_post_head_survives_a_checkpoint_round_trip(tmp_path):
    model = tiny_model(post_head=True)
    save_checkpoint(str(tmp_path / "ckpt"), model.config, model.state_dict(), str(VOCAB))
    loaded, _ = load_checkpoint(str(tmp_path / "ckpt"))
    assert loaded.config.post_head
    assert torch.equal(loaded.state_dict()["post_classifier.bias"], model.state_dict()["post_classifier.bias"])
    ids, mask = batch()
    flags = torch.tensor([True, False, True])
    assert torch.allclose(loaded.eval()(ids, mask, post=flags), model(ids, mask, post=flags))


def test_fine_tuning_from_a_pretrained_encoder_can_add_a_fresh_post_head(tmp_path):
    write_hf_checkpoint(tmp_path / "pre", TINY["vocab_size"])
    model, _ = load_checkpoint(str(tmp_path / "pre"), post_head=True)
    assert model.config.post_head and model.post_classifier.weight.shape == (2, 32)


def test_examples_and_valid_windows_carry_the_kind_the_hosts_derive():
    tokenizer = WordPieceTokenizer.from_file(str(VOCAB))
    post = Article("covid:1", 1, "", "the tax rose says @someone http://example.com", "covid")
    article = Article("horne:1", 0, "Money", " ".join(["tax"] * 70), "horne")
    examples = article_examples("mixed", [post, article], tokenizer, 32)
    assert {e.kind for e in examples if e.source == "mixed:window"} == {"post", "article"}
    assert [e.kind for e in examples if e.source == "mixed:title"] == ["headline"]

    pool = validpool.build(tokenizer, 32, [], {"mixed": [post, article]})
    flags = pool.post_flags()
    assert len(flags) == len(pool.sequences)
    for item in pool.items:
        windows = flags[item.first: item.first + len(item.weights)]
        assert windows == [item.kind == "post"] * len(item.weights)
    assert sum(flags) == 1


def test_predictions_route_each_sequence_by_its_flag_whatever_the_length_order():
    model = tiny_model(post_head=True)
    sequences = [[2, 40, 41, 42, 43, 3], [2, 44, 3], [2, 45, 46, 3]]
    plain = predict_logits(model, sequences, torch.device("cpu"), autocast=False)
    routed = predict_logits(model, sequences, torch.device("cpu"), autocast=False, post=[True, False, False])
    assert (routed[1:] == plain[1:]).all()
    assert routed[0, 0] - routed[0, 1] > plain[0, 0] - plain[0, 1] + 5.0


def test_a_run_with_a_post_head_exports_both_outputs_and_calibrates_posts_on_the_post_head(tmp_path):
    write_hf_checkpoint(tmp_path / "ckpt", TINY["vocab_size"])
    write_liar(tmp_path / "train.tsv", 80, seed=1)
    write_liar(tmp_path / "valid.tsv", 30, seed=2)
    write_articles(tmp_path / "articles", seed=3)
    run = tmp_path / "run"
    train_module.run(train_module.parse_args([
        "--base", str(tmp_path / "ckpt"), "--train", str(tmp_path / "train.tsv"), "--valid", str(tmp_path / "valid.tsv"),
        "--out", str(run), "--epochs", "1", "--batch-size", "16", "--lr", "1e-3", "--max-length", "64",
        "--article-length", "32", "--mix", "covid,horne", "--articles", str(tmp_path / "articles"), "--mix-cap", "40",
        "--post-head", "--threads", "1", "--seed", "3"]))
    report = export_module.run(export_module.parse_args([
        "--run", str(run), "--out", str(tmp_path / "model"), "--articles", str(tmp_path / "articles"),
        "--max-length", "32", "--threads", "1"]))
    config = json.loads((tmp_path / "model" / "config.json").read_text())
    assert config["outputs"] == ["logits", "post_logits"] and config["kind_outputs"] == {"post": "post_logits"}
    assert report["parity"]["passed"] and report["parity"]["fused_attention"]["passed"]

    model, _ = load_checkpoint(str(run / "best"))
    model.eval()
    tokenizer = WordPieceTokenizer.from_file(str(tmp_path / "model" / "vocab.txt"))
    ids = torch.tensor([tokenizer.encode("the tax rose https://t.co/x", 32)])
    served = run_onnx(str(tmp_path / "model" / "model.onnx"), {"input_ids": ids.numpy(),
                                                               "attention_mask": np.ones_like(ids.numpy())})
    with torch.no_grad():
        main, post = model.heads(ids, torch.ones_like(ids))
    assert np.allclose(served["logits"], main.numpy(), atol=1e-4)
    assert np.allclose(served["post_logits"], post.numpy(), atol=1e-4)
    assert not np.allclose(served["logits"], served["post_logits"], atol=1e-3)

    pool = validpool.build(tokenizer, 32, [], {"covid": [Article("covid:1", 1, "", "the tax rose https://t.co/x", "c"),
                                                         Article("covid:2", 0, "", "the school rose today.", "c")]})
    margins = export_module.onnx_margins(str(tmp_path / "model" / "model.onnx"), pool, threads=1)
    torch_margins = validpool.logit_margins(model, pool, torch.device("cpu"), autocast=False)
    assert [i.kind for i in pool.items] == ["post", "claim"]
    assert np.allclose(margins, torch_margins, atol=1e-4), "ONNX and torch route the post window to the post head"
    assert abs(margins[0] - float(main[0, 1] - main[0, 0])) > 1e-3


def test_bare_liar_claims_of_the_post_kind_are_evaluated_on_the_post_head(tmp_path):
    write_liar(tmp_path / "valid.tsv", 12, seed=2)
    rows = [line.split("\t") for line in (tmp_path / "valid.tsv").read_text().splitlines()]
    real = next(n for n, r in enumerate(rows) if r[1] in ("half-true", "mostly-true", "true"))
    rows[real][2] = "Says the school rose #schools"
    (tmp_path / "valid.tsv").write_text("\n".join("\t".join(r) for r in rows) + "\n")
    valid = encode_rows(load_liar(str(tmp_path / "valid.tsv")), WordPieceTokenizer.from_file(str(VOCAB)), 64)
    assert valid.bare_posts == [n == real for n in range(12)]

    model = tiny_model(post_head=True)  # its post head calls the one post (a real claim) clearly real
    cpu = torch.device("cpu")
    labels = np.array(valid.labels)

    def auc(post):
        logits = predict_logits(model, valid.bare, cpu, autocast=False, post=post)
        return train_module.binary_metrics(labels, 1.0 / (1.0 + np.exp(logits[:, 0] - logits[:, 1])))["roc_auc"]

    evaluated = train_module.evaluate(model, valid, cpu, autocast=False)["bare"]["roc_auc"]
    assert evaluated == auc(valid.bare_posts) and evaluated != auc(None)


def encoder_and_head_gradients(scale):
    model = tiny_model(post_head=True).train()
    model.dropout.p = 0.0
    ids, mask = batch()
    logits = model(ids, mask, post=torch.tensor([False, True, False]), encoder_grad=scale)
    model.zero_grad()
    logits[1, 1].backward()  # row 1 only, through the post head
    encoder = torch.cat([p.grad.flatten() for p in model.distilbert.parameters() if p.grad is not None])
    return encoder, model.post_classifier.weight.grad.clone()


def test_a_rows_encoder_gradient_share_scales_what_reaches_the_encoder_and_not_the_heads():
    full_encoder, full_head = encoder_and_head_gradients(None)
    encoder, head = encoder_and_head_gradients(torch.tensor([1.0, 0.25, 1.0]))
    assert full_encoder.abs().max() > 0
    assert torch.allclose(encoder, 0.25 * full_encoder, atol=1e-7)
    assert torch.equal(head, full_head)
    frozen, _ = encoder_and_head_gradients(torch.tensor([1.0, 0.0, 1.0]))
    assert frozen.abs().max() == 0


def test_the_encoder_gradient_share_does_not_change_the_logits():
    model = tiny_model(post_head=True)
    ids, mask = batch()
    assert torch.equal(model(ids, mask, encoder_grad=torch.tensor([0.0, 0.5, 1.0])), model(ids, mask))
