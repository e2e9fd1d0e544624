"""Packaging and CLI: the wheel works outside the checkout (with its citation file, py.typed and the source
texts that the site highlights), the sdist passes its own tests, the loaders work on the oldest supported
pandas, CITATION.cff validates, and the CLI answers without tracebacks."""

import os
import subprocess
import sys
import tarfile
import tomllib
import venv
import zipfile
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
    shipped = set(zipfile.ZipFile(wheel).namelist())
    assert {"wcit_data/CITATION.cff", "wcit_data/py.typed", "wcit_data/data/datapackage.json"} <= shipped
    snapshots = {f"wcit_data/sources/text/{p.name}" for p in (ROOT / "data" / "sources" / "text").glob("*.txt")}
    assert len(snapshots) >= 200 and not snapshots - shipped, sorted(snapshots - shipped)[:5]
    py = _venv(tmp_path / "venv")
    # jinja2 (the publish extra) for the site's source pages; matplotlib and the notebooks are not needed
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel), "jinja2>=3.1"], check=True, capture_output=True)
    code = ("import sys, wcit_data as w; assert 'pandas' not in sys.modules; v = w.load_votes(); "
            "r = v.set_index('vote_id').loc['preamble-2012-12-13']; assert (r.yes, r.no, r.abstain) == (77, 33, 8); "
            "assert len(w.list_tables()) >= 20; assert w.cite().startswith('@dataset{wcit-data-'); "
            "assert 'nothing in the final ITRs mentions' in w.source_text('igp-2012-12-what-really-happened-in-dubai'); "
            "print(w.__file__)")
    clean_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([str(py), "-c", code], cwd=tmp_path, capture_output=True, text=True, env=clean_env)
    assert out.returncode == 0, out.stderr
    assert str(ROOT) not in out.stdout  # imported from the installed wheel, not the checkout
    # every evidence string of every table is found in the shipped texts and highlighted on its source page
    site = ("from pathlib import Path; from wcit_data.publish.site.builder import SiteBuilder\n"
            "b = SiteBuilder(Path('site'), execute_notebooks=False)\n"
            "assert b.root is None, b.root\n"
            "cites = [(sid, c.evidence) for sid, p in b.sources.items() for c in p.citations]\n"
            "unlinked = [c for c in cites if '#ev-' not in b.evidence_href(*c)]\n"
            "assert len(cites) > 1000 and not unlinked, unlinked[:3]\n"
            "b._copy_static(); b._source_pages_html()\n"
            "page = Path('site/sources/igp-2012-12-what-really-happened-in-dubai.html').read_text('utf-8')\n"
            "assert '<mark class=\"ev\"' in page and 'SHA-256 matches the registry.' in page\n"
            "print(len(cites))")
    out = subprocess.run([str(py), "-c", site], cwd=tmp_path, capture_output=True, text=True, env=clean_env)
    assert out.returncode == 0, out.stderr[-3000:]


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


SDIST_MUST_HOLD = ["notebooks", "constraints.txt", "tools", "docs", "bench", "tests", "data", "schemas",
                   "CITATION.cff", ".zenodo.json", "README.md", "LICENSE", "LICENSE-DATA.md"]


