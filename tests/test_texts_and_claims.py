"""Text analyses and claim verdicts: coverage is always reported; verdicts are computed, not stored."""

import wcit_data
from wcit_data.claims import CHECKS, run_checks


def test_mentions_reports_coverage():
    m = wcit_data.mentions("Internet", instrument="ITR 2012")
    assert {"count", "margins_retrieved", "margins_known", "coverage", "complete", "statement"} <= set(m.columns)
    assert set(m["lang"]) >= {"fr", "ru", "zh"}
    incomplete = m[~m["complete"]]
    assert incomplete["statement"].str.contains("not evidence of absence").all()


def test_mentions_counts_official_language_equivalents():
    m = wcit_data.mentions("security", instrument="ITR 2012")
    assert m["count"].sum() >= 1  # Article 5A in the retrieved Russian text at least


def test_compare_articles_covers_articles_in_both_instruments():
    cmp = wcit_data.compare_articles()
    prov = wcit_data.load_provisions()
    both = (set(prov.loc[prov["instrument"] == "ITR 1988", "article"].dropna())
            & set(prov.loc[prov["instrument"] == "ITR 2012", "article"].dropna()))
    assert both <= set(cmp["article"])
    rows = cmp[cmp["article"].isin(both)]
    assert rows["status"].isin(["unchanged", "changed", "not_comparable"]).all()
    assert rows.loc[rows["status"] == "not_comparable", "basis"].str.contains("retrieved only in").all()


def test_every_claim_names_an_existing_check(tables):
    assert set(tables["claims"]["check"]) <= set(CHECKS)


def test_verdicts_are_recomputed_from_the_tables(tables, root):
    claims = tables["claims"][["claim_id", "author", "quote", "topic", "check", "source_id", "evidence"]]
    fresh = run_checks(claims, tables).set_index("claim_id")
    shipped = tables["claims"].set_index("claim_id")
    assert (fresh["verdict"] == shipped["verdict"]).all()
    assert (fresh["explanation"] == shipped["explanation"]).all()


def test_key_verdicts(tables):
    v = tables["claims"].set_index("claim_id")["verdict"]
    assert v["african-amendment-77-33-8"] == "supported"
    assert v["resolution-room-temperature"] == "supported"
    # the vote request is supported; "intervened more than any country" cannot be counted from the tables
    assert v["iran-called-for-vote"] == "partly_supported"
    # separate from the ITR articles: yes; "not legally binding": no stored source says
    assert v["resolution-not-part-of-treaty"] == "partly_supported"
    assert v["fifty-plus-not-signing"] == "supported"
    assert v["uk-did-not-sign"] == "supported"
    assert v["curran-reservations-after-vote"] == "partly_supported"
    assert v["internet-27-in-document-47"] == "undetermined"


def test_a_verdict_changes_when_the_data_changes(tables):
    """A check that cannot fail is a defect: flip the tally and the vote claim is contradicted."""
    t = dict(tables)
    votes = t["votes"].copy()
    votes.loc[votes["vote_id"] == "preamble-2012-12-13", "abstain"] = 6
    t["votes"] = votes
    assert CHECKS["african_amendment_vote_77_33_8"](t).verdict == "contradicted"
    sig = t["signatures"].copy()
    sig.loc[sig["iso3"] == "GBR", "signature_status"] = "signed"
    t["signatures"] = sig
    assert CHECKS["uk_did_not_sign"](t).verdict == "contradicted"


def test_prevailing_language_is_read_from_the_final_formula():
    found = wcit_data.prevailing_language()
    assert found["lang"] == "fr" and found["source_id"].startswith("itu-finalacts-2012")


def test_margin_gaps_are_classified():
    gaps = wcit_data.margin_gaps("ITR 2012")
    assert len(gaps) > 0 and set(gaps["reason"]) <= {"by_design", "not_retrieved"}
    prov = wcit_data.load_provisions()
    retrieved = set(prov.loc[prov["instrument"] == "ITR 2012", "margin_no"].dropna())
    assert not set(gaps["margin_no"]) & retrieved


def test_covariates_map_one_to_one_and_report_coverage_among_members(tables):
    from wcit_data.analysis import covariates_wide

    wide = covariates_wide(tables["covariates"])
    assert wide["iso3"].is_unique and set(wide["iso3"]) <= set(tables["states"]["iso3"])
    fh = wide["fh_status"].notna().sum()
    assert 180 <= fh <= 193  # Freedom House rates almost every Member State
    assert wide["polity2"].notna().sum() < 193  # Polity skips small states: a gap, not a zero
