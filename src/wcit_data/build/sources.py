"""The source registry and the evidence rule.

Evidence matching is whitespace-normalised: both the snippet and the stored text are
Unicode-NFC normalised and every run of whitespace is collapsed to one space. Nothing
else is changed (quotes, dashes, case and spelling must match exactly).
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

REGISTRY_COLUMNS = ["source_id", "title", "author", "publisher", "url", "published", "retrieved", "kind",
                    "language", "licence_note", "retrieved_via", "notes", "sha256"]
SNAPSHOT_DIR = "text"

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC + collapse whitespace runs: the documented comparison for evidence strings."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Snapshot:
    source_id: str
    path: Path
    text: str

    @property
    def normalised(self) -> str:
        return normalise(self.text)


class SourceRegistry:
    """data/sources/sources.csv plus the snapshot texts under data/sources/text/."""

    def __init__(self, sources_dir: Path):
        self.dir = Path(sources_dir)
        self.csv_path = self.dir / "sources.csv"
        with open(self.csv_path, newline="", encoding="utf-8") as fh:
            self.rows = list(csv.DictReader(fh))
        self._norm_cache: dict[str, str] = {}

    def ids(self) -> list[str]:
        return [r["source_id"] for r in self.rows]

    def snapshot_path(self, source_id: str) -> Path:
        return self.dir / SNAPSHOT_DIR / f"{source_id}.txt"

    def text(self, source_id: str) -> str:
        return self.snapshot_path(source_id).read_text(encoding="utf-8")

    def normalised_text(self, source_id: str) -> str:
        if source_id not in self._norm_cache:
            self._norm_cache[source_id] = normalise(self.text(source_id))
        return self._norm_cache[source_id]

    def contains(self, source_id: str, evidence: str) -> bool:
        return normalise(evidence) in self.normalised_text(source_id)

    def integrity_errors(self) -> list[str]:
        """Registry problems: missing snapshots, stale hashes, duplicate ids, orphan snapshot files."""
        errors, seen = [], set()
        for i, row in enumerate(self.rows, start=2):
            sid = row["source_id"]
            where = f"data/sources/sources.csv row {i} ({sid})"
            if sid in seen:
                errors.append(f"{where}: duplicate source_id")
            seen.add(sid)
            path = self.snapshot_path(sid)
            if not path.exists():
                errors.append(f"{where}: snapshot {path.relative_to(self.dir.parent.parent)} is missing")
                continue
            actual = sha256_file(path)
            if row.get("sha256") != actual:
                errors.append(f"{where}: sha256 in the registry does not match the snapshot "
                              f"({actual[:12]}...); if the edit is intended run `wcit-data hash-sources {sid}`")
        for path in sorted((self.dir / SNAPSHOT_DIR).glob("*.txt")):
            if path.stem not in seen:
                errors.append(f"data/sources/text/{path.name}: snapshot has no row in sources.csv")
        return errors

    def rehash(self, source_ids=None) -> list[tuple[str, str, str]]:
        """Record the current sha256 of the named snapshots (all when ``source_ids`` is None, for maintainers'
        tools) in sources.csv; returns (source_id, old sha256, new sha256) for each changed row.

        Unknown ids raise ValueError listing them; nothing is written then.
        """
        wanted = set(self.ids()) if source_ids is None else set(source_ids)
        unknown = sorted(wanted - set(self.ids()))
        if unknown:
            raise ValueError(f"unknown source id(s): {', '.join(unknown)} (see data/sources/sources.csv)")
        missing = sorted(s for s in wanted if not self.snapshot_path(s).is_file())
        if missing:
            raise ValueError(f"no snapshot for: {', '.join(missing)} (expected data/sources/text/<source_id>.txt)")
        changes = []
        for row in self.rows:
            if row["source_id"] in wanted:
                digest = sha256_file(self.snapshot_path(row["source_id"]))
                if row.get("sha256") != digest:
                    changes.append((row["source_id"], row.get("sha256") or "", digest))
                row["sha256"] = digest
        self.write()
        return changes

    def stale(self) -> list[str]:
        """Ids whose snapshot bytes differ from the registered sha256."""
        return [r["source_id"] for r in self.rows if self.snapshot_path(r["source_id"]).is_file()
                and r.get("sha256") != sha256_file(self.snapshot_path(r["source_id"]))]

    def register(self, row: dict, text: str) -> None:
        """Add one source: write its snapshot and its row, hashing only this snapshot."""
        path = self.snapshot_path(row["source_id"])
        path.write_text(text, encoding="utf-8")
        self.rows.append({**row, "sha256": sha256_file(path)})
        self.write()

    def write(self) -> None:
        with open(self.csv_path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=REGISTRY_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: r.get(k, "") for k in REGISTRY_COLUMNS} for r in self.rows)


# Columns that pair a source with a verbatim snippet of it.
EVIDENCE_PAIRS = (("source_id", "evidence"), ("derivation_source_id", "derivation_evidence"))
# Separator between retrieved passages of one snapshot.
PASSAGE_SEPARATOR = re.compile(r"\n\s*\[(?:\.\.\.|…)\]\s*\n")
# ITU documents may be kept as retrieved; data extracts are data, not prose.
KEPT_WHOLE_PREFIXES = ("itu-", "cart-", "context-", "iso-3166")


def evidence_pairs(tables):
    """(table, row number, source column, source_id, evidence) for every source/evidence pair in the tables."""
    for name, frame in tables.items():
        for sid_col, ev_col in EVIDENCE_PAIRS:
            if sid_col in frame.columns and ev_col in frame.columns:
                for i, (sid, ev) in enumerate(zip(frame[sid_col], frame[ev_col]), start=1):
                    yield name, i, sid_col, sid, ev


def split_passages(text: str) -> list[str]:
    return PASSAGE_SEPARATOR.split(text)


def kept_whole(source_id: str, publisher: str | None) -> bool:
    """True for sources whose snapshot may hold more than the cited passages (ITU documents, data extracts)."""
    return source_id.startswith(KEPT_WHOLE_PREFIXES) or "ITU" in str(publisher or "").split()


def cited_snippets(tables) -> dict[str, list[str]]:
    """source_id -> normalised evidence strings that rows cite."""
    cited: dict[str, list[str]] = {}
    for _, _, _, sid, ev in evidence_pairs(tables):
        if isinstance(sid, str):
            cited.setdefault(sid, []).append(normalise(ev))
    return cited
