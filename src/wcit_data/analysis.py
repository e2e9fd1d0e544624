"""Joins for analysis: states + signatures + covariates, and signing by group with uncertainty."""

from __future__ import annotations

import math

import pandas as pd

from wcit_data.validation import check_choice

WIDE_VARIABLES = ["fh_status", "fh_pr", "fh_cl", "fh_total", "polity2", "v2x_polyarchy", "v2x_libdem",
                  "us_sanctions_2012", "eu_member_2012", "oecd_member_2012", "g77_member_2012"]
# Member lists: a state the list does not name is coded False (not a member); "unknown" stays missing.
MEMBERSHIP_LISTS = ["eu_member_2012", "oecd_member_2012", "g77_member_2012"]
# Ordered scales / labels of the text-valued covariates.
CATEGORIES = {"fh_status": ["F", "PF", "NF"], "us_sanctions_2012": ["comprehensive", "targeted"]}
# Columns of the joined frame that identify a state rather than group it.
IDENTIFIERS = ["iso3", "short_name", "state_name"]


def signature_status_column(signatures: pd.DataFrame) -> str:
    """`signature_status` (new name) or `status` (0.1.0 name) of the signatures table."""
    return "signature_status" if "signature_status" in signatures.columns else "status"


def _typed_covariate(name: str, values: pd.Series) -> pd.Series:
    """Numbers as Int64/Float64, 'true'/'false' flags as boolean, labelled scales as categoricals."""
    text = values.astype("string")
    if name in CATEGORIES:
        return text.astype(pd.CategoricalDtype(CATEGORIES[name], ordered=name == "fh_status"))
    if name in MEMBERSHIP_LISTS:
        flags = text.map({"true": True, "false": False, "unknown": pd.NA}).fillna(False)
        return flags.where(text != "unknown", pd.NA).astype("boolean")
    numbers = pd.to_numeric(text, errors="coerce")
    if numbers.notna().sum() != text.notna().sum():
        return text  # not purely numeric: keep the text rather than lose values
    if (numbers.dropna() % 1 == 0).all():
        return numbers.astype("Int64")
    return numbers.astype("Float64")


def covariates_wide(covariates: pd.DataFrame, year: int = 2012) -> pd.DataFrame:
    """One row per iso3, one typed column per variable for ``year``; `rto` joins a state's organisations.

    Membership flags (eu/oecd/g77) are False for states the member list does not name.
    """
    cov = covariates[covariates["year"] == year]
    variable = cov["variable"].astype(str)
    single = cov[variable != "rto"].drop_duplicates(["iso3", "variable"])
    wide = single.pivot(index="iso3", columns="variable", values="value")
    wide.columns = wide.columns.astype(str)
    wide.columns.name = None
    rto = cov[variable == "rto"].groupby("iso3")["value"].agg(lambda v: ";".join(sorted(map(str, v))))
    if len(rto):
        # a state with only RTO rows (the Holy See: CEPT) is not in the pivot: widen the index first
        wide = wide.reindex(wide.index.union(rto.index))
        wide["rto"] = rto
    iu = covariates[(covariates["variable"].astype(str) == "internet_users_pct") & (covariates["year"] == 2011)]
    wide["internet_users_pct_2011"] = iu.set_index("iso3")["value"]
    for name in wide.columns:
        if name != "rto":
            wide[name] = _typed_covariate(name, wide[name])
    return wide.reset_index()


def states_signatures_covariates_from_tables(t: dict) -> pd.DataFrame:
    signatures = t["signatures"]
    status = signature_status_column(signatures)
    # itu_region is partial (missing where no source states it): signing_by_group("itu_region") shows it
    states = t["states"][["iso3", "short_name", "present_wcit12"] +
                         [c for c in ("itu_region",) if c in t["states"].columns]]
    sig = signatures[["iso3", status, "evidence_kind"]]
    wide = covariates_wide(t["covariates"])
    out = states.merge(sig, on="iso3", how="left").merge(wide, on="iso3", how="left")
    covariates = t["covariates"]
    for name in MEMBERSHIP_LISTS:
        if name in out.columns:  # states the member list does not name are not members; "unknown" stays NA
            unknown = covariates.loc[(covariates["variable"] == name) & (covariates["value"] == "unknown"), "iso3"]
            out[name] = out[name].fillna(False).astype("boolean").mask(out["iso3"].isin(set(unknown)))
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


