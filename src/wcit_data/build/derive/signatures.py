"""`signatures`: one status per Member State, resolved from outcome reports only.

Rule (also in the codebook, `Signatures` model):
* A status (signed / did_not_sign) rests only on *outcome* reports whose text *states* it (`reading == stated`).
  Announced intentions (will_sign, will_not_sign, consult_capital, undecided) never set the status; they are
  shown in `announced*`. Reports whose status is only read from context (a sentence cut before its verb,
  "did not support", "did back the motion", "nicht ratifiziert") never set it either.
* A group statement resolves a member only if the statement is itself about the 144 accredited states, or the
  member is shown accredited (a credentials report, or a direct outcome report).
* Direct reports beat group statements, primary sources beat press; disagreement within the strongest tier
  leaves the status `unknown` (confidence `conflicting`).
* Reports are counted by independent origin (`sources.origin`): relays, reposts and translations of one text
  count once.
* The report shown (`source_id`, `evidence`) is the best one supporting the status: stated over context,
  direct over group, primary over press, dated 14 Dec 2012 over later in December over later or partly dated
  (undated last), independent over relayed; language (English first) and source_id only break ties. Within a
  tier, a report that dates the outcome (`date`) to 14 Dec 2012 is shown first, then one dated otherwise.
* A status means "on 14 December 2012" only where `signing_day_dated` is true: the report shown dates the
  outcome to that day (or places it at the Dubai signing, e.g. among "the 89" signatories). Where it is false
  the status rests on an undated outcome report ("México firmó el Reglamento", BAKOM's "did not sign the Final
  Acts adopted at the end of the conference"): the status is kept, as what the report states, but it says only
  that the state had (not) signed by the report's date. The resolution says so too.
"""

from __future__ import annotations

import pandas as pd

from wcit_data.build.derive.common import finish

# Group statements that are about the 144 accredited states themselves ("55 out of a total 144 represented and
# duly accredited Member States did not join them, including all EU Member States").
ABOUT_THE_ACCREDITED = {"cyil-2013-vrbova-novakova-bulanek-wcit"}
SIGNING_DAY = "2012-12-14"
MAX_COUNTS = {"signed": 89, "did_not_sign": 55}  # ITU: 89 of the 144 accredited signed, 55 did not


def shown_accredited(participation: pd.DataFrame, reports: pd.DataFrame) -> set[str]:
    """States a source shows among the 144 accredited: a credentials report, or a direct outcome report that
    states their signature or non-signature (both are defined among the accredited). Presence alone is not
    enough: 151 states were present, 144 accredited."""
    cred = participation.loc[(participation["attribute"] == "credentials")
                             & participation["value"].astype(str).str.lower().str.startswith("yes"), "iso3"]
    direct = reports.loc[(reports["report_type"] == "outcome") & (reports["reading"] == "stated")
                         & (reports["evidence_kind"] == "direct"), "iso3"]
    return set(cred) | set(direct)


def _date_tier(date: str) -> int:
    """0: dated 14 Dec 2012; 1: later in December 2012; 2: later or only partly dated; 3: undated or earlier.

    Within a tier the date does not order reports (a 16 Dec report is not better than a 17 Dec one)."""
    if date == SIGNING_DAY:
        return 0
    if len(date) == 10 and SIGNING_DAY < date <= "2012-12-31":
        return 1
    return 2 if date > SIGNING_DAY else 3


