"""The build pipeline: curated CSV + source snapshots -> validated Parquet + datapackage.json + checksums.

Every problem is collected (file, row, column, rule) and reported at once; nothing is dropped.
The output is deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pyarrow as pyarrow_lib
import pyarrow.parquet as pq

from wcit_data.build import atomic, derive
from wcit_data.build.arrow import add_state_names, arrow_table
from wcit_data.claims import claims_table
from wcit_data.loading import TABLE_NAME_KEY
from wcit_data.build.package import build_descriptor, export_schemas
from wcit_data.build.schemas import MODELS, table_metadata
from wcit_data.build.curated import (CURATED_FILES, TABLE_FILES, CuratedRead, evidence_problem, read_curated,
                                     reference_problems)
from wcit_data.build.sources import EVIDENCE_PAIRS, SourceRegistry, evidence_pairs

MANIFEST = "checksums.sha256"


class BuildError(RuntimeError):
    """The inputs do not validate; ``errors`` lists every problem."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        shown = "\n  ".join(errors[:200])
        more = f"\n  ... and {len(errors) - 200} more" if len(errors) > 200 else ""
        super().__init__(f"Build failed with {len(errors)} problem(s):\n  {shown}{more}")


@dataclass
class Inputs:
    """Where the curated inputs live (a checkout's data/ folder); every file read is checked (build/curated.py)."""

    root: Path
    reads: dict[str, CuratedRead] = field(default_factory=dict, repr=False)
    current: str | None = field(default=None, repr=False)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def curated(self) -> Path:
        return self.data / "curated"

    @property
    def sources(self) -> Path:
        return self.data / "sources"

    def label(self, name: str) -> str:
        """The file's path as the user sees it (relative to the checkout)."""
        return f"data/curated/{name}.csv"

    def read(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        """A curated CSV as strings ('' -> missing; 'NA' stays the text NA, e.g. Namibia's ISO2).

        ``columns`` is accepted for compatibility; the declared header of build/curated.py is authoritative.
        """
        self.current = self.label(name)
        if name not in self.reads:
            self.reads[name] = read_curated(self.curated / f"{name}.csv", name, self.label(name))
        frame = self.reads[name].frame.copy()
        frame.attrs["path"] = self.label(name)
        return resolve_source_aliases(frame, self.source_aliases())

    def source_aliases(self) -> dict[str, str]:
        """Old source_id -> the id kept (data/sources/aliases.csv), read once per build."""
        if getattr(self, "_aliases", None) is None:
            self._aliases = SourceRegistry(self.sources).aliases
        return self._aliases

    def problems(self) -> list[str]:
        return [p for read in self.reads.values() for p in read.problems]

    def line(self, name: str, position: int) -> int | None:
        """Editor line of row ``position`` (0-based) of curated file ``name``."""
        read = self.reads.get(name)
        return read.lines[position] if read and 0 <= position < len(read.lines) else None


def resolve_source_aliases(frame: pd.DataFrame, aliases: dict[str, str]) -> pd.DataFrame:
    """Old source_ids (merged duplicates, data/sources/aliases.csv) -> the id kept, in every *source_id column."""
    for name in frame.columns:
        if name.endswith("source_id"):
            frame[name] = frame[name].map(lambda v: aliases.get(v, v))
        elif name.endswith("source_ids"):
            frame[name] = frame[name].map(
                lambda v: v if not isinstance(v, str) else ";".join(aliases.get(x, x) for x in v.split(";")))
    return frame


# Columns that identify a curated row inside a built table (used to report file and line of a table error).
_MATCH_COLUMNS = ("source_id", "evidence", "derivation_evidence", "iso3", "vote_id", "event_id", "claim_id",
                  "attribute", "measure", "value", "margin_no", "lang", "doc_id", "alias", "decl_no", "variable")


@dataclass
class Build:
    inputs: Inputs
    errors: list[str] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def run(self) -> dict[str, pd.DataFrame]:
        registry = SourceRegistry(self.inputs.sources)
        self.errors += registry.integrity_errors()
        self._check_curated(registry)
        if self.errors:
            raise BuildError(self.errors)
        with self._naming_the_file("deriving the tables"):
            self.tables = derive.all_tables(self.inputs, registry, self.errors)
        add_state_names(self.tables)
        for name in self.tables:
            self._validate(name)
        self._check_keys()
        self._check_evidence(registry)
        # claims are computed from the validated tables, then validated themselves; their errors are shown
        # together with the other tables' (when the other tables are too broken to compute verdicts, that is said)
        try:
            with self._naming_the_file("computing the claim verdicts"):
                self.tables["claims"] = claims_table(self.inputs, self.tables)
        except BuildError as exc:
            if not self.errors:
                raise
            self.errors.append(f"data/curated/claims.csv: verdicts not computed because of the problems above "
                               f"({exc.errors[-1]})")
        if "claims" in self.tables:
            self._validate("claims")
            self._check_evidence(registry, {"claims": self.tables["claims"]})
        if self.errors:
            raise BuildError(self.errors)
        self.tables = {name: self.tables[name] for name in MODELS}
        self._check_keys()
        if self.errors:
            raise BuildError(self.errors)
        return self.tables

    def _check_curated(self, registry: SourceRegistry) -> None:
        """Read every declared curated file; list every missing, empty, malformed or dangling input at once."""
        for name in CURATED_FILES:
            self.inputs.read(name)
        self.errors += self.inputs.problems()
        if self.errors:
            return
        iso3_codes = _iso3_codes(registry)
        labels = {name: self.inputs.label(name) for name in self.inputs.reads}
        self.errors += reference_problems(self.inputs.reads, labels, iso3_codes, set(registry.ids()) | set(registry.aliases))  # old merged ids resolve

    @contextmanager
    def _naming_the_file(self, doing: str):
        """Turn an unexpected fault into a BuildError naming the curated file being processed."""
        try:
            yield
        except BuildError:
            raise
        except Exception as exc:  # noqa: BLE001 - re-raised with the file named
            where = self.inputs.current or "the curated inputs"
            raise BuildError(self.errors + [f"{where}: unexpected {type(exc).__name__} while {doing}: {exc}"]) from exc

    def where(self, name: str, position: int) -> str:
        """'data/curated/F.csv line N' for row ``position`` of table ``name``, else 'table NAME row N'."""
        fallback = f"table {name} row {position + 1}"
        source = TABLE_FILES.get(name)
        read = self.inputs.reads.get(source) if source else None
        frame = self.tables.get(name)
        if read is None or frame is None or not 0 <= position < len(frame) or read.frame.empty:
            return fallback
        cols = [c for c in _MATCH_COLUMNS if c in frame.columns and c in read.frame.columns]
        if not cols:
            return fallback
        wanted = tuple(_text(frame.iloc[position][c]) for c in cols)
        hits = [line for line, row in zip(read.lines, read.frame[cols].itertuples(index=False))
                if tuple(_text(v) for v in row) == wanted]
        if len(hits) == 1:
            return f"{self.inputs.label(source)} line {hits[0]} (table {name})"
        return fallback

    def _validate(self, name: str) -> None:
        model = MODELS[name]
        frame = self.tables[name]
        try:
            self.tables[name] = model.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            for case in exc.failure_cases.itertuples(index=False):
                where = f"table {name}" if pd.isna(case.index) else self.where(name, int(case.index))
                self.errors.append(f"{where} column {case.column}: fails {case.check} "
                                   f"(value {case.failure_case!r})")

    def _check_keys(self) -> None:
        for name in self.tables:
            frame, meta = self.tables[name], table_metadata(name)
            pk = meta.get("primary_key") or []
            if pk and frame.duplicated(pk).any():
                dups = frame.loc[frame.duplicated(pk, keep=False), pk].drop_duplicates().head(5)
                self.errors.append(f"table {name}: duplicate primary key {pk}: {dups.to_dict('records')}")
            self._check_duplicate_rows(name, frame)
            for key in meta.get("foreign_keys", []):
                self._check_fk(name, frame, key)

    def _check_fk(self, name, frame, key) -> None:
        (col,), ref = key["fields"], key["reference"]
        target = self.tables[ref["resource"]][ref["fields"][0]]
        values = frame[col].dropna()
        missing = sorted(set(values) - set(target))
        if missing:
            first = [self.where(name, int(frame.index.get_loc(values[values == v].index[0]))) for v in missing[:3]]
            self.errors.append(f"table {name} column {col}: {len(missing)} value(s) not in "
                               f"{ref['resource']}.{ref['fields'][0]}: {missing[:8]} (first at: {'; '.join(first)})")

    def _check_duplicate_rows(self, name: str, frame: pd.DataFrame) -> None:
        """Exact duplicate rows, in any table (with or without a primary key)."""
        try:
            dup = frame.astype(str).duplicated()
        except TypeError:
            return
        for position in [i for i, d in enumerate(dup) if d][:5]:
            self.errors.append(f"{self.where(name, position)}: exact duplicate row in table {name}")

    def _check_evidence(self, registry: SourceRegistry, tables=None) -> None:
        known = set(registry.ids())
        for name, i, sid_col, sid, ev in evidence_pairs(tables or self.tables):
            ev_col = dict(EVIDENCE_PAIRS)[sid_col]
            if pd.isna(sid) and pd.isna(ev):
                continue
            problem = self._evidence_problem(registry, known, sid_col, ev_col, sid, ev)
            if problem:
                self.errors.append(f"{self.where(name, i - 1)}{problem}")

    @staticmethod
    def _evidence_problem(registry, known, sid_col, ev_col, sid, ev) -> str | None:
        if pd.isna(sid) or pd.isna(ev):
            return f": {sid_col} and {ev_col} must be given together"
        if sid not in known:
            return f" column {sid_col}: unknown source {sid!r} (add it to data/sources/sources.csv)"
        weak = evidence_problem(ev)
        if weak:
            return f" column {ev_col}: evidence {weak}"
        if not registry.contains(sid, ev):
            return f" column {ev_col}: not found verbatim in source {sid!r}: {ev[:70]!r}"
        return None


def _text(value) -> str:
    """A cell as text for matching a built row to its curated line (missing -> '')."""
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _iso3_codes(registry: SourceRegistry) -> set[str]:
    from wcit_data.build.derive.states import ISO_SOURCE, iso_entries

    return set(iso_entries(registry)) if ISO_SOURCE in registry.ids() else set()


GENERATED_DATA = {"datapackage.json", MANIFEST}


def _generated(path: Path) -> bool:
    return path.suffix == ".parquet" or path.name in GENERATED_DATA


def write_outputs(tables: dict[str, pd.DataFrame], out_dir: Path, schemas_dir: Path | None, inputs: Inputs) -> Path:
    """Parquet files, datapackage.json and the checksum manifest (deterministic bytes), and schemas/.

    Each folder is written whole into a staging folder and switched in one atomic step (build/atomic.py),
    so a build killed at any moment leaves the old or the new files, never a mix.
    """
    out_dir = Path(out_dir)
    with atomic.locked(out_dir):
        staging = atomic.fresh_staging(out_dir, _generated)
        for name, frame in tables.items():
            table = arrow_table(name, frame)
            # the table's own name travels inside the file: the loader refuses a swapped file
            table = table.replace_schema_metadata({**(table.schema.metadata or {}), TABLE_NAME_KEY: name.encode()})
            pq.write_table(table, staging / f"{name}.parquet", compression="zstd", write_statistics=False)
            atomic.step(f"wrote {name}.parquet")
        descriptor = build_descriptor(tables, SourceRegistry(inputs.sources))
        (staging / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
                                                  encoding="utf-8")
        atomic.step("wrote datapackage.json")
        lines = []
        for path in sorted(staging.glob("*.parquet")) + [staging / "datapackage.json"]:
            lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}")
        (staging / MANIFEST).write_text("\n".join(lines) + "\n", encoding="utf-8")
        atomic.step(f"wrote {MANIFEST}")
        if schemas_dir is not None:
            _write_schemas(Path(schemas_dir))
        atomic.switch(staging, out_dir)
    return out_dir


