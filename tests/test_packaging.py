"""Packaging: the wheel works outside the checkout; CITATION.cff validates with cffconvert."""

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import ROOT

CACHE = ROOT / ".cache"


def _venv(path: Path) -> Path:
    if not (path / "bin" / "python").exists():
        venv.EnvBuilder(with_pip=True).create(path)
    return path / "bin" / "python"


@pytest.mark.slow
def test_wheel_installs_and_loads_outside_the_checkout(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(dist.glob("wcit_data-*.whl"))
    py = _venv(tmp_path / "venv")
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    code = ("import sys, wcit_data as w; assert 'pandas' not in sys.modules; v = w.load_votes(); "
            "r = v.set_index('vote_id').loc['preamble-2012-12-13']; assert (r.yes, r.no, r.abstain) == (77, 33, 8); "
            "assert len(w.list_tables()) >= 20; print(w.__file__)")
    out = subprocess.run([str(py), "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert out.returncode == 0, out.stderr
    assert str(ROOT) not in out.stdout  # imported from the installed wheel, not the checkout


@pytest.mark.slow
def test_citation_cff_validates_with_cffconvert():
    # cffconvert pins jsonschema<4, which conflicts with frictionless: it gets its own cached venv.
    py = _venv(CACHE / "cffconvert-venv")
    cff = py.parent / "cffconvert"
    if not cff.exists():
        subprocess.run([str(py), "-m", "pip", "install", "-q", "cffconvert==2.0.0"], check=True, capture_output=True)
    out = subprocess.run([str(cff), "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "valid" in (out.stdout + out.stderr).lower()
