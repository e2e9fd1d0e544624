"""The loader API: light import, offline reads, clear errors, tamper detection, codebooks and citations."""

import shutil
import subprocess
import sys

import pandas as pd
import pytest

import wcit_data
from wcit_data import loading

from conftest import SHIPPED


def test_import_is_light():
    code = ("import sys, wcit_data; heavy = [m for m in ('pandas', 'pyarrow', 'pandera', 'frictionless') "
            "if m in sys.modules]; print(heavy); assert not heavy")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_every_table_has_a_loader_and_loads_without_network():
    from pytest_socket import disable_socket, enable_socket

    disable_socket()
    try:
        for name in wcit_data.list_tables():
            frame = getattr(wcit_data, f"load_{name}")()
            assert isinstance(frame, pd.DataFrame) and frame.attrs["table"] == name
        assert len(wcit_data.load_votes()) >= 2
    finally:
        enable_socket()


def test_unknown_table_names_valid_ones_and_suggests():
    with pytest.raises(ValueError) as exc:
        wcit_data.load("vote")
    assert "Did you mean 'votes'" in str(exc.value) and "signatures" in str(exc.value)


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError):
        wcit_data.load_nothing  # noqa: B018


@pytest.fixture
def tampered(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(SHIPPED, copy)
    monkeypatch.setattr(loading, "_data_file", lambda name: copy / name)
    loading.manifest.cache_clear()
    loading.descriptor.cache_clear()
    yield copy
    loading.manifest.cache_clear()
    loading.descriptor.cache_clear()


def test_modified_parquet_is_rejected_with_the_fix(tampered):
    path = tampered / "votes.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(loading.DataIntegrityError) as exc:
        wcit_data.load("votes")
    assert "votes.parquet" in str(exc.value) and "reinstall" in str(exc.value).lower()


def test_missing_parquet_is_rejected(tampered):
    (tampered / "events.parquet").unlink()
    with pytest.raises(loading.DataIntegrityError, match="events.parquet is missing"):
        wcit_data.load("events")


def test_describe_is_generated_from_the_schema():
    book = wcit_data.describe("votes")
    cols = {c["name"]: c for c in book["columns"]}
    assert {"vote_id", "date", "plenary", "subject", "text", "method", "requested_by", "yes", "no", "abstain",
            "outcome", "source_id", "evidence"} <= set(cols)
    assert "temperature_of_the_room" in cols["method"]["allowed_values"]
    assert book["primary_key"] == ["vote_id"] and book["rows"] == len(wcit_data.load_votes())
    assert "ifex-article19-2013-01-04-wcit-what-happened" in book["sources"]


def test_cite_package_and_source():
    bib = wcit_data.cite()
    assert bib.startswith(f"@dataset{{wcit-data-{wcit_data.__version__},") and "version" in bib
    src = wcit_data.cite("cart-plenary14-2012-12-13")  # full checks in test_citation.py
    assert src.startswith("@report{cart-plenary14-2012-12-13,") and "urldate" in src
    with pytest.raises(ValueError, match="Unknown source"):
        wcit_data.cite("no-such-source")


def test_coverage_reports_known_and_unknown():
    cov = wcit_data.coverage()
    sig = cov[(cov["table"] == "signatures") & (cov["column"] == "*")].iloc[0]
    assert sig["rows"] == 193 and sig["known"] + sig["unknown"] == 193 and sig["unknown"] > 0
    from wcit_data.meta import signature_coverage

    s = signature_coverage()
    assert s["signatories_total"] == 89 and s["non_signatories_total"] == 55
    assert s["signed_named"] + s["not_signed_named"] + s["unknown"] == 193


def test_lookup_state_resolves_itu_forms_speaker_labels_and_common_names():
    assert wcit_data.lookup_state("Iran (Islamic Republic of)") == "IRN"
    assert wcit_data.lookup_state("UNITED STATES OF AMERICA") == "USA"
    assert wcit_data.lookup_state("UK") == "GBR"
    assert wcit_data.lookup_state("Korea (Republic of)") == "KOR"
    assert wcit_data.lookup_state("Congo (Republic of the)") == "COG"
    assert wcit_data.lookup_state("Democratic People's Republic of Korea") == "PRK"
    assert wcit_data.lookup_state("Côte d'Ivoire") == "CIV"


def test_lookup_state_errors_suggest_names():
    with pytest.raises(wcit_data.StateLookupError) as exc:
        wcit_data.lookup_state("Swedn")
    assert "SWE" in str(exc.value)
    with pytest.raises(ValueError):
        wcit_data.lookup_state("Atlantis")
    with pytest.raises(wcit_data.StateLookupError, match="Palau"):
        wcit_data.lookup_state("Palau")  # not an ITU Member State in 2012


def test_lookup_state_reads_abbreviated_itu_designations():
    assert wcit_data.lookup_state("Korea (Rep. of)") == "KOR"
    assert wcit_data.lookup_state("Congo (Rep. of the)") == "COG"
    assert wcit_data.lookup_state("Dem. People's Rep. of Korea") == "PRK"


def test_plenary_coverage_says_where_the_record_is_silent():
    cov = wcit_data.plenary_coverage()
    p14 = cov[cov["plenary"] == 14].iloc[0]
    assert p14["transcript_chars"] > 1000 and "opening" in p14["statement"]
    assert cov["plenary"].isna().sum() == 1  # the bucket of interventions no source assigns to a plenary


def test_coverage_includes_signatures_against_reported_totals():
    cov = wcit_data.coverage("signatures")
    signed = cov[cov["column"].str.startswith("status=signed")].iloc[0]
    assert signed["rows"] == 89 and signed["known"] + signed["unknown"] == 89


def test_cli_reports_user_errors_without_traceback(capsys):
    from wcit_data.cli import main

    assert main(["describe", "vote"]) == 2
    err = capsys.readouterr().err
    assert "Did you mean 'votes'" in err and "Traceback" not in err
    assert main(["describe", "votes"]) == 0
    assert "temperature_of_the_room" in capsys.readouterr().out


def test_lookup_state_refuses_ambiguous_names():
    from wcit_data.states import alias_key, lookup_state

    index = {alias_key("Guinea"): ("GIN",), alias_key("Congo"): ("COD", "COG")}
    assert lookup_state("GUINEA", index=index) == "GIN"
    with pytest.raises(wcit_data.StateLookupError, match="ambiguous: it matches COD, COG"):
        lookup_state("Congo", index=index)
