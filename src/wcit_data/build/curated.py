"""The curated input files: their declared headers and the checks every file passes before the build uses it.

One place declares each file of ``data/curated/``: the pandera model whose columns it carries (minus the
columns the build computes), the input-only columns it may add, and whether it may legitimately hold no
rows. Every problem is reported with the file and the line number a user sees in an editor.

Rules (documented in docs/reliability.md):
- a declared file must exist, be UTF-8, be non-empty and hold at least one row (unless declared empty-able);
- its header is exactly the declared columns (any order): no unknown, missing or repeated column;
- every row has as many fields as the header; no two rows are identical;
- CSV is read with universal newlines, so CRLF and LF files give the same values;
- ``evidence`` / ``derivation_evidence`` is at least ``MIN_EVIDENCE_CHARS`` characters after whitespace
  normalisation and contains a letter;
- ``iso3`` is an ISO 3166-1 alpha-3 code of the stored ISO snapshot; source id columns name a registered source.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from wcit_data.build.sources import normalise

# Shortest evidence accepted (after whitespace normalisation): a snippet must identify a passage, and a word
# like "the" is found in any text. The shortest cited evidence in the data is 11 characters.
MIN_EVIDENCE_CHARS = 8
EVIDENCE_COLUMNS = ("evidence", "derivation_evidence")
SOURCE_COLUMNS = ("source_id", "derivation_source_id", "transcript_source_id")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class CuratedFile:
    """How one curated CSV is declared.

    ``model``: the table whose pandera model defines the file's columns; ``computed``: model columns the
    build computes (absent from the file); ``only``: take just these model columns; ``extra``: input-only
    columns; ``columns``: the full header of a file without a model; ``may_be_empty``: a header-only file is
    legitimate (the table has no rows yet); ``optional``: the file may be absent altogether.
    """

    model: str | None = None
    computed: tuple[str, ...] = ()
    only: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    may_be_empty: bool = False
    optional: bool = False


CURATED_FILES: dict[str, CuratedFile] = {
    "ballot_reports": CuratedFile("ballot_reports"),
    "claims": CuratedFile("claims", computed=("verdict", "explanation", "evidence_rows")),
    "conference_totals": CuratedFile("conference_totals"),
    "covariates": CuratedFile("covariates"),
    "declarations": CuratedFile("declarations"),
    "documents": CuratedFile("documents"),
    "events": CuratedFile("events", computed=("utc", "utc_earliest", "utc_latest", "precision")),
    "interventions_secondary": CuratedFile("interventions", computed=("intervention_id", "speaker_role")),
    "itu_members": CuratedFile("states", only=("iso3", "itu_name", "source_id", "evidence"), extra=("note",)),
    # per-state ITU administrative region with its evidence, joined into `states` (itu_region*)
    "itu_regions": CuratedFile(columns=("iso3", "itu_region", "source_id", "evidence", "note")),
    "participation": CuratedFile("participation"),
    "provisions": CuratedFile("provisions"),
    "resolutions": CuratedFile("resolutions"),
    "sessions": CuratedFile("sessions", computed=("start_utc", "numbering_flag")),
    "signature_reports": CuratedFile("signature_reports"),
    "state_aliases": CuratedFile("state_aliases", computed=("alias_key",)),
    "transcripts": CuratedFile(columns=("source_id", "plenary", "date")),
    "treaty_actions": CuratedFile("treaty_actions", may_be_empty=True),
    # annotations of transcript turns (topic/stance); none are curated yet, so the file may be absent
    "turn_annotations": CuratedFile(columns=("source_id", "turn", "topic", "stance", "note"), optional=True),
    "vote_reports": CuratedFile("vote_reports"),
}

# Which curated file each built table's rows come from (for error messages with file and line).
TABLE_FILES = {
    "ballot_reports": "ballot_reports", "claims": "claims", "conference_totals": "conference_totals",
    "covariates": "covariates", "declarations": "declarations", "documents": "documents", "events": "events",
    "interventions": "interventions_secondary", "participation": "participation", "provisions": "provisions",
    "resolutions": "resolutions", "sessions": "sessions", "signature_reports": "signature_reports",
    "state_aliases": "state_aliases", "states": "itu_members", "treaty_actions": "treaty_actions",
    "vote_reports": "vote_reports",
}


@lru_cache(maxsize=None)
def _model_columns(model: str) -> tuple[str, ...]:
    from wcit_data.build.schemas import MODELS

    return tuple(MODELS[model].to_schema().columns)


# Columns the build adds to every table that has them (never typed in a curated file).
ALWAYS_COMPUTED = ("state_name",)  # the state's short name beside iso3, from `states`


def declared_columns(name: str) -> list[str]:
    """The exact header of curated file ``name``."""
    spec = CURATED_FILES.get(name)
    if spec is None:
        raise KeyError(f"data/curated/{name}.csv is not declared in wcit_data.build.curated.CURATED_FILES; "
                       f"declared files: {', '.join(sorted(CURATED_FILES))}")
    if spec.model is None:
        return list(spec.columns)
    model_cols = _model_columns(spec.model)
    unknown = set(spec.computed) | set(spec.only)
    missing_from_model = sorted(unknown - set(model_cols))
    if missing_from_model:
        raise KeyError(f"curated.py declares {missing_from_model} for {name}.csv, but model {spec.model} has no "
                       "such column")
    computed = {*spec.computed, *ALWAYS_COMPUTED}
    base = [c for c in model_cols if c in spec.only] if spec.only else [c for c in model_cols if c not in computed]
    return base + list(spec.extra)


@dataclass
class CuratedRead:
    """A curated file read and checked: the frame (strings, '' -> missing), its line numbers, its problems."""

    frame: pd.DataFrame
    lines: list[int]
    problems: list[str]


def read_curated(path: Path, name: str, label: str) -> CuratedRead:
    """Read and check one curated CSV; ``label`` is its path as shown to the user."""
    columns = declared_columns(name)
    spec = CURATED_FILES[name]
    empty = pd.DataFrame({c: pd.Series(dtype="str") for c in columns})
    if not path.exists():
        if spec.optional:
            return CuratedRead(empty, [], [])
        hint = " (a table without rows needs the file with its header line)" if spec.may_be_empty else ""
        return CuratedRead(empty, [], [f"{label}: file is missing{hint}; expected header: {','.join(columns)}"])
    if path.is_dir():
        return CuratedRead(empty, [], [f"{label}: is a directory, not a CSV file"])
    raw = path.read_bytes()
    if not raw.strip():
        return CuratedRead(empty, [], [f"{label}: file is empty ({len(raw)} bytes); expected header: "
                                       f"{','.join(columns)}"])
    try:
        # universal newlines: CRLF, CR and LF files give the same values
        text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8-sig", newline=None).read()
    except UnicodeDecodeError as exc:
        return CuratedRead(empty, [], [f"{label}: not UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r})"])
    records, lines, problems = _records(text, label)
    if problems:
        return CuratedRead(empty, [], problems)
    header, rows = records[0], records[1:]
    problems += _header_problems(header, columns, label)
    if problems:
        return CuratedRead(empty, [], problems)
    if not rows and not spec.may_be_empty:
        problems.append(f"{label}: has a header but no rows; every table needs its rows "
                        "(restore the file from git if it was truncated)")
    for line, row in zip(lines[1:], rows):
        if len(row) != len(header):
            problems.append(f"{label} line {line}: {len(row)} field(s), the header has {len(header)} "
                            "(a missing or extra comma, or an unclosed quote)")
    if problems:
        return CuratedRead(empty, [], problems)
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])
    frame = frame.reindex(columns=[c for c in header])
    problems += _duplicate_rows(rows, lines[1:], label)
    problems += _evidence_problems(frame, lines[1:], label)
    return CuratedRead(frame, lines[1:], problems)


def _records(text: str, label: str) -> tuple[list[list[str]], list[int], list[str]]:
    """CSV records and the editor line on which each starts; a malformed record is one clear error."""
    reader = csv.reader(io.StringIO(text), strict=True)
    records, lines = [], []
    start = 1
    try:
        for record in reader:
            if record:  # a blank line is not a row
                records.append(record)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        return [], [], [f"{label} line {start}: malformed CSV ({exc})"]
    if not records:
        return [], [], [f"{label}: no header line"]
    return records, lines, []


def _header_problems(header: list[str], columns: list[str], label: str) -> list[str]:
    problems = []
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        problems.append(f"{label} line 1: column(s) {', '.join(repeated)} appear more than once")
    unknown = [c for c in header if c not in columns]
    missing = [c for c in columns if c not in header]
    for col in unknown:
        close = [c for c in missing if _similar(c, col)]
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        problems.append(f"{label} line 1 column {col!r}: unknown column{hint}; declared columns: {', '.join(columns)}")
    for col in missing:
        problems.append(f"{label} line 1 column {col!r}: missing column (add it to the header; leave values "
                        "empty where unknown)")
    return problems


def _similar(a: str, b: str) -> bool:
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.7


def _duplicate_rows(rows: list[list[str]], lines: list[int], label: str) -> list[str]:
    first: dict[tuple[str, ...], int] = {}
    problems = []
    for line, row in zip(lines, rows):
        key = tuple(row)
        if key in first:
            problems.append(f"{label} line {line}: exact duplicate of line {first[key]}")
        else:
            first[key] = line
    return problems


def evidence_problem(value) -> str | None:
    """Why an evidence string is too weak to locate a passage, or None."""
    if not isinstance(value, str):
        return None
    text = normalise(value)
    if not text:
        return "is blank (only whitespace)"
    if len(text) < MIN_EVIDENCE_CHARS:
        return f"is shorter than {MIN_EVIDENCE_CHARS} characters ({text!r}); quote enough to locate the passage"
    if not _LETTER.search(text):
        return f"contains no letter ({text!r})"
    return None


def _evidence_problems(frame: pd.DataFrame, lines: list[int], label: str) -> list[str]:
    problems = []
    for col in EVIDENCE_COLUMNS:
        if col in frame.columns:
            for line, value in zip(lines, frame[col]):
                why = evidence_problem(value)
                if why:
                    problems.append(f"{label} line {line} column {col}: evidence {why}")
    return problems


def reference_problems(reads: dict[str, CuratedRead], labels: dict[str, str], iso3_codes: set[str],
                       source_ids: set[str]) -> list[str]:
    """Dangling references of curated rows: iso3 outside ISO 3166-1, source ids not in the registry."""
    problems = []
    for name, read in reads.items():
        frame = read.frame
        checks = [("iso3", iso3_codes, "an ISO 3166-1 alpha-3 code of the stored ISO snapshot")]
        checks += [(c, source_ids, "a source_id of data/sources/sources.csv") for c in SOURCE_COLUMNS]
        for col, valid, what in checks:
            if col not in frame.columns:
                continue
            for line, value in zip(read.lines, frame[col]):
                if isinstance(value, str) and value not in valid:
                    problems.append(f"{labels[name]} line {line} column {col}: {value!r} is not {what}")
    return problems
