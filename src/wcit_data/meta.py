"""Codebooks, citations and coverage, all generated from the shipped descriptor and tables."""

from __future__ import annotations

import re

from wcit_data import __version__
from wcit_data.loading import check_table_name, descriptor, load

PACKAGE_BIBTEX = """@misc{{wcit_data_{year},
  title        = {{wcit-data: Source-linked tables about the ITU World Conference on International
                  Telecommunications (WCIT-12, Dubai 2012)}},
  author       = {{{{wcit-data contributors}}}},
  year         = {{{year}}},
  version      = {{{version}}},
  note         = {{Dataset and Python package; curated tables CC BY 4.0; third-party texts keep their owners' terms}},
  howpublished = {{\\url{{https://github.com/wcit-data/wcit-data}}}}
}}"""


def describe(name: str) -> dict:
    """Codebook of a table: description, columns (type, description, allowed values), keys, sources, rows."""
    check_table_name(name)
    res = next(r for r in descriptor()["resources"] if r["name"] == name)
    cols = []
    for f in res["schema"]["fields"]:
        c = f.get("constraints", {})
        cols.append({"name": f["name"], "type": f["type"], "description": f["description"],
                     "required": bool(c.get("required")), "allowed_values": c.get("enum"),
                     "pattern": c.get("pattern")})
    return {"name": name, "description": res["description"], "rows": res["rows"], "columns": cols,
            "primary_key": res["schema"].get("primaryKey", []),
            "foreign_keys": res["schema"].get("foreignKeys", []),
            "sources": [s["source_id"] for s in res.get("sources", [])],
            "licenses": res.get("licenses", []), "variable_licences": res.get("variableLicences")}


