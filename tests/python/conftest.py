import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
import os

# The data sets: $FAKENEWS_DATA when set, else ../shared/data beside the repository. Tests that read them skip with
# DATA_MISSING when they are absent.
DATA = Path(os.environ.get("FAKENEWS_DATA") or REPO.parent / "shared" / "data").resolve()
DATA_MISSING = (f"the data sets are not at {DATA}: put LIAR (liar/train.tsv, liar/valid.tsv) and the article sets "
                "(articles/*.csv) there, in ../shared/data beside the repository, or set FAKENEWS_DATA to their folder")