def group_variables(joined: pd.DataFrame) -> list[str]:
    """Columns of the joined frame a state can be grouped by (everything but identifiers and the status)."""
    status = signature_status_column(joined)
    return [c for c in joined.columns if c not in (*IDENTIFIERS, status)]


def _group_labels(values: pd.Series, missing: str) -> pd.Series:
    """Group labels as text: flags as 'true'/'false' (the covariates' own coding), missing as ``missing``."""
    if pd.api.types.is_bool_dtype(values):
        values = values.map({True: "true", False: "false"})
    return values.astype("string").fillna(missing)


def signing_by_group_from_tables(t: dict, variable: str) -> pd.DataFrame:
    """Per value of ``variable``: states, known status, signed, not signed, share signing (+95% CI)."""
    joined = states_signatures_covariates_from_tables(t)
    check_choice("variable", variable, group_variables(joined))
    status = signature_status_column(joined)
    joined["group"] = _group_labels(joined[variable], "not_listed" if variable == "us_sanctions_2012" else "missing")
    rows = []
    for group, g in joined.groupby("group", sort=True):
        signed = int((g[status] == "signed").sum())
        not_signed = int((g[status] == "did_not_sign").sum())
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
    """The 193 Member States with signature status and typed 2012 covariates (wide).

    Numeric covariates are Int64/Float64, membership flags boolean (False: not on the member list),
    Freedom House status an ordered categorical (F < PF < NF).

    >>> frame = states_signatures_covariates()
    >>> len(frame), str(frame["polity2"].dtype), str(frame["eu_member_2012"].dtype)
    (193, 'Int64', 'boolean')
    """
    return states_signatures_covariates_from_tables(_shipped_tables("states", "signatures", "covariates"))


def signing_by_group(variable: str) -> pd.DataFrame:
    """Signing on 14 Dec 2012 by a covariate's groups, with coverage and a 95% Wilson interval.

    Raises ValueError naming the valid variables when ``variable`` is not a column of
    :func:`states_signatures_covariates`.

    >>> signing_by_group("fh_status")["group"].tolist()
    ['F', 'NF', 'PF', 'missing']
    """
    return signing_by_group_from_tables(_shipped_tables("states", "signatures", "covariates"), variable)


def signing_by_rto_from_tables(t: dict) -> pd.DataFrame:
    """Signing per regional telecommunication organisation (a state may count in several)."""
    cov = t["covariates"]
    rto = cov[cov["variable"] == "rto"][["iso3", "value"]].rename(columns={"value": "group"})
    rto["group"] = rto["group"].astype(str)
    states = t["states"][["iso3"]].merge(rto, on="iso3", how="left").fillna({"group": "no RTO listed"})
    status = signature_status_column(t["signatures"])
    sig = states.merge(t["signatures"][["iso3", status]], on="iso3", how="left")
    rows = []
    for group, g in sig.groupby("group", sort=True):
        signed, not_signed = int((g[status] == "signed").sum()), int((g[status] == "did_not_sign").sum())
        rows.append({"variable": "rto", "group": group, "states": len(g), "known": signed + not_signed,
                     "signed": signed, "did_not_sign": not_signed, "unknown": len(g) - signed - not_signed})
    return pd.DataFrame(rows)


def signing_by_rto() -> pd.DataFrame:
    """Signing per regional telecommunication organisation, with unknowns (a state may count in several).

    >>> signing_by_rto().columns[:3].tolist()
    ['variable', 'group', 'states']
    """
    return signing_by_rto_from_tables(_shipped_tables("states", "signatures", "covariates"))
