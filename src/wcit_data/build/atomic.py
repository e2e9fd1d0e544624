"""Replace an output folder in one atomic step, so that a build killed at any moment leaves either the
old folder or the new one, whole.

The build writes every file into a staging folder next to the target (same file system), then swaps the
two folders with ``renameat2(RENAME_EXCHANGE)`` (Linux), an atomic exchange of two directory entries.
Where that call is unavailable, it falls back to two renames (target -> old, staging -> target); a kill
between them leaves the previous folder under its ``.old`` name, and the next build or load restores it
(``recover``). An exclusive lock keeps two builds from staging into the same target at once.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

RENAME_EXCHANGE = 2
AT_FDCWD = -100

# Called with a short step label after each file written and each folder switch; tests use it to kill a
# build at every moment (fault injection).
after_step: Callable[[str], None] | None = None


def step(label: str) -> None:
    if after_step is not None:
        after_step(label)


def staging_path(target: Path) -> Path:
    return target.parent / f".{target.name}.staging-{os.getpid()}"


def old_path(target: Path) -> Path:
    return target.parent / f".{target.name}.old"


def recover(target: Path) -> None:
    """Undo a half-finished fallback swap (target missing, previous folder kept as .old)."""
    old = old_path(target)
    if not target.exists() and old.is_dir():
        os.rename(old, target)


def _leftovers(target: Path) -> list[Path]:
    return [p for p in target.parent.glob(f".{target.name}.staging-*")] + (
        [old_path(target)] if target.exists() and old_path(target).exists() else [])


@contextlib.contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``target`` (a sibling .lock file) while staging and switching."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / f".{target.name}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def fresh_staging(target: Path, generated: Callable[[Path], bool]) -> Path:
    """An empty staging folder next to ``target`` (leftovers of killed builds removed).

    The switch replaces the whole folder, so a target holding anything the build does not write (``generated``
    says what it writes) is refused rather than deleted: e.g. ``--out`` pointing at a folder of other files.
    """
    recover(target)
    if target.is_dir():
        foreign = sorted(p.name for p in target.iterdir() if not (p.is_file() and generated(p)))
        if foreign:
            raise ValueError(f"refusing to replace {target}: it holds {', '.join(foreign[:5])}"
                             f"{' ...' if len(foreign) > 5 else ''}, which the build does not write; "
                             "choose an empty folder or one holding only build outputs")
    elif target.exists():
        raise ValueError(f"{target} exists and is not a folder")
    for leftover in _leftovers(target):
        shutil.rmtree(leftover, ignore_errors=True)
    staging = staging_path(target)
    staging.mkdir(parents=True)
    return staging


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths; False when the platform or file system does not support it."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, f"cannot switch {b} to the new build: {os.strerror(err)}")


def switch(staging: Path, target: Path) -> None:
    """Make ``staging`` the new ``target`` in one atomic step and delete the previous folder."""
    _fsync_tree(staging)
    if not target.exists():
        os.rename(staging, target)
    elif _exchange(staging, target):
        step(f"switched {target.name}")
        shutil.rmtree(staging)  # now holds the previous build
    else:
        old = old_path(target)
        os.rename(target, old)
        step(f"moved {target.name} aside")
        os.rename(staging, target)
        step(f"switched {target.name}")
        shutil.rmtree(old)
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(folder: Path) -> None:
    """Flush the staged files to disk before they become visible (a power cut must not expose empty files)."""
    for path in folder.iterdir():
        if path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
    _fsync_dir(folder)
