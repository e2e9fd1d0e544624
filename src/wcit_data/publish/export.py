"""Export the tables for other tools: CSV + Frictionless descriptor, Stata 118, SQLite, Excel, Parquet.

Every format carries the codebook: CSV in ``datapackage.json``, Stata as variable and value labels, SQLite as
column comments in each CREATE TABLE plus a ``_codebook`` table, Excel as a ``codebook`` sheet, Parquet as the
shipped descriptor. Nothing is dropped or shortened silently: a value a format cannot hold raises ValueError.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd

from wcit_data.loading import descriptor, list_tables, load, read_verified_bytes
from wcit_data.validation import check_choice

FORMATS = ["csv", "stata", "parquet", "sqlite", "xlsx", "duckdb"]
STATA_LABEL_MAX = 80  # characters of a variable or data label in .dta 118
STATA_STR_MAX = 2045  # bytes of a fixed-width str#; longer text becomes strL
EXCEL_CELL_MAX = 32767
SQLITE_FILE = "wcit_data.sqlite"
XLSX_FILE = "wcit_data.xlsx"
DUCKDB_FILE = "wcit_data.duckdb"
SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "boolean": "INTEGER", "date": "TEXT", "datetime": "TEXT",
             "number": "REAL"}


def _resource(name: str) -> dict:
    return next(r for r in descriptor()["resources"] if r["name"] == name)


def _fields(name: str) -> list[dict]:
    return _resource(name)["schema"]["fields"]


def codebook() -> pd.DataFrame:
    """One row per table column: table, column, type, required, description, allowed values."""
    rows = []
    for name in list_tables():
        for f in _fields(name):
            c = f.get("constraints", {})
            rows.append({"table": name, "column": f["name"], "type": f["type"], "required": bool(c.get("required")),
                         "description": f["description"], "allowed_values": "; ".join(map(str, c.get("enum", [])))})
    return pd.DataFrame(rows)


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as YYYY-MM-DD and UTC instants as ISO 8601 with Z: the same text in CSV and SQLite."""
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            out[col] = s.dt.strftime("%Y-%m-%dT%H:%M:%SZ").astype(object).where(s.notna(), None)
        elif pd.api.types.is_datetime64_any_dtype(s):
            out[col] = s.dt.strftime("%Y-%m-%d").astype(object).where(s.notna(), None)
    return out


def _naive_utc(frame: pd.DataFrame) -> pd.DataFrame:
    """Stata and Excel hold no time zones: UTC instants become naive UTC (the labels say UTC)."""
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_convert("UTC").dt.tz_localize(None)
    return out


# ---- CSV ---------------------------------------------------------------------------------------------------

def _csv_descriptor(names: list[str]) -> dict:
    shipped = descriptor()
    resources = []
    for name in names:
        res = _resource(name)
        schema = json.loads(json.dumps(res["schema"]))
        if "foreignKeys" in schema:
            schema["foreignKeys"] = _keys_within(schema, names)
        for f in schema["fields"]:
            if f["type"] == "datetime":
                f["format"] = "%Y-%m-%dT%H:%M:%SZ"
        resources.append({"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource",
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                          "title": res.get("title", name), "description": res["description"],
                          "licenses": res.get("licenses", shipped.get("licenses", [])),
                          "sources": res.get("sources", []), "schema": schema})
    keep = {"name", "title", "version", "licenses", "description", "homepage"}
    return {"profile": "tabular-data-package", **{k: v for k, v in shipped.items() if k in keep},
            "resources": resources}


