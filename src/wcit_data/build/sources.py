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

REGISTRY_COLUMNS = ["source_id", "title", "title_is_description", "author", "publisher", "url", "published",
                    "retrieved", "kind", "language", "licence_note", "retrieved_via", "notes", "sha256"]
SNAPSHOT_DIR = "text"
# Old source_ids kept resolvable after a merge (data/sources/aliases.csv).
ALIAS_COLUMNS = ["alias", "source_id", "reason"]
# What a source takes from another one (data/sources/relations.csv); `derived_from` is a source_id, or empty
# with `origin_label` naming an origin that is not stored.
RELATION_COLUMNS = ["source_id", "relation", "derived_from", "origin_label", "evidence", "note"]
RELATIONS = ["relays", "reposts", "translates", "quotes", "summarises"]

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
        self.aliases = {a["alias"]: a["source_id"] for a in self._read_optional("aliases.csv")}
        self.relations = self._read_optional("relations.csv")
        self._norm_cache: dict[str, str] = {}

    def _read_optional(self, name: str) -> list[dict]:
        path = self.dir / name
        if not path.exists():
            return []
        with open(path, newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    def canonical(self, source_id):
        """The current id of a source (an old id merged into another resolves to the one kept)."""
        return self.aliases.get(source_id, source_id) if isinstance(source_id, str) else source_id

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
        return errors + self._alias_errors(seen) + self._relation_errors(seen) + self._url_errors()

    def _alias_errors(self, ids: set[str]) -> list[str]:
        errors = []
        for alias, target in self.aliases.items():
            if alias in ids:
                errors.append(f"data/sources/aliases.csv: alias {alias!r} is still a source_id in sources.csv")
            if target not in ids:
                errors.append(f"data/sources/aliases.csv: alias {alias!r} points to unknown source {target!r}")
        return errors

    def _relation_errors(self, ids: set[str]) -> list[str]:
        errors = []
        for i, rel in enumerate(self.relations, start=2):
            where = f"data/sources/relations.csv row {i} ({rel['source_id']})"
            if rel["source_id"] not in ids:
                errors.append(f"{where}: unknown source_id")
            if rel["relation"] not in RELATIONS:
                errors.append(f"{where}: relation {rel['relation']!r} is not one of {RELATIONS}")
            if bool(rel["derived_from"]) == bool(rel["origin_label"]):
                errors.append(f"{where}: give exactly one of derived_from (a stored source) or origin_label")
            elif rel["derived_from"] and rel["derived_from"] not in ids:
                errors.append(f"{where}: derived_from {rel['derived_from']!r} is not in sources.csv")
            if rel["evidence"] and rel["source_id"] in ids and not self.contains(rel["source_id"], rel["evidence"]):
                errors.append(f"{where}: evidence not found verbatim in the snapshot: {rel['evidence'][:60]!r}")
        return errors

    def _url_errors(self) -> list[str]:
        """One URL, one source_id; a URL is a full address, never a truncated or local path."""
        errors, owner = [], {}
        for row in self.rows:
            url = row.get("url") or ""
            if not url:
                continue
            if url in owner:
                errors.append(f"data/sources/sources.csv: {row['source_id']} and {owner[url]} share the URL "
                              f"{url}; merge them (tools/merge_duplicate_sources.py)")
            owner[url] = row["source_id"]
            if not url.startswith(("http://", "https://")) or url.endswith(("...", "\u2026")):
                errors.append(f"data/sources/sources.csv: {row['source_id']} has no usable URL ({url!r}); "
                              "give the full address or leave it empty and say why in notes")
        return errors

    def origin(self, source_id: str) -> str:
        """The independent origin behind a source: itself, or what it relays/reposts/translates, transitively."""
        parents = {r["source_id"]: (r["derived_from"] or f"external:{r['origin_label']}") for r in self.relations}
        seen = {source_id}
        while source_id in parents:
            source_id = parents[source_id]
            if source_id in seen:
                break
            seen.add(source_id)
        return source_id

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
        """Add one source, or replace the row of the same id in place: write its snapshot and its row,
        hashing only this snapshot (the extract tools re-run it; ingest refuses a known id before)."""
        path = self.snapshot_path(row["source_id"])
        path.write_bytes(text.encode("utf-8"))
        row = {**row, "sha256": sha256_file(path)}
        known = [i for i, r in enumerate(self.rows) if r["source_id"] == row["source_id"]]
        if known:
            self.rows[known[0]] = row
        else:
            self.rows.append(row)
        self.write()

    def write(self) -> None:
        with open(self.csv_path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=REGISTRY_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: r.get(k, "") for k in REGISTRY_COLUMNS} for r in self.rows)


# Columns that pair a source with a verbatim snippet of it.
EVIDENCE_PAIRS = (("source_id", "evidence"), ("derivation_source_id", "derivation_evidence"),
                  ("itu_region_source_id", "itu_region_evidence"),
                  ("announced_source_id", "announced_evidence"))
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
