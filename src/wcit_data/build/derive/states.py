"""`states` and `state_aliases`: ITU membership, ISO codes, presence, names."""

from __future__ import annotations

import csv
import io
import json
import re

import pandas as pd

from wcit_data.build.derive.common import finish
from wcit_data.build.sources import SourceRegistry, normalise
from wcit_data.states import CODE_KIND, SHORT_NAME_KIND, alias_key

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


COW_SOURCE = "context-countrycode-cow"
WB_SOURCE = "context-countrycode-world-bank-names"
CLDR_SOURCE = "context-cldr-territory-names"


def extract_rows(registry: SourceRegistry, source_id: str) -> list[tuple[dict, str]]:
    """(record, its own line) for each data line of a stored CSV extract."""
    text = registry.text(source_id)
    lines = text.splitlines()
    return list(zip(csv.DictReader(io.StringIO(text)), lines[1:]))


ITU_REGION_COLUMNS = ["itu_region", "itu_region_source_id", "itu_region_evidence"]


def itu_regions(inputs) -> dict[str, dict]:
    """iso3 -> ITU administrative region (A-E) with its source, where a source states it (partial)."""
    regions = inputs.read("itu_regions", ["iso3", *ITU_REGION_COLUMNS[:1], "source_id", "evidence"])
    regions = regions.rename(columns={"source_id": "itu_region_source_id", "evidence": "itu_region_evidence"})
    if regions["iso3"].duplicated().any():
        raise ValueError(f"itu_regions.csv: one row per state, duplicated: "
                         f"{sorted(set(regions.loc[regions['iso3'].duplicated(), 'iso3']))}")
    return regions.set_index("iso3")[ITU_REGION_COLUMNS].to_dict("index")


def states_base(inputs, registry) -> pd.DataFrame:
    members = inputs.read("itu_members", ["iso3", "itu_name", "source_id", "evidence", "note"])
    regions = itu_regions(inputs)
    unknown = sorted(set(regions) - set(members["iso3"]))
    if unknown:
        raise ValueError(f"itu_regions.csv: not ITU Member States: {unknown}")
    iso = iso_entries(registry)
    cow = {rec["iso3c"]: int(rec["cown"]) for rec, _ in extract_rows(registry, COW_SOURCE)}
    wb = {rec["wb_api3c"]: rec["country"] for rec, _ in extract_rows(registry, WB_SOURCE)}
    rows = []
    for m in members.itertuples(index=False):
        entry = iso.get(m.iso3, {})
        rows.append({
            "iso3": m.iso3, "iso2": entry.get("alpha_2"), "m49": entry.get("numeric"),
            "short_name": SHORT_NAMES.get(m.iso3) or entry.get("common_name") or entry.get("name"),
            "iso_name": entry.get("name"),
            "itu_name": m.itu_name, "itu_member_2012": True,
            "cow_code": cow.get(m.iso3), "wb_name": wb.get(m.iso3),
            **regions.get(m.iso3, dict.fromkeys(ITU_REGION_COLUMNS)),
            "source_id": m.source_id, "evidence": m.evidence,
        })
    frame = pd.DataFrame(rows)
    frame["cow_code"] = frame["cow_code"].astype("Int64")
    return frame


def iso_aliases(iso: dict[str, dict], iso3: str) -> list[dict]:
    """ISO names (case-insensitive) and ISO codes (matched in upper case only)."""
    entry = iso.get(iso3, {})
    rows = [{"alias": entry[key], "iso3": iso3, "kind": kind, "source_id": ISO_SOURCE, "evidence": entry["_line"]}
            for kind, key in (("iso_name", "name"), ("iso_official_name", "official_name"),
                              ("iso_common_name", "common_name")) if entry.get(key)]
    rows += [{"alias": code, "iso3": iso3, "kind": CODE_KIND, "source_id": ISO_SOURCE, "evidence": entry["_line"]}
             for code in (iso3, entry.get("alpha_2")) if code]
    return rows


