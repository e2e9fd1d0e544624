"""Argument checks shared by the public helpers: a bad value raises ValueError naming the valid ones."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(value, choices: Iterable, cutoff: float = 0.6) -> str:
    """`` Did you mean 'x'?`` for the closest of ``choices``, or "" when none is close."""
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=cutoff)
    return f" Did you mean {close[0]!r}?" if close else ""


def check_choice(label: str, value, valid: Iterable) -> object:
    """Return ``value`` if it is one of ``valid``; else raise ValueError with a close match and the valid values."""
    choices = list(dict.fromkeys(valid))
    if value in choices:
        return value
    texts = [str(c) for c in choices]
    raise ValueError(f"Unknown {label} {value!r}.{did_you_mean(value, texts, cutoff=0.5)} "
                     f"Valid values: {', '.join(texts)}.")


def check_columns(label: str, columns: Iterable[str], required: Iterable[str]) -> None:
    """Raise ValueError when a frame passed as ``label`` lacks any of the ``required`` columns."""
    missing = [c for c in required if c not in set(columns)]
    if missing:
        raise ValueError(f"{label} lacks column(s) {', '.join(missing)}; it needs {', '.join(required)} "
                         f"(pass the shipped table, e.g. wcit_data.load_provisions()).")