def export_csv(directory: Path, names: list[str]) -> list[Path]:
    written = []
    for name in names:
        path = directory / f"{name}.csv"
        _as_text(load(name)).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        written.append(path)
    meta = directory / "datapackage.json"
    meta.write_text(json.dumps(_csv_descriptor(names), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return [*written, meta]


# ---- Stata -------------------------------------------------------------------------------------------------

def _label(text: str) -> str:
    return text if len(text) <= STATA_LABEL_MAX else text[: STATA_LABEL_MAX - 3] + "..."


def _stata_frame(name: str) -> tuple[pd.DataFrame, dict, list[str], dict]:
    """Frame ready for .dta: date conversions, text columns that need strL, and value labels."""
    frame = _naive_utc(load(name))
    kinds = {f["name"]: f["type"] for f in _fields(name)}
    dates, strl, value_labels = {}, [], {}
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            dates[col] = "td" if kinds.get(col) == "date" else "tc"  # Stata daily date vs milliseconds
        elif isinstance(s.dtype, pd.CategoricalDtype):
            # labelled integers 1..n in schema order (every allowed value labelled, even unused); missing is .
            frame[col] = (s.cat.codes + 1).astype("float64").where(s.notna())
            value_labels[col] = {i + 1: str(v) for i, v in enumerate(s.cat.categories)}
        elif pd.api.types.is_bool_dtype(s):
            frame[col] = s.astype("Int8") if s.isna().any() else s.astype("int8")
            value_labels[col] = {0: "false", 1: "true"}
        elif pd.api.types.is_string_dtype(s) or s.dtype == object:
            # Stata's missing string is ""; an all-missing column would otherwise have no type to write
            text = s.astype(object).where(s.notna(), "")
            frame[col] = text.astype(str)
            if max(map(lambda v: len(str(v).encode("utf-8")), text), default=0) > STATA_STR_MAX:
                strl.append(col)
    return frame, dates, strl, value_labels


def export_stata(directory: Path, names: list[str]) -> list[Path]:
    written = []
    for name in names:
        frame, dates, strl, value_labels = _stata_frame(name)
        labels = {f["name"]: _label(f["description"] + (" (UTC)" if f["type"] == "datetime" else ""))
                  for f in _fields(name)}
        path = directory / f"{name}.dta"
        frame.to_stata(path, write_index=False, version=118, convert_dates=dates, convert_strl=strl,
                       value_labels=value_labels,
                       variable_labels={c: labels[c] for c in frame.columns if c in labels},
                       data_label=_label(f"wcit-data {name}: {_resource(name)['description']}"))
        written.append(path)
    return written


# ---- SQLite ------------------------------------------------------------------------------------------------

def _sql_comment(text: str) -> str:
    return " ".join(str(text).split())


def _keys_within(schema: dict, names: list[str]) -> list[dict]:
    """Foreign keys whose referenced table is exported too (a subset export cannot point outside itself)."""
    return [k for k in schema.get("foreignKeys", []) if k["reference"]["resource"] in names]


def create_table_sql(name: str, names: list[str] | None = None) -> str:
    """CREATE TABLE with types, NOT NULL, primary and foreign keys (to ``names``), and a comment per column."""
    res = _resource(name)
    schema = res["schema"]
    fields = schema["fields"]
    lines = []
    for i, f in enumerate(fields):
        c = f.get("constraints", {})
        enum = c.get("enum")
        check = f" CHECK ({json.dumps(f['name'])} IN ({', '.join(_sql_literal(v) for v in enum)}))" if enum else ""
        not_null = " NOT NULL" if c.get("required") else ""
        comment = _sql_comment(f["description"] + (f" Allowed: {', '.join(enum)}." if enum else ""))
        lines.append((f"  {json.dumps(f['name'])} {SQL_TYPES.get(f['type'], 'TEXT')}{not_null}{check}", comment))
    constraints = []
    if schema.get("primaryKey"):
        constraints.append(f"  PRIMARY KEY ({', '.join(json.dumps(k) for k in schema['primaryKey'])})")
    for key in _keys_within(schema, list_tables() if names is None else names):
        ref = key["reference"]
        constraints.append(f"  FOREIGN KEY ({', '.join(json.dumps(k) for k in key['fields'])}) REFERENCES "
                           f"{json.dumps(ref['resource'])} ({', '.join(json.dumps(k) for k in ref['fields'])})")
    body = []
    for i, (sql, comment) in enumerate(lines):
        last = i == len(lines) - 1 and not constraints
        body.append(f"{sql}{'' if last else ','} -- {comment}")
    body += [c + ("," if i < len(constraints) - 1 else "") for i, c in enumerate(constraints)]
    header = f"-- {_sql_comment(res['description'])}"
    return f"CREATE TABLE {json.dumps(name)} ( {header}\n" + "\n".join(body) + "\n)"


def _sql_literal(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _sqlite_rows(name: str) -> list[tuple]:
    frame = _as_text(load(name))
    for col in frame.columns:
        if pd.api.types.is_bool_dtype(frame[col]):
            frame[col] = frame[col].astype("Int64")
    frame = frame.astype(object).where(frame.notna(), None)
    return list(frame.itertuples(index=False, name=None))


def _parents_first(names: list[str]) -> list[str]:
    """Tables ordered so that each comes after the tables its foreign keys reference."""
    ordered: list[str] = []

    def visit(name, seen=()):
        if name in ordered or name in seen:
            return
        for key in _resource(name)["schema"].get("foreignKeys", []):
            if key["reference"]["resource"] in names:
                visit(key["reference"]["resource"], (*seen, name))
        ordered.append(name)

    for name in names:
        visit(name)
    return ordered


def export_sqlite(directory: Path, names: list[str]) -> list[Path]:
    path = directory / SQLITE_FILE
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA foreign_keys = ON")
        for name in _parents_first(names):
            con.execute(create_table_sql(name, names))
            columns = [f["name"] for f in _fields(name)]
            con.executemany(f"INSERT INTO {json.dumps(name)} VALUES ({', '.join('?' * len(columns))})",
                            _sqlite_rows(name))
        book = codebook()
        book = book[book["table"].isin(names)]
        con.execute("CREATE TABLE _codebook (\"table\" TEXT NOT NULL, \"column\" TEXT NOT NULL, type TEXT NOT NULL, "
                    "required INTEGER NOT NULL, description TEXT NOT NULL, allowed_values TEXT, "
                    "PRIMARY KEY (\"table\", \"column\")) -- every column of every table, from the codebook")
        con.executemany("INSERT INTO _codebook VALUES (?, ?, ?, ?, ?, ?)",
                        [(*r[:3], int(r[3]), *r[4:]) for r in book.itertuples(index=False, name=None)])
        problems = con.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise ValueError(f"SQLite export violates foreign keys: {problems[:5]}")
    return [path]


# ---- Excel -------------------------------------------------------------------------------------------------

def export_xlsx(directory: Path, names: list[str]) -> list[Path]:
    try:
        import openpyxl  # noqa: F401
    except ImportError as exc:
        raise ImportError("xlsx export needs openpyxl: pip install 'wcit-data[publish]'") from exc
    path = directory / XLSX_FILE
    book = codebook()
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        book[book["table"].isin(names)].to_excel(writer, sheet_name="codebook", index=False)
        for name in names:
            frame = _naive_utc(load(name))
            for col in frame.columns:
                too_long = frame[col].astype("string").str.len() > EXCEL_CELL_MAX
                if too_long.fillna(False).any():
                    raise ValueError(f"{name}.{col} holds text longer than Excel's {EXCEL_CELL_MAX} characters "
                                     "per cell; use the csv, parquet or sqlite export.")
            frame.to_excel(writer, sheet_name=name[:31], index=False)
    return [path]


# ---- Parquet -----------------------------------------------------------------------------------------------

def export_parquet(directory: Path, names: list[str]) -> list[Path]:
    """The shipped (checksum-verified) Parquet files and their descriptor, byte for byte."""
    written = []
    for fname in [f"{name}.parquet" for name in names] + ["datapackage.json"]:
        path = directory / fname
        path.write_bytes(read_verified_bytes(fname))
        written.append(path)
    return written


# ---- DuckDB ------------------------------------------------------------------------------------------------

def _sql_text(text: str) -> str:
    """A SQL string literal (COMMENT ON takes no bound parameters)."""
    return "'" + str(text).replace("'", "''") + "'"


def export_duckdb(directory: Path, names: list[str]) -> list[Path]:
    """One DuckDB database: enumerations as ENUM types with every allowed value (Parquet has no enum type, so
    DuckDB reading the Parquet files sees them as VARCHAR), dates as DATE, instants as TIMESTAMPTZ, NOT NULL
    and primary keys from the codebook, and its descriptions as table and column comments. DuckDB cannot add
    foreign keys to existing tables: the SQLite export carries them. Written to a temporary file and moved into place."""
    try:
        import duckdb
    except ImportError as exc:
        raise ImportError("duckdb export needs duckdb: pip install 'wcit-data[duckdb]'") from exc
    path = directory / DUCKDB_FILE
    staging = directory / f".{DUCKDB_FILE}.tmp"
    staging.unlink(missing_ok=True)
    con = duckdb.connect(str(staging))
    try:
        for name in names:
            con.register("frame", load(name))
            # pandas holds dates as datetime64: make them DATE again
            select = ", ".join(f'CAST("{f["name"]}" AS DATE) AS "{f["name"]}"' if f["type"] == "date"
                               else f'"{f["name"]}"' for f in _fields(name))
            con.execute(f'CREATE TABLE "{name}" AS SELECT {select} FROM frame')
            con.unregister("frame")
            for field in _fields(name):
                if field.get("constraints", {}).get("required"):
                    con.execute(f'ALTER TABLE "{name}" ALTER COLUMN "{field["name"]}" SET NOT NULL')
            key = _resource(name)["schema"].get("primaryKey")
            if key:
                con.execute(f'ALTER TABLE "{name}" ADD PRIMARY KEY ({", ".join(f"{chr(34)}{c}{chr(34)}" for c in key)})')
            con.execute(f'COMMENT ON TABLE "{name}" IS {_sql_text(_resource(name)["description"])}')
            for field in _fields(name):
                con.execute(f'COMMENT ON COLUMN "{name}"."{field["name"]}" IS {_sql_text(field["description"])}')
    finally:
        con.close()
    staging.replace(path)
    return [path]


EXPORTERS = {"csv": export_csv, "stata": export_stata, "parquet": export_parquet, "sqlite": export_sqlite,
             "xlsx": export_xlsx, "duckdb": export_duckdb}


def export(directory, format: str = "csv", tables: list[str] | None = None) -> list[Path]:
    """Write the tables (default: all) to ``directory`` in ``format``; returns the files written.

    Formats: csv (UTF-8 + Frictionless ``datapackage.json``), stata (one .dta 118 per table with variable and
    value labels), parquet (the shipped files + descriptor), sqlite (one file with keys and column comments),
    xlsx (one workbook with a ``codebook`` sheet), duckdb (one database, enumerations as ENUM types).

    >>> import tempfile
    >>> files = export(tempfile.mkdtemp(), "csv", tables=["votes"])
    >>> [f.name for f in files]
    ['votes.csv', 'datapackage.json']
    """
    from wcit_data.loading import check_table_name

    check_choice("format", format, FORMATS)
    names = list_tables() if tables is None else [check_table_name(t) for t in tables]
    if not names:
        raise ValueError(f"No tables to export; pass table names from: {', '.join(list_tables())}.")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    return EXPORTERS[format](directory, names)
