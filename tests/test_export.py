"""Exports round-trip: csv + Frictionless, Stata 118 with labels, SQLite with keys and comments, xlsx, parquet."""

import sqlite3
import subprocess
import sys

import pandas as pd
import pytest

import wcit_data
from wcit_data.publish.export import FORMATS, export


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("export")
    return {fmt: (root / fmt, export(root / fmt, fmt)) for fmt in FORMATS}


def test_csv_round_trips_and_its_descriptor_validates(exported):
    from frictionless import Package

    folder, files = exported["csv"]
    assert len(files) == len(wcit_data.list_tables()) + 1
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, [e.message for t in report.tasks for e in t.errors][:5]
    sig = pd.read_csv(folder / "signatures.csv", encoding="utf-8", keep_default_na=False, na_values=[""])
    shipped = wcit_data.load_signatures()
    assert len(sig) == 193 and list(sig.columns) == list(shipped.columns)
    assert (sig["signature_status"] == "signed").sum() == (shipped["signature_status"] == "signed").sum()
    # Namibia's ISO2 "NA" must survive as text; non-ASCII text stays UTF-8
    states = pd.read_csv(folder / "states.csv", keep_default_na=False, na_values=[""])
    assert states.set_index("iso3").loc["NAM", "iso2"] == "NA"
    events = pd.read_csv(folder / "events.csv")
    assert events["utc"].dropna().str.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ").all()


def test_stata_has_variable_and_value_labels(exported):
    folder, files = exported["stata"]
    assert {f.name for f in files} == {f"{t}.dta" for t in wcit_data.list_tables()}
    with pd.io.stata.StataReader(folder / "signatures.dta") as reader:
        frame = reader.read()
        labels = reader.value_labels()
        variable_labels = reader.variable_labels()
        assert reader.data_label.startswith("wcit-data signatures")
    assert labels["signature_status"] == {1: "signed", 2: "did_not_sign", 3: "unknown"}
    assert labels["signing_day_dated"] == {0: "false", 1: "true"}  # flags are labelled 0/1
    assert variable_labels["signature_status"].startswith("Did the state sign")
    shipped = wcit_data.load_signatures()
    assert len(frame) == 193
    assert (frame["signature_status"].astype(str) == shipped["signature_status"].astype(str)).all()
    assert (frame["date"].dropna() == shipped["date"].dropna().reset_index(drop=True).values).all()
    # unused categories are labelled too; an all-missing text column and a long text (strL) are written
    with pd.io.stata.StataReader(folder / "votes.dta") as reader:
        assert "consensus" in reader.value_labels()["method"].values()
        votes = reader.read()
    assert (votes["time_local"] == "").all()
    claims = pd.read_stata(folder / "claims.dta")
    assert claims["evidence_rows"].str.len().max() > 2045
    assert len(pd.read_stata(folder / "treaty_actions.dta")) == len(wcit_data.load_treaty_actions())


def test_sqlite_has_tables_keys_and_comments(exported):
    folder, files = exported["sqlite"]
    with sqlite3.connect(files[0]) as con:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert names == {*wcit_data.list_tables(), "_codebook"}
        assert con.execute("SELECT count(*) FROM signatures WHERE signature_status = 'signed'").fetchone()[0] == \
            int((wcit_data.load_signatures()["signature_status"] == "signed").sum())
        sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'signatures'").fetchone()[0]
        assert 'PRIMARY KEY ("iso3")' in sql and 'REFERENCES "states" ("iso3")' in sql
        assert "-- Did the state sign the Final Acts" in sql
        fks = con.execute("PRAGMA foreign_key_list(ballots)").fetchall()
        assert {fk[2] for fk in fks} == {"sources", "states", "votes"}
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("INSERT INTO votes (vote_id, date, subject, method, outcome, n_reports, source_ids, "
                        "source_id, evidence) VALUES ('x', '2012-12-13', 's', 'show_of_hands', 'adopted', 1, "
                        "'a', 'a', 'abc')")
        assert con.execute("SELECT count(*) FROM _codebook").fetchone()[0] > 200


def test_xlsx_has_every_table_and_a_codebook(exported):
    pytest.importorskip("openpyxl")
    folder, files = exported["xlsx"]
    sheets = pd.read_excel(files[0], sheet_name=None)
    assert list(sheets)[0] == "codebook" and set(sheets) == {"codebook", *wcit_data.list_tables()}
    assert len(sheets["covariates"]) == len(wcit_data.load_covariates())
    book = sheets["codebook"]
    assert book.loc[(book["table"] == "signatures") & (book["column"] == "signature_status"), "allowed_values"].item() == \
        "signed; did_not_sign; unknown"


def test_parquet_export_is_the_shipped_files(exported):
    folder, _ = exported["parquet"]
    again = pd.read_parquet(folder / "signatures.parquet")
    assert len(again) == 193 and isinstance(again["signature_status"].dtype, pd.CategoricalDtype)


def test_bad_format_and_table_are_refused(tmp_path):
    with pytest.raises(ValueError, match="Did you mean 'stata'.*Valid values: csv, stata"):
        export(tmp_path, "stat")
    with pytest.raises(ValueError, match="Did you mean 'votes'"):
        export(tmp_path, "csv", tables=["vote"])
    assert wcit_data.export is export


def test_cli_export(tmp_path):
    out = subprocess.run([sys.executable, "-m", "wcit_data", "export", "--format", "csv", str(tmp_path),
                          "--tables", "votes"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datapackage.json", "votes.csv"]


def test_duckdb_has_enum_types_dates_and_comments(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    (path,) = wcit_data.export(tmp_path, "duckdb", tables=["signatures", "events"])
    con = duckdb.connect(str(path), read_only=True)
    types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                             "WHERE table_name = 'signatures'").fetchall())
    assert types["signature_status"] == "ENUM('signed', 'did_not_sign', 'unknown')"
    events = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                              "WHERE table_name = 'events'").fetchall())
    assert events["date_local"] == "DATE" and events["utc"] == "TIMESTAMP WITH TIME ZONE"
    signed = con.execute("SELECT count(*) FROM signatures WHERE signature_status = 'signed'").fetchone()[0]
    assert signed == int((wcit_data.load_signatures()["signature_status"] == "signed").sum()) > 0
    comment = con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'signatures' "
                          "AND column_name = 'confidence'").fetchone()[0]
    assert comment.startswith("corroborated")
    constraints = con.execute("SELECT constraint_type, constraint_column_names FROM duckdb_constraints() "
                              "WHERE table_name = 'signatures'").fetchall()
    assert ("PRIMARY KEY", ["iso3"]) in constraints and ("NOT NULL", ["signature_status"]) in constraints
