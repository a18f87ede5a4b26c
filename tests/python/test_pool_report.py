"""scripts/pool_report.py: one column per run, and with --ensemble one more for the runs' averaged margins."""
import importlib.util
import shutil

import numpy as np
import pytest
import torch

from conftest import REPO
from fakenews_train.articles import held_out_parts
from fakenews_train.checkpoint import load_checkpoint, save_checkpoint
from fakenews_train.liar import load_liar
from fakenews_train.model import DistilBertConfig, DistilBertForSequenceClassification
from fakenews_train.onnx_export import export_onnx
from test_hf_checkpoint import VOCAB, write_liar
from test_news import write_articles
from test_post_head import TINY

spec = importlib.util.spec_from_file_location("pool_report", REPO / "scripts" / "pool_report.py")
pool_report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pool_report)


def write_run(folder, seed: int) -> str:
    torch.manual_seed(seed)
    model = DistilBertForSequenceClassification(DistilBertConfig(**TINY))
    save_checkpoint(str(folder / "best"), model.config, model.state_dict(), str(VOCAB))
    return str(folder)


def table(capsys, tmp_path, *args) -> dict:
    """The printed table as {input: [cell per column]}, and the header under the key 'columns'."""
    write_liar(tmp_path / "valid.tsv", 40, seed=3)
    write_articles(tmp_path / "articles", seed=4)
    assert pool_report.main([*args, "--liar-valid", str(tmp_path / "valid.tsv"),
                             "--articles", str(tmp_path / "articles"), "--max-length", "32", "--threads", "1"]) == 0
    lines = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in capsys.readouterr().out.strip().splitlines()]
    return {"columns": lines[0][2:], **{cells[0]: cells[2:] for cells in lines[2:]}}


def test_the_ensemble_of_a_run_and_its_copy_scores_as_the_run(tmp_path, capsys):
    run = write_run(tmp_path / "a", seed=1)
    shutil.copytree(run, tmp_path / "copy")
    report = table(capsys, tmp_path, "--ensemble", run, str(tmp_path / "copy"))
    assert len(report["columns"]) == 3 and report["columns"][2].startswith("ensemble (mean margin)")
    for key, cells in report.items():
        if key != "columns":
            assert cells[0] == cells[1] == cells[2], key


def test_the_ensemble_of_two_runs_is_a_column_of_its_own(tmp_path, capsys):
    report = table(capsys, tmp_path, "--ensemble", write_run(tmp_path / "a", seed=1), write_run(tmp_path / "b", seed=2))
    assert any(cells[2] not in cells[:2] for key, cells in report.items() if key != "columns")


def test_an_ensemble_of_one_run_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit):
        pool_report.main(["--ensemble", write_run(tmp_path / "a", seed=1)])
    assert "--ensemble needs at least two runs" in capsys.readouterr().err


def test_weighted_margins_are_standardized_per_run_before_the_weights_apply():
    a, b = np.array([1.0, -1.0, 3.0, -3.0]), np.array([10.0, 30.0, -10.0, -30.0])
    np.testing.assert_allclose(pool_report.ensemble_margins([a, b], [1.0, 0.0]), a / a.std())
    np.testing.assert_allclose(pool_report.ensemble_margins([a, 10 * a], [0.3, 0.7]), a / a.std())
    np.testing.assert_allclose(pool_report.ensemble_margins([a, b], [1.0, 3.0]), (a / a.std() + 3 * b / b.std()) / 4)
    np.testing.assert_allclose(pool_report.ensemble_margins([a, b]), (a + b) / 2)


@pytest.mark.parametrize("extra, message", [
    (["--weights", "0.5,0.5"], "needs --ensemble"),
    (["--ensemble", "--weights", "1"], "one non-negative weight per run"),
    (["--ensemble", "--weights", "0,0"], "not all zero"),
    (["--ensemble", "--weights", "a,b"], "comma-separated numbers"),
])
def test_weights_that_do_not_fit_the_runs_are_refused(tmp_path, capsys, extra, message):
    with pytest.raises(SystemExit):
        pool_report.main([*extra, write_run(tmp_path / "a", seed=1), write_run(tmp_path / "b", seed=2)])
    assert message in capsys.readouterr().err


def test_an_exported_model_folder_scores_as_the_run_it_came_from(tmp_path, capsys):
    run = write_run(tmp_path / "a", seed=1)
    model, _ = load_checkpoint(str(tmp_path / "a" / "best"))
    exported = tmp_path / "exported"
    exported.mkdir()
    export_onnx(model, str(exported / "model.onnx"))
    shutil.copy(VOCAB, exported / "vocab.txt")
    report = table(capsys, tmp_path, "--ensemble", "--weights", "0.5,0.5", run, str(exported))
    assert len(report["columns"]) == 3 and report["columns"][2].startswith("ensemble (0.5,0.5)")
    pools: dict = {}
    liar, held_out = load_liar(str(tmp_path / "valid.tsv")), held_out_parts(str(tmp_path / "articles"))
    pool, from_run = pool_report.run_margins(run, liar, held_out, 32, pools, threads=1)
    same_pool, from_onnx = pool_report.run_margins(str(exported), liar, held_out, 32, pools, threads=1)
    assert same_pool is pool and len(from_onnx) == len(pool.sequences)
    # bf16 under torch against float32 under ONNX Runtime: equal up to bf16's rounding.
    np.testing.assert_allclose(from_onnx, from_run, atol=0.02 * np.abs(from_run).max() + 1e-3)
