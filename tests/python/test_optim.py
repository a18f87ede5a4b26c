"""AdamW parameter groups: no weight decay on biases and LayerNorm weights, and layer-wise learning-rate decay."""
import pytest
import torch

from fakenews_train import train as train_module
from fakenews_train.model import DistilBertConfig, DistilBertForSequenceClassification
from fakenews_train.optim import depth, parameter_groups
from test_post_head import TINY


def model(layers: int = 3) -> DistilBertForSequenceClassification:
    return DistilBertForSequenceClassification(DistilBertConfig(**{**TINY, "n_layers": layers}))


def learning_rates(groups) -> dict:
    return {id(p): g["lr"] for g in groups for p in g["params"]}


def test_depth_counts_steps_below_the_heads():
    assert depth("classifier.weight", 3) == 0 and depth("post_pre_classifier.bias", 3) == 0
    assert depth("distilbert.transformer.layer.2.ffn.lin1.weight", 3) == 1
    assert depth("distilbert.transformer.layer.0.attention.q_lin.weight", 3) == 3
    assert depth("distilbert.embeddings.word_embeddings.weight", 3) == 4


def test_each_layer_trains_at_the_decay_times_the_layer_above_and_the_embeddings_slowest():
    net = model()
    rates = learning_rates(parameter_groups(net, 1e-3, 0.01, 0.5))
    named = dict(net.named_parameters())
    assert rates[id(named["classifier.weight"])] == pytest.approx(1e-3)
    assert rates[id(named["distilbert.transformer.layer.2.attention.q_lin.weight"])] == pytest.approx(5e-4)
    assert rates[id(named["distilbert.transformer.layer.0.attention.q_lin.weight"])] == pytest.approx(1.25e-4)
    assert rates[id(named["distilbert.embeddings.word_embeddings.weight"])] == pytest.approx(6.25e-5)


def test_every_parameter_is_in_one_group_and_only_weights_decay():
    net = model()
    groups = parameter_groups(net, 1e-3, 0.01, 0.8)
    assert sorted(id(p) for g in groups for p in g["params"]) == sorted(id(p) for p in net.parameters())
    decay = {id(p): g["weight_decay"] for g in groups for p in g["params"]}
    for name, parameter in net.named_parameters():
        expected = 0.0 if name.endswith(("bias", "LayerNorm.weight", "layer_norm.weight")) else 0.01
        assert decay[id(parameter)] == expected, name


def test_a_decay_of_one_trains_every_parameter_at_the_same_rate():
    assert set(learning_rates(parameter_groups(model(), 2e-5, 0.01)).values()) == {2e-5}


@pytest.mark.parametrize("decay", [0.0, -0.5, 1.5])
def test_a_decay_outside_zero_to_one_is_refused(decay, capsys):
    with pytest.raises(ValueError, match="layer decay must be in"):
        parameter_groups(model(), 1e-3, 0.01, decay)
    with pytest.raises(SystemExit):
        train_module.parse_args(["--out", "x", "--layer-decay", str(decay)])
    assert "--layer-decay must be in (0, 1]" in capsys.readouterr().err
