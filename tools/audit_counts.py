"""Print the counts the audit trail (docs/audit/README.md) compares between releases.

Run it against any installed version: `python tools/audit_counts.py > counts.json`.
It reads only the shipped tables, so the same script measures 0.1.0 and later releases.
"""

from __future__ import annotations

import json

import wcit_data as wd


def _counts(series) -> dict[str, int]:
    return {str(k): int(v) for k, v in series.astype(str).value_counts().sort_index().items()}


def audit_counts() -> dict:
    sig = wd.load("signatures")
    status_col = "signature_status" if "signature_status" in sig.columns else "status"
    iv = wd.load("interventions")
    sources = wd.load("sources")
    aliases = wd.load("state_aliases")
    ballots = wd.load("ballots")
    out = {
        "version": wd.__version__,
        "signatures.status": _counts(sig[status_col]),
        "signatures.evidence_kind": _counts(sig["evidence_kind"]),
        "states.present_wcit12": _counts(wd.load("states")["present_wcit12"]),
        "ballots(vote_id,ballot)": _counts(ballots["vote_id"].astype(str) + ":" + ballots["ballot"].astype(str)),
        "interventions.order==0": int((iv["order"] == 0).sum()),
        "interventions.order null": int(iv["order"].isna().sum()),
        "interventions.order_basis": _counts(iv["order_basis"]),
        "interventions.speaker_role": _counts(iv["speaker_role"]),
        "events.precision": _counts(wd.load("events")["precision"]),
        "sources": len(sources),
        "sources sharing a URL with another": int(sources["url"].dropna().duplicated(keep=False).sum()),
        "state_aliases": len(aliases),
        "state_aliases without source": int(aliases["source_id"].isna().sum()),
        "claims.verdict": _counts(wd.load("claims")["verdict"]),
    }
    if "confidence" in sig.columns:
        out["signatures.confidence"] = _counts(sig["confidence"])
    return out


if __name__ == "__main__":
    print(json.dumps(audit_counts(), indent=1, ensure_ascii=False))