def extract_aliases(registry: SourceRegistry, states: pd.DataFrame) -> list[dict]:
    """CLDR names in the languages of the sources, and World Bank names, each with its extract line."""
    by_alpha2 = dict(zip(states["iso2"], states["iso3"]))
    rows = [{"alias": rec["name"], "iso3": by_alpha2[rec["alpha2"]], "kind": SHORT_NAME_KIND,
             "source_id": CLDR_SOURCE, "evidence": line}
            for rec, line in extract_rows(registry, CLDR_SOURCE) if rec["alpha2"] in by_alpha2]
    members = set(states["iso3"])
    rows += [{"alias": rec["country"], "iso3": rec["wb_api3c"], "kind": "wb_name", "source_id": WB_SOURCE,
              "evidence": line}
             for rec, line in extract_rows(registry, WB_SOURCE) if rec["wb_api3c"] in members]
    return rows


def state_aliases(inputs, registry, states: pd.DataFrame) -> pd.DataFrame:
    """Every alias with its source: ISO names and codes, ITU designations, CLDR and World Bank names, and
    the curated names (speaker labels, names used by the stored sources)."""
    iso = iso_entries(registry)
    rows = [row for iso3 in states["iso3"] for row in iso_aliases(iso, iso3)]
    rows += [{"alias": s.itu_name, "iso3": s.iso3, "kind": "itu_designation", "source_id": s.source_id,
              "evidence": s.evidence} for s in states.itertuples(index=False) if pd.notna(s.itu_name)]
    rows += extract_aliases(registry, states)
    rows += inputs.read("state_aliases", ["alias", "iso3", "kind", "source_id", "evidence"]).to_dict("records")
    frame = pd.DataFrame(rows)
    frame = frame[frame["iso3"].isin(set(states["iso3"]))]
    # names match by their normalised key; codes as written (upper case), so a code is its own key
    frame["alias_key"] = frame["alias"].map(alias_key).where(frame["kind"] != CODE_KIND, frame["alias"])
    frame = frame.drop_duplicates(["alias_key", "iso3", "kind"], keep="first")
    return finish("state_aliases", frame, ["iso3", "kind", "alias_key", "alias"])


def presence(participation: pd.DataFrame, iso3: str) -> tuple[str, str | None]:
    rows = participation[participation["iso3"] == iso3]
    present = rows.loc[rows["attribute"] == "present", "value"].str.lower()
    status = "yes" if present.str.startswith(("yes", "true", "present")).any() else (
        "no" if present.str.startswith(("no", "false", "absent")).any() else "unknown")
    cred = rows.loc[rows["attribute"] == "credentials", "value"]
    return status, (cred.iloc[0] if len(cred) else None)


def states_table(base, participation, signatures, interventions) -> pd.DataFrame:
    """Presence: a participation report, else derived from signing (only accredited delegations could sign),
    from a did_not_sign status (the 55 are counted among the 144 accredited) or from a documented intervention
    of the delegation; `present_basis` says which (derivations start with 'derived:')."""
    frame = base.copy()
    pres = [presence(participation, i) for i in frame["iso3"]]
    status = dict(zip(signatures["iso3"], signatures["signature_status"]))
    spoke = set(interventions["iso3"].dropna())
    basis, present = [], []
    for iso3, (p, _) in zip(frame["iso3"], pres):
        if p != "unknown":
            present.append(p), basis.append("participation report")
        elif status.get(iso3) == "signed":
            present.append("yes"), basis.append("derived: signed the Final Acts in Dubai (requires accreditation)")
        elif status.get(iso3) == "did_not_sign":
            present.append("yes"), basis.append("derived: coded did_not_sign, which the 89/55 split of the ITU "
                                                "defines among the 144 accredited states")
        elif iso3 in spoke:
            present.append("yes"), basis.append("derived: intervention of its delegation documented")
        else:
            present.append("unknown"), basis.append(None)
    frame["present_wcit12"] = present
    frame["present_basis"] = basis
    frame["credentials"] = [p[1] for p in pres]
    frame["signature_status"] = frame["iso3"].map(status).fillna("unknown")
    return finish("states", frame, ["iso3"])
