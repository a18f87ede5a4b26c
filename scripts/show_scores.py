"""Prints a scored JSONL file (the output of `fakenews score`) as a short table."""
import json
import sys


def main(path: str) -> None:
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    width = max((len(r["id"]) for r in rows), default=2)
    print(f"{'id':<{width}}  label  p_fake  kind      threshold  tokens  chunks")
    for r in rows:
        if r.get("error"):
            print(f"{r['id']:<{width}}  error: {r['error']}")
        else:
            threshold = f"{r['threshold']:.2f}" if r.get("threshold") is not None else "-"
            print(f"{r['id']:<{width}}  {r['label']:<5}  {r['p_fake']:.3f}  {r.get('kind') or '-':<8}  {threshold:>9}  "
                  f"{r['tokens']:>6}  {r['chunks']:>6}")
    fake = sum(1 for r in rows if r.get("label") == "fake")
    print(f"{len(rows)} items: {fake} fake, {len(rows) - fake} real or failed -> {path}")


if __name__ == "__main__":
    main(sys.argv[1])
