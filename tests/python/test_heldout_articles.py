"""scripts/heldout_articles.py writes exactly the held-out parts that training leaves out, as eval-readable JSONL."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, DATA_MISSING

from fakenews_train.articles import load_all

REPO = Path(__file__).resolve().parents[2]
ARTICLES = DATA / "articles"
pytestmark = pytest.mark.skipif(not ARTICLES.is_dir(), reason=DATA_MISSING)


def run(*args):
    return subprocess.run([sys.executable, str(REPO / "scripts" / "heldout_articles.py"), *args],
                          capture_output=True, text=True, check=False)


def test_held_out_items_are_written_with_their_labels_and_nothing_from_the_train_parts(tmp_path):
    out = tmp_path / "held.jsonl"
    done = run("--data", str(ARTICLES), "--sets", "horne,perez_rosas", "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    sets = load_all(str(ARTICLES))
    expected = sets["horne"][1] + sets["perez_rosas"][1]
    assert [r["id"] for r in rows] == [a.id for a in expected]
    assert [r["label"] for r in rows] == ["fake" if a.fake else "real" for a in expected]
    assert [r["text"] for r in rows] == [a.text for a in expected]
    train_ids = {a.id for name in ("horne", "perez_rosas") for a in sets[name][0]}
    assert train_ids.isdisjoint(r["id"] for r in rows)
    assert set(rows[0]) == {"id", "label", "title", "text", "source_dataset"}


def test_an_unknown_set_is_refused_with_the_known_names(tmp_path):
    done = run("--data", str(ARTICLES), "--sets", "horne,nope", "--out", str(tmp_path / "x.jsonl"))
    assert done.returncode != 0
    assert "unknown set(s) nope" in done.stderr and "perez_rosas" in done.stderr
