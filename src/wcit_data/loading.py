"""Read the shipped Parquet tables: offline, verified against the checksum manifest."""

from __future__ import annotations

import difflib
import hashlib
import json
from functools import lru_cache
from importlib import resources

DATA_PACKAGE = "wcit_data"
DATA_DIR = "data"
MANIFEST = "checksums.sha256"
DESCRIPTOR = "datapackage.json"


class DataIntegrityError(RuntimeError):
    """A shipped data file is missing or does not match its recorded checksum."""


def _data_file(name: str):
    return resources.files(DATA_PACKAGE).joinpath(DATA_DIR, name)


@lru_cache(maxsize=1)
def descriptor() -> dict:
    """The shipped Frictionless data package descriptor (a dict)."""
    return json.loads(_data_file(DESCRIPTOR).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def manifest() -> dict[str, str]:
    """File name -> sha256, as recorded by the build."""
    entries = {}
    for line in _data_file(MANIFEST).read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, fname = line.split(maxsplit=1)
            entries[fname.strip()] = digest
    return entries


def list_tables() -> list[str]:
    """Names of all tables shipped with the package, in codebook order."""
    return [res["name"] for res in descriptor()["resources"]]


def check_table_name(name: str) -> str:
    """Return ``name`` if it is a table; else raise ValueError listing valid names."""
    valid = list_tables()
    if name in valid:
        return name
    close = difflib.get_close_matches(str(name), valid, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"Unknown table {name!r}.{hint} Valid tables: {', '.join(valid)}.")


def read_verified_bytes(fname: str) -> bytes:
    """Bytes of a shipped file, checked against the manifest."""
    expected = manifest().get(fname)
    if expected is None:
        raise DataIntegrityError(
            f"{fname} is not listed in {MANIFEST}. Reinstall wcit-data "
            "(pip install --force-reinstall wcit-data) or rebuild with `wcit-data build`."
        )
    try:
        data = _data_file(fname).read_bytes()
    except FileNotFoundError as exc:
        raise DataIntegrityError(
            f"{fname} is missing from the installed package. Reinstall wcit-data "
            "or rebuild with `wcit-data build`."
        ) from exc
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise DataIntegrityError(
            f"{fname} is corrupted or was modified: sha256 {actual[:12]}... does not match the "
            f"manifest ({expected[:12]}...). Reinstall wcit-data "
            "(pip install --force-reinstall wcit-data) or, in a checkout, run `wcit-data build`."
        )
    return data


def load(name: str):
    """Load table ``name`` as a pandas DataFrame.

    Raises ValueError for an unknown name and DataIntegrityError when the
    shipped Parquet file does not match its checksum.
    """
    check_table_name(name)
    data = read_verified_bytes(f"{name}.parquet")
    # lazy import keeps `import wcit_data` light; the reader avoids importing pyarrow.parquet (see its docstring)
    from wcit_data.dtypes import apply_types, read_parquet_bytes

    frame = read_parquet_bytes(data).to_pandas(use_threads=False, date_as_object=False)
    return apply_types(frame, name)  # the published dtypes; attrs: table, description, licence, citation


def _resource(name: str) -> dict:
    for res in descriptor()["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(name)
