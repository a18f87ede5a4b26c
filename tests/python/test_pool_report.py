"""scripts/pool_report.py: one column per run, and with --ensemble one more for the runs' averaged margins."""
import importlib.util
import shutil

import pytest
import torch

from conftest import REPO
from fakenews_train.checkpoint import save_checkpoint
from fakenews_train.model import DistilBertConfig, DistilBertForSequenceClassification
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
