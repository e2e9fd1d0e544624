"""Joins for analysis: states + signatures + covariates, and signing by group with uncertainty."""

from __future__ import annotations

import math

import pandas as pd

WIDE_VARIABLES = ["fh_status", "fh_pr", "fh_cl", "fh_total", "polity2", "v2x_polyarchy", "v2x_libdem",
                  "us_sanctions_2012", "eu_member_2012", "oecd_member_2012", "g77_member_2012"]


def covariates_wide(covariates: pd.DataFrame, year: int = 2012) -> pd.DataFrame:
    """One row per iso3, one column per variable (single-valued variables for ``year``; rto is joined)."""
    cov = covariates[covariates["year"] == year]
    single = cov[cov["variable"] != "rto"].drop_duplicates(["iso3", "variable"])
    wide = single.pivot(index="iso3", columns="variable", values="value")
    rto = cov[cov["variable"] == "rto"].groupby("iso3")["value"].agg(lambda v: ";".join(sorted(v)))
    if len(rto):
        wide["rto"] = rto
    iu = covariates[(covariates["variable"] == "internet_users_pct") & (covariates["year"] == 2011)]
    wide["internet_users_pct_2011"] = iu.set_index("iso3")["value"]
    return wide.reset_index()


def _signatures(t: dict) -> pd.DataFrame:
    """`signatures` with its status as `status` (the column is `signature_status` since 0.2)."""
    return t["signatures"].rename(columns={"signature_status": "status"})


def states_signatures_covariates_from_tables(t: dict) -> pd.DataFrame:
    states = t["states"][["iso3", "short_name", "present_wcit12"]]
    sig = _signatures(t)[["iso3", "status", "evidence_kind"]]
    wide = covariates_wide(t["covariates"])
    out = states.merge(sig, on="iso3", how="left").merge(wide, on="iso3", how="left")
    return out


def wilson(k: int, n: int, z: float = 1.96):
    """95% Wilson score interval for k successes of n."""
    if n == 0:
        return (None, None)
    p = k / n
    d = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (round(centre - half, 3), round(centre + half, 3))


def signing_by_group_from_tables(t: dict, variable: str) -> pd.DataFrame:
    """Per value of ``variable``: states, known status, signed, not signed, share signing (+95% CI)."""
    joined = states_signatures_covariates_from_tables(t)
    if variable not in joined.columns:
        return pd.DataFrame()
    joined["group"] = joined[variable].fillna("not_listed" if variable == "us_sanctions_2012" else "missing")
    rows = []
    for group, g in joined.groupby("group", sort=True):
        signed = int((g["status"] == "signed").sum())
        not_signed = int((g["status"] == "did_not_sign").sum())
        known = signed + not_signed
        lo, hi = wilson(signed, known)
        rows.append({"variable": variable, "group": group, "states": len(g), "known": known, "signed": signed,
                     "did_not_sign": not_signed, "unknown": len(g) - known,
                     "signed_share_of_known": signed / known if known else None, "ci95_low": lo, "ci95_high": hi})
    return pd.DataFrame(rows)


def _shipped_tables(*names):
    from wcit_data.loading import load

    return {n: load(n) for n in names}


def states_signatures_covariates() -> pd.DataFrame:
    """The 193 Member States with signature status and 2012 covariates (wide)."""
    return states_signatures_covariates_from_tables(_shipped_tables("states", "signatures", "covariates"))


def signing_by_group(variable: str) -> pd.DataFrame:
    """Signing on 14 Dec 2012 by a covariate's groups, with coverage and a 95% Wilson interval."""
    return signing_by_group_from_tables(_shipped_tables("states", "signatures", "covariates"), variable)


def signing_by_rto_from_tables(t: dict) -> pd.DataFrame:
    """Signing per regional telecommunication organisation (a state may count in several)."""
    cov = t["covariates"]
    rto = cov[cov["variable"] == "rto"][["iso3", "value"]].rename(columns={"value": "group"})
    states = t["states"][["iso3"]].merge(rto, on="iso3", how="left").fillna({"group": "no RTO listed"})
    sig = states.merge(_signatures(t)[["iso3", "status"]], on="iso3", how="left")
    rows = []
    for group, g in sig.groupby("group", sort=True):
        signed, not_signed = int((g["status"] == "signed").sum()), int((g["status"] == "did_not_sign").sum())
        rows.append({"variable": "rto", "group": group, "states": len(g), "known": signed + not_signed,
                     "signed": signed, "did_not_sign": not_signed, "unknown": len(g) - signed - not_signed})
    return pd.DataFrame(rows)


def signing_by_rto() -> pd.DataFrame:
    return signing_by_rto_from_tables(_shipped_tables("states", "signatures", "covariates"))
