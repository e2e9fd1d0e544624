"""`votes` (adopted reports) and `ballots` (per state)."""

from __future__ import annotations

import pandas as pd

from wcit_data.build.derive.common import finish


def adopted_value(reports: pd.DataFrame, attribute: str, errors: list[str], vote_id: str):
    rows = reports[(reports["attribute"] == attribute) & reports["adopted"]]
    if len(rows) > 1:
        errors.append(f"data/curated/vote_reports.csv: vote {vote_id} has {len(rows)} adopted '{attribute}' "
                      "reports; mark exactly one adopted=true")
    return rows.iloc[0] if len(rows) else None


def votes_table(reports: pd.DataFrame, errors: list[str]) -> pd.DataFrame:
    rows = []
    for vote_id, grp in reports.groupby("vote_id", sort=True):
        get = {a: adopted_value(grp, a, errors, vote_id) for a in grp["attribute"].unique()}
        def val(attribute, adopted_reports=get):
            report = adopted_reports.get(attribute)
            return None if report is None else report["coded_value"]

        anchor = get.get("yes") if get.get("yes") is not None else get.get("method")
        if anchor is None:
            errors.append(f"data/curated/vote_reports.csv: vote {vote_id} needs an adopted 'yes' or 'method' report")
            continue
        adopted = grp[grp["adopted"]]
        rows.append({
            "vote_id": vote_id, "date": val("date"), "time_local": val("time_local"), "plenary": val("plenary"),
            "subject": val("subject"), "text": val("text"), "method": val("method") or "unknown",
            "method_detail": None if get.get("method") is None else get["method"]["evidence"],
            "proposed_by": val("proposed_by"), "requested_by": val("requested_by"),
            "yes": val("yes"), "no": val("no"), "abstain": val("abstain"), "outcome": val("outcome") or "unknown",
            "n_reports": len(grp), "source_ids": ";".join(sorted(set(adopted["source_id"]))),
            "source_id": anchor["source_id"], "evidence": anchor["evidence"],
        })
    return finish("votes", pd.DataFrame(rows), ["date", "vote_id"])


def ballots_table(votes, reports, states) -> pd.DataFrame:
    """One row per (decision, state): every Member State for tallied votes, documented states otherwise."""
    tallied = set(votes.loc[votes["yes"].notna(), "vote_id"])
    keys = {(v, s) for v in tallied for s in states["iso3"]} | set(zip(reports["vote_id"], reports["iso3"]))
    by_key = {k: g.sort_values("source_id") for k, g in reports.groupby(["vote_id", "iso3"])}
    rows = []
    for vote_id, iso3 in sorted(keys):
        grp = by_key.get((vote_id, iso3))
        if grp is None:
            rows.append({"vote_id": vote_id, "iso3": iso3, "ballot": "unknown", "n_reports": 0})
            continue
        first, values = grp.iloc[0], set(grp["ballot"])
        rows.append({"vote_id": vote_id, "iso3": iso3, "n_reports": len(grp),
                     "ballot": first["ballot"] if len(values) == 1 else "conflicting",
                     "source_ids": ";".join(grp["source_id"]), "source_id": first["source_id"],
                     "evidence": first["evidence"], "note": first["note"]})
    return finish("ballots", pd.DataFrame(rows), ["vote_id", "iso3"])
