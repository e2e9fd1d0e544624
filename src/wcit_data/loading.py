"""Read the shipped Parquet tables: offline, verified against the checksum manifest.

Consistency: the manifest, the descriptor and every Parquet file are read as one *snapshot* of a
build. Each file is checked against the manifest of that snapshot, so a table and its metadata never
come from two different builds. When a rebuild (in another process) replaced the files after this
process cached its snapshot, a mismatch triggers one fresh read of the manifest and descriptor; only a
file that still fails against the freshly read manifest is an error.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass
from importlib import resources

DATA_PACKAGE = "wcit_data"
DATA_DIR = "data"
MANIFEST = "checksums.sha256"
DESCRIPTOR = "datapackage.json"
# Parquet key-value metadata holding the table's own name (written by the build, checked on load).
TABLE_NAME_KEY = b"wcit_data.table"
# A rebuild swaps the data folder in one step; a reader that raced it retries this many times.
READ_ATTEMPTS = 3
_FIX = ("Reinstall wcit-data (pip install --force-reinstall wcit-data) or, in a checkout, "
        "run `wcit-data build`.")


class DataIntegrityError(RuntimeError):
    """A shipped data file is missing, does not match its recorded checksum, or is not what it claims to be."""


@dataclass(frozen=True)
class Snapshot:
    """The manifest and descriptor of one build, read together and cross-checked."""

    manifest: dict[str, str]
    descriptor: dict
    manifest_bytes: bytes


def _data_file(name: str):
    return resources.files(DATA_PACKAGE).joinpath(DATA_DIR, name)


def _read_bytes(fname: str) -> bytes:
    try:
        return _data_file(fname).read_bytes()
    except (FileNotFoundError, NotADirectoryError) as exc:
        if _restore_interrupted_switch(fname):
            return _data_file(fname).read_bytes()
        raise DataIntegrityError(f"{fname} is missing from the installed package. {_FIX}") from exc


def _restore_interrupted_switch(fname: str) -> bool:
    """A build killed between its two fallback renames leaves the previous data folder as `.data.old`
    (build/atomic.py): put it back (best effort; an installed, read-only package never has one)."""
    import os
    from pathlib import Path

    try:
        folder = Path(str(_data_file(fname))).parent
        old = folder.parent / f".{folder.name}.old"
        if not folder.exists() and old.is_dir():
            os.rename(old, folder)
            return True
    except OSError:
        pass
    return False


def parse_manifest(text: str) -> dict[str, str]:
    """``sha256  name`` lines -> {name: sha256}; a malformed line is an integrity error."""
    entries = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split(maxsplit=1)
        if len(parts) != 2 or len(parts[0]) != 64:
            raise DataIntegrityError(f"{MANIFEST} line {number} is malformed ({line[:60]!r}). {_FIX}")
        entries[parts[1].strip()] = parts[0]
    if not entries:
        raise DataIntegrityError(f"{MANIFEST} is empty. {_FIX}")
    return entries


def _verify(fname: str, data: bytes, manifest: dict[str, str]) -> None:
    expected = manifest.get(fname)
    if expected is None:
        raise DataIntegrityError(f"{fname} is not listed in {MANIFEST}. {_FIX}")
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise DataIntegrityError(
            f"{fname} is corrupted or was modified: sha256 {actual[:12]}... does not match the "
            f"manifest ({expected[:12]}...). {_FIX}")


def _read_snapshot() -> Snapshot:
    manifest_bytes = _read_bytes(MANIFEST)
    manifest = parse_manifest(manifest_bytes.decode("utf-8", errors="replace"))
    raw = _read_bytes(DESCRIPTOR)
    _verify(DESCRIPTOR, raw, manifest)
    try:
        desc = json.loads(raw.decode("utf-8"))
        names = [res["name"] for res in desc["resources"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise DataIntegrityError(f"{DESCRIPTOR} is not a valid data package descriptor ({exc}). {_FIX}") from exc
    if not all(isinstance(n, str) for n in names):
        raise DataIntegrityError(f"{DESCRIPTOR} lists a resource without a name. {_FIX}")
    return Snapshot(manifest, desc, manifest_bytes)


_lock = threading.Lock()
_current: Snapshot | None = None


def snapshot(refresh: bool = False) -> Snapshot:
    """The cached snapshot of the shipped build (read again when ``refresh`` or not yet read)."""
    global _current
    with _lock:
        if _current is None or refresh:
            _current = _with_retries(_read_snapshot)
        return _current


def _with_retries(read):
    """Run ``read``; a failure caused by a rebuild swapping the folder at that moment is retried."""
    for attempt in range(READ_ATTEMPTS):
        try:
            return read()
        except DataIntegrityError:
            if attempt == READ_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def descriptor() -> dict:
    """The shipped Frictionless data package descriptor (a dict), verified against the manifest."""
    return snapshot().descriptor


def manifest() -> dict[str, str]:
    """File name -> sha256, as recorded by the build."""
    return snapshot().manifest


def _clear_caches() -> None:
    """Forget the cached snapshot; the next use reads it again (kept from the former lru_cache API)."""
    global _current
    with _lock:
        _current = None


descriptor.cache_clear = _clear_caches  # type: ignore[attr-defined]
manifest.cache_clear = _clear_caches  # type: ignore[attr-defined]


def list_tables() -> list[str]:
    """Names of all tables shipped with the package, in codebook order."""
    return [res["name"] for res in descriptor()["resources"]]


def check_table_name(name: str) -> str:
    """Return ``name`` if it is a table; else raise ValueError listing valid names."""
    valid = list_tables()
    if name in valid:
        return name
    valid = [res["name"] for res in snapshot(refresh=True).descriptor["resources"]]  # a rebuild may add tables
    if name in valid:
        return name
    from wcit_data.validation import did_you_mean

    raise ValueError(f"Unknown table {name!r}.{did_you_mean(name, valid)} Valid tables: {', '.join(valid)}.")


def _verified_read(fname: str) -> tuple[bytes, Snapshot]:
    """Bytes of ``fname`` and the snapshot they match; re-reads the manifest once if a rebuild intervened."""
    snap = snapshot()
    data = _read_bytes(fname)
    try:
        _verify(fname, data, snap.manifest)
        return data, snap
    except DataIntegrityError:
        pass

    def fresh() -> tuple[bytes, Snapshot]:
        new = snapshot(refresh=True)
        body = _read_bytes(fname)
        _verify(fname, body, new.manifest)
        return body, new

    return _with_retries(fresh)


def read_verified_bytes(fname: str) -> bytes:
    """Bytes of a shipped file, checked against the manifest."""
    return _verified_read(fname)[0]


def _check_table_name(name: str, metadata) -> None:
    """The file must hold the table it is named after (the build stores the name in the Parquet metadata)."""
    stored = (metadata or {}).get(TABLE_NAME_KEY)
    if stored is None or stored.decode("utf-8") != name:
        found = "no table name" if stored is None else f"table {stored.decode('utf-8', 'replace')!r}"
        raise DataIntegrityError(f"{name}.parquet holds {found}, not {name!r}: the file was swapped or "
                                 f"comes from another build. {_FIX}")


def load(name: str):
    """Load table ``name`` as a pandas DataFrame.

    Raises ValueError for an unknown name and DataIntegrityError when the shipped Parquet file does not
    match its checksum or holds another table.
    """
    check_table_name(name)
    data, _ = _verified_read(f"{name}.parquet")
    # lazy import keeps `import wcit_data` light; the reader avoids importing pyarrow.parquet and runs
    # single-threaded: Arrow's thread pool can abort the interpreter at exit on a busy machine (issue 13)
    from wcit_data.dtypes import apply_types, read_parquet_bytes

    table = read_parquet_bytes(data)
    _check_table_name(name, table.schema.metadata)
    frame = table.to_pandas(use_threads=False, date_as_object=False)
    return apply_types(frame, name)  # the published dtypes; attrs: table, description, licence, citation


def _resource(name: str, desc: dict | None = None) -> dict:
    for res in (desc or descriptor())["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(name)
