"""`signatures`: one resolved status per Member State from `signature_reports`."""

from __future__ import annotations

import pandas as pd

from wcit_data.build.derive.common import finish


def resolve_signature(reports: pd.DataFrame, kinds: dict[str, str]) -> dict:
    """Direct reports beat group statements; primary sources beat secondary ones.

    Disagreement within the strongest tier leaves the status `unknown` (evidence_kind conflicting).
    """
    known = reports[reports["status"] != "unknown"]
    if known.empty and len(reports):
        return {"status": "unknown", "evidence_kind": "none", "resolution": "reports exist but none gives a status",
                "source_id": reports.iloc[0]["source_id"], "evidence": reports.iloc[0]["evidence"]}
    if known.empty:
        return {"status": "unknown", "evidence_kind": "none", "resolution": "no report gives a status"}
    rank = known.assign(
        tier=(known["evidence_kind"] != "direct").astype(int) * 2
        + known["source_id"].map(lambda s: kinds.get(s) != "primary").astype(int))
    best = rank[rank["tier"] == rank["tier"].min()]
    statuses = sorted(set(best["status"]))
    top = best.iloc[0]
    if len(statuses) > 1:
        return {"status": "unknown", "evidence_kind": "conflicting",
                "resolution": f"equally strong reports disagree ({', '.join(statuses)}); kept as unknown",
                "source_id": top["source_id"], "evidence": top["evidence"]}
    others = sorted(set(known["status"]) - set(statuses))
    note = f"; weaker reports say {', '.join(others)} (kept in signature_reports)" if others else ""
    kind = "conflicting" if others else top["evidence_kind"]
    return {"status": statuses[0], "evidence_kind": kind, "date": top["date"],
            "derivation": top["derivation"], "source_id": top["source_id"], "evidence": top["evidence"],
            "resolution": f"{len(best)} {top['evidence_kind']} report(s) agree{note}"}


def signatures_table(states_base_frame, reports, registry) -> pd.DataFrame:
    kinds = {r["source_id"]: r["kind"] for r in registry.rows}
    rows = []
    for iso3 in states_base_frame["iso3"]:
        mine = reports[reports["iso3"] == iso3]
        rows.append({"iso3": iso3, "n_reports": len(mine), **resolve_signature(mine, kinds)})
    return finish("signatures", pd.DataFrame(rows), ["iso3"])