def rank_reports(reports: pd.DataFrame, kinds: dict, origins: dict, languages: dict) -> pd.DataFrame:
    """Sort reports best first by the documented rule."""
    date = reports["statement_date"].fillna("").astype(str)
    keys = pd.DataFrame({
        "context": (reports["reading"] != "stated").astype(int),
        "group": (reports["evidence_kind"] != "direct").astype(int),
        "press": reports["source_id"].map(lambda s: kinds.get(s) != "primary").astype(int),
        # within a tier, a report dating the outcome to the signing day beats one dating it otherwise or not at all
        "outcome_date": reports.get("date", pd.Series(None, index=reports.index, dtype=object)).map(
            lambda d: 0 if d == SIGNING_DAY else 1 if isinstance(d, str) else 2),
        "date": date.map(_date_tier),
        "relayed": reports["source_id"].map(lambda s: origins.get(s, s) != s).astype(int),
        "lang": reports["source_id"].map(lambda s: languages.get(s) != "en").astype(int),
        "sid": reports["source_id"],
    }, index=reports.index)
    order = sorted(keys.index, key=lambda i: tuple(keys.loc[i]))
    return reports.loc[order]


def independent_count(frame: pd.DataFrame, origins: dict) -> int:
    """Distinct independent origins behind the rows (relays, reposts, translations of one text count once)."""
    return frame["source_id"].map(lambda s: origins.get(s, s)).nunique() if len(frame) else 0


def _count_phrase(frame: pd.DataFrame, origins: dict) -> str:
    return f"{independent_count(frame, origins)} independent outcome report(s) ({len(frame)} in all)"


def _announcement(intentions: pd.DataFrame) -> dict:
    if intentions.empty:
        return {}
    best = intentions.iloc[0]
    return {"announced": best["reported"], "announced_date": best["statement_date"],
            "announced_source_id": best["source_id"], "announced_evidence": best["evidence"]}


def resolve_signature(reports: pd.DataFrame, accredited: bool, ctx: dict) -> dict:
    kinds, origins, languages = ctx["kinds"], ctx["origins"], ctx["languages"]
    ranked = rank_reports(reports, kinds, origins, languages) if len(reports) else reports
    intentions = ranked[ranked["report_type"] == "intention"] if len(ranked) else ranked
    out = {"n_reports": len(reports),
           "n_independent": independent_count(reports, origins),
           **_announcement(intentions)}
    if reports.empty:
        return out | {"signature_status": "unknown", "confidence": "none", "evidence_kind": "none",
                      "n_outcome_independent": 0, "signing_day_dated": False, "resolution": "no report"}
    outcomes = ranked[ranked["report_type"] == "outcome"]
    group_ok = outcomes["source_id"].isin(ABOUT_THE_ACCREDITED) | accredited
    usable = outcomes[(outcomes["reading"] == "stated")
                      & ((outcomes["evidence_kind"] == "direct") | group_ok)]
    out["n_outcome_independent"] = independent_count(usable, origins)
    if usable.empty:
        return out | _unresolved(ranked, outcomes, intentions)
    tier = (usable["evidence_kind"] != "direct").astype(int) * 2 + usable["source_id"].map(
        lambda s: kinds.get(s) != "primary").astype(int)
    best = usable[tier == tier.min()]
    statuses = sorted(set(best["reported"]))
    top = best.iloc[0]
    shown = {"source_id": top["source_id"], "evidence": top["evidence"], "date": top["date"],
             "derivation": top["derivation"], "evidence_kind": top["evidence_kind"]}
    if len(statuses) > 1:
        return out | shown | {"signature_status": "unknown", "confidence": "conflicting", "evidence_kind": "conflicting",
                              "signing_day_dated": False,
                              "resolution": f"equally strong outcome reports disagree ({', '.join(statuses)}); "
                                            "kept as unknown"}
    status = statuses[0]
    agree = usable[usable["reported"] == status]
    others = sorted(set(usable["reported"]) - {status})
    if others:
        confidence = "conflicting"
    elif (agree["evidence_kind"] != "direct").all():
        confidence = "group_statement_only"
    elif independent_count(agree[agree["evidence_kind"] == "direct"], origins) >= 2:
        confidence = "corroborated"
    else:
        confidence = "single_outcome_report"
    note = f"; weaker outcome reports say {', '.join(others)} (kept in signature_reports)" if others else ""
    basis = ("group statement about the 144 accredited states" if top["source_id"] in ABOUT_THE_ACCREDITED
             else "group statement; member shown accredited") if top["evidence_kind"] != "direct" else "direct"
    dated = top["date"] == SIGNING_DAY
    if not dated:
        note += ("; the report shown does not date the outcome to 14 Dec 2012 (nor do the other reports of its "
                 "tier): it says only that the state had (not) signed by the report's date")
    direct = independent_count(agree[agree["evidence_kind"] == "direct"], origins)
    return out | shown | {"signature_status": status, "confidence": confidence, "signing_day_dated": bool(dated),
                          "resolution": f"{_count_phrase(agree, origins)} state {status}, {direct} of them naming "
                                        f"the state directly (best: {basis}){note}"}


