"""Typed tables: categoricals with the schema's values, dates, UTC instants, Int64 counts, bool flags, in pandas,
in the Parquet files themselves (DuckDB, Polars), state names beside iso3, attrs, deterministic bytes."""

import hashlib

import pandas as pd
import pyarrow.parquet as pq
import pytest

import wcit_data
from wcit_data.dtypes import column_dtypes
from wcit_data.loading import descriptor

from conftest import SHIPPED


def fields(name):
    return next(r for r in descriptor()["resources"] if r["name"] == name)["schema"]["fields"]


def test_every_enumeration_is_categorical_with_all_schema_values_in_order(tables):
    checked = 0
    for name, frame in tables.items():
        for f in fields(name):
            enum = f.get("constraints", {}).get("enum")
            if enum:
                assert isinstance(frame[f["name"]].dtype, pd.CategoricalDtype), (name, f["name"])
                assert list(frame[f["name"]].cat.categories) == enum, (name, f["name"])
                checked += 1
    assert checked >= 25


def test_unused_categories_are_kept():
    votes = wcit_data.load_votes()
    # no decision in the data was taken by consensus, yet the category is part of the vocabulary
    assert "consensus" in votes["method"].cat.categories
    assert (votes["method"] == "consensus").sum() == 0


def test_dates_instants_counts_and_flags(tables):
    votes, events, sig = tables["votes"], tables["events"], tables["signatures"]
    assert str(votes["date"].dtype) == "datetime64[s]"
    assert set(votes["date"].dt.strftime("%Y-%m-%d")) == {"2012-12-13"}
    assert str(events["utc"].dtype) == "datetime64[ns, UTC]"
    assert str(votes["yes"].dtype) == "Int64" and str(sig["n_reports"].dtype) == "Int64"
    assert tables["provisions"]["official"].dtype == bool
    preamble = votes.set_index("vote_id").loc["preamble-2012-12-13"]
    assert (preamble["yes"], preamble["no"], preamble["abstain"]) == (77, 33, 8)
    # partial dates (YYYY, YYYY-MM) cannot be dates: they stay text
    assert pd.api.types.is_string_dtype(tables["sources"]["published"])


def test_parquet_carries_the_types():
    schema = pq.ParquetFile(SHIPPED / "signatures.parquet").schema_arrow
    assert str(schema.field("signature_status").type) == "dictionary<values=string, indices=int8, ordered=0>"
    assert str(schema.field("date").type) == "date32[day]"
    assert str(pq.ParquetFile(SHIPPED / "events.parquet").schema_arrow.field("utc").type) == "timestamp[ns, tz=UTC]"
    assert str(schema.field("n_reports").type) == "int64"


def test_duckdb_reads_the_types():
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    query = f"DESCRIBE SELECT * FROM read_parquet('{SHIPPED / 'events.parquet'}')"
    types = {row[0]: row[1] for row in con.execute(query).fetchall()}
    assert types["date_local"] == "DATE" and types["utc"] in ("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ_NS")
    assert types["plenary"] == "BIGINT"
    # a loaded frame hands its categoricals to DuckDB as ENUMs with every allowed value
    sig = wcit_data.load_signatures()
    described = {row[0]: row[1] for row in con.execute("DESCRIBE SELECT * FROM sig").fetchall()}
    assert described["evidence_kind"].startswith("ENUM('direct', 'group_statement', 'conflicting', 'none')")
    signed = con.execute("SELECT count(*) FROM sig WHERE signature_status = 'signed'").fetchone()[0]
    assert signed == int((sig["signature_status"] == "signed").sum()) > 0


def test_polars_reads_the_types():
    pl = pytest.importorskip("polars")
    frame = pl.read_parquet(SHIPPED / "signatures.parquet")
    assert frame.schema["signature_status"] == pl.Categorical
    assert frame.schema["date"] == pl.Date
    assert frame.schema["n_reports"] == pl.Int64


