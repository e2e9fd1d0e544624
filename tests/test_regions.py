"""ITU administrative regions and APT membership, checked against the stored sources they come from."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

import wcit_data

ROOT = Path(__file__).resolve().parents[1]
TEXT = ROOT / "data" / "sources" / "text"
REGION_SOURCES = ("itu-2018-11-05-pp18-council-rrb-elections", "itu-2022-pp22-council-rrb-elections")
REGION_LINE = re.compile(r"^(?:- )?Region ([A-E])\s*[—:]\s*.*?\((\d+) seats\)\s*–?\s*(.*)$")


@pytest.fixture(scope="module")
def states():
    return wcit_data.load("states").set_index("iso3")


@pytest.fixture(scope="module")
def apt():
    cov = wcit_data.load("covariates")
    return cov[(cov["variable"] == "rto") & (cov["value"].astype(str) == "APT")]


def region_lists(source_id: str) -> list[tuple[str, int, list[str]]]:
    """(region letter, seats stated, state names) for each region line of a stored press release."""
    out = []
    for line in (TEXT / f"{source_id}.txt").read_text(encoding="utf-8").splitlines():
        m = REGION_LINE.match(line)
        if m:
            out.append((m.group(1), int(m.group(2)), [n.strip().rstrip(".") for n in m.group(3).split(";")]))
    return out


# --- APT (Correlates of War IGO v3) -------------------------------------------------------------------------

def test_apt_extract_has_38_full_members_in_2012():
    text = (TEXT / "context-cow-igo-v3-apt.txt").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["year"] for r in rows} == {"2012"} and {r["ioname"] for r in rows} == {"APT"}
    full = [r["statenme"] for r in rows if r["membership"] == "1"]
    # COW codes 38 states full members (code 1) of the APT in 2012
    assert len(full) == 38
    assert {"Australia", "Japan", "China", "India", "Iran", "Palau"} <= set(full)


def test_apt_rows_are_the_extract_members_that_are_itu_member_states(apt, states):
    assert len(apt) == 37  # 38 minus Palau, not an ITU Member State
    assert "PLW" not in states.index and apt["iso3"].is_unique
    assert {"AUS", "JPN", "CHN", "IND", "IRN", "KOR", "PRK", "NZL", "WSM"} <= set(apt["iso3"])
    assert (apt["year"] == 2012).all() and (apt["source_id"] == "context-cow-igo-v3-apt").all()
    assert apt["evidence"].str.endswith(",1").all()


def test_apt_members_leave_the_no_rto_group():
    by_rto = wcit_data.signing_by_rto().set_index("group")
    assert by_rto.loc["APT", "states"] == 37
    assert by_rto.loc["no RTO listed", "states"] < 48  # 48 before APT was added (issue 11)


# --- ITU administrative regions ------------------------------------------------------------------------------

@pytest.mark.parametrize("source_id", REGION_SOURCES)
def test_each_region_line_lists_as_many_states_as_it_has_seats(source_id):
    lists = region_lists(source_id)
    assert [r for r, _, _ in lists] == list("ABCDE")
    assert [(seats, len(names)) for _, seats, names in lists] == [(9, 9), (8, 8), (5, 5), (13, 13), (13, 13)]


def test_itu_region_is_what_the_press_releases_state(states):
    stated = {}
    for source_id in REGION_SOURCES:
        for region, _, names in region_lists(source_id):
            for name in names:
                stated.setdefault(wcit_data.lookup_state(name), set()).add(region)
    assert all(len(regions) == 1 for regions in stated.values())  # no state in two regions
    has_region = states[states["itu_region"].notna()]
    assert set(has_region.index) == set(stated)
    for iso3, row in has_region.iterrows():
        assert {str(row["itu_region"])} == stated[iso3]
        assert row["itu_region_source_id"] in REGION_SOURCES and row["itu_region_evidence"].startswith("Region")


def test_itu_region_coverage_is_partial_and_documented(states):
    counts = states["itu_region"].astype("string").value_counts().to_dict()
    assert counts == {"D": 15, "E": 15, "B": 10, "A": 9, "C": 6}
    assert states["itu_region"].isna().sum() == 138
    assert states.loc["USA", "itu_region"] == "A" and states.loc["RUS", "itu_region"] == "C"
    assert states.loc["GBR", "itu_region"] == "B"  # only in the 2022 list
    doc = (ROOT / "docs" / "audit" / "names-and-regions.md").read_text(encoding="utf-8")
    assert "55 of 193" in doc and "138" in doc


def test_signing_by_region_reports_the_missing_group():
    by_region = wcit_data.signing_by_group("itu_region").set_index("group")
    assert set(by_region.index) == {"A", "B", "C", "D", "E", "missing"}
    assert by_region.loc["missing", "states"] == 138
    assert by_region["states"].sum() == 193
