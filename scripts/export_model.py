#!/usr/bin/env python3
"""Exports a training run to a model folder. Example (the shipped model):

    /usr/bin/python3 scripts/export_model.py --run runs/minilm-news-v2 --out models/minilm-news-v2
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.export import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
