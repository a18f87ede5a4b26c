"""Ensemble distillation: the averaged p(fake) of several fine-tuned runs on the LIAR train rows, stored with the
hash of the file they were computed on, and blended into a student's training targets."""
from __future__ import annotations

import json
from typing import Dict, List, Sequence, Tuple

import numpy as np

from .liar import file_sha256

VARIANTS = ("bare", "meta")


def average_p_fake(per_teacher: Sequence[Dict[str, np.ndarray]]) -> Dict[str, np.ndarray]:
    """Mean of the teachers' p(fake) per variant (probabilities, not logits: each teacher keeps its own scale)."""
    if not per_teacher:
        raise ValueError("at least one teacher is needed")
    return {v: np.mean([t[v] for t in per_teacher], axis=0).astype(np.float32) for v in VARIANTS}


def save_teacher(path: str, p_fake: Dict[str, np.ndarray], train_path: str, teachers: List[str]) -> None:
    info = {"train_sha256": file_sha256(train_path), "rows": int(len(p_fake["bare"])), "teachers": teachers}
    np.savez(path, bare=p_fake["bare"], meta=p_fake["meta"], info=np.array(json.dumps(info)))


def load_teacher(path: str, train_path: str) -> Tuple[Dict[str, np.ndarray], Dict]:
    """(teacher p(fake) per variant, one per row of train_path; what save_teacher recorded: train_sha256, rows,
    teachers). Refuses a file made from other train data."""
    with np.load(path) as data:
        info = json.loads(str(data["info"]))
        p_fake = {v: data[v] for v in VARIANTS}
    sha = file_sha256(train_path)
    if info["train_sha256"] != sha:
        raise ValueError(f"--teacher {path}: made from a train file with sha256 {info['train_sha256'][:16]}..., "
                         f"but {train_path} has sha256 {sha[:16]}...; rerun scripts/teacher_predictions.py on it")
    for v in VARIANTS:
        if p_fake[v].shape != (info["rows"],) or not np.all((p_fake[v] >= 0) & (p_fake[v] <= 1)):
            raise ValueError(f"--teacher {path}: '{v}' must hold {info['rows']} probabilities in [0, 1]")
    return p_fake, info


def blend(targets: Sequence[float], teacher: np.ndarray, weight: float) -> List[float]:
    """(1 - weight) * label target + weight * teacher p(fake), row by row; rows past the teacher's (articles added
    by --mix) keep their label target."""
    if not 0 <= weight <= 1:
        raise ValueError(f"--teacher-weight must be in [0, 1], got {weight}")
    return [(1 - weight) * t + weight * float(teacher[i]) if i < len(teacher) else t for i, t in enumerate(targets)]
