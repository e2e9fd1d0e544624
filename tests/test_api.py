"""The public API: cheap import, real annotated loaders, a TableName literal in sync with the tables,
docstring examples that run, describe() reprs, and mypy --strict on a user's snippet."""

from __future__ import annotations

import doctest
import importlib
import inspect
import subprocess
import sys
import textwrap
import typing

import pandas as pd
import pytest

import wcit_data as wd
from conftest import ROOT

DOCTESTED_MODULES = ["wcit_data", "wcit_data.votes", "wcit_data.publish.export", "wcit_data.citation", "wcit_data.meta", "wcit_data.texts", "wcit_data.states",
                     "wcit_data.analysis", "wcit_data.transcripts", "wcit_data.loading", "wcit_data.snapshots"]


def _public_functions():
    return {name: obj for name in wd.__all__ if inspect.isfunction(obj := getattr(wd, name))}


def test_import_does_not_load_pandas_pyarrow_yaml_or_typing():
    code = ("import sys; before = set(sys.modules); import wcit_data; "
            "print(sorted(set(sys.modules) - before))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['__future__', 'wcit_data']", f"import wcit_data also imports {out.stdout}"


def test_table_name_literal_lists_exactly_the_shipped_tables():
    literal = typing.get_args(wd.TableName)
    assert literal == tuple(wd.list_tables()), (
        f"update TableName in src/wcit_data/__init__.py: add {sorted(set(wd.list_tables()) - set(literal))}, "
        f"remove {sorted(set(literal) - set(wd.list_tables()))}")


def test_one_real_annotated_loader_per_table():
    loaders = {name.removeprefix("load_") for name in wd.__all__ if name.startswith("load_")}
    assert loaders == set(wd.list_tables()), "add or remove a load_<table>() in src/wcit_data/__init__.py"
    for table in wd.list_tables():
        loader = getattr(wd, f"load_{table}")
        assert inspect.isfunction(loader) and loader.__module__ == "wcit_data"
        assert loader.__annotations__ == {"return": "DataFrame"}
    for fn in (wd.load, wd.describe):
        assert inspect.signature(fn).parameters["name"].annotation == "TableName"


def test_loaders_return_the_table_as_a_dataframe():
    votes = wd.load_votes()
    assert isinstance(votes, pd.DataFrame)
    pd.testing.assert_frame_equal(votes, wd.load("votes"))


def test_every_public_function_has_a_docstring_example():
    missing = [name for name, fn in _public_functions().items() if ">>>" not in (fn.__doc__ or "")]
    assert not missing, f"public functions without a docstring example: {missing}"


@pytest.mark.parametrize("module_name", DOCTESTED_MODULES)
def test_docstring_examples_run(module_name):
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0


def test_every_public_function_is_covered_by_the_doctested_modules():
    for name, fn in _public_functions().items():
        assert fn.__module__ in DOCTESTED_MODULES, (name, fn.__module__)


def test_describe_is_a_dict_with_text_and_html_reprs():
    book = wd.describe("signatures")
    assert isinstance(book, dict) and book["name"] == "signatures"
    assert book["rows"] == len(wd.load_signatures())
    text, html = repr(book), book._repr_html_()
    assert text.startswith(f"signatures ({book['rows']} rows):") and text == str(book)
    for column in book["columns"]:
        assert f"<code>{column['name']}</code>" in html and column["name"] in text
    assert dict(book)["primary_key"] == book["primary_key"]


def test_misspelt_attribute_suggests_the_right_name():
    with pytest.raises(AttributeError, match="Did you mean 'load_votes'"):
        wd.load_vote  # noqa: B018


def test_bad_table_names_raise_with_the_valid_ones():
    for fn in (wd.load, wd.describe):
        with pytest.raises(ValueError, match="Did you mean 'votes'.*Valid tables: sources, votes"):
            fn("vote")  # type: ignore[arg-type]


GOOD_SNIPPET = """
import pandas as pd
import wcit_data as wd

votes: pd.DataFrame = wd.load_votes()
same = wd.load("votes")
book = wd.describe("signatures")
rows: int = book["rows"]
bib: str = wd.cite(table="signatures")
text: str = book.text()
iso3: str = wd.lookup_state("Iran (Islamic Republic of)")
names: list[str] = wd.list_tables()
print(votes.shape, same.shape, rows, bib[:10], text[:10], iso3, names[:1])
"""
BAD_SNIPPET = """
import wcit_data as wd

wd.load_vote()
wd.load("vote")
wd.describe("signature")
"""


REVEAL_SNIPPET = """
import wcit_data as wd

reveal_type(wd.load_votes())
reveal_type(wd.load)
"""


@pytest.fixture(scope="module")
def mypy_output(tmp_path_factory) -> str:
    """One mypy --strict run over three user snippets (the cache under .cache/ makes reruns fast)."""
    folder = tmp_path_factory.mktemp("mypy")
    for name, code in (("good.py", GOOD_SNIPPET), ("bad.py", BAD_SNIPPET), ("reveal.py", REVEAL_SNIPPET)):
        (folder / name).write_text(textwrap.dedent(code), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(ROOT / ".cache" / "mypy"),
                          "good.py", "bad.py", "reveal.py"], capture_output=True, text=True, cwd=folder)
    assert out.returncode in (0, 1), out.stderr
    return out.stdout


def test_mypy_strict_accepts_a_correct_snippet(mypy_output):
    assert "good.py" not in mypy_output, mypy_output


def test_mypy_sees_dataframes_and_table_names(mypy_output):
    assert 'reveal.py:4: note: Revealed type is "pandas.core.frame.DataFrame"' in mypy_output, mypy_output
    assert "reveal.py:5: note: Revealed type is \"def (name: Literal['sources'] | Literal['votes']" in mypy_output


def test_mypy_rejects_misspelt_loader_and_table_names(mypy_output):
    assert 'bad.py:4: error: Module has no attribute "load_vote"' in mypy_output, mypy_output
    assert "bad.py:5: error: Argument 1 to \"load\" has incompatible type \"Literal['vote']\"" in mypy_output
    assert "bad.py:6: error: Argument 1 to \"describe\" has incompatible type" in mypy_output


def test_py_typed_marker_is_shipped():
    assert (ROOT / "src" / "wcit_data" / "py.typed").is_file()
