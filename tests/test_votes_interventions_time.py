"""Issue 10 (items 4-6): derived values are marked, PLEN/3 has no ballots, one plenary key per meeting."""

import pandas as pd
import pytest

import wcit_data
from wcit_data.votes import resolve_vote_id

PLEN3 = "plen3-2012-12-13"


def test_plen3_id_matches_its_date_and_the_old_id_resolves(tables):
    votes = tables["votes"].set_index("vote_id")
    assert str(votes.loc[PLEN3, "date"])[:10] == "2012-12-13"
    assert "plen3-2012-12-12" not in votes.index
    assert resolve_vote_id("plen3-2012-12-12", tables["votes"]) == PLEN3
    assert wcit_data.resolve_vote_id("plen3-2012-12-12") == PLEN3


def test_unknown_vote_id_names_the_valid_ones(tables):
    with pytest.raises(ValueError, match="preamble-2012-12-13.*plen3-2012-12-12 \\(former id"):
        resolve_vote_id("plen3", tables["votes"])


def test_plen3_has_no_ballots_its_objections_are_positions(tables):
    ballots = tables["ballots"]
    assert ballots[ballots["vote_id"] == PLEN3].empty
    assert not ballots["ballot"].isin(["yes", "no", "abstain"])[ballots["vote_id"] == PLEN3].any()
    positions = tables["positions"]
    objecting = set(positions.loc[(positions["issue"] == "plen3_resolution")
                                  & (positions["stance"] == "objection"), "iso3"])
    assert {"FIN", "SWE", "USA"} <= objecting


def test_derived_plenaries_of_votes_are_marked_with_reasoning(tables):
    votes = tables["votes"].set_index("vote_id")
    preamble = votes.loc["preamble-2012-12-13"]
    assert preamble["plenary"] == 14 and preamble["plenary_basis"] == "derived"
    assert "no source names the plenary" in preamble["plenary_reasoning"]
    assert votes.loc[PLEN3, "date_basis"] == "derived"
    reports = tables["vote_reports"]
    derived = reports[reports["value_basis"] == "derived"]
    assert len(derived) >= 6 and derived["note"].notna().all()


def test_no_order_zero_and_every_order_says_what_it_rests_on(tables):
    iv = tables["interventions"]
    assert not (iv["order"] == 0).any()
    assert (iv["order"].isna() == (iv["order_basis"] == "none")).all()
    secondary = iv[iv["order_basis"].isin(["stated", "narrative_sequence", "list_sequence"])]
    assert len(secondary) >= 30 and secondary["order_reasoning"].notna().all()
    # Sweden's place after the UK is read from Dourado's narrative, not stated by him
    swe = secondary[(secondary["iso3"] == "SWE") & secondary["source_id"].str.startswith("kiwiblog")]
    assert swe["order_basis"].tolist() == ["narrative_sequence"]


def test_secondary_plenaries_are_filled_where_derivable_and_marked(tables):
    iv = tables["interventions"]
    assert (iv["plenary"].isna() == iv["plenary_basis"].isna()).all()
    derived = iv[iv["plenary_basis"] == "derived"]
    assert derived["plenary_reasoning"].notna().all()
    after_vote = iv[(iv["vote_id"] == "preamble-2012-12-13") & iv["vote_relation"].isin(["at", "after"])]
    assert (after_vote["plenary"] == 14).all() and (after_vote["plenary_basis"] == "derived").all()
    unplaced = iv[iv["vote_relation"] == "unplaced"]
    assert unplaced["plenary"].isna().all()  # not placed against the vote: no plenary can be derived


def test_approximate_times_have_bounds_and_no_exact_point(tables):
    ev = tables["events"].set_index("event_id")
    stop = ev.loc["2012-12-13-observer-stops-monitoring"]
    assert stop["precision"] == "approximate" and stop["time_basis"] == "approximate" and pd.isna(stop["utc"])
    assert (stop["utc_earliest"].hour, stop["utc_latest"].hour) == (16, 17)  # 17:30 CET = 16:30 UTC, +-30 min
    back = ev.loc["2012-12-13-observer-returns"]
    assert back["tz_basis"] == "assumed" and "CET" in back["time_reasoning"]
    midnight = ev.loc["2012-12-14-final-reading-midnight"]
    assert midnight["utc_earliest"] < pd.Timestamp("2012-12-13 20:00", tz="UTC") < midnight["utc_latest"]


def test_every_inferred_time_or_zone_has_its_reasoning(tables):
    ev = tables["events"]
    inferred = ev[(ev["tz_basis"] == "assumed") | ev["time_basis"].isin(["approximate", "derived"])]
    assert len(inferred) >= 15 and inferred["time_reasoning"].notna().all()
    assert (ev.loc[ev["precision"] == "exact", "time_basis"] == "stated").all()


def test_plenary_key_names_one_meeting(tables):
    s = tables["sessions"]
    keyed = s[s["plenary"].notna()]
    assert (keyed.groupby("plenary")[["date", "start_local"]].nunique() == 1).all().all()
    assert s[s["plenary"] == 13].empty  # the closing meeting's header number is not its key
    closing = s[s["plenary"] == 17]
    assert set(closing["date"].astype(str).str[:10]) == {"2012-12-14"} and 13 in set(closing["plenary_as_numbered"])
    iv, ev = tables["interventions"], tables["events"]
    assert not (iv["plenary"] == 13).any() and not (ev["plenary"] == 13).any()


def test_derived_event_dates_say_where_they_come_from(tables):
    ev = tables["events"].set_index("event_id")
    derived = ev[ev["date_basis"] == "derived"]
    assert len(derived) >= 25 and derived["date_reasoning"].notna().all()
    assert "last night" in ev.loc["2012-12-13-usa-will-not-sign", "date_reasoning"]  # CommsDay, 14 Dec
    assert ev.loc["2012-12-13-plenary14-start", "date_basis"] == "stated"


def test_event_plenaries_not_from_a_transcript_are_marked_derived(tables):
    ev = tables["events"]
    assert (ev["plenary"].isna() == ev["plenary_basis"].isna()).all()
    outside = ev[ev["plenary"].notna() & ~ev["source_id"].str.startswith("cart-")]
    assert len(outside) >= 5 and (outside["plenary_basis"] == "derived").all()
    assert outside["plenary_reasoning"].notna().all()
