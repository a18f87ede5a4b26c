"""Ensemble distillation: teacher files tied to their train data, target blending, and a student that follows them."""
import json

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


def test_a_mixed_examples_key_names_its_source_and_its_tokens():
    from fakenews_train.distill import example_key
    assert example_key("horne:window", [101, 7, 102]) == example_key("horne:window", [101, 7, 102])
    assert example_key("horne:window", [101, 7, 102]) != example_key("horne:title", [101, 7, 102])
    assert example_key("horne:window", [101, 7, 102]) != example_key("horne:window", [101, 8, 102])
    assert example_key("horne:window", [1, 23]) != example_key("horne:window", [12, 3])


def test_mixed_predictions_round_trip_and_a_file_without_them_covers_no_mixed_example(tmp_path):
    from fakenews_train.distill import mixed_teacher_p
    from fakenews_train.news import Example
    write_liar(tmp_path / "train.tsv", 20, seed=1)
    p = {"bare": np.full(20, 0.5, np.float32), "meta": np.full(20, 0.5, np.float32)}
    seen, unseen = Example([101, 5, 102], 1, "horne:window", item="horne:a"), Example([101, 6, 102], 0, "horne:title")
    from fakenews_train.distill import example_key
    save_teacher(str(tmp_path / "t.npz"), p, str(tmp_path / "train.tsv"), ["runs/a"],
                 {example_key(seen.source, seen.ids): 0.25})
    loaded, info = load_teacher(str(tmp_path / "t.npz"), str(tmp_path / "train.tsv"))
    assert info["mix_examples"] == 1 and mixed_teacher_p([seen], loaded["mix"], "t.npz") == [0.25]
    with pytest.raises(ValueError, match="no prediction for the horne:title example .*--mix naming every set"):
        mixed_teacher_p([seen, unseen], loaded["mix"], "t.npz")
    save_teacher(str(tmp_path / "plain.npz"), p, str(tmp_path / "train.tsv"), ["runs/a"])
    assert load_teacher(str(tmp_path / "plain.npz"), str(tmp_path / "train.tsv"))[0]["mix"] == {}


def test_a_mixed_target_blends_the_label_with_the_teacher_only_where_there_is_one():
    from fakenews_train.distill import blend_one
    assert blend_one(1.0, 0.2, 0.5) == pytest.approx(0.6)
    assert blend_one(0.05, None, 0.5) == 0.05
    assert blend_one(0.0, 0.9, 0.0) == 0.0


@pytest.mark.parametrize("extra, message", [
    (["--mix-teacher-weight", "0.5"], "needs --teacher"),
    (["--mix-teacher-weight", "0.5", "--teacher", "t.npz"], "needs --teacher .* and --mix"),
    (["--mix-teacher-weight", "1.5", "--teacher", "t.npz", "--mix", "horne"], "must be in \\[0, 1\\]"),
])
def test_a_mixed_teacher_weight_without_its_inputs_or_out_of_range_is_refused(extra, message, capsys):
    with pytest.raises(SystemExit):
        train_module.parse_args(["--out", "x"] + extra)
    import re
    assert re.search(message, capsys.readouterr().err)


