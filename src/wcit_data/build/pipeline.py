"""The build pipeline: curated CSV + source snapshots -> validated Parquet + datapackage.json + checksums.

Every problem is collected (file, row, column, rule) and reported at once; nothing is dropped.
The output is deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pyarrow as pyarrow_lib
import pyarrow.parquet as pq

from wcit_data.build import derive
from wcit_data.build.arrow import add_state_names, arrow_table
from wcit_data.claims import claims_table
from wcit_data.build.package import build_descriptor, export_schemas
from wcit_data.build.schemas import MODELS, table_metadata
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
    """Where the curated inputs live (a checkout's data/ folder)."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def curated(self) -> Path:
        return self.data / "curated"

    @property
    def sources(self) -> Path:
        return self.data / "sources"

    def read(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        """A curated CSV as strings ('' -> missing; 'NA' stays the text NA, e.g. Namibia's ISO2)."""
        path = self.curated / f"{name}.csv"
        if not path.exists():
            return pd.DataFrame({c: pd.Series(dtype="str") for c in (columns or [])})
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
        frame.attrs["path"] = str(path.relative_to(self.root))
        return resolve_source_aliases(frame, SourceRegistry(self.sources).aliases)


def resolve_source_aliases(frame: pd.DataFrame, aliases: dict[str, str]) -> pd.DataFrame:
    """Old source_ids (merged duplicates, data/sources/aliases.csv) -> the id kept, in every *source_id column."""
    for name in frame.columns:
        if name.endswith("source_id"):
            frame[name] = frame[name].map(lambda v: aliases.get(v, v))
        elif name.endswith("source_ids"):
            frame[name] = frame[name].map(
                lambda v: v if not isinstance(v, str) else ";".join(aliases.get(x, x) for x in v.split(";")))
    return frame


@dataclass
class Build:
    inputs: Inputs
    errors: list[str] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def run(self) -> dict[str, pd.DataFrame]:
        registry = SourceRegistry(self.inputs.sources)
        self.errors += registry.integrity_errors()
        self.tables = derive.all_tables(self.inputs, registry, self.errors)
        add_state_names(self.tables)
        for name in self.tables:
            self._validate(name)
        self._check_keys()
        self._check_evidence(registry)
        if self.errors:
            raise BuildError(self.errors)
        # claims are computed from the validated tables, then validated themselves
        self.tables["claims"] = claims_table(self.inputs, self.tables)
        self._validate("claims")
        self._check_evidence(registry, {"claims": self.tables["claims"]})
        self.tables = {name: self.tables[name] for name in MODELS}
        self._check_keys()
        if self.errors:
            raise BuildError(self.errors)
        return self.tables

    def _validate(self, name: str) -> None:
        model = MODELS[name]
        frame = self.tables[name]
        try:
            self.tables[name] = model.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            for case in exc.failure_cases.itertuples(index=False):
                row = "" if pd.isna(case.index) else f" row {int(case.index) + 1}"
                self.errors.append(f"table {name}{row} column {case.column}: fails {case.check} "
                                   f"(value {case.failure_case!r})")

    def _check_keys(self) -> None:
        for name in self.tables:
            frame, meta = self.tables[name], table_metadata(name)
            pk = meta.get("primary_key") or []
            if pk and frame.duplicated(pk).any():
                dups = frame.loc[frame.duplicated(pk, keep=False), pk].drop_duplicates().head(5)
                self.errors.append(f"table {name}: duplicate primary key {pk}: {dups.to_dict('records')}")
            for key in meta.get("foreign_keys", []):
                self._check_fk(name, frame, key)

    def _check_fk(self, name, frame, key) -> None:
        (col,), ref = key["fields"], key["reference"]
        target = self.tables[ref["resource"]][ref["fields"][0]]
        values = frame[col].dropna()
        missing = sorted(set(values) - set(target))
        if missing:
            self.errors.append(f"table {name} column {col}: {len(missing)} value(s) not in "
                               f"{ref['resource']}.{ref['fields'][0]}: {missing[:8]}")

    def _check_evidence(self, registry: SourceRegistry, tables=None) -> None:
        known = set(registry.ids())
        for name, i, sid_col, sid, ev in evidence_pairs(tables or self.tables):
            ev_col = dict(EVIDENCE_PAIRS)[sid_col]
            if pd.isna(sid) and pd.isna(ev):
                continue
            if pd.isna(sid) or pd.isna(ev):
                self.errors.append(f"table {name} row {i}: {sid_col} and {ev_col} must be given together")
            elif sid not in known:
                self.errors.append(f"table {name} row {i}: unknown {sid_col} {sid!r} (add it to data/sources/sources.csv)")
            elif not registry.contains(sid, ev):
                self.errors.append(f"table {name} row {i}: {ev_col} not found verbatim in source {sid!r}: {ev[:70]!r}")


def write_outputs(tables: dict[str, pd.DataFrame], out_dir: Path, schemas_dir: Path | None, inputs: Inputs) -> Path:
    """Parquet files, datapackage.json and the checksum manifest (deterministic bytes)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("*.parquet"):
        if stale.stem not in tables:
            stale.unlink()
    for name, frame in tables.items():
        table = arrow_table(name, frame)
        pq.write_table(table, out_dir / f"{name}.parquet", compression="zstd", write_statistics=False)
    descriptor = build_descriptor(tables, SourceRegistry(inputs.sources))
    (out_dir / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
    lines = []
    for path in sorted(out_dir.glob("*.parquet")) + [out_dir / "datapackage.json"]:
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}")
    (out_dir / MANIFEST).write_text("\n".join(lines) + "\n", encoding="utf-8")
    if schemas_dir is not None:
        export_schemas(schemas_dir)
    return out_dir


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
