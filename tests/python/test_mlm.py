"""Task-adaptive masked-LM pretraining: the masking rule, and a checkpoint that fine-tuning reads back."""
import json

import torch

from fakenews_train import mlm
from fakenews_train.checkpoint import load_checkpoint
from test_hf_checkpoint import VOCAB, write_hf_checkpoint, write_liar

CLS, SEP, PAD, MASK = 2, 3, 0, 4


def test_masking_never_touches_special_or_padding_tokens_and_follows_80_10_10():
    g = torch.Generator().manual_seed(0)
    ids = torch.full((200, 50), 7, dtype=torch.long)
    ids[:, 0], ids[:, 40], ids[:, 41:] = CLS, SEP, PAD
    attention = (ids != PAD).long()
    inputs, chosen, originals = mlm.mask_tokens(ids, attention, [CLS, SEP, PAD], MASK, 1000, 0.15, g)
    assert not chosen[:, 0].any() and not chosen[:, 40:].any()
    share = chosen[:, 1:40].float().mean().item()
    assert 0.13 < share < 0.17
    assert torch.equal(originals, ids[chosen])
    masked = (inputs[chosen] == MASK).float().mean().item()
    kept = (inputs[chosen] == 7).float().mean().item()
    assert 0.76 < masked < 0.84 and 0.07 < kept < 0.14  # 10% kept, plus random picks that happen to be 7
    assert torch.equal(inputs[~chosen], ids[~chosen])


def test_pretraining_lowers_the_mlm_loss_and_writes_a_checkpoint_that_fine_tuning_reads(tmp_path):
    write_hf_checkpoint(tmp_path / "ckpt", len(VOCAB.read_text().splitlines()))
    write_liar(tmp_path / "train.tsv", 160, seed=1)
    summary = mlm.run(mlm.parse_args([
        "--base", str(tmp_path / "ckpt"), "--train", str(tmp_path / "train.tsv"), "--out", str(tmp_path / "out"),
        "--epochs", "4", "--lr", "1e-3", "--max-length", "64", "--threads", "1"]))
    losses = [e["mlm_loss"] for e in summary["epochs_log"]]
    assert losses[-1] < losses[0] - 0.5
    assert json.loads((tmp_path / "out" / "pretraining.json").read_text())["sequences"] == 160
    before, _ = load_checkpoint(str(tmp_path / "ckpt"))
    after, vocab = load_checkpoint(str(tmp_path / "out"))
    name = "distilbert.transformer.layer.0.ffn.lin1.weight"
    assert not torch.equal(before.state_dict()[name], after.state_dict()[name])
    assert vocab.endswith("vocab.txt")
