"""Codebooks, citations and coverage, all generated from the shipped descriptor and tables."""

from __future__ import annotations

from wcit_data.loading import check_table_name, descriptor, load


def _loaded_as(field_type: str, allowed: list | None) -> str:
    """The pandas dtype a column has when loaded (see wcit_data.dtypes)."""
    if allowed:
        return "category"
    return {"date": "datetime64 (date)", "datetime": "datetime64 UTC", "integer": "Int64", "boolean": "bool",
            "number": "float64"}.get(field_type, "str")


def _html_text(text: str) -> str:
    """Escaped text with the codebook's `backticks` shown as code."""
    from html import escape
    import re

    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text))


class Codebook(dict):  # type: ignore[type-arg]
    """The codebook of one table: a dict (name, description, rows, columns, keys, sources, licences) that
    shows itself as readable text in a console and as an HTML table in Jupyter."""

    def text(self) -> str:
        """The codebook as plain text, one line per column."""
        lines = [f"{self['name']} ({self['rows']} rows): {self['description']}"]
        if self["primary_key"]:
            lines.append(f"primary key: {', '.join(self['primary_key'])}")
        for c in self["columns"]:
            allowed = f" [{', '.join(map(str, c['allowed_values']))}]" if c["allowed_values"] else ""
            lines.append(f"  {c['name']:<22} {c['loaded_as']:<17} {'required' if c['required'] else '        '}  "
                         f"{c['description']}{allowed}")
        lines.append(f"sources: {len(self['sources'])} (wcit_data.cite(table={self['name']!r}))")
        return "\n".join(lines)

    __str__ = text

    def __repr__(self) -> str:
        return self.text()

    def _repr_pretty_(self, printer, cycle: bool) -> None:  # IPython's plain-text display
        printer.text(self.text())

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(
            f"<tr><td><code>{escape(c['name'])}</code></td><td>{escape(c['loaded_as'])}</td>"
            f"<td>{'yes' if c['required'] else ''}</td><td>{_html_text(c['description'])}"
            + (f"<br><small>allowed: {escape(', '.join(map(str, c['allowed_values'])))}</small>"
               if c["allowed_values"] else "") + "</td></tr>"
            for c in self["columns"])
        key = f"<p>Primary key: <code>{escape(', '.join(self['primary_key']))}</code></p>" if self["primary_key"] else ""
        return (f"<div><h4><code>{escape(self['name'])}</code> ({self['rows']} rows)</h4>"
                f"<p>{_html_text(self['description'])}</p>{key}<table><thead><tr><th>column</th><th>type</th>"
                f"<th>required</th><th>description</th></tr></thead><tbody>{rows}</tbody></table>"
                f"<p>{len(self['sources'])} sources: <code>wcit_data.cite(table={self['name']!r})</code></p></div>")


def describe(name: str) -> Codebook:
    """Codebook of a table: description, columns (type, description, allowed values), keys, sources, rows.

    Each column has its Frictionless ``type`` (as in datapackage.json) and ``loaded_as``, the pandas dtype
    of the loaded frame (enumerations load as ``category``).

    >>> book = describe("signatures")
    >>> book["name"], next(c["loaded_as"] for c in book["columns"] if c["name"] == "signature_status")
    ('signatures', 'category')
    """
    check_table_name(name)
    res = next(r for r in descriptor()["resources"] if r["name"] == name)
    cols = []
    for f in res["schema"]["fields"]:
        c = f.get("constraints", {})
        cols.append({"name": f["name"], "type": f["type"], "loaded_as": _loaded_as(f["type"], c.get("enum")),
                     "description": f["description"],
                     "required": bool(c.get("required")), "allowed_values": c.get("enum"),
                     "pattern": c.get("pattern")})
    return Codebook({"name": name, "description": res["description"], "rows": res["rows"], "columns": cols,
                     "primary_key": res["schema"].get("primaryKey", []),
                     "foreign_keys": res["schema"].get("foreignKeys", []),
                     "sources": [s["source_id"] for s in res.get("sources", [])],
                     "licenses": res.get("licenses", []), "variable_licences": res.get("variableLicences")})


def cite(*source_ids: str, table: str | None = None, frame: object = None, style: str = "bibtex") -> str:
    """BibTeX (or plain text) for the package, for sources, or for every source behind a table.

    Delegates to :func:`wcit_data.citation.cite`.

    >>> cite().startswith("@dataset{wcit-data-")
    True
    """
    from wcit_data.citation import cite as cite_sources

    return cite_sources(*source_ids, table=table, frame=frame, style=style)  # type: ignore[arg-type]


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

    >>> coverage("votes").loc[0, ["table", "column"]].tolist()
    ['votes', '*']
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
    intention of the states whose status is unknown.

    >>> signature_coverage()["signatories_total"]
    89
    """
    sig = load("signatures")
    status = sig["signature_status"].astype(str)
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
    ordered_secondary (with an order a source establishes), secondary_plenary_derived (placed in the plenary
    by the dataset's inference, see interventions.plenary_reasoning), statement on silence.

    >>> plenary_coverage().columns[0]
    'plenary'
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
                     "secondary_plenary_derived": int((sec.get("plenary_basis") == "derived").sum()),
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
