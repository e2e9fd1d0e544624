"""Argument checks shared by the public helpers: a bad value raises ValueError naming the valid ones."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def check_choice(label: str, value, valid: Iterable) -> object:
    """Return ``value`` if it is one of ``valid``; else raise ValueError with a close match and the valid values."""
    choices = list(dict.fromkeys(valid))
    if value in choices:
        return value
    texts = [str(c) for c in choices]
    close = difflib.get_close_matches(str(value), texts, n=1, cutoff=0.5)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"Unknown {label} {value!r}.{hint} Valid values: {', '.join(texts)}.")


def check_columns(label: str, columns: Iterable[str], required: Iterable[str]) -> None:
    """Raise ValueError when a frame passed as ``label`` lacks any of the ``required`` columns."""
    missing = [c for c in required if c not in set(columns)]
    if missing:
        raise ValueError(f"{label} lacks column(s) {', '.join(missing)}; it needs {', '.join(required)} "
                         f"(pass the shipped table, e.g. wcit_data.load_provisions()).")
