"""Register the sources that come from files on this machine rather than the search tool.

* the seed blog post: only the passages the dataset cites (claims, observer times), each verified verbatim
* pycountry's ISO 3166-1 database file (verbatim copy)
* the covariate extracts of shared/context (verbatim copies; provenance in PROVENANCE.md)

Usage: python tools/register_local_sources.py /path/to/shared
"""
import csv
import re
import hashlib
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources"
REG_COLS = ["source_id", "title", "author", "publisher", "url", "published", "retrieved", "kind", "language",
            "licence_note", "retrieved_via", "notes", "sha256"]
RETRIEVED = "2026-11-28"
SEED_ID = "igp-2012-12-what-really-happened-in-dubai"
SEED_EXTRA = [  # cited by events (the author's own time markers)
    "When I stopped monitoring the WCIT process around 5:30 pm (CET) December 13",
    "When I returned from a late dinner around 11:00 pm",
]
CONTEXT = {
    "context-freedom-house-2012": ("freedom_house_2012.csv", "Freedom House, Freedom in the World 2013 (2012 ratings): extract",
                                   "Freedom House (via xmarquez/democracyData fh_full.rda @29ea0a24)",
                                   "Licence not stated upstream ('Unknown.'); cite Freedom House"),
    "context-polity5-2012": ("polity5_2012.csv", "Polity5 polity2 2012 (and 2011): extract",
                             "Center for Systemic Peace (via xmarquez/democracyData polity5.rda @29ea0a24)",
                             "Upstream: 'Unknown. Assumed CC0 1.0'"),
    "context-vdem-2012": ("vdem_2012.csv", "V-Dem v15 polyarchy and liberal democracy 2012: extract",
                          "V-Dem Institute (via xmarquez/democracyData vdem_simple.rda @29ea0a24)", "CC BY-SA 4.0"),
    "context-internet-users-2011-2012": ("internet_users_2011_2012.csv",
                                         "Individuals using the Internet (% of population) 2011-2012: extract",
                                         "World Bank WDI / ITU (via Youssif-Alashry/Individuals-using-the-internet-dashboard @3827a14e)",
                                         "No licence stated upstream; WDI normally CC BY 4.0 (not verified)"),
}


def upsert(registry, row, text: bytes, sid):
    (SOURCES / "text" / f"{sid}.txt").write_bytes(text)
    row = {**row, "source_id": sid, "sha256": hashlib.sha256(text).hexdigest(), "retrieved": RETRIEVED}
    registry[:] = [r for r in registry if r["source_id"] != sid] + [row]


def seed_excerpt(shared: Path) -> bytes:
    seed = (shared / "seed" / "what-really-happened-in-dubai.txt").read_text(encoding="utf-8")
    with open(ROOT / "data" / "curated" / "claims.csv", newline="", encoding="utf-8") as fh:
        quotes = [r["quote"] for r in csv.DictReader(fh)]
    passages = []
    for q in quotes + SEED_EXTRA:
        # the post uses non-breaking spaces; match any whitespace run and keep the original characters
        pattern = r"\s+".join(re.escape(word) for word in q.split())
        found = re.search(pattern, seed)
        if not found:
            raise SystemExit(f"not verbatim in the seed post: {q!r}")
        if found.group(0) not in passages:
            passages.append(found.group(0))
    return ("\n[...]\n".join(passages) + "\n").encode("utf-8")


def main(shared: Path):
    reg_path = SOURCES / "sources.csv"
    with open(reg_path, newline="", encoding="utf-8") as fh:
        registry = list(csv.DictReader(fh))
    upsert(registry, {"title": "What really happened in Dubai? (with 32 comments) -- cited passages only",
                      "author": "Milton Mueller; commenters John Curran, Olivier and others",
                      "publisher": "Internet Governance Project (internetgovernance.org); repost at Annenberg School",
                      "url": "https://global.asc.upenn.edu/what-really-happened-in-dubai/", "published": "2012-12",
                      "kind": "secondary", "language": "en",
                      "licence_note": "blog post and comments, (c) their authors; short quotations only",
                      "retrieved_via": "shared/seed/what-really-happened-in-dubai.txt (full text supplied to the project)",
                      "notes": "Original on the IGP blog, December 2012; the snapshot keeps only the passages cited"},
           seed_excerpt(shared), SEED_ID)
    iso_path = Path(pycountry.__file__).parent / "databases" / "iso3166-1.json"
    upsert(registry, {"title": "ISO 3166-1 country codes (Debian iso-codes, as shipped in pycountry)",
                      "author": "", "publisher": "Debian iso-codes project / pycountry",
                      "url": "https://salsa.debian.org/iso-codes-team/iso-codes", "published": "",
                      "kind": "secondary", "language": "en", "licence_note": "LGPL-2.1+ (iso-codes data)",
                      "retrieved_via": f"pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else ''} databases/iso3166-1.json (verbatim)",
                      "notes": "Codes and names only; membership comes from ITU sources"},
           iso_path.read_bytes(), "iso-3166-1-pycountry")
    for sid, (fname, title, publisher, licence) in CONTEXT.items():
        upsert(registry, {"title": title, "author": "", "publisher": publisher,
                          "url": "shared/context/PROVENANCE.md", "published": "", "kind": "secondary",
                          "language": "en", "licence_note": licence,
                          "retrieved_via": f"shared/context/{fname} (verbatim copy; see docs/covariates-provenance.md)",
                          "notes": "Country-year extract; one CSV line per country is the evidence"},
               (shared / "context" / fname).read_bytes(), sid)
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "covariates-provenance.md").write_bytes((shared / "context" / "PROVENANCE.md").read_bytes())
    registry.sort(key=lambda r: r["source_id"])
    with open(reg_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=REG_COLS, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(registry)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
