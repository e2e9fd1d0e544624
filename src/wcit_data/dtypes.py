"""The published column types, applied to a loaded table.

The types come from the shipped descriptor (generated from the pandera models), so a frame read from any
Parquet writer gets the same dtypes: enumerations are ``Categorical`` with every allowed value in schema
order (even unused ones), dates are ``datetime64[s]`` (Dubai local dates, no time), instants are tz-aware
UTC, counts are nullable ``Int64`` and flags ``bool`` (``boolean`` where a flag may be missing).
"""

from __future__ import annotations

from functools import lru_cache

FULL_DATE_PATTERN = r"\d{4}-\d{2}-\d{2}"
PACKAGE_HOMEPAGE = "https://github.com/wcit-data/wcit-data"


def read_parquet_bytes(data: bytes):
    """A Parquet file's bytes as a pyarrow Table, read single-threaded.

    Uses pyarrow's own Cython reader (the one ``pyarrow.parquet.ParquetFile`` wraps) so that loading does not
    import ``pyarrow.parquet``, whose import of ``pyarrow.fs`` and ``ssl`` costs ~20 ms per process; falls
    back to the public API if that reader moves. Single-threaded because the tables are small and Arrow's
    thread pools can abort the interpreter at exit (apache/arrow#34314). tests/test_types.py checks that both
    paths give the same table.
    """
    import pyarrow as pa

    try:
        from pyarrow._parquet import ParquetReader
    except ImportError:  # pragma: no cover - a future pyarrow without the private module
        ParquetReader = None
    if ParquetReader is not None and hasattr(ParquetReader, "read_all"):
        reader = ParquetReader()
        reader.open(pa.BufferReader(data))
        return reader.read_all(use_threads=False)
    import pyarrow.parquet as pq

    return pq.ParquetFile(pa.BufferReader(data)).read(use_threads=False)


def _target_dtype(field: dict):
    import pandas as pd

    constraints = field.get("constraints", {})
    required = bool(constraints.get("required"))
    if constraints.get("enum") is not None:
        return pd.CategoricalDtype(constraints["enum"])
    kind = field["type"]
    if kind == "date" or constraints.get("pattern") == FULL_DATE_PATTERN:
        return "datetime64[s]"
    if kind == "datetime":
        return pd.DatetimeTZDtype("ns", "UTC")
    if kind == "integer":
        return pd.Int64Dtype()
    if kind == "boolean":
        return "bool" if required else pd.BooleanDtype()
    return None  # text stays the string dtype pandas gives it


def column_dtypes(name: str) -> dict:
    """Column -> pandas dtype of table ``name`` as published (text columns are left out)."""
    from wcit_data.loading import snapshot

    # keyed on the descriptor's checksum: after a rebuild (new allowed values) the dtypes follow the new build
    return _column_dtypes(name, snapshot().manifest.get("datapackage.json", ""))


@lru_cache(maxsize=None)
def _column_dtypes(name: str, descriptor_sha256: str) -> dict:
    from wcit_data.loading import _resource

    fields = _resource(name)["schema"]["fields"]
    return {f["name"]: dtype for f in fields if (dtype := _target_dtype(f)) is not None}


def table_attrs(name: str) -> dict:
    """What ``DataFrame.attrs`` carries for a loaded table: its name, description, licence and citation."""
    from wcit_data.loading import _resource, descriptor

    resource = _resource(name)
    licences = resource.get("licenses") or descriptor().get("licenses", [])
    version = descriptor().get("version", "")
    return {
        "table": name,
        "description": resource.get("description", ""),
        "licence": "; ".join(lic["name"] for lic in licences),
        "citation": (f"wcit-data contributors. wcit-data: source-linked tables about WCIT-12 (Dubai 2012), "
                     f"version {version}, table `{name}`. {descriptor().get('homepage', PACKAGE_HOMEPAGE)}. "
                     f"BibTeX: wcit_data.cite()."),
    }


def _has_dtype(series, dtype) -> bool:
    # unordered CategoricalDtypes compare equal whatever their category order: compare the lists too
    if getattr(dtype, "name", None) == "category":
        return series.dtype == "category" and list(series.cat.categories) == list(dtype.categories)
    return series.dtype == dtype


def apply_types(frame, name: str):
    """``frame`` (table ``name``) with the published dtypes and attrs; columns already typed are kept."""
    for column, dtype in column_dtypes(name).items():
        if column in frame.columns and not _has_dtype(frame[column], dtype):
            frame[column] = frame[column].astype(dtype)
    frame.attrs = table_attrs(name)
    return frame
