"""Ensemble distillation: the averaged p(fake) of several fine-tuned runs on the LIAR train rows, stored with the
hash of the file they were computed on, and blended into a student's training targets. Optionally also their p(fake)
on the article and post sets' training examples, each stored under a key of its source and token ids."""
from __future__ import annotations

import hashlib
import json
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from .liar import file_sha256

VARIANTS = ("bare", "meta")


def average_p_fake(per_teacher: Sequence[Dict[str, np.ndarray]]) -> Dict[str, np.ndarray]:
    """Mean of the teachers' p(fake) per variant (probabilities, not logits: each teacher keeps its own scale)."""
    if not per_teacher:
        raise ValueError("at least one teacher is needed")
    return {v: np.mean([t[v] for t in per_teacher], axis=0).astype(np.float32) for v in VARIANTS}


def example_key(source: str, ids: Sequence[int]) -> str:
    """What identifies a mixed training example across runs: its source ("<set>:window" or "<set>:title") and its
    token ids, so a teacher file stays valid whatever order, sample or subset of sets a student uses."""
    return hashlib.sha1(f"{source}|{','.join(map(str, ids))}".encode()).hexdigest()


def save_teacher(path: str, p_fake: Dict[str, np.ndarray], train_path: str, teachers: List[str],
                 mix: Optional[Dict[str, float]] = None) -> None:
    """Writes the teachers' LIAR predictions and, when given, their p(fake) on mixed examples by example_key."""
    info = {"train_sha256": file_sha256(train_path), "rows": int(len(p_fake["bare"])), "teachers": teachers,
            "mix_examples": len(mix or {})}
    keys = np.array(sorted(mix or {}), dtype="U40")
    values = np.array([mix[k] for k in keys], dtype=np.float32) if mix else np.zeros(0, np.float32)
    np.savez(path, bare=p_fake["bare"], meta=p_fake["meta"], mix_keys=keys, mix_p=values,
             info=np.array(json.dumps(info)))


def load_teacher(path: str, train_path: str) -> Tuple[Dict[str, np.ndarray], Dict]:
    """(teacher p(fake) per variant, one per row of train_path, and under "mix" a dict example_key -> p(fake) for
    the mixed examples it covers (empty for a file without them); what save_teacher recorded: train_sha256, rows,
    teachers). Refuses a file made from other train data."""
    with np.load(path) as data:
        info = json.loads(str(data["info"]))
        p_fake = {v: data[v] for v in VARIANTS}
        mix_p = data["mix_p"] if "mix_p" in data else np.zeros(0, np.float32)
        p_fake["mix"] = dict(zip(data["mix_keys"].tolist(), mix_p.tolist())) if "mix_keys" in data else {}
    sha = file_sha256(train_path)
    if info["train_sha256"] != sha:
        raise ValueError(f"--teacher {path}: made from a train file with sha256 {info['train_sha256'][:16]}..., "
                         f"but {train_path} has sha256 {sha[:16]}...; rerun scripts/teacher_predictions.py on it")
    for v in VARIANTS:
        if p_fake[v].shape != (info["rows"],) or not np.all((p_fake[v] >= 0) & (p_fake[v] <= 1)):
            raise ValueError(f"--teacher {path}: '{v}' must hold {info['rows']} probabilities in [0, 1]")
    if not np.all((mix_p >= 0) & (mix_p <= 1)):
        raise ValueError(f"--teacher {path}: the mixed examples' teacher p(fake) must lie in [0, 1]")
    return p_fake, info


def mixed_teacher_p(examples: Sequence, table: Dict[str, float], path: str) -> List[float]:
    """The teacher p(fake) of every mixed example (news.Example), in order; an example the file does not cover is
    refused with the command that covers it."""
    out = []
    for example in examples:
        key = example_key(example.source, example.ids)
        if key not in table:
            raise ValueError(f"--teacher {path} has no prediction for the {example.source} example of "
                             f"{example.item or 'a title'} ({len(table)} mixed examples covered): rerun "
                             "scripts/teacher_predictions.py with --mix naming every set and the student's "
                             "--article-length and --max-article-windows")
        out.append(table[key])
    return out


def blend_one(target: float, teacher_p: Optional[float], weight: float) -> float:
    """(1 - weight) * label target + weight * teacher p(fake); the label target alone when there is no teacher p."""
    return target if teacher_p is None else (1 - weight) * target + weight * teacher_p


def blend(targets: Sequence[float], teacher: np.ndarray, weight: float) -> List[float]:
    """blend_one row by row; rows past the teacher's (articles added by --mix) keep their label target."""
    if not 0 <= weight <= 1:
        raise ValueError(f"--teacher-weight must be in [0, 1], got {weight}")
    return [blend_one(t, float(teacher[i]) if i < len(teacher) else None, weight) for i, t in enumerate(targets)]
