"""Helpers shared by the per-table derivations: the model's columns, empty frames, deterministic finish."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from wcit_data.build.schemas import MODELS

@lru_cache(maxsize=None)
def _schema_columns(name: str):
    return MODELS[name].to_schema().columns  # building a pandera schema is slow: once per table


def columns(name: str) -> list[str]:
    return list(_schema_columns(name))


def empty(name: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns(name)})


BOOL_TEXT = {"true": True, "false": False, "True": True, "False": False, True: True, False: False}


def parse_bools(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Curated 'true'/'false' -> bool; anything else is left for validation to report."""
    for col_name, col in _schema_columns(name).items():
        if str(col.dtype) == "bool" and col_name in frame.columns:
            frame[col_name] = frame[col_name].map(lambda v: BOOL_TEXT.get(v, v))
    return frame


def finish(name: str, frame: pd.DataFrame, sort: list[str]) -> pd.DataFrame:
    """Select the model's columns in order and sort deterministically."""
    if frame.empty:
        return empty(name)
    frame = parse_bools(name, frame.reindex(columns=columns(name)))
    return frame.sort_values(sort, kind="mergesort").reset_index(drop=True)
