"""Facts about WCIT-12 that the tables must state, and invariants between tables."""

import pandas as pd

PREAMBLE = "preamble-2012-12-13"
PLEN3 = "plen3-2012-12-13"


def vote(tables, vote_id):
    v = tables["votes"].set_index("vote_id")
    return v.loc[vote_id]


def test_preamble_vote_tally_date_plenary_requester(tables):
    v = vote(tables, PREAMBLE)
    assert (v["yes"], v["no"], v["abstain"]) == (77, 33, 8)
    assert pd.Timestamp(v["date"]) == pd.Timestamp("2012-12-13")  # a date once loaded, a string at build
    assert v["plenary"] == 14
    assert v["requested_by"] == "IRN"
    assert v["method"] == "vote"
    assert v["outcome"] == "adopted"
    assert "right of access of Member States to international telecommunication services" in v["text"]
    assert "human rights obligations" in v["text"]
    assert "afric" in v["proposed_by"].lower()


def test_ballots_cast_do_not_exceed_delegations_entitled_to_vote(tables):
    v = vote(tables, PREAMBLE)
    reports = tables["vote_reports"]
    entitled = reports[(reports["vote_id"] == PREAMBLE) & (reports["attribute"] == "accredited_voting") & reports["adopted"]]
    assert v["yes"] + v["no"] + v["abstain"] <= int(entitled["coded_value"].iloc[0]) == 134


def test_differing_abstention_report_is_kept(tables):
    r = tables["vote_reports"]
    abst = r[(r["vote_id"] == PREAMBLE) & (r["attribute"] == "abstain")]
    assert {"8", "6"} <= set(abst["value"])
    assert abst["adopted"].sum() == 1 and abst.loc[abst["adopted"], "coded_value"].iloc[0] == "8"


def test_each_attribute_has_at_most_one_adopted_report(tables):
    r = tables["vote_reports"]
    assert not r[r["adopted"]].duplicated(["vote_id", "attribute"]).any()


def test_internet_resolution_by_temperature_of_the_room_without_tally(tables):
    v = vote(tables, PLEN3)
    assert v["method"] == "temperature_of_the_room"
    assert pd.isna(v["yes"]) and pd.isna(v["no"]) and pd.isna(v["abstain"])
    assert v["outcome"] == "adopted"
    assert v["plenary"] == 11


def test_ballots_are_never_inferred(tables):
    b = tables["ballots"]
    documented = b[b["ballot"] != "unknown"]
    assert documented["evidence"].notna().all() and documented["source_id"].notna().all()
    assert b.loc[b["ballot"] == "unknown", "evidence"].isna().all()
    preamble = b[b["vote_id"] == PREAMBLE]
    assert len(preamble) == 193
    assert (preamble["ballot"] == "yes").sum() <= 77 and (preamble["ballot"] == "no").sum() <= 33
    assert preamble.set_index("iso3").loc["CZE", "ballot"] == "no"


def test_member_states_as_of_december_2012(tables):
    s = tables["states"]
    assert len(s) == 193 and s["iso3"].is_unique
    assert "SSD" in set(s["iso3"])  # joined ITU in 2011
    assert "VAT" in set(s["iso3"])
    assert "PLW" not in set(s["iso3"])  # joined ITU only in 2024
    assert s["itu_member_2012"].all()


def test_adopted_conference_totals(tables):
    t = tables["conference_totals"]
    adopted = t[t["adopted"]].set_index("measure")["figure"]
    assert adopted["signatories"] == 89
    assert adopted["non_signatories"] == 55
    assert adopted["accredited"] == 144
    assert adopted["signatories"] + adopted["non_signatories"] == adopted["accredited"]
    assert adopted["itu_member_states_total"] == 193
    assert adopted["member_states_present"] == 151
    assert not t[t["adopted"]].duplicated("measure").any()


def test_signature_counts_never_exceed_reported_totals(tables):
    s = tables["signatures"]
    assert len(s) == 193
    assert (s["signature_status"] == "signed").sum() <= 89
    assert (s["signature_status"] == "did_not_sign").sum() <= 55
    known = s[s["signature_status"] != "unknown"]
    assert known["evidence"].notna().all()


def test_known_signature_facts(tables):
    s = tables["signatures"].set_index("iso3")["signature_status"]
    for iso3 in ["USA", "GBR", "CAN", "SWE", "NZL", "AUS", "JPN"]:
        assert s[iso3] == "did_not_sign", iso3
    for iso3 in ["RUS", "CHN", "ARE", "BRA", "KOR", "GHA"]:
        assert s[iso3] == "signed", iso3