@pytest.mark.slow
def test_unpacked_sdist_passes_its_own_tests(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--sdist", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    sdist = next(dist.glob("wcit_data-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        tar.extractall(tmp_path, filter="data")
    unpacked = next(p for p in tmp_path.iterdir() if p.name.startswith("wcit_data-"))
    missing = [name for name in SDIST_MUST_HOLD if not (unpacked / name).exists()]
    assert not missing, f"sdist lacks {missing}"
    # this environment's dependencies, but the package imported from the unpacked sdist (PYTHONPATH first)
    env = {**os.environ, "PYTHONPATH": str(unpacked / "src")}
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-m", "not slow", "-p", "no:cacheprovider"],
                         cwd=unpacked, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "wcit_data" in subprocess.run([sys.executable, "-c", "import wcit_data; print(wcit_data.__file__)"],
                                         env=env, cwd=tmp_path, capture_output=True, text=True).stdout
    assert "passed" in out.stdout


def _oldest_supported_pandas() -> str:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    return next(d for d in deps if d.startswith("pandas>=")).removeprefix("pandas>=")


@pytest.mark.slow
def test_loaders_and_examples_work_on_the_oldest_supported_pandas():
    oldest = _oldest_supported_pandas()
    py = _venv(CACHE / f"pandas{oldest}-venv")
    subprocess.run([str(py), "-m", "pip", "install", "-q", f"pandas=={oldest}.*", "pyarrow>=15", "pyyaml>=6"],
                   check=True, capture_output=True)
    code = ("import doctest, importlib, pandas, wcit_data as wd\n"
            f"assert pandas.__version__.startswith({oldest!r}), pandas.__version__\n"
            "frames = {t: wd.load(t) for t in wd.list_tables()}\n"
            "assert all(len(f) == wd.describe(t)['rows'] for t, f in frames.items())\n"
            "for m in ['wcit_data', 'wcit_data.citation', 'wcit_data.meta', 'wcit_data.texts', 'wcit_data.states',"
            " 'wcit_data.analysis', 'wcit_data.transcripts']:\n"
            "    r = doctest.testmod(importlib.import_module(m), optionflags=doctest.ELLIPSIS)\n"
            "    assert r.failed == 0, m\n"
            "wd.coverage(); wd.plenary_coverage(); wd.cite(table='signatures')\n"
            "print('ok', pandas.__version__)")
    out = subprocess.run([str(py), "-c", code], capture_output=True, text=True, cwd=CACHE,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]


def _cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wcit_data", *args], capture_output=True, text=True, **kwargs)


def test_cli_version_tables_sources_lookup():
    import wcit_data as wd

    assert _cli("--version").stdout.strip() == f"wcit-data {wd.__version__}"
    tables = _cli("tables").stdout.splitlines()
    assert [line.split()[0] for line in tables] == wd.list_tables()
    assert tables[1].split()[1] == str(len(wd.load_votes()))
    sources = _cli("sources", "--table", "votes").stdout.splitlines()
    from wcit_data.citation import table_source_ids

    assert [line.split("\t")[0] for line in sources] == sorted(table_source_ids("votes"))
    assert _cli("lookup", "Iran (Islamic Republic of)").stdout.split("\t")[0] == "IRN"


def test_cli_errors_are_one_line_without_traceback():
    for args in (["lookup", "Atlantis"], ["describe", "vote"], ["cite", "no-such-source"], ["sources", "--table", "x"]):
        out = _cli(*args)
        assert out.returncode == 2 and "Traceback" not in out.stderr, (args, out.stderr)
        assert out.stderr.startswith("wcit-data: error:"), (args, out.stderr)


def test_cli_stops_quietly_on_a_broken_pipe():
    out = subprocess.run(f"{sys.executable} -m wcit_data cite --table sources | head -1", shell=True,
                         capture_output=True, text=True)
    assert out.stdout.startswith("@dataset{wcit-data-")
    assert out.stderr == "", out.stderr


def test_cli_names_the_install_command_when_an_extra_is_missing():
    code = ("import sys; sys.modules['pandera'] = None; from wcit_data.cli import main; "
            "sys.exit(main(['validate']))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.strip() == ("wcit-data: error: this command needs the optional dependency 'pandera'; "
                                  "install it with: pip install 'wcit-data[build]'")


def test_pyproject_metadata():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT AND CC-BY-4.0"
    for classifier in ("Programming Language :: Python :: 3.11", "Programming Language :: Python :: 3.12",
                       "Programming Language :: Python :: 3.13", "Typing :: Typed"):
        assert classifier in project["classifiers"]
    assert {"Homepage", "Source", "Issues", "Changelog"} <= set(project["urls"])
