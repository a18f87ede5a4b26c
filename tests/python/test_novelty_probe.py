"""scripts/novelty_probe.py's distances: k-nearest cosine and nearest-set Mahalanobis."""
import importlib.util

import numpy as np
import pytest

from conftest import REPO

spec = importlib.util.spec_from_file_location("novelty_probe", REPO / "scripts" / "novelty_probe.py")
novelty_probe = importlib.util.module_from_spec(spec)
spec.loader.exec_module(novelty_probe)


def test_knn_distance_is_zero_on_a_reference_row_and_grows_with_the_angle():
    reference = np.array([[1.0, 0.0], [2.0, 0.0], [0.0, 1.0]])
    d = novelty_probe.knn_distance(np.array([[3.0, 0.0], [1.0, 1.0], [-1.0, 0.0]]), reference, k=1)
    assert d[0] == pytest.approx(0.0) and d[1] == pytest.approx(1 - 2 ** -0.5) and d[2] == pytest.approx(1.0)


def test_knn_distance_averages_the_k_nearest():
    reference = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]])
    assert novelty_probe.knn_distance(np.array([[1.0, 0.0]]), reference, k=2)[0] == pytest.approx(0.5)


def test_mahalanobis_takes_the_nearest_group_and_scales_by_the_shared_spread():
    rng = np.random.default_rng(0)
    spread = np.array([10.0, 0.5])
    groups = {"a": rng.normal(size=(4000, 2)) * spread, "b": rng.normal(size=(4000, 2)) * spread + [100.0, 0.0]}
    d = novelty_probe.nearest_mahalanobis(np.array([[10.0, 0.0], [0.0, 0.5], [95.0, 0.0]]), groups)
    assert d[0] == pytest.approx(1.0, rel=0.1) and d[1] == pytest.approx(1.0, rel=0.1)
    assert d[2] == pytest.approx(0.25, rel=0.1), "nearer to b's mean than a's"
