"""Write the Correlates of War IGO (v3) extract behind the APT rows of `covariates`, and register it.

* context-cow-igo-v3-apt: the Asia-Pacific Telecommunity (ioname APT) in 2012, one line per state in the
  COW state system that year: the IGO-year file's membership code (0 no membership, 1 full, 2 associate,
  3 observer, -9 missing) with the state's COW number, abbreviation and name from the same package's
  state list (states2016). Rows of `covariates` cite the line of their state.

The data are read from a git mirror of dieghernan/igoR (the R package that ships the COW IGO v3 files) at a
pinned commit; the .rda files are read with pyreadr (`pip install pyreadr`, a maintainer tool only).

Usage: python tools/make_igo_extract.py /path/to/igoR.git
"""
from __future__ import annotations

import csv
import io
import subprocess
import sys
import tempfile
from pathlib import Path

import pyreadr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from wcit_data.build.sources import SourceRegistry  # noqa: E402

SOURCES = ROOT / "data" / "sources"
RETRIEVED = "2026-11-30"
IGOR_COMMIT = "c9936cac3f0fc117520e89f9a232e62dde1ce3e9"
IGO, YEAR = "APT", 2012
SOURCE_ID = "context-cow-igo-v3-apt"


def read_rda(mirror: Path, path: str):
    """The single data frame of an .rda file at the pinned commit."""
    blob = subprocess.run(["git", "--git-dir", str(mirror), "show", f"{IGOR_COMMIT}:{path}"],
                          check=True, capture_output=True).stdout
    with tempfile.NamedTemporaryFile(suffix=".rda") as fh:
        fh.write(blob)
        fh.flush()
        (frame,) = pyreadr.read_r(fh.name).values()
    return frame


def apt_extract(mirror: Path) -> str:
    igo = read_rda(mirror, "data/igo_year_format3.rda")
    states = read_rda(mirror, "data/states2016.rda")
    # states in the system in YEAR (one row per spell; a state column of the IGO file is `state`)
    in_system = states[(states["styear"] <= YEAR) & (states["endyear"] >= YEAR)]
    row = igo[(igo["ioname"] == IGO) & (igo["year"] == YEAR)]
    if len(row) != 1:
        raise ValueError(f"expected one {IGO} row for {YEAR}, found {len(row)}")
    row = row.iloc[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["ioname", "orgname", "year", "state", "ccode", "stateabb", "statenme", "membership"])
    for st in in_system.sort_values("state").itertuples(index=False):
        code = row.get(st.state)
        if code is None:
            raise ValueError(f"state column {st.state!r} missing from the IGO-year file")
        writer.writerow([IGO, row["orgname"], YEAR, st.state, int(st.ccode), st.stateabb, st.statenme,
                         "" if code != code else int(code)])
    return out.getvalue()


def registry_row() -> dict:
    return {
        "source_id": SOURCE_ID,
        "title": f"Correlates of War IGO data v3.0, IGO-year file: Asia-Pacific Telecommunity (APT) membership "
                 f"in {YEAR}: extract",
        "author": "Jon C. W. Pevehouse; Timothy Nordstrom; Roseanne W. McManus; Anne Spencer Jamison "
                  "(Correlates of War Project)",
        "publisher": "Correlates of War Project (as distributed in the igoR R package, GitHub)",
        "url": "https://correlatesofwar.org/data-sets/igos/", "published": "2020", "retrieved": RETRIEVED,
        "kind": "secondary", "language": "en",
        "licence_note": "COW data free to use with citation of Pevehouse et al. (2020), J. Peace Research "
                        "57(3) 492-503, doi:10.1177/0022343319881175; igoR package GPL-3",
        "retrieved_via": f"git mirror of dieghernan/igoR @{IGOR_COMMIT[:8]} data/igo_year_format3.rda "
                         f"(row ioname={IGO}, year={YEAR}) joined with data/states2016.rda (ccode, stateabb, "
                         "statenme); tools/make_igo_extract.py",
        "notes": "membership codes: 0 no membership, 1 full, 2 associate, 3 observer, -9 missing; one line per "
                 f"state in the COW state system in {YEAR}; COW IGO v3 covers 1816-2014",
    }


def main(mirror: Path) -> None:
    SourceRegistry(SOURCES).register(registry_row(), apt_extract(mirror))

if __name__ == "__main__":
    main(Path(sys.argv[1]))
