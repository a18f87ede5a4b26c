#!/usr/bin/env python3
"""Fine-tunes the default model on LIAR. Example (the shipped recipe):

    /usr/bin/python3 scripts/train.py --out runs/minilm-news-v2
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.train import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
