"""Ensemble distillation: teacher files tied to their train data, target blending, and a student that follows them."""
import numpy as np
import pytest

from fakenews_train import train as train_module
from fakenews_train.distill import average_p_fake, blend, load_teacher, save_teacher
from fakenews_train.liar import load_liar
from test_hf_checkpoint import VOCAB, write_hf_checkpoint, write_liar


def test_teachers_are_averaged_as_probabilities_per_variant():
    a = {"bare": np.array([0.2, 0.9]), "meta": np.array([0.4, 0.5])}
    b = {"bare": np.array([0.4, 0.7]), "meta": np.array([0.0, 1.0])}
    mean = average_p_fake([a, b])
    np.testing.assert_allclose(mean["bare"], [0.3, 0.8], atol=1e-7)
    np.testing.assert_allclose(mean["meta"], [0.2, 0.75], atol=1e-7)


def test_blend_mixes_label_and_teacher_and_leaves_rows_past_the_teacher_alone():
    assert blend([1.0, 0.0, 1.0], np.array([0.5, 0.5]), 0.25) == pytest.approx([0.875, 0.125, 1.0])
    with pytest.raises(ValueError, match="--teacher-weight must be in"):
        blend([1.0], np.array([0.5]), 1.5)


def test_a_teacher_file_from_other_train_data_is_refused_with_the_fix(tmp_path):
    write_liar(tmp_path / "train.tsv", 20, seed=1)
    write_liar(tmp_path / "other.tsv", 20, seed=2)
    p = {"bare": np.full(20, 0.5, np.float32), "meta": np.full(20, 0.5, np.float32)}
    save_teacher(str(tmp_path / "t.npz"), p, str(tmp_path / "train.tsv"), ["runs/a"])
    p_fake, info = load_teacher(str(tmp_path / "t.npz"), str(tmp_path / "train.tsv"))
    assert p_fake["bare"].shape == (20,) and info["teachers"] == ["runs/a"] and info["rows"] == 20
    with pytest.raises(ValueError, match="other.tsv has sha256 .*rerun scripts/teacher_predictions.py"):
        load_teacher(str(tmp_path / "t.npz"), str(tmp_path / "other.tsv"))


def test_a_teacher_file_with_values_outside_zero_one_is_refused(tmp_path):
    write_liar(tmp_path / "train.tsv", 20, seed=1)
    p = {"bare": np.full(20, 1.5, np.float32), "meta": np.full(20, 0.5, np.float32)}
    save_teacher(str(tmp_path / "t.npz"), p, str(tmp_path / "train.tsv"), ["runs/a"])
    with pytest.raises(ValueError, match="'bare' must hold 20 probabilities in"):
        load_teacher(str(tmp_path / "t.npz"), str(tmp_path / "train.tsv"))


def test_a_student_with_full_teacher_weight_learns_the_teacher_not_the_labels(tmp_path):
    write_hf_checkpoint(tmp_path / "ckpt", len(VOCAB.read_text().splitlines()))
    write_liar(tmp_path / "train.tsv", 160, seed=1)
    write_liar(tmp_path / "valid.tsv", 60, seed=2)
    # A teacher that is exactly wrong: the student must rank valid backwards if its targets come from the teacher.
    inverted = np.array([1.0 - row.fake for row in load_liar(str(tmp_path / "train.tsv"))], np.float32)
    save_teacher(str(tmp_path / "t.npz"), {"bare": inverted, "meta": inverted}, str(tmp_path / "train.tsv"), ["x"])
    common = ["--base", str(tmp_path / "ckpt"), "--train", str(tmp_path / "train.tsv"),
              "--valid", str(tmp_path / "valid.tsv"), "--epochs", "3", "--batch-size", "16", "--lr", "1e-3",
              "--max-length", "64", "--threads", "1", "--seed", "3"]
    student = train_module.run(train_module.parse_args(
        common + ["--out", str(tmp_path / "student"), "--teacher", str(tmp_path / "t.npz"), "--teacher-weight", "1"]))
    assert student["valid"]["bare"]["roc_auc"] < 0.2


def test_the_model_card_states_the_teacher_share_the_teachers_and_where_bare_targets_come_from():
    from fakenews_train.model_card import _distillation_line
    line = _distillation_line({"teacher_runs": ["runs/teachers/a", "runs/teachers/b"], "teacher_weight": 0.7,
                               "bare_targets_from": "meta"})
    assert "30% the label target" in line and "70% the mean p(fake) of 2 teacher runs (a, b)" in line
    assert "WITH its metadata" in line


def test_teacher_predictions_writes_a_file_the_student_accepts_with_every_train_row(tmp_path):
    import shutil
    import subprocess
    import sys
    from pathlib import Path
    write_hf_checkpoint(tmp_path / "ckpt", len(VOCAB.read_text().splitlines()))
    for run in ("a", "b"):
        shutil.copytree(tmp_path / "ckpt", tmp_path / run / "best")
    write_liar(tmp_path / "train.tsv", 30, seed=1)
    write_liar(tmp_path / "valid.tsv", 20, seed=2)
    script = Path(__file__).resolve().parents[2] / "scripts" / "teacher_predictions.py"
    done = subprocess.run([sys.executable, str(script), "--out", str(tmp_path / "t.npz"), "--train",
                           str(tmp_path / "train.tsv"), "--valid", str(tmp_path / "valid.tsv"), "--max-length", "64",
                           "--threads", "1", "--device", "cpu", str(tmp_path / "a"), str(tmp_path / "b")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    p_fake, info = load_teacher(str(tmp_path / "t.npz"), str(tmp_path / "train.tsv"))
    assert info["rows"] == 30 and len(info["teachers"]) == 2
    assert p_fake["bare"].shape == (30,) and not np.allclose(p_fake["bare"], p_fake["meta"])
