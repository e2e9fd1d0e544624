"""Typed Parquet at write time: each table's Arrow schema, derived from its pandera model.

The build validates and computes claims on string tables; only the written files are typed, so that pandas,
DuckDB, Polars and R's arrow read the same types: enumerations as dictionary<int8, string>, full dates
(YYYY-MM-DD) as date32, UTC instants as timestamp[ns, UTC], counts as int64, flags as bool.
Partial dates (YYYY or YYYY-MM) and clock times stay strings, since no date type holds them losslessly.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from wcit_data.build.schemas import DATE, MODELS

STATE_NAME = "state_name"


def _enum_values(column) -> list[str] | None:
    for check in column.checks:
        values = (check.statistics or {}).get("allowed_values")
        if values is not None:
            return list(values)
    return None


def _is_full_date(column) -> bool:
    return any(str((check.statistics or {}).get("pattern")) == DATE for check in column.checks)


def arrow_type(column) -> pa.DataType:
    """The Arrow type of one pandera column."""
    dtype = str(column.dtype).lower()
    if _enum_values(column) is not None:
        return pa.dictionary(pa.int8(), pa.string())
    if _is_full_date(column):
        return pa.date32()
    if "datetime" in dtype:
        return pa.timestamp("ns", tz="UTC")
    if "int" in dtype:
        return pa.int64()
    if "bool" in dtype:
        return pa.bool_()
    return pa.large_string()


def arrow_schema(name: str) -> pa.Schema:
    """Arrow schema of table ``name`` (column order and nullability of its pandera model)."""
    columns = MODELS[name].to_schema().columns
    return pa.schema([pa.field(col_name, arrow_type(col), nullable=bool(col.nullable))
                      for col_name, col in columns.items()])


def typed_frame(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with enumerations categorical (schema order) and full dates as datetime64."""
    out = frame.reset_index(drop=True).copy()
    out.attrs = {}  # build-time attrs (e.g. the curated CSV path) must not leak into the Parquet metadata
    for col_name, col in MODELS[name].to_schema().columns.items():
        values = _enum_values(col)
        if values is not None:
            out[col_name] = out[col_name].astype(pd.CategoricalDtype(values))
        elif _is_full_date(col):
            out[col_name] = pd.to_datetime(out[col_name], format="%Y-%m-%d").astype("datetime64[s]")
    return out


def arrow_table(name: str, frame: pd.DataFrame) -> pa.Table:
    """The typed Arrow table written for ``name`` (raises if a column does not fit its declared type)."""
    schema = arrow_schema(name)
    typed = typed_frame(name, frame)[schema.names]
    table = pa.Table.from_pandas(typed, preserve_index=False)
    return table.cast(schema.with_metadata(table.schema.metadata))


def add_state_names(tables: dict[str, pd.DataFrame]) -> None:
    """Insert the state's short name as ``state_name`` right after ``iso3`` in every table that has one."""
    names = tables["states"].set_index("iso3")["short_name"]
    for name, frame in tables.items():
        if name == "states" or "iso3" not in frame.columns:
            continue
        frame = frame.drop(columns=STATE_NAME, errors="ignore")
        frame.insert(frame.columns.get_loc("iso3") + 1, STATE_NAME, frame["iso3"].map(names))
        tables[name] = frame
