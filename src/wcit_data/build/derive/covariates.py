"""`covariates` in long form: context extracts + curated rows."""

from __future__ import annotations

import pandas as pd

from wcit_data.build.derive.common import columns, finish


def covariates_table(inputs, registry, members: set[str]) -> pd.DataFrame:
    from wcit_data.build.covariates import context_covariates

    frame = pd.concat([context_covariates(registry), inputs.read("covariates", columns("covariates"))],
                      ignore_index=True)
    frame = frame[frame["iso3"].isin(members)].copy()
    frame["year"] = pd.to_numeric(frame["year"]).astype("Int64")
    return finish("covariates", frame, ["iso3", "variable", "value"])
