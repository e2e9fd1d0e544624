"""`covariates` in long form: context extracts + curated rows."""

from __future__ import annotations

import pandas as pd

from wcit_data.build.derive.common import columns, finish


def unexplained_covariates(frame: pd.DataFrame) -> list[str]:
    """A value inferred for the year (not stated for it) must say how, in `note`."""
    bare = frame[(frame["value_basis"] == "derived") & frame["note"].isna()]
    return [f"data/curated/covariates.csv: {r.iso3} {r.variable}={r.value} is derived; give the reasoning in `note`"
            for r in bare.itertuples(index=False)]


def covariates_table(inputs, registry, members: set[str], errors: list[str] | None = None) -> pd.DataFrame:
    from wcit_data.build.covariates import context_covariates

    frame = pd.concat([context_covariates(registry), inputs.read("covariates", columns("covariates"))],
                      ignore_index=True)
    frame = frame[frame["iso3"].isin(members)].copy()
    if errors is not None:
        errors += unexplained_covariates(frame)
    frame["year"] = pd.to_numeric(frame["year"]).astype("Int64")
    return finish("covariates", frame, ["iso3", "variable", "value"])
