"""`interventions` (transcript turns + secondary accounts) and `positions`."""

from __future__ import annotations

import pandas as pd

from wcit_data.build.derive.common import columns, empty, finish
from wcit_data.transcripts import parse_transcript


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