def _bibkey(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _bib_escape(text: str) -> str:
    return str(text).replace("{", "\\{").replace("}", "\\}").replace("&", "\\&").replace("%", "\\%")


def resolve_source_id(source_id: str) -> str:
    """The current id of a source: an id merged into another (same URL) resolves to the one kept.

    >>> resolve_source_id("tradearabia-reuters-2012-12-14-us-refuses")
    'tradearabia-2012-12-14-us-refuses-sign'
    """
    sources = load("sources")
    if "aliases" not in sources.columns or source_id in set(sources["source_id"]):
        return source_id
    for sid, aliases in zip(sources["source_id"], sources["aliases"]):
        if isinstance(aliases, str) and source_id in aliases.split(";"):
            return sid
    return source_id


def cite(source_id: str | None = None) -> str:
    """BibTeX for the package, or for one source of the registry (old, merged ids resolve to the id kept)."""
    if source_id is None:
        return PACKAGE_BIBTEX.format(year=2026, version=__version__)
    source_id = resolve_source_id(source_id)
    sources = load("sources").set_index("source_id")
    if source_id not in sources.index:
        import difflib

        close = difflib.get_close_matches(source_id, list(sources.index), n=3)
        raise ValueError(f"Unknown source {source_id!r}." + (f" Did you mean {', '.join(close)}?" if close else ""))
    s = sources.loc[source_id]
    fields = {"title": s["title"], "author": s["author"] or s["publisher"], "publisher": s["publisher"],
              "year": (s["published"] or "")[:4] or None, "url": s["url"], "note": f"Retrieved {s['retrieved']}; "
              f"wcit-data source {source_id}", "urldate": s["retrieved"]}
    body = ",\n".join(f"  {k:<9} = {{{_bib_escape(v)}}}" for k, v in fields.items() if v)
    return f"@misc{{{_bibkey(source_id)},\n{body}\n}}"


def _known_mask(name, frame):
    """Per row: is the table's main value known (not 'unknown'/missing)?"""
    for col in ("status", "ballot", "verdict", "present_wcit12", "signature_status"):
        if col in frame.columns:
            return ~frame[col].isin(["unknown", "undetermined"]) & frame[col].notna()
    if "evidence" in frame.columns:
        return frame["evidence"].notna()
    return frame.notna().all(axis=1)


def coverage(name: str | None = None):
    """Known vs unknown values per table (and per column), plus signature coverage against 89/55.

    Returns a DataFrame with one row per table and column: rows, known, unknown, share_known.
    """
    import pandas as pd

    names = [check_table_name(name)] if name else [r["name"] for r in descriptor()["resources"]]
    rows = []
    for n in names:
        frame = load(n)
        mask = _known_mask(n, frame)
        rows.append({"table": n, "column": "*", "rows": len(frame), "known": int(mask.sum()),
                     "unknown": int((~mask).sum())})
        for col in frame.columns:
            s = frame[col]
            unknown = s.isna() | s.astype("string").isin(["unknown", "undetermined"])
            rows.append({"table": n, "column": col, "rows": len(frame), "known": int((~unknown).sum()),
                         "unknown": int(unknown.sum())})
    if name in (None, "signatures"):
        s = signature_coverage()
        for status, total in (("signed", s["signatories_total"]), ("did_not_sign", s["non_signatories_total"])):
            named = s["signed_named" if status == "signed" else "not_signed_named"]
            rows.append({"table": "signatures", "column": f"status={status} (of reported total)",
                         "rows": total, "known": named, "unknown": (total or 0) - named})
        for level, n in s.get("confidence", {}).items():
            total = sum(s["confidence"].values())
            rows.append({"table": "signatures", "column": f"confidence={level}", "rows": total, "known": n,
                         "unknown": total - n})
    out = pd.DataFrame(rows)
    out["share_known"] = (out["known"] / out["rows"].where(out["rows"] > 0)).round(3)
    return out


def signature_coverage() -> dict:
    """Signed named N/89, not-signed named M/55, unknown K (against the adopted totals), and the states per
    `confidence` level (corroborated, single_outcome_report, group_statement_only, ...) and per announced
    intention of the states whose status is unknown."""
    sig = load("signatures")
    status = sig["signature_status" if "signature_status" in sig.columns else "status"].astype(str)
    tot = load("conference_totals")
    adopted = tot[tot["adopted"]].set_index("measure")["figure"]
    out = {"signed_named": int((status == "signed").sum()),
           "signatories_total": int(adopted.get("signatories", 0)) or None,
           "not_signed_named": int((status == "did_not_sign").sum()),
           "non_signatories_total": int(adopted.get("non_signatories", 0)) or None,
           "unknown": int((status == "unknown").sum()),
           "conflicting": int((sig["evidence_kind"].astype(str) == "conflicting").sum())}
    if "confidence" in sig.columns:
        out["confidence"] = {str(k): int(v) for k, v in sig["confidence"].astype(str).value_counts().sort_index().items()}
        unknown = sig[status == "unknown"]
        out["unknown_announced"] = {str(k): int(v) for k, v in
                                    unknown["announced"].dropna().astype(str).value_counts().sort_index().items()}
    return out


def plenary_coverage():
    """Per plenary: what the record holds and where it is silent.

    Columns: plenary, date, transcript_chars (stored CART text), transcript_turns, secondary_interventions,
    ordered_secondary (with an order a source establishes), statement on silence.
    """
    import pandas as pd

    sessions, iv, sources = load("sessions"), load("interventions"), load("sources").set_index("source_id")
    rows = []
    for plenary, grp in sessions.dropna(subset=["plenary"]).groupby("plenary", sort=True):
        transcript = grp["transcript_source_id"].dropna().unique()
        chars = int(sum(sources.loc[t, "n_chars"] for t in transcript if t in sources.index))
        turns = iv[(iv["plenary"] == plenary) & (iv["order_basis"] == "transcript")]
        sec = iv[(iv["plenary"] == plenary) & (iv["order_basis"] != "transcript")]
        rows.append({"plenary": int(plenary), "date": grp["date"].iloc[0], "transcript_chars": chars,
                     "transcript_turns": len(turns), "secondary_interventions": len(sec),
                     "ordered_secondary": int((sec["order"].fillna(0) > 0).sum()),
                     "statement": ("only the transcript opening is stored; later speakers are known only from "
                                   "secondary accounts, if at all") if chars and chars < 5000 else
                                  ("no transcript stored" if not chars else "transcript stored")})
    unplaced = iv[iv["plenary"].isna() & (iv["order_basis"] != "transcript")]
    rows.append({"plenary": None, "date": None, "transcript_chars": 0, "transcript_turns": 0,
                 "secondary_interventions": len(unplaced), "ordered_secondary": int((unplaced["order"].fillna(0) > 0).sum()),
                 "statement": "interventions no source assigns to a numbered plenary (see vote_relation)"})
    out = pd.DataFrame(rows)
    out["plenary"] = out["plenary"].astype("Int64")
    return out
