import itertools

import numpy as np

from fakenews_train.metrics import binary_metrics, ece, fit_temperature, roc_auc, softmax


def brute_force_auc(y, s):
    pairs = [(a, b) for a, b in itertools.product(range(len(y)), repeat=2) if y[a] == 1 and y[b] == 0]
    return sum(1.0 if s[a] > s[b] else 0.5 if s[a] == s[b] else 0.0 for a, b in pairs) / len(pairs)


def test_roc_auc_equals_the_pairwise_definition_with_ties():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 60)
    s = np.round(rng.random(60), 1)
    assert abs(roc_auc(y, s) - brute_force_auc(y, s)) < 1e-12


def test_binary_metrics_on_a_hand_checked_case():
    m = binary_metrics([1, 1, 0, 0, 1], [0.9, 0.4, 0.6, 0.1, 0.7], threshold=0.5)
    assert m["confusion"] == [[1, 1], [1, 2]]
    assert m["accuracy"] == 0.6
    assert abs(m["f1_fake"] - 2 * 2 / (2 * 2 + 1 + 1)) < 1e-12
    assert abs(m["macro_f1"] - (2 / 3 + 0.5) / 2) < 1e-12


def test_temperature_fit_recovers_the_temperature_that_generated_the_labels():
    rng = np.random.default_rng(1)
    logits = rng.normal(0, 3, size=(20000, 2))
    y = (rng.random(20000) < softmax(logits, 2.0)[:, 1]).astype(int)
    assert abs(fit_temperature(logits, y) - 2.0) < 0.1


def test_calibration_error_is_small_for_calibrated_and_large_for_overconfident_scores():
    rng = np.random.default_rng(2)
    p = rng.random(20000)
    y = (rng.random(20000) < p).astype(int)
    assert ece(y, p) < 0.02
    assert ece(y, np.where(p >= 0.5, 0.999, 0.001)) > 0.2



def test_ece_of_a_calibrated_model_shrinks_with_items_and_a_miscalibrated_model_stands_above_it():
    from fakenews_train.metrics import ece_if_calibrated
    rng = np.random.default_rng(3)
    small, large = rng.random(200), rng.random(20_000)
    noise_small, noise_large = ece_if_calibrated(small, draws=200), ece_if_calibrated(large, draws=50)
    assert noise_small["mean"] > 3 * noise_large["mean"]
    assert noise_small["p95"] > noise_small["mean"]
    # Labels drawn from p squashed towards 0.5: the model is overconfident, far above the calibrated noise.
    p = rng.random(2_000)
    y = (rng.random(2_000) < 0.5 + (p - 0.5) * 0.3).astype(int)
    assert ece(y, p) > 2 * ece_if_calibrated(p, draws=200)["p95"]
