"""Write .zenodo.json from CITATION.cff (through wcit_data.citation), so the two never disagree.

Usage: python tools/make_zenodo_json.py   (tests/test_citation.py fails when the file is stale)
"""

from __future__ import annotations

import json
from pathlib import Path

from wcit_data.citation import package_citation

ROOT = Path(__file__).resolve().parents[1]


def zenodo_json() -> str:
    """The exact text of .zenodo.json."""
    return json.dumps(package_citation().zenodo(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    (ROOT / ".zenodo.json").write_text(zenodo_json(), encoding="utf-8")
    print("wrote .zenodo.json")
