"""Derive the published tables from curated inputs (one function per table)."""

from __future__ import annotations

import json
from functools import lru_cache
import re

import pandas as pd

from wcit_data.schemas import MODELS
from wcit_data.sources import SourceRegistry, normalise
from wcit_data.states import alias_key, build_alias_index
from wcit_data.timeutil import bounds_utc, day_bounds_utc, to_utc
from wcit_data.transcripts import parse_transcript

ISO_SOURCE = "iso-3166-1-pycountry"
# Short labels where ISO gives no common name (a labelling convention of this dataset, not a sourced fact).
SHORT_NAMES = {"COD": "DR Congo", "FSM": "Micronesia", "VAT": "Holy See", "RUS": "Russia"}


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


# --- sources ------------------------------------------------------------------------------------

def sources_table(registry: SourceRegistry) -> pd.DataFrame:
    rows = []
    for r in registry.rows:
        path = registry.snapshot_path(r["source_id"])
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        rows.append({**{k: (r.get(k) or None) for k in columns("sources")},
                     "snapshot": f"text/{r['source_id']}.txt", "n_chars": len(text)})
    return finish("sources", pd.DataFrame(rows), ["source_id"])


# --- states -------------------------------------------------------------------------------------

def iso_entries(registry: SourceRegistry) -> dict[str, dict]:
    """ISO 3166-1 records of the stored pycountry database; `_line` is the record's own (normalised) text."""
    entries = {}
    for block in re.findall(r"\{[^{}]*\}", registry.text(ISO_SOURCE)):
        entry = json.loads(block)
        entries[entry["alpha_3"]] = entry | {"_line": normalise(block)}
    return entries


def states_base(inputs, registry) -> pd.DataFrame:
    members = inputs.read("itu_members", ["iso3", "itu_name", "source_id", "evidence", "note"])
    iso = iso_entries(registry)
    rows = []
    for m in members.itertuples(index=False):
        entry = iso.get(m.iso3, {})
        rows.append({
            "iso3": m.iso3, "iso2": entry.get("alpha_2"), "m49": entry.get("numeric"),
            "short_name": SHORT_NAMES.get(m.iso3) or entry.get("common_name") or entry.get("name"),
            "iso_name": entry.get("name"),
            "itu_name": m.itu_name, "itu_member_2012": True, "source_id": m.source_id, "evidence": m.evidence,
        })
    return pd.DataFrame(rows)


def state_aliases(inputs, registry, states: pd.DataFrame) -> pd.DataFrame:
    iso = iso_entries(registry)
    rows = []
    for iso3 in states["iso3"]:
        entry = iso.get(iso3, {})
        for kind, key in (("iso_name", "name"), ("iso_official_name", "official_name"),
                          ("iso_common_name", "common_name")):
            if entry.get(key):
                rows.append({"alias": entry[key], "iso3": iso3, "kind": kind,
                             "source_id": ISO_SOURCE, "evidence": entry["_line"]})
        for code in (iso3, entry.get("alpha_2")):
            if code:
                rows.append({"alias": code, "iso3": iso3, "kind": "iso_name", "source_id": ISO_SOURCE,
                             "evidence": entry["_line"]})
    for s in states.itertuples(index=False):
        if pd.notna(s.itu_name):
            rows.append({"alias": s.itu_name, "iso3": s.iso3, "kind": "itu_designation",
                         "source_id": s.source_id, "evidence": s.evidence})
    curated = inputs.read("state_aliases", ["alias", "iso3", "kind", "source_id", "evidence"])
    rows += curated.to_dict("records")
    frame = pd.DataFrame(rows)
    frame = frame[frame["iso3"].isin(set(states["iso3"]))]
    frame["alias_key"] = frame["alias"].map(alias_key)
    frame = frame.drop_duplicates(["alias_key", "iso3"], keep="first")
    return finish("state_aliases", frame, ["iso3", "alias_key"])


def presence(participation: pd.DataFrame, iso3: str) -> tuple[str, str | None]:
    rows = participation[participation["iso3"] == iso3]
    present = rows.loc[rows["attribute"] == "present", "value"].str.lower()
    status = "yes" if present.str.startswith(("yes", "true", "present")).any() else (
        "no" if present.str.startswith(("no", "false", "absent")).any() else "unknown")
    cred = rows.loc[rows["attribute"] == "credentials", "value"]
    return status, (cred.iloc[0] if len(cred) else None)


