"""State names, ambiguity, codes and keys, checked on the shipped data."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wcit_data
from wcit_data.states import StateLookupError, alias_key, lookup_state

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def aliases():
    return wcit_data.load("state_aliases")


@pytest.fixture(scope="module")
def states():
    return wcit_data.load("states")


@pytest.mark.parametrize("name, candidates", [
    ("Korea", {"KOR", "PRK"}), ("Congo", {"COG", "COD"}), ("Guinea", {"GIN", "GNQ", "PNG"}),
    ("Sudan", {"SDN", "SSD"}), ("Kongo", {"COG", "COD"}), ("Soudan", {"SDN", "SSD"}),
])
def test_ambiguous_names_raise_listing_the_candidates(name, candidates):
    with pytest.raises(StateLookupError, match="ambiguous") as raised:
        lookup_state(name)
    assert isinstance(raised.value, ValueError)
    assert set(re.findall(r"\b[A-Z]{3}\b", str(raised.value))) >= candidates


@pytest.mark.parametrize("name, iso3", [
    ("Zweden", "SWE"), ("Allemagne", "DEU"), ("Korea, Rep.", "KOR"), ("Korea, Dem. People's Rep.", "PRK"),
    ("South Korea", "KOR"), ("Congo (Republic of the)", "COG"), ("Congo - Kinshasa", "COD"),
    ("Guinea-Bissau", "GNB"), ("Guinea (Republic of)", "GIN"), ("South Sudan", "SSD"),
    ("Kongon tasavalta", "COG"), ("Venäjä", "RUS"), ("Германия", "DEU"), ("韩国", "KOR"), ("ألمانيا", "DEU"),
    ("Estados Unidos", "USA"), ("Rosja", "RUS"), ("REPUBLIC OF KOREA", "KOR"), ("NO", "NOR"), ("USA", "USA"),
])
def test_names_of_the_sources_languages_resolve(name, iso3):
    assert lookup_state(name) == iso3


def test_codes_match_in_upper_case_only():
    assert lookup_state("NOR") == "NOR"
    with pytest.raises(StateLookupError, match="upper case"):
        lookup_state("no")


@pytest.mark.parametrize("value", [["France"], None, 3, b"France", ("FRA",)])
def test_non_strings_raise_type_error(value):
    with pytest.raises(TypeError, match="string"):
        lookup_state(value)


def test_every_alias_has_a_source_and_evidence(aliases):
    assert aliases["source_id"].notna().all() and aliases["evidence"].notna().all()
    assert not aliases["kind"].astype(str).eq("curated").any()
    curated = (ROOT / "data" / "curated" / "state_aliases.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert all(line.split(",")[3] for line in curated), "a curated alias has no source_id"


def test_every_alias_resolves_to_its_own_state_or_is_refused_as_ambiguous(aliases):
    refused = set()
    for alias, iso3 in zip(aliases["alias"], aliases["iso3"]):
        try:
            assert lookup_state(alias) == iso3, alias
        except StateLookupError as error:
            assert "ambiguous" in str(error), alias
            refused.add(alias_key(alias))
    # only short forms shared by several states are refused, never a designation
    assert {"guinea", "sudan", "congo"} <= refused and len(refused) < 30


def test_every_itu_designation_resolves_to_its_own_state(states):
    for itu_name, iso3 in zip(states["itu_name"], states["iso3"]):
        assert lookup_state(itu_name) == iso3


def test_cldr_extract_is_registered_with_babel_and_cldr_versions():
    sources = wcit_data.load("sources").set_index("source_id")
    row = sources.loc["context-cldr-territory-names"]
    assert "babel" in str(row["retrieved_via"]).lower() and "CLDR" in str(row["title"])


# --- property tests: a name resolves only to a state that the data names so --------------------------

@lru_cache(maxsize=1)
def _alias_keys_by_state() -> dict[str, set[str]]:
    """iso3 -> the keys of its names and its codes as written: the only inputs that may resolve to it."""
    aliases = wcit_data.load("state_aliases")
    keys: dict[str, set[str]] = {}
    for key, iso3, alias, kind in zip(aliases["alias_key"], aliases["iso3"], aliases["alias"], aliases["kind"]):
        keys.setdefault(iso3, set()).add(alias if str(kind) == "iso_code" else key)
    return keys


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=0, max_size=30))
def test_random_text_never_resolves_to_a_state_that_does_not_bear_the_name(text):
    keys = _alias_keys_by_state()
    try:
        iso3 = lookup_state(text)
    except StateLookupError:
        return
    assert alias_key(text) in keys[iso3] or text.strip() in keys[iso3]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_near_miss_names_never_resolve_to_a_wrong_state(aliases, data):
    keys = _alias_keys_by_state()
    names = aliases.loc[aliases["kind"].astype(str) != "iso_code", "alias"].tolist()
    name = data.draw(st.sampled_from(names))
    position = data.draw(st.integers(0, len(name)))
    edit = data.draw(st.sampled_from(["drop", "insert", "swapcase"]))
    if edit == "drop":
        mutated = name[:position] + name[position + 1:]
    elif edit == "insert":
        mutated = name[:position] + data.draw(st.characters(codec="utf-8")) + name[position:]
    else:
        mutated = name.swapcase()
    try:
        iso3 = lookup_state(mutated)
    except StateLookupError:
        return
    assert alias_key(mutated) in keys[iso3] or mutated.strip() in keys[iso3]


# --- keys and regional organisations ---------------------------------------------------------------------

def test_correlates_of_war_codes_and_world_bank_names(states):
    by_iso = states.set_index("iso3")
    assert by_iso.loc["USA", "cow_code"] == 2 and by_iso.loc["KOR", "cow_code"] == 732
    assert by_iso.loc["PRK", "cow_code"] == 731 and by_iso.loc["SSD", "cow_code"] == 626
    assert by_iso.loc["KOR", "wb_name"] == "Korea, Rep."
    # gaps as the sources have them (documented in docs/audit/names-and-regions.md)
    assert set(by_iso.index[by_iso["cow_code"].isna()]) == {"SRB"}
    assert set(by_iso.index[by_iso["wb_name"].isna()]) == {"VAT"}


def test_rto_counts_match_their_sources():
    cov = wcit_data.load("covariates")
    rto = cov[cov["variable"] == "rto"]
    counts = rto["value"].astype(str).value_counts()
    atu_text = (ROOT / "data" / "sources" / "text" / "liquisearch-atu-members.txt").read_text(encoding="utf-8")
    assert "The ATU has 46 member states" in atu_text and counts["ATU"] == 46
    assert counts["CEPT"] == 48  # the ERO list: 48 members


def test_holy_see_keeps_its_cept_row_in_the_wide_frame():
    wide = wcit_data.states_signatures_covariates().set_index("iso3")
    assert "CEPT" in str(wide.loc["VAT", "rto"])


def test_region_and_membership_gaps_are_documented():
    doc = (ROOT / "docs" / "audit" / "names-and-regions.md").read_text(encoding="utf-8")
    for gap in ("itu_region", "APT", "ASMG"):
        assert gap in doc


def test_ambiguous_candidates_are_named_in_english():
    import wcit_data

    with pytest.raises(wcit_data.StateLookupError) as exc:
        wcit_data.lookup_state("Korea")
    assert "KOR (Korea, Republic of)" in str(exc.value) and "PRK (Korea, Democratic People's Republic of)" in str(exc.value)