def test_every_table_with_iso3_has_the_state_name(tables):
    names = tables["states"].set_index("iso3")["short_name"]
    with_iso3 = [n for n, f in tables.items() if "iso3" in f.columns and n != "states"]
    assert len(with_iso3) >= 10
    for name in with_iso3:
        frame = tables[name]
        cols = list(frame.columns)
        assert cols[cols.index("iso3") + 1] == "state_name", name
        known = frame["iso3"].notna()
        assert (frame.loc[known, "state_name"] == frame.loc[known, "iso3"].map(names)).all(), name
        assert frame.loc[~known, "state_name"].isna().all(), name
    sig = tables["signatures"].set_index("iso3")
    assert sig.loc["USA", "state_name"] == names["USA"]


def test_attrs_are_description_licence_and_citation_not_build_paths():
    frame = wcit_data.load_signatures()
    assert set(frame.attrs) == {"table", "description", "licence", "citation"}
    assert frame.attrs["licence"] == "CC-BY-4.0" and "wcit-data" in frame.attrs["citation"]
    for path in SHIPPED.glob("*.parquet"):
        meta = pq.ParquetFile(path).schema_arrow.pandas_metadata or {}
        assert not meta.get("attributes"), path.name


def test_wide_covariates_are_numeric_and_boolean():
    wide = wcit_data.states_signatures_covariates()
    assert len(wide) == 193 and wide["iso3"].is_unique
    assert str(wide["polity2"].dtype) == "Int64" and str(wide["fh_total"].dtype) == "Int64"
    assert str(wide["v2x_polyarchy"].dtype) == "Float64"
    assert str(wide["eu_member_2012"].dtype) == "boolean"
    assert int(wide["eu_member_2012"].sum()) == 27 and int(wide["oecd_member_2012"].sum()) == 34
    assert list(wide["fh_status"].cat.categories) == ["F", "PF", "NF"] and wide["fh_status"].cat.ordered
    usa = wide.set_index("iso3").loc["USA"]
    assert usa["polity2"] == 10 and bool(usa["oecd_member_2012"]) is True


def test_column_dtypes_cover_every_typed_field():
    dtypes = column_dtypes("votes")
    assert str(dtypes["plenary"]) == "Int64" and dtypes["date"] == "datetime64[s]"
    assert list(dtypes["outcome"].categories) == ["adopted", "rejected", "unknown"]


def test_rebuild_is_byte_identical(rebuilt):
    for path in sorted(SHIPPED.glob("*.parquet")):
        fresh = rebuilt / path.name
        assert hashlib.sha256(fresh.read_bytes()).hexdigest() == hashlib.sha256(path.read_bytes()).hexdigest(), \
            path.name


def test_fast_parquet_reader_matches_the_public_api():
    import pyarrow as pa

    from wcit_data.dtypes import read_parquet_bytes

    for path in sorted(SHIPPED.glob("*.parquet")):
        data = path.read_bytes()
        assert read_parquet_bytes(data).equals(pq.ParquetFile(pa.BufferReader(data)).read(), check_metadata=True), \
            path.name


def test_loading_does_not_import_pyarrow_parquet():
    import subprocess
    import sys

    code = "import sys, wcit_data; wcit_data.load_votes(); print('pyarrow.parquet' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "False", out.stdout + out.stderr


def test_describe_says_how_each_column_loads():
    """describe()'s `loaded_as` is the dtype the user gets, for every column of every table."""
    import wcit_data

    accepted = {"category": ("category",), "str": ("str", "object", "string"), "Int64": ("Int64",),
                "bool": ("bool",), "float64": ("float64", "Float64"),
                "datetime64 (date)": ("datetime64[s]", "datetime64[ms]", "datetime64[ns]"),
                "datetime64 UTC": ("datetime64[ns, UTC]", "datetime64[us, UTC]", "datetime64[ms, UTC]")}
    wrong = []
    for name in wcit_data.list_tables():
        frame = wcit_data.load(name)
        for column in wcit_data.describe(name)["columns"]:
            dtype = str(frame[column["name"]].dtype)
            if dtype not in accepted[column["loaded_as"]]:
                wrong.append((name, column["name"], column["loaded_as"], dtype))
    assert not wrong, wrong
    html = wcit_data.describe("signatures")._repr_html_()
    assert "`" not in html and "<code>unknown</code>" in html
