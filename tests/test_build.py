"""The build pipeline: deterministic, in sync with the shipped files, strict and complete in its errors."""

import json
import shutil

import pytest

from wcit_data.build import Build, BuildError, Inputs
from wcit_data.build.package import export_schemas

from conftest import ROOT, SHIPPED


def test_rebuild_is_byte_identical_to_shipped_files(rebuilt):
    import pandas as pd
    import pyarrow

    built_with = json.loads((SHIPPED / "datapackage.json").read_text())["built_with"]
    assert built_with == {"pandas": pd.__version__, "pyarrow": pyarrow.__version__}, (
        "install with `-c constraints.txt` (the versions the shipped files were built with)")
    shipped = sorted(p.name for p in SHIPPED.iterdir() if p.suffix in {".parquet", ".json", ".sha256"})
    built = sorted(p.name for p in rebuilt.iterdir())
    assert built == shipped
    for name in built:
        assert (rebuilt / name).read_bytes() == (SHIPPED / name).read_bytes(), f"{name} differs: run `wcit-data build`"


def test_schemas_folder_is_exported_from_the_models(tmp_path):
    export_schemas(tmp_path)
    exported = sorted(p.name for p in tmp_path.iterdir())
    assert exported == sorted(p.name for p in (ROOT / "schemas").iterdir())
    for name in exported:
        assert (tmp_path / name).read_text() == (ROOT / "schemas" / name).read_text(), name


def test_datapackage_is_valid_frictionless():
    from frictionless import Package, validate

    descriptor = json.loads((SHIPPED / "datapackage.json").read_text())
    assert list(Package.metadata_validate(descriptor)) == []
    report = validate(str(SHIPPED / "datapackage.json"))  # metadata and every row of every resource
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])[:10]
    assert len(report.tasks) == len(descriptor["resources"])
    names = {r["name"] for r in descriptor["resources"]}
    assert {"votes", "events", "sources", "states", "signatures", "claims"} <= names
    votes = next(r for r in descriptor["resources"] if r["name"] == "votes")
    assert votes["schema"]["primaryKey"] == ["vote_id"]
    method = next(f for f in votes["schema"]["fields"] if f["name"] == "method")
    assert "temperature_of_the_room" in method["constraints"]["enum"]
    cov = next(r for r in descriptor["resources"] if r["name"] == "covariates")
    assert any("CC BY-SA" in lic for lics in cov["variableLicences"].values() for lic in lics)


@pytest.fixture
def scratch_checkout(tmp_path):
    """A copy of data/ that a test may damage."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def test_build_collects_every_error_at_once(scratch_checkout):
    votes = scratch_checkout / "data" / "curated" / "vote_reports.csv"
    text = votes.read_text(encoding="utf-8")
    adopted_method = next(line for line in text.splitlines()
                          if line.startswith("preamble-2012-12-13,method,") and ",vote,true," in line)
    text = text.replace(adopted_method, adopted_method.replace(",vote,true,", ",ballot,true,"), 1)
    votes.write_text(text, encoding="utf-8")
    events = scratch_checkout / "data" / "curated" / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(",CET,", ",Mars/Olympus,", 1), encoding="utf-8")
    with pytest.raises(BuildError) as exc:
        Build(Inputs(scratch_checkout)).run()
    messages = "\n".join(exc.value.errors)
    assert "table votes" in messages and "method" in messages
    assert "table events" in messages and "tz" in messages
    assert len(exc.value.errors) >= 2


def test_build_rejects_evidence_not_in_source(scratch_checkout):
    claims = scratch_checkout / "data" / "curated" / "claims.csv"
    lines = claims.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + ",This sentence is not in the post."
    claims.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BuildError, match="not found verbatim"):
        Build(Inputs(scratch_checkout)).run()


def test_build_detects_a_modified_snapshot(scratch_checkout):
    snap = scratch_checkout / "data" / "sources" / "text" / "cart-plenary14-2012-12-13.txt"
    snap.write_text(snap.read_text(encoding="utf-8") + "tampered", encoding="utf-8")
    with pytest.raises(BuildError, match="sha256 in the registry does not match"):
        Build(Inputs(scratch_checkout)).run()


def test_ingest_transcript_adds_turns_on_next_build(scratch_checkout, tmp_path):
    from wcit_data.build.ingest import ingest_transcript

    transcript = tmp_path / "p16.txt"
    transcript.write_text("FINISHED TRANSCRIPT\n14 DECEMBER 2012\nPLENARY 16\n>> CHAIR: Good morning.\n"
                          ">> SWEDEN: Thank you, Chair. We will consult our capital.\n"
                          ">> KOREA (REPUBLIC OF): We support the text.\n", encoding="utf-8")
    sid = ingest_transcript(transcript, plenary=16, root=scratch_checkout)  # date read from the header
    assert sid == "cart-plenary16-2012-12-14-user"
    tables = Build(Inputs(scratch_checkout)).run()
    iv = tables["interventions"]
    rows = iv[iv["source_id"] == sid].sort_values("order")
    assert list(rows["speaker_role"]) == ["chair", "state", "state"]
    assert list(rows["iso3"].fillna("")) == ["", "SWE", "KOR"]
    assert (rows["plenary"] == 16).all()
