#!/usr/bin/env python3
"""Writes the held-out parts of the article and post sets as JSONL for `fakenews explain-bench` and `fakenews eval`.

The split is the one training uses (fakenews_train.articles): Perez-Rosas by pair (a seeded 30 % of pairs), Horne's
RandomPolitical subset, and COVID's val:* rows. Each line: {"id", "label", "title", "text", "source_dataset"}.
Write it outside the repository or under the git-ignored out/ folder; the data stays in ../shared/data.

    /usr/bin/python3 scripts/heldout_articles.py --out out/heldout-articles.jsonl [--sets perez_rosas,horne,covid]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.articles import held_out_parts  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data" / "articles"),
                        help="the folder of the article CSVs (default ../shared/data/articles)")
    parser.add_argument("--sets", default="perez_rosas,horne,covid", help="comma-separated sets (default: all three)")
    parser.add_argument("--out", required=True, help="the JSONL file to write")
    args = parser.parse_args()

    sets = held_out_parts(args.data)
    names = [n.strip() for n in args.sets.split(",") if n.strip()]
    unknown = [n for n in names if n not in sets]
    if unknown:
        raise SystemExit(f"--sets: unknown set(s) {', '.join(unknown)} (expected some of {', '.join(sets)})")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    counts = {}
    with open(args.out, "w", encoding="utf-8") as out:
        for name in names:
            held = sets[name]
            counts[name] = len(held)
            for a in held:
                out.write(json.dumps({"id": a.id, "label": "fake" if a.fake else "real", "title": a.title, "text": a.text,
                                      "source_dataset": a.source}, ensure_ascii=False) + "\n")
    print(f"{args.out}: " + ", ".join(f"{n} {c}" for n, c in counts.items()) + f" held-out items ({sum(counts.values())})")


if __name__ == "__main__":
    main()