def states_table(base, participation, signatures, interventions) -> pd.DataFrame:
    """Presence: a participation report, else derived from signing (only accredited delegations could sign)
    or from a documented intervention of the delegation; `present_basis` says which."""
    frame = base.copy()
    pres = [presence(participation, i) for i in frame["iso3"]]
    status = dict(zip(signatures["iso3"], signatures["status"]))
    spoke = set(interventions["iso3"].dropna())
    basis, present = [], []
    for iso3, (p, _) in zip(frame["iso3"], pres):
        if p != "unknown":
            present.append(p), basis.append("participation report")
        elif status.get(iso3) == "signed":
            present.append("yes"), basis.append("derived: signed the Final Acts in Dubai (requires accreditation)")
        elif iso3 in spoke:
            present.append("yes"), basis.append("derived: intervention of its delegation documented")
        else:
            present.append("unknown"), basis.append(None)
    frame["present_wcit12"] = present
    frame["present_basis"] = basis
    frame["credentials"] = [p[1] for p in pres]
    frame["signature_status"] = frame["iso3"].map(status).fillna("unknown")
    return finish("states", frame, ["iso3"])


# --- signatures ---------------------------------------------------------------------------------

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


# --- votes --------------------------------------------------------------------------------------

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


# --- time ---------------------------------------------------------------------------------------

def events_table(events: pd.DataFrame) -> pd.DataFrame:
    if events.empty:
        return empty("events")
    frame = events.copy()
    utc, lo, hi, precision = [], [], [], []
    for r in frame.itertuples(index=False):
        exact = to_utc(r.date_local, r.time_local if pd.notna(r.time_local) else None, r.tz)
        if exact is not None:
            utc.append(exact), lo.append(exact), hi.append(exact), precision.append("exact")
            continue
        early = r.time_earliest_local if pd.notna(r.time_earliest_local) else None
        late = r.time_latest_local if pd.notna(r.time_latest_local) else None
        if early or late:
            b = bounds_utc(r.date_local, early, late, r.tz)
            utc.append(None), lo.append(b[0]), hi.append(b[1]), precision.append("bounded")
        else:
            b = day_bounds_utc(r.date_local, r.tz)
            utc.append(None), lo.append(b[0]), hi.append(b[1]), precision.append("day")
    frame["utc"] = pd.to_datetime(pd.Series(utc, dtype="object"), utc=True)
    frame["utc_earliest"] = pd.to_datetime(pd.Series(lo, dtype="object"), utc=True)
    frame["utc_latest"] = pd.to_datetime(pd.Series(hi, dtype="object"), utc=True)
    frame["precision"] = precision
    return finish("events", frame, ["utc_earliest", "event_id"])


def sessions_table(sessions: pd.DataFrame) -> pd.DataFrame:
    if sessions.empty:
        return empty("sessions")
    frame = sessions.copy()
    frame["start_utc"] = pd.to_datetime(pd.Series(
        [to_utc(d, t if pd.notna(t) else None, "Asia/Dubai") for d, t in zip(frame["date"], frame["start_local"])],
        dtype="object"), utc=True)
    frame["plenary"] = frame["plenary"].astype("Int64")
    flags = []
    for r in frame.itertuples(index=False):
        same_meeting = frame[(frame["transcript_source_id"] == r.transcript_source_id) & frame["plenary"].notna()]
        numbers = sorted({int(n) for n in same_meeting["plenary"]})
        same_number = frame[frame["plenary"] == r.plenary] if pd.notna(r.plenary) else frame.iloc[0:0]
        if len(numbers) > 1:
            flags.append(f"one meeting, numbered {' and '.join(map(str, numbers))} by different sources")
        elif same_number["date"].nunique() > 1:
            flags.append("sources give different dates for this number")
        else:
            flags.append(None)
    frame["numbering_flag"] = flags
    return finish("sessions", frame, ["plenary", "date", "source_id"])


# --- interventions ------------------------------------------------------------------------------

QUOTE_CHARS = 300
EVIDENCE_CHARS = 160


def transcript_interventions(inputs, registry, index) -> pd.DataFrame:
    transcripts = inputs.read("transcripts", ["source_id", "plenary", "date"])
    notes = inputs.read("turn_annotations", ["source_id", "turn", "topic", "stance", "note"])
    ann = {(r.source_id, int(r.turn)): r for r in notes.itertuples(index=False)}
    rows = []
    for t in transcripts.itertuples(index=False):
        for turn in parse_transcript(registry.text(t.source_id), index=index):
            a = ann.get((t.source_id, turn.order))
            words = turn.text
            rows.append({
                "intervention_id": f"{t.source_id}-t{turn.order:04d}", "plenary": t.plenary,
                "order": turn.order, "order_basis": "transcript", "iso3": turn.iso3, "speaker": turn.speaker,
                "speaker_role": turn.role, "topic": a.topic if a else "unknown",
                "stance": a.stance if a else ("chair" if turn.role == "chair" else "statement"),
                "quote": words[:QUOTE_CHARS], "source_id": t.source_id,
                "evidence": (f"{turn.speaker}: {words}" if turn.labelled else words)[:EVIDENCE_CHARS].strip(),
                "note": a.note if a else None,
            })
    return pd.DataFrame(rows)


