"""Register a user-supplied CART transcript so that the next build parses its turns."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from wcit_data.build import find_root
from wcit_data.build.sources import SourceRegistry

TRANSCRIPT_COLUMNS = ["source_id", "plenary", "date"]


MONTHS = {m: i for i, m in enumerate(["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
                                        "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"], start=1)}


def header_date(text: str) -> str | None:
    """The meeting date from a CART header ("13 DECEMBER 2012" or "DECEMBER 14, 2012")."""
    head = text[:1500].upper()
    found = re.search(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r"),? (\d{4})", head)
    if found:
        return f"{found.group(3)}-{MONTHS[found.group(2)]:02d}-{int(found.group(1)):02d}"
    found = re.search(r"\b(" + "|".join(MONTHS) + r") (\d{1,2}),? (\d{4})", head)
    if found:
        return f"{found.group(3)}-{MONTHS[found.group(1)]:02d}-{int(found.group(2)):02d}"
    return None


def ingest_transcript(path: Path, *, plenary: int, date: str | None = None, root: Path | None = None,
                      source_id: str | None = None, url: str | None = None) -> str:
    text = Path(path).read_text(encoding="utf-8")
    date = date or header_date(text)
    if date is None:
        raise ValueError(f"{path}: no date found in the transcript header; pass --date YYYY-MM-DD (Dubai date)")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise ValueError(f"--date must be YYYY-MM-DD, got {date!r}")
    if ">>" not in text:
        raise ValueError(f"{path} has no '>> SPEAKER:' turns; is it a CART transcript?")
    root = find_root(root)
    sid = source_id or f"cart-plenary{plenary}-{date}-user"
    registry = SourceRegistry(root / "data" / "sources")
    if sid in registry.ids():
        raise ValueError(f"source {sid!r} already exists; pass --source-id to choose another id")
    registry.snapshot_path(sid).write_text(text, encoding="utf-8")
    registry.rows.append({
        "source_id": sid, "title": f"CART transcript, WCIT-12 plenary {plenary}, {date} (supplied by user)",
        "publisher": "ITU / Caption First (CART)", "url": url or "", "retrieved": dt.date.today().isoformat(),
        "kind": "primary", "language": "en", "licence_note": "ITU document; (c) ITU",
        "retrieved_via": f"wcit-data ingest-transcript {Path(path).name}", "notes": f"CART transcript, plenary {plenary}"})
    registry.rehash()
    transcripts = root / "data" / "curated" / "transcripts.csv"
    new = not transcripts.exists()
    with open(transcripts, "a", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=TRANSCRIPT_COLUMNS, lineterminator="\n")
        if new:
            writer.writeheader()
        writer.writerow({"source_id": sid, "plenary": plenary, "date": date})
    return sid

