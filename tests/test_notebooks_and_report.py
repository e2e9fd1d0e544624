"""Notebooks are for readers (a question first, limits last, no test code) and execute; their outputs are checked
here. The claims report renders in Chromium."""

import shutil

import nbformat
import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_five_notebooks():
    assert [p.name[:2] for p in NOTEBOOKS] == ["01", "02", "03", "04", "05"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_reads_as_a_story_without_test_code(path):
    nb = nbformat.read(path, as_version=4)
    first, last = nb.cells[0], nb.cells[-1]
    assert first.cell_type == "markdown" and "**Question:**" in first.source and "?" in first.source
    assert last.cell_type == "markdown" and last.source.startswith("## What the data can and cannot say")
    assert "**Can:**" in last.source and "**Cannot:**" in last.source
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert not any("assert " in c for c in code)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")  # stored clean; the site runs them


def test_notebooks_match_their_generator(tmp_path, monkeypatch):
    """notebooks/ is written by tools/make_notebooks.py: editing one without the other is caught here."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_notebooks", ROOT / "tools" / "make_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "ROOT", tmp_path)
    module.main()
    for path in NOTEBOOKS:
        assert (tmp_path / "notebooks" / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


_EXECUTED: dict = {}


def executed(name: str):
    """Run a notebook once per session (nbclient) and return it with its outputs."""
    if name not in _EXECUTED:
        from nbclient import NotebookClient

        path = ROOT / "notebooks" / name
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        _EXECUTED[name] = nb
    return _EXECUTED[name]


def outputs_text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.append(out.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def images(nb) -> int:
    return sum("image/png" in out.get("data", {}) for c in nb.cells for out in c.get("outputs", []))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes_without_errors(path):
    nb = executed(path.name)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    assert images(nb) >= 1


@pytest.mark.slow
def test_notebook_verdicts_are_the_computed_ones(tables):
    """Each notebook's verdict table shows the verdicts the claims table holds (formerly assert cells)."""
    claims = tables["claims"].set_index("claim_id")
    shown = {"01_the_vote_and_the_night_of_13_december.ipynb": ["african-amendment-77-33-8", "iran-called-for-vote"],
             "02_who_objected_and_when.ipynb": ["curran-reservations-after-vote"],
             "03_who_signed.ipynb": ["fifty-plus-not-signing", "uk-did-not-sign"],
             "04_the_internet_in_the_texts.ipynb": ["internet-not-in-final-itrs", "internet-27-in-document-47"],
             "05_access_sanctions_and_freedom.ipynb": ["irony-sanctions-and-access"]}
    for name, ids in shown.items():
        text = outputs_text(executed(name))
        for claim_id in ids:
            line = next(l for l in text.splitlines() if l.startswith(claim_id))
            assert str(claims.loc[claim_id, "verdict"]) in line, (name, claim_id)


@pytest.mark.slow
def test_notebook_02_shows_only_statements_after_the_preamble_vote():
    text = outputs_text(executed("02_who_objected_and_when.ipynb"))
    table = text.split("order_basis")[1].split("statements by")[0]
    assert "USA" in table and "ESP" not in table  # Spain spoke after PLEN/3, not after the Preamble vote
    assert "45 statements by 14 states" in text  # the figure's description


@pytest.mark.slow
def test_notebook_03_shows_the_maps():
    nb = executed("03_who_signed.ipynb")
    text = outputs_text(nb)
    assert "World map of 193 ITU Member States coloured by signature" in text
    assert "coloured by signatures." in text  # the confidence map
    assert images(nb) >= 3


@pytest.mark.slow
def test_claims_report_renders_in_chromium(tmp_path):
    from wcit_data.publish.report import claims_report_html, screenshot

    page = tmp_path / "claims.html"
    page.write_text(claims_report_html(), encoding="utf-8")
    text = page.read_text(encoding="utf-8")
    assert "77-33-8" in text and text.count("data:image/png;base64,") >= 3  # every site figure, map included
    assert "<q>" not in text and "site/claims/" in text and "site/sources/" in text  # claim text, linked
    if shutil.which("chromium") is None:
        pytest.skip("Debian chromium is not installed (.ci/run installs it)")
    png = screenshot(page, tmp_path / "claims.png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a real rendered page, not a blank one
