"""Batched prediction: rows come back in input order whatever order the length-sorted batches ran in."""
import numpy as np
import torch

from fakenews_train.predict import length_sorted_batches, predict_logits, predict_pooled
from test_post_head import tiny_model

SEQUENCES = [[2, 40, 41, 42, 43, 3], [2, 44, 3], [2, 45, 46, 3], [2, 47, 48, 49, 3]]


def test_batches_cover_every_sequence_once_shortest_first():
    batches = list(length_sorted_batches(SEQUENCES, batch_size=3))
    assert [index for index, _, _ in batches] == [[1, 2, 3], [0]]
    ids, mask = batches[0][1], batches[0][2]
    assert ids.shape == (3, 5) and mask.sum(dim=1).tolist() == [3, 4, 5]


def test_pooled_rows_and_logits_are_in_input_order():
    model = tiny_model(post_head=False)
    pooled = predict_pooled(model, SEQUENCES, torch.device("cpu"), batch_size=3, autocast=False)
    logits = predict_logits(model, SEQUENCES, torch.device("cpu"), batch_size=3, autocast=False)
    with torch.no_grad():
        for row, sequence in enumerate(SEQUENCES):
            ids = torch.tensor([sequence])
            alone = model.pool(ids, torch.ones_like(ids))
            np.testing.assert_allclose(pooled[row], alone[0].numpy(), atol=1e-5)
            np.testing.assert_allclose(logits[row], model(ids, torch.ones_like(ids))[0].numpy(), atol=1e-5)