def _unresolved(ranked, outcomes, intentions) -> dict:
    """No stated outcome report: unknown, with the reasons and the strongest report shown."""
    top = ranked.iloc[0]
    shown = {"source_id": top["source_id"], "evidence": top["evidence"], "derivation": top["derivation"]}
    group_only = outcomes[(outcomes["reading"] == "stated") & (outcomes["evidence_kind"] != "direct")]
    reasons = []
    if len(group_only):
        confidence = "group_statement_unresolved"
        reasons.append("only group statements that are not about the accredited states, and the state's "
                       "accreditation is not shown")
    elif len(outcomes):
        confidence = "context_only"
        why = sorted(set(outcomes["note"].dropna().str.split(". ", regex=False).str[0]))
        reasons.append("no outcome report states it; read from context only: " + "; ".join(why))
    elif len(intentions):
        confidence = "intention_only"
        reasons.append("no outcome report")
    else:
        confidence = "none"
        reasons.append("reports exist but none is about signing")
    if len(intentions):
        said = intentions.drop_duplicates(["reported", "source_id"]).head(3)
        reasons.append("announced intention(s), which never set a status: " + "; ".join(
            f"{r.reported} ({r.statement_date if isinstance(r.statement_date, str) else 'undated'}, {r.source_id})"
            for r in said.itertuples(index=False)))
    return shown | {"signature_status": "unknown", "confidence": confidence, "signing_day_dated": False,
                    "evidence_kind": "group_statement" if confidence == "group_statement_unresolved" else "none",
                    "resolution": "unknown: " + "; and ".join(reasons)}


def signatures_table(states_base_frame, reports, registry, participation, errors=None) -> pd.DataFrame:
    ctx = {"kinds": {r["source_id"]: r["kind"] for r in registry.rows},
           "languages": {r["source_id"]: r["language"] for r in registry.rows},
           "origins": {r["source_id"]: registry.origin(r["source_id"]) for r in registry.rows}}
    accredited = shown_accredited(participation, reports)
    rows = []
    for iso3 in states_base_frame["iso3"]:
        mine = reports[reports["iso3"] == iso3]
        rows.append({"iso3": iso3, **resolve_signature(mine, iso3 in accredited, ctx)})
    frame = finish("signatures", pd.DataFrame(rows), ["iso3"])
    if errors is not None:
        errors += signature_errors(frame, reports)
    return frame


def signature_errors(signatures: pd.DataFrame, reports: pd.DataFrame) -> list[str]:
    """The build fails when a status rests on intent (or context) only, or exceeds the official 89/55."""
    errors = []
    stated = reports[(reports["report_type"] == "outcome") & (reports["reading"] == "stated")]
    for row in signatures[signatures["signature_status"] != "unknown"].itertuples(index=False):
        backing = stated[(stated["iso3"] == row.iso3) & (stated["reported"] == row.signature_status)]
        if backing.empty:
            errors.append(f"signatures {row.iso3}: status {row.signature_status} rests on no stated outcome report "
                          "(intentions and context readings cannot set a status)")
    for status, cap in MAX_COUNTS.items():
        n = int((signatures["signature_status"] == status).sum())
        if n > cap:
            errors.append(f"signatures: {n} states coded {status}, more than the official {cap}")
    return errors
