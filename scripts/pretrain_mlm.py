#!/usr/bin/env python3
"""Task-adaptive masked-LM pretraining of a DistilBERT checkpoint on LIAR train text. Example:

    /usr/bin/python3 scripts/pretrain_mlm.py --out runs/tapt-minilm --epochs 10
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakenews_train.mlm import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
