"""`states` and `state_aliases`: ITU membership, ISO codes, presence, names."""

from __future__ import annotations

import json
import re

import pandas as pd

from wcit_data.build.derive.common import finish
from wcit_data.build.sources import SourceRegistry, normalise
from wcit_data.states import alias_key

ISO_SOURCE = "iso-3166-1-pycountry"
# Short labels where ISO gives no common name (a labelling convention of this dataset, not a sourced fact).
SHORT_NAMES = {"COD": "DR Congo", "FSM": "Micronesia", "VAT": "Holy See", "RUS": "Russia"}


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
