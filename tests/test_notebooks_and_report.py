"""Notebooks execute (their assert cells state the verdicts) and the claims report renders in Chromium."""

import shutil

import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_five_notebooks():
    assert [p.name[:2] for p in NOTEBOOKS] == ["01", "02", "03", "04", "05"]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes(path):
    from wcit_data.publish.report import execute_notebook

    nb = execute_notebook(path)
    asserts = [c for c in nb.cells if c.cell_type == "code" and "assert " in c.source]
    assert asserts, "each notebook states its verdicts in assert cells"
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []


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
