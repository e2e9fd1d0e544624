"""Issue 13, items 2, 3, 5, 7 and 8: an atomic build, loaders consistent across a rebuild, verified
descriptor and table identity, a safe and strict ingest that never launders provenance."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

import wcit_data
from wcit_data import loading
from wcit_data.build import Build, BuildError, Inputs, atomic
from wcit_data.build.ingest import MAX_TRANSCRIPT_BYTES, IngestError, ingest_transcript
from wcit_data.build.pipeline import write_outputs

from conftest import ROOT, SHIPPED

TRANSCRIPT = ("FINISHED TRANSCRIPT\n14 DECEMBER 2012\nPLENARY 16\n>> CHAIR: Good morning.\n"
              ">> SWEDEN: Thank you, Chair. We will consult our capital.\n")


@pytest.fixture
def checkout(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "checkout" / "data")
    return tmp_path / "checkout"


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """The loader pointed at a copy of the shipped data folder."""
    copy = tmp_path / "pkg" / "data"
    shutil.copytree(SHIPPED, copy)
    monkeypatch.setattr(loading, "_data_file", lambda name: copy / name)
    loading.descriptor.cache_clear()
    yield copy
    loading.descriptor.cache_clear()


def write_manifest(folder):
    lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}"
             for p in sorted(folder.glob("*.parquet")) + [folder / "datapackage.json"]]
    (folder / "checksums.sha256").write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- item 8: descriptor and table identity ---------------------------------------------------------------

def test_edited_descriptor_is_refused(data_copy):
    path = data_copy / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8").replace("WCIT-12 data", "WCIT-12 data (edited)"),
                    encoding="utf-8")
    with pytest.raises(loading.DataIntegrityError, match="datapackage.json is corrupted or was modified"):
        wcit_data.list_tables()


@pytest.mark.parametrize("content", [b"", b"garbage{", b'{"resources": 3}'])
def test_empty_or_garbage_descriptor_is_a_clear_error(data_copy, content):
    (data_copy / "datapackage.json").write_bytes(content)
    write_manifest(data_copy)  # even with a matching manifest
    with pytest.raises(loading.DataIntegrityError, match="datapackage.json is not a valid data package descriptor"):
        wcit_data.load("votes")


def test_swapped_parquet_files_are_refused(data_copy):
    votes, ballots = data_copy / "votes.parquet", data_copy / "ballots.parquet"
    v, b = votes.read_bytes(), ballots.read_bytes()
    votes.write_bytes(b), ballots.write_bytes(v)
    write_manifest(data_copy)
    with pytest.raises(loading.DataIntegrityError, match="votes.parquet holds table 'ballots', not 'votes'"):
        wcit_data.load("votes")


def test_every_shipped_parquet_names_its_table():
    for name in wcit_data.list_tables():
        meta = pq.read_schema(SHIPPED / f"{name}.parquet").metadata
        assert meta[loading.TABLE_NAME_KEY] == name.encode()


# --- item 2: atomic build (fault injection after every file write and folder switch) ----------------------

@pytest.fixture(scope="module")
def built_tables():
    return Build(Inputs(ROOT)).run()


def _killed_write(tables, out, schemas, kill_at):
    count = 0

    def hook(label):
        nonlocal count
        count += 1
        if count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    atomic.after_step = hook
    write_outputs(tables, out, schemas, Inputs(ROOT))
    os._exit(0)


def _consistent_data(folder):
    """Every file listed in the manifest, matching it, naming its table; nothing unlisted. Returns the manifest."""
    manifest = loading.parse_manifest((folder / "checksums.sha256").read_text(encoding="utf-8"))
    assert {p.name for p in folder.iterdir()} == set(manifest) | {"checksums.sha256"}
    for name, digest in manifest.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
        if name.endswith(".parquet"):
            assert pq.read_schema(folder / name).metadata[loading.TABLE_NAME_KEY] == name[:-8].encode()
    return (folder / "checksums.sha256").read_bytes()


def _schemas_state(folder, new_files):
    """'new' when the folder holds exactly the new export, 'old' when exactly the old (marked) one."""
    files = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    if files == new_files:
        return "new"
    assert set(files) == set(new_files) and all(text.endswith("\nOLD\n") for text in files.values()), "mixed schemas/"
    return "old"


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_a_build_killed_at_any_moment_leaves_old_or_new_data_whole(built_tables, tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    new_tables = dict(built_tables)
    new_tables["events"] = built_tables["events"].iloc[:-1]  # the "new" build differs from the shipped one
    new_out, new_schemas = tmp_path / "ref" / "data", tmp_path / "ref" / "schemas"
    write_outputs(new_tables, new_out, new_schemas, Inputs(ROOT))
    new_manifest = (new_out / "checksums.sha256").read_bytes()
    new_schema_files = {p.name: p.read_text(encoding="utf-8") for p in new_schemas.iterdir()}
    old_manifest = (SHIPPED / "checksums.sha256").read_bytes()
    assert new_manifest != old_manifest

    steps = len(new_tables) + 2 + 2 + (2 if exchange else 4)  # files, descriptor+manifest, schemas, switches
    context = multiprocessing.get_context("fork")
    seen = {"old": 0, "new": 0}
    for kill_at in range(1, steps + 2):
        out, schemas = tmp_path / f"k{kill_at}" / "data", tmp_path / f"k{kill_at}" / "schemas"
        shutil.copytree(SHIPPED, out)
        shutil.copytree(new_schemas, schemas)
        for path in schemas.iterdir():
            path.write_text(path.read_text(encoding="utf-8") + "\nOLD\n", encoding="utf-8")
        child = context.Process(target=_killed_write, args=(new_tables, out, schemas, kill_at))
        child.start()
        child.join(60)
        assert child.exitcode in (0, -signal.SIGKILL)
        for target in (out, schemas):
            atomic.recover(target)  # what the next build (or load) does after a kill between two renames
        manifest = _consistent_data(out)
        assert manifest in (old_manifest, new_manifest)
        seen["new" if manifest == new_manifest else "old"] += 1
        _schemas_state(schemas, new_schema_files)
    assert seen["old"] > 0 and seen["new"] > 0  # the sweep covered moments before and after the switch


def test_leftovers_of_a_killed_build_are_cleaned_by_the_next(built_tables, tmp_path):
    out = tmp_path / "data"
    write_outputs(built_tables, out, None, Inputs(ROOT))
    (tmp_path / ".data.staging-999999").mkdir()
    (tmp_path / ".data.staging-999999" / "votes.parquet").write_bytes(b"half")
    write_outputs(built_tables, out, None, Inputs(ROOT))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".data.")) == [".data.lock"]
    _consistent_data(out)


# --- item 3: loaders across a rebuild in another process ---------------------------------------------------

def test_loading_continues_after_a_rebuild_in_another_process(checkout, data_copy):
    before = {name: wcit_data.load(name) for name in wcit_data.list_tables()}
    docs = checkout / "data" / "curated" / "documents.csv"
    text = docs.read_text(encoding="utf-8")
    first_note = before["documents"]["note"].dropna().iloc[0]
    assert first_note in text
    docs.write_text(text.replace(first_note, first_note + " (revised)", 1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "wcit_data", "--root", str(checkout), "build", "--out",
                           str(data_copy)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    after = {name: wcit_data.load(name) for name in wcit_data.list_tables()}  # same process, cached manifest
    assert (first_note + " (revised)") in set(after["documents"]["note"].dropna())
    assert len(after["votes"]) == len(before["votes"])
    assert loading.manifest()["documents.parquet"] == hashlib.sha256(
        (data_copy / "documents.parquet").read_bytes()).hexdigest()


def test_a_true_mismatch_still_fails_after_the_reread(data_copy):
    wcit_data.load("votes")
    path = data_copy / "votes.parquet"
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(loading.DataIntegrityError, match="votes.parquet is corrupted or was modified"):
        wcit_data.load("votes")


# --- items 5 and 7: ingest --------------------------------------------------------------------------------

def tree_digest(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_cli(*args):
    from wcit_data.cli import main

    return main(list(args))


@pytest.mark.parametrize("source_id", ["../../../../x", "/tmp/wcit-escape", "a/b", "UPPER", "", "x" * 81, "-x"])
def test_unsafe_source_ids_write_nothing(checkout, tmp_path, source_id, capsys):
    transcript = tmp_path / "t.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    before = tree_digest(tmp_path)
    code = run_cli("--root", str(checkout), "ingest-transcript", str(transcript), "--plenary", "16",
                   f"--source-id={source_id}")
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert "--source-id must be" in err and len(err.splitlines()) == 1
    assert tree_digest(tmp_path) == before
    assert not (tmp_path.parent / "x.txt").exists() and not os.path.exists("/tmp/wcit-escape.txt")


BAD_FILES = {
    "directory": (None, "is a directory"),
    "latin-1": ("FINISHED TRANSCRIPT\n14 DECEMBER 2012\n>> CHAIR: Caf\xe9.\n".encode("latin-1"), "not UTF-8"),
    "no turns": (b"14 DECEMBER 2012\nJust some text.\n", "no '>> SPEAKER:' turns"),
    "html": (b"<!DOCTYPE html><html><body>14 DECEMBER 2012 >> CHAIR: Hello.</body></html>", "HTML page"),
    "nul": (TRANSCRIPT.encode() + b"\x00\x00", "control character"),
    "too big": (b"", "exceeds the limit"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_transcript_files_are_one_line_errors_and_write_nothing(checkout, tmp_path, kind, capsys):
    content, message = BAD_FILES[kind]
    path = tmp_path / "in" / "t.txt"
    path.parent.mkdir()
    if kind == "directory":
        path.mkdir()
    elif kind == "too big":
        with open(path, "wb") as fh:
            fh.write(TRANSCRIPT.encode())
            fh.truncate(MAX_TRANSCRIPT_BYTES + 1)  # sparse: no 2 MB written
    else:
        path.write_bytes(content)
    before = tree_digest(checkout)
    assert run_cli("--root", str(checkout), "ingest-transcript", str(path), "--plenary", "16") == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1, err
    assert tree_digest(checkout) == before


@pytest.mark.parametrize("options, message", [
    (["--date", "2012-13-45"], "is not a calendar date"),
    (["--date", "2013-01-02"], "outside the conference"),
    (["--date", "14/12/2012"], "must be YYYY-MM-DD"),
    (["--plenary", "999"], "--plenary must be a number from 1 to 17"),
    (["--plenary", "0"], "--plenary must be a number from 1 to 17"),
    (["--url", "javascript:alert(1)"], "--url must start with"),
])
def test_bad_options_are_refused(checkout, tmp_path, options, message, capsys):
    path = tmp_path / "t.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    args = ["--plenary", "16"] + options if "--plenary" not in options else options
    before = tree_digest(checkout)
    assert run_cli("--root", str(checkout), "ingest-transcript", str(path), *args) == 2
    assert message in capsys.readouterr().err
    assert tree_digest(checkout) == before


def test_a_hand_edited_snapshot_fails_the_build_even_after_an_ingest(checkout, tmp_path):
    snap = checkout / "data" / "sources" / "text" / "cart-plenary14-2012-12-13.txt"
    snap.write_text(snap.read_text(encoding="utf-8") + "\n>> FRANCE: fake evidence added by hand.\n",
                    encoding="utf-8")
    registry_before = (checkout / "data" / "sources" / "sources.csv").read_text(encoding="utf-8")
    transcript = tmp_path / "p16.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    sid = ingest_transcript(transcript, plenary=16, root=checkout)
    registry_after = (checkout / "data" / "sources" / "sources.csv").read_text(encoding="utf-8")
    assert registry_after.startswith(registry_before) and registry_after.count("\n") == registry_before.count("\n") + 1
    assert sid in registry_after
    with pytest.raises(BuildError, match="cart-plenary14-2012-12-13.*sha256 in the registry does not match"):
        Build(Inputs(checkout)).run()


def test_hash_sources_needs_named_ids_and_says_what_changed(checkout, capsys):
    snap = checkout / "data" / "sources" / "text" / "cart-plenary14-2012-12-13.txt"
    snap.write_text(snap.read_text(encoding="utf-8") + "\nedited\n", encoding="utf-8")
    registry = (checkout / "data" / "sources" / "sources.csv").read_text(encoding="utf-8")
    assert run_cli("--root", str(checkout), "hash-sources") == 2
    assert "cart-plenary14-2012-12-13" in capsys.readouterr().err
    assert (checkout / "data" / "sources" / "sources.csv").read_text(encoding="utf-8") == registry
    assert run_cli("--root", str(checkout), "hash-sources", "no-such-id") == 2
    assert run_cli("--root", str(checkout), "hash-sources", "cart-plenary14-2012-12-13") == 0
    assert "cart-plenary14-2012-12-13: sha256" in capsys.readouterr().out


def test_a_duplicate_transcript_is_refused(checkout, tmp_path):
    transcript = tmp_path / "p16.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    ingest_transcript(transcript, plenary=16, root=checkout)
    with pytest.raises(IngestError, match="already registered"):
        ingest_transcript(transcript, plenary=16, root=checkout, source_id="cart-plenary16-again")


def test_an_out_folder_holding_other_files_is_refused_not_deleted(built_tables, tmp_path):
    out = tmp_path / "mine"
    (out / "thesis").mkdir(parents=True)
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ValueError, match="refusing to replace .*notes.txt, thesis"):
        write_outputs(built_tables, out, None, Inputs(ROOT))
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me" and (out / "thesis").is_dir()
