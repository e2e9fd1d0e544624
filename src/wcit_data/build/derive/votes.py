"""`votes` (adopted reports) and `ballots` (per state)."""

from __future__ import annotations

import pandas as pd

from wcit_data.build.derive.common import finish

# Identifiers a decision had in earlier releases; they stay resolvable (wcit_data.resolve_vote_id).
# PLEN/3 was `plen3-2012-12-12` in 0.1.0 although its adopted date is 13 December (the feel of the
# room came after midnight in the session that began on the 12th).
FORMER_VOTE_IDS = {"plen3-2012-12-13": ["plen3-2012-12-12"]}


def adopted_value(reports: pd.DataFrame, attribute: str, errors: list[str], vote_id: str):
    rows = reports[(reports["attribute"] == attribute) & reports["adopted"]]
    if len(rows) > 1:
        errors.append(f"data/curated/vote_reports.csv: vote {vote_id} has {len(rows)} adopted '{attribute}' "
                      "reports; mark exactly one adopted=true")
    return rows.iloc[0] if len(rows) else None


def derived_reports_without_reasoning(reports: pd.DataFrame) -> list[str]:
    bad = reports[(reports["value_basis"] == "derived") & reports["note"].isna()]
    return [f"data/curated/vote_reports.csv: derived report ({r.vote_id}, {r.attribute}, {r.source_id}) needs its "
            "reasoning in `note`" for r in bad.itertuples(index=False)]


def votes_table(reports: pd.DataFrame, errors: list[str], origins: dict | None = None) -> pd.DataFrame:
    errors += derived_reports_without_reasoning(reports)
    rows = []
    for vote_id, grp in reports.groupby("vote_id", sort=True):
        get = {a: adopted_value(grp, a, errors, vote_id) for a in grp["attribute"].unique()}

        def val(attribute, column="coded_value", adopted_reports=get):
            report = adopted_reports.get(attribute)
            return None if report is None else report[column]

        anchor = get.get("yes") if get.get("yes") is not None else get.get("method")
        if anchor is None:
            errors.append(f"data/curated/vote_reports.csv: vote {vote_id} needs an adopted 'yes' or 'method' report")
            continue
        adopted = grp[grp["adopted"]]
        plenary_basis = val("plenary", "value_basis")
        rows.append({
            "vote_id": vote_id, "former_vote_ids": ";".join(FORMER_VOTE_IDS.get(vote_id, [])) or None,
            "date": val("date"), "date_basis": val("date", "value_basis") or "stated",
            "time_local": val("time_local"), "plenary": val("plenary"), "plenary_basis": plenary_basis,
            "plenary_reasoning": val("plenary", "note") if plenary_basis == "derived" else None,
            "subject": val("subject"), "text": val("text"), "method": val("method") or "unknown",
            "method_detail": None if get.get("method") is None else get["method"]["evidence"],
            "proposed_by": val("proposed_by"), "requested_by": val("requested_by"),
            "yes": val("yes"), "no": val("no"), "abstain": val("abstain"), "outcome": val("outcome") or "unknown",
            "n_reports": len(grp),
            "n_independent": grp["source_id"].map(lambda s: (origins or {}).get(s, s)).nunique(),
            "source_ids": ";".join(sorted(set(adopted["source_id"]))),
            "source_id": anchor["source_id"], "evidence": anchor["evidence"],
        })
    return finish("votes", pd.DataFrame(rows), ["date", "vote_id"])


def ballots_on_non_votes(votes: pd.DataFrame, reports: pd.DataFrame) -> list[str]:
    """A ballot exists only where a vote was taken; objections to other decisions are interventions."""
    not_votes = set(votes.loc[votes["method"] != "vote", "vote_id"])
    bad = reports[reports["vote_id"].isin(not_votes)]
    return [f"data/curated/ballot_reports.csv: {r.iso3} on {r.vote_id}: that decision was not taken by a vote "
            "(votes.method); record the position in interventions_secondary.csv (stance objection/support)"
            for r in bad.itertuples(index=False)]


def ballots_table(votes, reports, states, errors: list[str] | None = None) -> pd.DataFrame:
    """One row per (decision, state): every Member State for tallied votes, documented states otherwise."""
    if errors is not None:
        errors += ballots_on_non_votes(votes, reports)
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