def test_a_student_with_full_mixed_teacher_weight_learns_the_teacher_on_articles_not_their_labels(tmp_path):
    import subprocess
    import sys
    from pathlib import Path
    from fakenews_train.distill import example_key
    from fakenews_train.articles import train_parts
    from fakenews_train.news import article_examples
    from fakenews_train.tokenizer import WordPieceTokenizer
    from test_news import write_articles
    write_hf_checkpoint(tmp_path / "ckpt", len(VOCAB.read_text().splitlines()))
    (tmp_path / "a").mkdir()
    import shutil
    shutil.copytree(tmp_path / "ckpt", tmp_path / "a" / "best")
    write_liar(tmp_path / "train.tsv", 40, seed=1)
    write_liar(tmp_path / "valid.tsv", 20, seed=2)
    write_articles(tmp_path / "articles", seed=3)
    script = Path(__file__).resolve().parents[2] / "scripts" / "teacher_predictions.py"
    done = subprocess.run([sys.executable, str(script), "--out", str(tmp_path / "t.npz"), "--train",
                           str(tmp_path / "train.tsv"), "--valid", str(tmp_path / "valid.tsv"), "--max-length", "64",
                           "--mix", "horne,covid", "--articles", str(tmp_path / "articles"), "--article-length", "32",
                           "--threads", "1", "--device", "cpu", str(tmp_path / "a")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    tokenizer = WordPieceTokenizer.from_file(str(tmp_path / "ckpt" / "vocab.txt"))
    examples = [e for name, part in train_parts(str(tmp_path / "articles"), "horne,covid", "--mix").items()
                for e in article_examples(name, part, tokenizer, 32)]
    teacher, info = load_teacher(str(tmp_path / "t.npz"), str(tmp_path / "train.tsv"))
    assert info["mix_examples"] == len({example_key(e.source, e.ids) for e in examples}) > 0
    assert all(0.0 <= teacher["mix"][example_key(e.source, e.ids)] <= 1.0 for e in examples)
    # Replace the mixed predictions with a teacher that is exactly wrong on every article and post.
    inverted = {example_key(e.source, e.ids): 1.0 - e.fake for e in examples}
    save_teacher(str(tmp_path / "wrong.npz"), {"bare": teacher["bare"], "meta": teacher["meta"]},
                 str(tmp_path / "train.tsv"), ["x"], inverted)
    common = ["--base", str(tmp_path / "ckpt"), "--train", str(tmp_path / "train.tsv"), "--valid",
              str(tmp_path / "valid.tsv"), "--epochs", "3", "--batch-size", "16", "--lr", "1e-3", "--max-length", "64",
              "--article-length", "32", "--mix", "horne,covid", "--articles", str(tmp_path / "articles"),
              "--teacher", str(tmp_path / "wrong.npz"), "--teacher-weight", "0", "--threads", "1", "--seed", "3"]
    aucs = {}
    for name, extra in {"0": ["--mix-teacher-weight", "0"], "1": ["--mix-teacher-weight", "1"],
                        "1-horne": ["--mix-teacher-weight", "1", "--mix-teacher-sets", "horne"]}.items():
        summary = train_module.run(train_module.parse_args(common + ["--out", str(tmp_path / f"w{name}")] + extra))
        aucs[name] = summary["valid"]["held_out_auc"]
    assert aucs["0"]["covid"] > 0.8 and aucs["1"]["covid"] < 0.2, aucs
    assert aucs["0"]["horne"] > aucs["1"]["horne"], aucs
    # With --mix-teacher-sets horne only Horne's examples take the teacher; the posts keep their labels alone.
    taught = {name: json.loads((tmp_path / f"w{name}" / "config.json").read_text())["mix_teacher_examples"]
              for name in ("1", "1-horne")}
    assert taught == {"1": len(examples), "1-horne": sum(e.source.startswith("horne") for e in examples)}, taught
    assert 0 < taught["1-horne"] < taught["1"]
    with pytest.raises(SystemExit, match="--mix-teacher-sets names 'liar', which is not in --mix \\(horne,covid\\)"):
        train_module.run(train_module.parse_args(common + ["--out", str(tmp_path / "w-liar"),
                                                           "--mix-teacher-weight", "1", "--mix-teacher-sets", "horne,liar"]))


def test_the_model_card_states_the_teachers_share_of_the_mixed_examples_only_when_there_is_one():
    from fakenews_train.model_card import _distillation_line
    base = {"teacher_runs": ["runs/teachers/a"], "teacher_weight": 0.7, "bare_targets_from": "meta"}
    assert "article window" not in _distillation_line(base)
    line = _distillation_line({**base, "mix_teacher_weight": 0.5})
    assert "Each article window, title and post learns 50% its label and 50% the same teachers' mean p(fake)" in line
    line = _distillation_line({**base, "mix_teacher_weight": 0.5, "mix_teacher_sets": "horne"})
    assert "Each example of the Horne 2017 train parts learns 50% its label" in line
    line = _distillation_line({**base, "mix_teacher_weight": 0.25, "mix_teacher_sets": "perez_rosas,horne"})
    assert "of the Pérez-Rosas 2018 and Horne 2017 train parts learns 75% its label and 25%" in line
    assert line.endswith("on that example; the other sets' examples learn their labels alone.")
