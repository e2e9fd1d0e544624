"""Frictionless data package descriptor and schema export, generated from the pandera models."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from wcit_data import __version__
from wcit_data.build.schemas import MODELS, table_metadata

FULL_DATE = r"\d{4}-\d{2}-\d{2}"
DATA_LICENCE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 (curated tables); third-party texts keep their owners' terms"}


def field_type(dtype) -> str:
    text = str(dtype).lower()
    if "int" in text:
        return "integer"
    if "bool" in text:
        return "boolean"
    if "float" in text:
        return "number"
    if "datetime" in text:
        return "datetime"
    return "string"


def table_schema(name: str) -> dict:
    schema = MODELS[name].to_schema()
    meta = table_metadata(name)
    fields = []
    for col_name, col in schema.columns.items():
        f = {"name": col_name, "type": field_type(col.dtype), "description": col.description or ""}
        constraints = {}
        if not col.nullable:
            constraints["required"] = True
        for check in col.checks:
            stats = check.statistics or {}
            if "allowed_values" in stats:
                constraints["enum"] = list(stats["allowed_values"])
            if "pattern" in stats:
                constraints["pattern"] = str(stats["pattern"]).strip("^$")
            if "min_value" in stats and check.name == "greater_than_or_equal_to":
                constraints["minimum"] = stats["min_value"]
            if "max_value" in stats and check.name == "less_than_or_equal_to":
                constraints["maximum"] = stats["max_value"]
        if col.unique:
            constraints["unique"] = True
        if constraints.get("pattern") == FULL_DATE:  # written as date32 (build/arrow.py)
            f["type"] = "date"
            del constraints["pattern"]
        if constraints:
            f["constraints"] = constraints
        fields.append(f)
    out = {"fields": fields, "missingValues": [""]}
    if meta.get("primary_key"):
        out["primaryKey"] = meta["primary_key"]
    if meta.get("foreign_keys"):
        out["foreignKeys"] = meta["foreign_keys"]
    return out


def resource_sources(frame: pd.DataFrame, registry) -> list[dict]:
    used = set()
    for col in ("source_id", "derivation_source_id", "transcript_source_id"):
        if col in frame.columns:
            used |= set(frame[col].dropna())
    by_id = {r["source_id"]: r for r in registry.rows}
    return [{"title": by_id[s]["title"], "path": by_id[s]["url"] or f"data/sources/text/{s}.txt",
             "source_id": s, "licence_note": by_id[s]["licence_note"]} for s in sorted(used) if s in by_id]


def build_descriptor(tables: dict[str, pd.DataFrame], registry) -> dict:
    resources = []
    for name, frame in tables.items():
        res = {"name": name, "path": f"{name}.parquet", "profile": "tabular-data-resource", "format": "parquet",
               "mediatype": "application/vnd.apache.parquet",
               "title": name.replace("_", " ").capitalize(), "description": table_metadata(name)["description"],
               "schema": table_schema(name), "sources": resource_sources(frame, registry),
               "licenses": [DATA_LICENCE], "rows": int(len(frame))}
        if name == "covariates" and not frame.empty:
            res["variableLicences"] = {v: sorted(set(g["licence"])) for v, g in frame.groupby("variable")}
        resources.append(res)
    import pyarrow

    return {"profile": "tabular-data-package", "name": "wcit-data", "title": "WCIT-12 data",
            "version": __version__, "licenses": [DATA_LICENCE],
            "built_with": {"pandas": pd.__version__, "pyarrow": pyarrow.__version__},
            "description": "Source-linked tables about the ITU World Conference on International "
                           "Telecommunications (WCIT-12, Dubai, 3-14 December 2012).",
            "homepage": "https://github.com/wcit-data/wcit-data", "resources": resources}


def codebook_markdown() -> str:
    """A human-readable codebook of every table, generated from the models."""
    lines = ["# wcit-data codebook", "", "Generated from the pandera models in `src/wcit_data/build/schemas.py` by "
             "`wcit-data build`; do not edit. `wcit_data.describe(name)` returns the same per table, with row "
             "counts and sources.", ""]
    for name in MODELS:
        meta, schema = table_metadata(name), table_schema(name)
        lines += [f"## `{name}`", "", meta["description"], ""]
        if schema.get("primaryKey"):
            lines.append(f"Primary key: `{', '.join(schema['primaryKey'])}`.  ")
        for key in schema.get("foreignKeys", []):
            ref = key["reference"]
            lines.append(f"Foreign key: `{key['fields'][0]}` → `{ref['resource']}.{ref['fields'][0]}`.  ")
        lines += ["", "| column | type | required | description | allowed values |", "|---|---|---|---|---|"]
        for f in schema["fields"]:
            c = f.get("constraints", {})
            allowed = ", ".join(f"`{v}`" for v in c.get("enum", [])) or (f"pattern `{c['pattern']}`" if "pattern" in c else "")
            lines.append(f"| `{f['name']}` | {f['type']} | {'yes' if c.get('required') else ''} | "
                         f"{f['description'].replace('|', '/')} | {allowed.replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)


def export_schemas(out_dir: Path) -> None:
    """schemas/<table>.pandera.json (the pandera model), <table>.tableschema.json (Frictionless), CODEBOOK.md."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "CODEBOOK.md").write_text(codebook_markdown(), encoding="utf-8")
    for name, model in MODELS.items():
        pandera_json = json.loads(model.to_schema().to_json())
        (out_dir / f"{name}.pandera.json").write_text(json.dumps(pandera_json, indent=2, sort_keys=True) + "\n",
                                                      encoding="utf-8")
        (out_dir / f"{name}.tableschema.json").write_text(
            json.dumps(table_schema(name), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
