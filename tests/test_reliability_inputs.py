"""Issue 13, items 4 and 9: every attack on the curated inputs fails the build with a message naming the
file, the line (as seen in an editor) and the column; nothing is silently dropped."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from wcit_data.build import Build, BuildError, Inputs
from wcit_data.build.curated import MIN_EVIDENCE_CHARS, declared_columns

from conftest import ROOT


@pytest.fixture
def checkout(tmp_path):
    """A copy of data/ that a test may damage."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def curated(checkout, name):
    return checkout / "data" / "curated" / f"{name}.csv"


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def write_rows(path, rows):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def set_cell(path, line, column, value):
    """Set the cell of editor line ``line`` (files without multi-line values) and column name ``column``."""
    rows = read_rows(path)
    rows[line - 1][rows[0].index(column)] = value
    write_rows(path, rows)


def build_errors(checkout) -> str:
    with pytest.raises(BuildError) as exc:
        Build(Inputs(checkout)).run()
    return "\n".join(exc.value.errors)


def test_missing_curated_file_fails(checkout):
    curated(checkout, "events").unlink()
    assert "data/curated/events.csv: file is missing" in build_errors(checkout)


@pytest.mark.parametrize("name", ["events", "signature_reports"])
def test_empty_file_fails(checkout, name):
    curated(checkout, name).write_bytes(b"")
    assert f"data/curated/{name}.csv: file is empty (0 bytes)" in build_errors(checkout)


@pytest.mark.parametrize("name", ["events", "signature_reports"])
def test_header_only_file_fails(checkout, name):
    path = curated(checkout, name)
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert f"data/curated/{name}.csv: has a header but no rows" in build_errors(checkout)


def test_declared_empty_table_needs_its_header(checkout):
    path = curated(checkout, "treaty_actions")
    assert path.read_text(encoding="utf-8").strip() == ",".join(declared_columns("treaty_actions"))
    path.unlink()
    assert "data/curated/treaty_actions.csv: file is missing" in build_errors(checkout)


def test_header_typo_fails_naming_both_columns(checkout):
    path = curated(checkout, "participation")
    rows = read_rows(path)
    rows[0][rows[0].index("note")] = "notes"
    write_rows(path, rows)
    errors = build_errors(checkout)
    assert "data/curated/participation.csv line 1 column 'notes': unknown column (did you mean 'note'?)" in errors
    assert "data/curated/participation.csv line 1 column 'note': missing column" in errors


def test_missing_nullable_column_fails(checkout):
    path = curated(checkout, "documents")
    rows = read_rows(path)
    drop = rows[0].index("note")
    write_rows(path, [r[:drop] + r[drop + 1:] for r in rows])
    assert "data/curated/documents.csv line 1 column 'note': missing column" in build_errors(checkout)


@pytest.mark.parametrize("value, why", [("   ", "is blank"), ("the", "is shorter than"),
                                        ("12 345 678 90", "contains no letter")])
def test_weak_evidence_fails_with_line_and_column(checkout, value, why):
    set_cell(curated(checkout, "participation"), 3, "evidence", value)
    assert f"data/curated/participation.csv line 3 column evidence: evidence {why}" in build_errors(checkout)
    assert MIN_EVIDENCE_CHARS >= 8


def test_dangling_iso3_in_covariates_fails(checkout):
    set_cell(curated(checkout, "covariates"), 2, "iso3", "XXX")
    assert "data/curated/covariates.csv line 2 column iso3: 'XXX' is not an ISO 3166-1" in build_errors(checkout)


def test_dangling_source_id_fails(checkout):
    set_cell(curated(checkout, "ballot_reports"), 2, "source_id", "no-such-source")
    assert ("data/curated/ballot_reports.csv line 2 column source_id: 'no-such-source' is not a source_id"
            in build_errors(checkout))


def test_exact_duplicate_row_fails(checkout):
    path = curated(checkout, "participation")
    rows = read_rows(path)
    next_line = len(path.read_text(encoding="utf-8").splitlines()) + 1  # values may span lines
    write_rows(path, rows + [rows[2]])
    assert f"data/curated/participation.csv line {next_line}: exact duplicate of line 3" in build_errors(checkout)


def test_row_with_an_extra_field_is_one_clear_error(checkout):
    import csv

    path = curated(checkout, "participation")
    lines = path.read_text(encoding="utf-8").splitlines()
    width = len(next(csv.reader([lines[0]])))
    lines[2] += ",surplus"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BuildError) as exc:
        Build(Inputs(checkout)).run()
    assert exc.value.errors == [f"data/curated/participation.csv line 3: {width + 1} field(s), the header has "
                                f"{width} (a missing or extra comma, or an unclosed quote)"]


def test_unclosed_quote_is_one_clear_error(checkout):
    path = curated(checkout, "participation")
    text = path.read_text(encoding="utf-8")
    path.write_text(text + 'FRA,present,"unclosed\n', encoding="utf-8")
    with pytest.raises(BuildError) as exc:
        Build(Inputs(checkout)).run()
    assert len(exc.value.errors) == 1
    last_line = len(text.splitlines()) + 1
    assert exc.value.errors[0].startswith(f"data/curated/participation.csv line {last_line}: malformed CSV")


def test_crlf_inputs_give_the_same_bytes(checkout, tmp_path, rebuilt):
    from wcit_data.build import build

    for path in (checkout / "data" / "curated").glob("*.csv"):
        path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    out = tmp_path / "crlf-out"
    build(root=checkout, out_dir=out)
    for built in sorted(rebuilt.iterdir()):
        assert (out / built.name).read_bytes() == built.read_bytes(), built.name


def test_table_errors_name_the_curated_line(checkout):
    set_cell(curated(checkout, "events"), 2, "tz", "Mars/Olympus")
    assert "data/curated/events.csv line 2 (table events) column tz: fails isin" in build_errors(checkout)


def test_claims_errors_are_shown_with_other_tables_errors(checkout):
    set_cell(curated(checkout, "events"), 2, "tz", "Mars/Olympus")
    set_cell(curated(checkout, "claims"), 2, "claim_id", "Not A Slug")
    errors = build_errors(checkout)
    assert "data/curated/events.csv line 2" in errors
    assert "data/curated/claims.csv line 2 (table claims) column claim_id: fails str_matches" in errors


def test_unexpected_fault_names_the_file(checkout, monkeypatch):
    from wcit_data.build import derive

    def broken(*args, **kwargs):
        raise KeyError("_line")

    monkeypatch.setattr(derive, "events_table", broken)
    with pytest.raises(BuildError) as exc:
        Build(Inputs(checkout)).run()
    assert exc.value.errors[-1] == ("data/curated/events.csv: unexpected KeyError while deriving the tables: "
                                    "'_line'")


def test_the_build_never_reads_the_shipped_tables(checkout, monkeypatch):
    """A damaged or missing shipped file must never stop the rebuild that repairs it."""
    from wcit_data import loading

    def refuse(*args, **kwargs):
        raise AssertionError("the build read the shipped data package")

    monkeypatch.setattr(loading, "snapshot", refuse)
    monkeypatch.setattr(loading, "descriptor", refuse)
    tables = Build(Inputs(checkout)).run()
    assert len(tables["claims"]) > 0
