"""Weight averaging of checkpoints: weights normalised per checkpoint, parameters blended, bad weights refused."""
import importlib.util

import pytest
import torch

from conftest import REPO

spec = importlib.util.spec_from_file_location("average_checkpoints", REPO / "scripts" / "average_checkpoints.py")
average_checkpoints = importlib.util.module_from_spec(spec)
spec.loader.exec_module(average_checkpoints)


def test_weights_default_to_equal_and_are_normalised_to_sum_to_one():
    assert average_checkpoints.parse_weights("", 4) == [0.25] * 4
    assert average_checkpoints.parse_weights("3,1", 2) == pytest.approx([0.75, 0.25])


@pytest.mark.parametrize("text, count, message", [
    ("0.7", 2, "has 1 values for 2 checkpoints"),
    ("a,b", 2, "comma-separated numbers"),
    ("-1,2", 2, "non-negative"),
    ("0,0", 2, "positive sum"),
])
def test_bad_weights_are_refused_with_what_to_give(text, count, message):
    with pytest.raises(SystemExit, match=message):
        average_checkpoints.parse_weights(text, count)


def test_parameters_are_blended_by_weight():
    a = {"w": torch.tensor([0.0, 4.0]), "b": torch.tensor([1.0])}
    b = {"w": torch.tensor([8.0, 0.0]), "b": torch.tensor([3.0])}
    mean = average_checkpoints.weighted_average([a, b], [0.75, 0.25])
    torch.testing.assert_close(mean["w"], torch.tensor([2.0, 3.0]))
    torch.testing.assert_close(mean["b"], torch.tensor([1.5]))


def test_checkpoints_with_different_parameters_are_refused():
    with pytest.raises(SystemExit, match="different parameters"):
        average_checkpoints.weighted_average([{"w": torch.zeros(1)}, {"v": torch.zeros(1)}], [0.5, 0.5])
