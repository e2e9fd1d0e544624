"""Write the name and key extracts used by `state_aliases` and the state keys, and register them.

* context-cldr-territory-names: CLDR territory names of the ITU Member States in the languages of the
  stored sources, as Babel ships them (`babel.Locale(lang).territories`); the Babel and CLDR versions are
  recorded in the registry row and in the extract's first line.
* context-countrycode-cow: iso3c, cown, cowc, cow.name of countrycode's codelist (Correlates of War keys).
* context-countrycode-world-bank-names: countrycode's copy of the World Bank API country list (names as the
  World Bank writes them, "Korea, Rep.").

The countrycode extracts are read from a git mirror of vincentarelbundock/countrycode at a pinned commit.
Each extract is a data extract kept whole (prefix `context-`), so rows may cite any of its lines.

Usage: python tools/make_name_extracts.py /path/to/countrycode.git
"""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import babel
from babel import Locale
from babel.core import get_cldr_version

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from wcit_data.build.sources import SourceRegistry  # noqa: E402

SOURCES = ROOT / "data" / "sources"
RETRIEVED = "2026-11-30"
COUNTRYCODE_COMMIT = "284d6a2f7e49d826e10894227a05d4c857e21540"
# one URL per source: each extract cites its own file at the pinned commit
COUNTRYCODE_FILE_URL = f"https://github.com/vincentarelbundock/countrycode/blob/{COUNTRYCODE_COMMIT}/dictionary/{{}}"
# The languages of the stored sources (sources.csv `language`), Norwegian as CLDR's Bokmål, plus Arabic
# (an official ITU language).
LANGUAGES = ["en", "fr", "de", "ru", "es", "pl", "zh", "nl", "nb", "ja", "ko", "tr", "da", "id", "fi", "sv",
             "pt", "it", "ar"]


def member_alpha2() -> list[str]:
    """ISO alpha-2 codes of the ITU Member States (itu_members.csv, through the stored ISO extract)."""
    iso = {}
    for block in re.findall(r"\{[^{}]*\}", (SOURCES / "text" / "iso-3166-1-pycountry.txt").read_text("utf-8")):
        entry = json.loads(block)
        iso[entry["alpha_3"]] = entry["alpha_2"]
    with open(ROOT / "data" / "curated" / "itu_members.csv", newline="", encoding="utf-8") as fh:
        return sorted(iso[row["iso3"]] for row in csv.DictReader(fh))


def cldr_extract() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["lang", "alpha2", "name"])
    for lang in LANGUAGES:
        names = Locale.parse(lang).territories
        for alpha2 in member_alpha2():
            writer.writerow([lang, alpha2, names[alpha2]])
    return out.getvalue()


def git_show(mirror: Path, path: str) -> str:
    return subprocess.run(["git", "--git-dir", str(mirror), "show", f"{COUNTRYCODE_COMMIT}:{path}"],
                          check=True, capture_output=True, text=True).stdout


def cow_extract(mirror: Path) -> str:
    rows = csv.DictReader(io.StringIO(git_show(mirror, "dictionary/codelist_without_cldr.csv")))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["iso3c", "cown", "cowc", "cow.name"])
    for row in rows:
        if row["cown"] and row["iso3c"]:
            writer.writerow([row["iso3c"], row["cown"], row["cowc"], row["cow.name"]])
    return out.getvalue()


def registry_rows(mirror: Path) -> list[tuple[dict, str]]:
    cldr = get_cldr_version()
    common = {"published": "", "retrieved": RETRIEVED, "kind": "secondary"}
    return [
        ({**common, "source_id": "context-cldr-territory-names",
          "title": f"Unicode CLDR {cldr} territory names of the ITU Member States ({len(LANGUAGES)} languages), "
                   f"as shipped in Babel {babel.__version__}: extract",
          "author": "Unicode CLDR Project", "publisher": "Unicode, Inc. (via the Babel Python library)",
          "url": "https://cldr.unicode.org/", "language": "en",
          "licence_note": "Unicode License v3 (CLDR data); Babel BSD-3-Clause",
          "retrieved_via": f"babel {babel.__version__} Locale(lang).territories (CLDR {cldr}); "
                           "tools/make_name_extracts.py",
          "notes": f"multilingual (registry language en = the column headers); languages {' '.join(LANGUAGES)}; one line per language and Member State; current CLDR "
                   "names (not necessarily the names of 2012)"},
         cldr_extract()),
        ({**common, "source_id": "context-countrycode-cow",
          "title": "Correlates of War country codes (cown, cowc, cow.name) by ISO3: extract of countrycode's codelist",
          "author": "Vincent Arel-Bundock; Correlates of War Project (codes)",
          "publisher": "countrycode (R package, GitHub)", "url": COUNTRYCODE_FILE_URL.format("codelist_without_cldr.csv"), "language": "en",
          "licence_note": "countrycode: GPL-3; COW state system codes free to use with citation of the "
                          "Correlates of War Project",
          "retrieved_via": f"git mirror of vincentarelbundock/countrycode @{COUNTRYCODE_COMMIT[:8]} "
                           "dictionary/codelist_without_cldr.csv, columns iso3c,cown,cowc,cow.name "
                           "(rows with a cown); tools/make_name_extracts.py",
          "notes": "Current country-to-COW mapping of countrycode (one code per ISO3; not a year panel)"},
         cow_extract(mirror)),
        ({**common, "source_id": "context-countrycode-world-bank-names",
          "title": "World Bank API country names and codes (countrycode's copy): data_world_bank_api.csv",
          "author": "World Bank (names); Vincent Arel-Bundock (compilation)",
          "publisher": "countrycode (R package, GitHub)", "url": COUNTRYCODE_FILE_URL.format("data_world_bank_api.csv"), "language": "en",
          "licence_note": "countrycode: GPL-3; World Bank data normally CC BY 4.0 (not verified for this list)",
          "retrieved_via": f"git mirror of vincentarelbundock/countrycode @{COUNTRYCODE_COMMIT[:8]} "
                           "dictionary/data_world_bank_api.csv (verbatim); tools/make_name_extracts.py",
          "notes": "Names as the World Bank API returned them when countrycode was built (not the 2012 list)"},
         git_show(mirror, "dictionary/data_world_bank_api.csv")),
    ]


def main(mirror: Path) -> None:
    registry = SourceRegistry(SOURCES)
    for row, text in registry_rows(mirror):
        registry.register(row, text)

if __name__ == "__main__":
    main(Path(sys.argv[1]))
