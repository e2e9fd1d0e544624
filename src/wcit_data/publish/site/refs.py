"""Resolve the ``evidence_rows`` references of the claims table to table rows.

A reference is ``table`` (the whole table) or ``table:v1/v2/...`` where each ``v`` is the value of one
column of the row, in the order the claim check wrote them (values may themselves contain "/", e.g.
``resolutions:PLEN/3 (Dubai, 2012)/en``), so a row matches when the key can be split into values of
distinct columns of that row.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass
class ResolvedRef:
    ref: str
    table: str
    rows: list[int]  # 0-based positions in the table
    whole_table: bool = False


def text_of(value) -> str:
    """A cell as readers see it: missing -> "", a date stored as a midnight timestamp -> YYYY-MM-DD."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # list-like values are values
        pass
    if isinstance(value, pd.Timestamp) and value.tz is None and value == value.normalize():
        return value.strftime("%Y-%m-%d")
    return str(value)


def _row_values(row) -> list[str]:
    return [t for t in map(text_of, row) if t]


def _spells(key: str, values: list[str]) -> bool:
    """Can ``key`` be written as "/"-joined values, each used at most once?"""
    for i, value in enumerate(values):
        rest = values[:i] + values[i + 1:]
        if key == value or (key.startswith(value + "/") and _spells(key[len(value) + 1:], rest)):
            return True
    return False


def split_refs(cell) -> list[str]:
    return [r.strip() for r in text_of(cell).split(";") if r.strip()]


def resolve(ref: str, tables: dict[str, pd.DataFrame]) -> ResolvedRef:
    """Rows a reference designates; raises ValueError naming the reference if its table is unknown."""
    table, _, key = ref.partition(":")
    if table not in tables:
        raise ValueError(f"evidence reference {ref!r} names no table; tables: {', '.join(sorted(tables))}")
    frame = tables[table]
    if not key:
        return ResolvedRef(ref, table, list(range(len(frame))), whole_table=True)
    rows = [i for i, row in enumerate(frame.astype(object).itertuples(index=False)) if _spells(key, _row_values(row))]
    return ResolvedRef(ref, table, rows)