def test_every_signatory_is_a_member_state(tables):
    members = set(tables["states"]["iso3"])
    assert set(tables["signature_reports"]["iso3"]) <= members
    assert set(tables["treaty_actions"]["iso3"]) <= members


def test_group_statements_carry_their_derivation(tables):
    r = tables["signature_reports"]
    group = r[r["evidence_kind"] == "group_statement"]
    assert len(group) > 0
    assert group["derivation"].notna().all() and group["derivation_source_id"].notna().all()
    assert "HRV" not in set(group["iso3"])  # Croatia joined the EU only in July 2013


def test_keys_join_across_tables(tables):
    sources = set(tables["sources"]["source_id"])
    members = set(tables["states"]["iso3"])
    for name, frame in tables.items():
        if "source_id" in frame.columns:
            assert set(frame["source_id"].dropna()) <= sources, name
        if "iso3" in frame.columns and name != "states":
            assert set(frame["iso3"].dropna()) <= members, name
    assert set(tables["ballots"]["vote_id"]) <= set(tables["votes"]["vote_id"])
    assert set(tables["interventions"]["vote_id"].dropna()) <= set(tables["votes"]["vote_id"])


def test_events_keep_local_time_and_utc(tables):
    e = tables["events"].set_index("event_id")
    stop = e.loc["2012-12-13-observer-stops-monitoring"]
    assert stop["tz"] == "CET" and stop["time_local"] == "17:30"
    assert pd.isna(stop["utc"]) and stop["precision"] == "approximate"  # "around 5:30 pm (CET)"
    assert stop["utc_earliest"] == pd.Timestamp("2012-12-13 16:00", tz="UTC")
    p14 = e.loc["2012-12-13-plenary14-start"]
    assert p14["utc"] == pd.Timestamp("2012-12-13 15:30", tz="UTC")  # 19:30 Dubai = UTC+4
    bounded = tables["events"][tables["events"]["precision"] != "exact"]
    assert bounded["utc"].isna().all()
    both = bounded.dropna(subset=["utc_earliest", "utc_latest"])
    assert (both["utc_earliest"] <= both["utc_latest"]).all()


def test_curran_list_against_the_record(tables):
    iv = tables["interventions"]
    after = iv[(iv["vote_id"] == PREAMBLE) & (iv["vote_relation"] == "after")]
    first = after[after["order"] == 1]
    assert set(first["iso3"]) == {"USA"}  # every source that orders them puts the US first
    assert {"GBR", "SWE", "CAN", "NLD", "DNK", "NZL", "CRI", "CZE", "POL"} <= set(after["iso3"])


def test_covariates_are_2012_values(tables):
    c = tables["covariates"]
    eu = set(c.loc[c["variable"] == "eu_member_2012", "iso3"])
    assert len(eu) == 27 and "HRV" not in eu and "GBR" in eu
    oecd = set(c.loc[c["variable"] == "oecd_member_2012", "iso3"])
    assert len(oecd) == 34
    assert "PLW" not in set(c["iso3"])
    fh = c[c["variable"] == "fh_status"]
    assert fh["iso3"].is_unique and set(fh["value"]) <= {"F", "PF", "NF"}


def test_session_numbering_conflicts_are_flagged_not_hidden(tables):
    s = tables["sessions"]
    closing = s[s["transcript_source_id"] == "cart-plenary17-closing-2012-12-14"]
    assert set(closing["plenary"]) == {17} and set(closing["plenary_as_numbered"]) == {13, 17}
    assert closing["numbering_flag"].str.contains("13 and 17").all()
    p14 = s[s["plenary"] == 14].iloc[0]
    assert p14["start_local"] == "19:30" and p14["start_utc"].hour == 15


def test_every_documented_ballot_report_is_kept(tables):
    reports = tables["ballot_reports"]
    ballots = tables["ballots"].set_index(["vote_id", "iso3"])
    for (vote_id, iso3), grp in reports.groupby(["vote_id", "iso3"]):
        row = ballots.loc[(vote_id, iso3)]
        assert row["n_reports"] == len(grp)
        assert set(row["source_ids"].split(";")) == set(grp["source_id"])
    cze = ballots.loc[(PREAMBLE, "CZE")]
    assert cze["n_reports"] >= 1 and cze["ballot"] == "no"