def _generated_schema(path: Path) -> bool:
    return path.name == "CODEBOOK.md" or path.name.endswith((".pandera.json", ".tableschema.json"))


def _write_schemas(schemas_dir: Path) -> None:
    with atomic.locked(schemas_dir):
        staging = atomic.fresh_staging(schemas_dir, _generated_schema)
        export_schemas(staging)
        atomic.step("wrote schemas")
        atomic.switch(staging, schemas_dir)


def find_root(start: Path | None = None) -> Path:
    """The checkout root: the nearest folder holding data/sources/sources.csv."""
    candidates = [Path(start or Path.cwd()).resolve(), Path(__file__).resolve().parents[3]]
    for base in candidates:
        for folder in (base, *base.parents):
            if (folder / "data" / "sources" / "sources.csv").exists():
                return folder
    raise FileNotFoundError("No data/sources/sources.csv found: run the build inside a wcit-data checkout "
                            "(git clone ...; the installed wheel ships built tables, not curated inputs).")


def build(root: Path | None = None, out_dir: Path | None = None, schemas_dir: Path | None = None) -> dict:
    """Run the whole pipeline; returns the validated tables."""
    root = find_root(root)
    inputs = Inputs(root)
    tables = Build(inputs).run()
    out = out_dir or root / "src" / "wcit_data" / "data"
    write_outputs(tables, out, schemas_dir if schemas_dir is not None else (root / "schemas" if out_dir is None else None), inputs)
    return tables
