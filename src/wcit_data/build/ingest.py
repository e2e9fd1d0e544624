"""Register a user-supplied CART transcript so that the next build parses its turns.

Everything is checked before anything is written (a refused file leaves the checkout untouched):
- FILE is a regular file of at most ``MAX_TRANSCRIPT_BYTES``, UTF-8 without NUL or other control bytes,
  plain CART text (not an HTML page) with at least one ``>> SPEAKER:`` turn;
- the date is a real calendar date within the conference (``CONFERENCE_DAYS``);
- the plenary number is within ``KNOWN_PLENARIES``;
- the source id is a slug (``SOURCE_ID_PATTERN``) not yet registered, and the snapshot path resolves inside
  ``data/sources/text/``.
Only the new snapshot is hashed and registered; the hashes of the other snapshots are never touched, so a
hand-edited snapshot keeps failing the build.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from pathlib import Path

from wcit_data.build import find_root
from wcit_data.build.sources import SourceRegistry

TRANSCRIPT_COLUMNS = ["source_id", "plenary", "date"]
# A complete CART transcript of a long plenary is a few hundred kB; 2 MB leaves room and keeps the build fast.
MAX_TRANSCRIPT_BYTES = 2_000_000
# WCIT-12 met in Dubai from 3 to 14 December 2012.
CONFERENCE_DAYS = (dt.date(2012, 12, 3), dt.date(2012, 12, 14))
# Plenary 17 was the closing plenary (data/curated/transcripts.csv: cart-plenary17-closing-2012-12-14).
KNOWN_PLENARIES = range(1, 18)
SOURCE_ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
_HTML = re.compile(r"<\s*(?:!doctype|html|head|body|div|span|p|table|script|style|br)\b", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TURN = re.compile(r"(?:^|\s)>{1,2}\s*[A-Z(][^\n:]{0,80}:", re.M)

MONTHS = {m: i for i, m in enumerate(["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
                                        "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"], start=1)}


class IngestError(ValueError):
    """A transcript or option that cannot be ingested; the message is one line naming the problem."""


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


def read_transcript(path: Path) -> str:
    """The text of a CART transcript file, or IngestError saying why it is not one."""
    path = Path(path)
    if not path.exists():
        raise IngestError(f"{path}: no such file")
    if not path.is_file():
        raise IngestError(f"{path}: is a directory or special file, not a transcript file")
    size = path.stat().st_size
    if size > MAX_TRANSCRIPT_BYTES:
        raise IngestError(f"{path}: {size:,} bytes exceeds the limit of {MAX_TRANSCRIPT_BYTES:,} bytes "
                          "for one CART transcript")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{path}: not UTF-8 text (byte {exc.start}: {raw[exc.start:exc.start + 1]!r}); "
                          "save the transcript as UTF-8") from None
    bad = _CONTROL.search(text)
    if bad:
        raise IngestError(f"{path}: contains a control character {bad.group()!r} at offset {bad.start()} "
                          "(NUL or binary data); a CART transcript is plain text")
    if _HTML.search(text[:20000]):
        raise IngestError(f"{path}: looks like an HTML page; save the transcript as plain text "
                          "(the CART text, not the web page)")
    if not _TURN.search(text):
        raise IngestError(f"{path}: has no '>> SPEAKER:' turns; is it a CART transcript?")
    return text


def check_date(date: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date or ""):
        raise IngestError(f"--date must be YYYY-MM-DD, got {date!r}")
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise IngestError(f"--date {date!r} is not a calendar date") from None
    first, last = CONFERENCE_DAYS
    if not first <= day <= last:
        raise IngestError(f"--date {date} is outside the conference ({first} to {last})")
    return date


def check_plenary(plenary) -> int:
    if isinstance(plenary, bool) or not isinstance(plenary, int) or plenary not in KNOWN_PLENARIES:
        raise IngestError(f"--plenary must be a number from {KNOWN_PLENARIES.start} to "
                          f"{KNOWN_PLENARIES.stop - 1}, got {plenary!r}")
    return plenary


def check_source_id(sid: str, registry: SourceRegistry, root: Path) -> Path:
    """The snapshot path for ``sid``; refuses ids that are not slugs, already used, or escape data/."""
    if not isinstance(sid, str) or not SOURCE_ID_PATTERN.fullmatch(sid):
        raise IngestError(f"--source-id must be lower-case letters, digits and hyphens (at most 80, starting "
                          f"with a letter or digit), got {sid!r}")
    if sid in registry.ids():
        raise IngestError(f"source {sid!r} already exists; pass --source-id to choose another id")
    path = registry.snapshot_path(sid).resolve()
    text_dir = (root / "data" / "sources" / "text").resolve()
    if path.parent != text_dir:
        raise IngestError(f"--source-id {sid!r} would write outside {text_dir}")
    return path


def ingest_transcript(path: Path, *, plenary: int, date: str | None = None, root: Path | None = None,
                      source_id: str | None = None, url: str | None = None) -> str:
    text = read_transcript(Path(path))
    plenary = check_plenary(plenary)
    date = date or header_date(text)
    if date is None:
        raise IngestError(f"{path}: no date found in the transcript header; pass --date YYYY-MM-DD (Dubai date)")
    date = check_date(date)
    if url and not re.match(r"https?://", url):
        raise IngestError(f"--url must start with http:// or https://, got {url!r}")
    root = find_root(root)
    sid = f"cart-plenary{plenary}-{date}-user" if source_id is None else source_id
    registry = SourceRegistry(root / "data" / "sources")
    check_source_id(sid, registry, root)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    same = [r["source_id"] for r in registry.rows if r.get("sha256") == digest]
    if same:
        raise IngestError(f"{path}: this transcript is already registered as {same[0]!r}")
    transcripts = root / "data" / "curated" / "transcripts.csv"
    registry.register({
        "source_id": sid, "title": f"CART transcript, WCIT-12 plenary {plenary}, {date} (supplied by user)",
        "publisher": "ITU / Caption First (CART)", "url": url or "", "retrieved": dt.date.today().isoformat(),
        "kind": "primary", "language": "en", "licence_note": "ITU document; (c) ITU",
        "retrieved_via": f"wcit-data ingest-transcript {Path(path).name}", "notes": f"CART transcript, plenary {plenary}"},
        text)
    new = not transcripts.exists()
    with open(transcripts, "a", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=TRANSCRIPT_COLUMNS, lineterminator="\n")
        if new:
            writer.writeheader()
        writer.writerow({"source_id": sid, "plenary": plenary, "date": date})
    return sid