def secondary_interventions(inputs) -> pd.DataFrame:
    frame = inputs.read("interventions_secondary", columns("interventions"))
    if frame.empty:
        return frame
    frame = frame.copy()
    frame["intervention_id"] = [f"sec-{r.source_id}-{i:03d}" for i, r in enumerate(frame.itertuples(), 1)]
    frame["order"] = frame["order"].fillna("0")  # 0 = position in the plenary not established by any source
    frame["order_basis"] = frame["order_basis"].fillna("unknown")
    roles = frame["iso3"].map(lambda v: "state" if pd.notna(v) else "other")
    frame["speaker_role"] = frame["speaker_role"].fillna(roles) if "speaker_role" in frame else roles
    return frame


def interventions_table(inputs, registry, index) -> pd.DataFrame:
    parts = [p for p in (transcript_interventions(inputs, registry, index), secondary_interventions(inputs))
             if not p.empty]
    if not parts:
        return empty("interventions")
    frame = pd.concat(parts, ignore_index=True)
    frame["plenary"] = pd.to_numeric(frame["plenary"]).astype("Int64")
    frame["order"] = pd.to_numeric(frame["order"]).astype("Int64")
    return finish("interventions", frame, ["plenary", "order", "intervention_id"])


POSITION_STANCES = {"objection", "reservation", "consult_capital", "will_not_sign", "will_sign", "support",
                    "proposal", "request_vote"}
ISSUES = {"preamble_amendment", "plen3_resolution", "final_acts_signing"}


def positions_table(interventions: pd.DataFrame) -> pd.DataFrame:
    use = interventions[interventions["iso3"].notna() & interventions["topic"].isin(ISSUES)
                        & interventions["stance"].isin(POSITION_STANCES)]
    rows = []
    for (iso3, issue, stance), grp in use.groupby(["iso3", "topic", "stance"], sort=True):
        first = grp.iloc[0]
        rows.append({"iso3": iso3, "issue": issue, "stance": stance,
                     "intervention_ids": ";".join(grp["intervention_id"]),
                     "source_id": first["source_id"], "evidence": first["evidence"]})
    return finish("positions", pd.DataFrame(rows), ["iso3", "issue", "stance"])


# --- covariates ---------------------------------------------------------------------------------

def covariates_table(inputs, registry, members: set[str]) -> pd.DataFrame:
    from wcit_data.covariates import context_covariates

    frame = pd.concat([context_covariates(registry), inputs.read("covariates", columns("covariates"))],
                      ignore_index=True)
    frame = frame[frame["iso3"].isin(members)].copy()
    frame["year"] = pd.to_numeric(frame["year"]).astype("Int64")
    return finish("covariates", frame, ["iso3", "variable", "value"])


# --- everything ---------------------------------------------------------------------------------

def simple(inputs, name, sort) -> pd.DataFrame:
    frame = inputs.read(name, columns(name))
    return finish(name, frame, sort)


def all_tables(inputs, registry: SourceRegistry, errors: list[str]) -> dict[str, pd.DataFrame]:
    t: dict[str, pd.DataFrame] = {"sources": sources_table(registry)}
    base = states_base(inputs, registry)
    t["state_aliases"] = state_aliases(inputs, registry, base) if not base.empty else empty("state_aliases")
    index = build_alias_index(t["state_aliases"])
    t["participation"] = simple(inputs, "participation", ["iso3", "attribute", "source_id"])
    t["conference_totals"] = simple(inputs, "conference_totals", ["measure", "source_id", "value"])
    t["signature_reports"] = simple(inputs, "signature_reports", ["iso3", "source_id", "status"])
    t["signatures"] = signatures_table(base, t["signature_reports"], registry)
    t["treaty_actions"] = simple(inputs, "treaty_actions", ["iso3", "date", "action", "source_id"])
    reports = inputs.read("vote_reports", columns("vote_reports"))
    reports["adopted"] = reports["adopted"].str.lower().eq("true")
    t["vote_reports"] = finish("vote_reports", reports, ["vote_id", "attribute", "source_id"])
    t["votes"] = votes_table(t["vote_reports"], errors)
    t["ballot_reports"] = simple(inputs, "ballot_reports", ["vote_id", "iso3", "source_id"])
    t["ballots"] = ballots_table(t["votes"], t["ballot_reports"], base)
    t["events"] = events_table(inputs.read("events", columns("events")))
    t["sessions"] = sessions_table(inputs.read("sessions", columns("sessions")))
    t["interventions"] = interventions_table(inputs, registry, index)
    t["positions"] = positions_table(t["interventions"])
    t["states"] = (states_table(base, t["participation"], t["signatures"], t["interventions"])
                   if not base.empty else empty("states"))
    t["provisions"] = simple(inputs, "provisions", ["instrument", "lang", "source_id", "margin_no"])
    t["resolutions"] = simple(inputs, "resolutions", ["resolution_id", "lang", "source_id", "section"])
    t["declarations"] = simple(inputs, "declarations", ["decl_no", "iso3", "lang"])
    t["documents"] = simple(inputs, "documents", ["doc_id", "lang", "source_id"])
    t["covariates"] = covariates_table(inputs, registry, set(t["states"]["iso3"]))
    return t
