"""Issue 10 (items 1-3) and issue 11 (URLs): outcome vs intent, independent sources, best evidence shown."""

from __future__ import annotations

import pandas as pd
import pytest

OUTCOMES = {"signed", "did_not_sign"}


def _sig(tables) -> pd.DataFrame:
    return tables["signatures"].assign(signature_status=lambda f: f["signature_status"].astype(str)).set_index("iso3")


def _reports(tables) -> pd.DataFrame:
    return tables["signature_reports"].astype({c: str for c in ("report_type", "reported", "reading", "iso3")})


def test_no_status_rests_on_intent_or_context_only(tables):
    sig, rep = _sig(tables), _reports(tables)
    stated = rep[(rep["report_type"] == "outcome") & (rep["reading"] == "stated")]
    known = sig[sig["signature_status"] != "unknown"]
    assert len(known) > 50
    for iso3, row in known.iterrows():
        backing = stated[(stated["iso3"] == iso3) & (stated["reported"] == row["signature_status"])]
        assert len(backing), f"{iso3} {row['signature_status']} has no stated outcome report"


def test_reports_keep_outcome_and_intention_apart(tables):
    rep = _reports(tables)
    assert set(rep.loc[rep["report_type"] == "outcome", "reported"]) <= OUTCOMES
    assert not set(rep.loc[rep["report_type"] == "intention", "reported"]) & OUTCOMES
    # the pre-ceremony refusals the audit found are intentions, with the date of the statement
    for sid, iso3 in [("gplus-2012-12-13-cnet-excerpt-refusing-to-sign", "POL"),
                      ("afr-2012-12-13-australia-holds-out-on-un-internet-treaty", "AUS"),
                      ("fundeprode-costa-rica-no-suscribira-acuerdo", "CRI"),
                      ("digi-no-2012-12-14-iransk-kupp", "NOR"),
                      ("btg-2013-01-09-nederland-tekent-vn-telecomverdrag-niet", "NLD")]:
        row = rep[(rep["source_id"] == sid) & (rep["iso3"] == iso3)].iloc[0]
        assert row["report_type"] == "intention", (sid, iso3)
    finweb = rep[(rep["source_id"] == "finweb-2012-12-14-polska-nie-podpisala-itr") & rep["iso3"].isin(["SWE", "GBR"])]
    assert (finweb["reading"] == "context").all()  # "nie poparła" (did not support) is not "did not sign"


def test_the_build_refuses_a_status_resting_on_intent(tables):
    from wcit_data.build.derive.signatures import signature_errors

    sig = tables["signatures"].copy()
    sig["signature_status"] = sig["signature_status"].astype(str)
    sig.loc[sig["iso3"] == "QAT", "signature_status"] = "did_not_sign"  # QAT only announced it
    errors = signature_errors(sig, _reports(tables))
    assert any("QAT" in e and "no stated outcome report" in e for e in errors)
    sig["signature_status"] = "signed"
    assert any("more than the official 89" in e for e in signature_errors(sig, _reports(tables)))


def test_qatar_liechtenstein_iceland_are_unknown_with_their_reasoning(tables):
    sig = _sig(tables)
    qat = sig.loc["QAT"]
    assert qat["signature_status"] == "unknown" and qat["confidence"] == "intention_only"
    assert qat["announced"] == "will_not_sign" and str(qat["announced_date"]) == "2012-12-13"
    assert "no outcome report" in qat["resolution"] and "announced intention" in qat["resolution"]
    for iso3 in ("LIE", "ISL"):
        row = sig.loc[iso3]
        assert row["signature_status"] == "unknown"
        assert "nicht ratifiziert" in row["resolution"] and "accreditation" in row["resolution"]


def test_the_blog_sentence_cut_before_its_verb_sets_no_status(tables):
    rep, sig = _reports(tables), _sig(tables)
    blog = rep[rep["source_id"] == "macjordangh-ghana-35-african-nations-sign-itrs"]
    cut = blog[blog["reported"] == "signed"]  # the list "In all, 36 African countries including ..." (no verb)
    assert len(cut) >= 28 and (cut["reading"] == "context").all()
    only_blog = set(cut["iso3"]) - set(rep[(rep["source_id"] != cut["source_id"].iloc[0])
                                           & (rep["report_type"] == "outcome") & (rep["reading"] == "stated")]["iso3"])
    assert len(only_blog) >= 20
    assert (sig.loc[sorted(only_blog), "signature_status"] == "unknown").all()
    assert (sig.loc[sorted(only_blog), "confidence"] == "context_only").all()
    assert sig.loc["GHA", "signature_status"] == "signed"  # Ghana Business News states it


def test_counts_never_exceed_89_55_and_confidence_is_filterable(tables):
    sig = _sig(tables)
    assert (sig["signature_status"] == "signed").sum() <= 89
    assert (sig["signature_status"] == "did_not_sign").sum() <= 55
    assert sig["confidence"].notna().all()
    known = sig[sig["signature_status"] != "unknown"]
    assert set(known["confidence"].astype(str)) <= {"corroborated", "single_outcome_report",
                                                    "group_statement_only", "conflicting"}
    assert (sig.loc[sig["signature_status"] == "unknown", "confidence"].astype(str)
            .isin(["conflicting", "group_statement_unresolved", "context_only", "intention_only", "none"]).all())
    assert sig.loc["GBR", "confidence"] == "corroborated"


def test_group_statements_resolve_only_accredited_members(tables):
    sig, rep = _sig(tables), _reports(tables)
    about_144 = "cyil-2013-vrbova-novakova-bulanek-wcit"
    part = tables["participation"]
    credentials = set(part.loc[part["attribute"].astype(str) == "credentials", "iso3"])
    group_only = sig[sig["confidence"] == "group_statement_only"]
    assert len(group_only) >= 10
    for iso3 in group_only.index:
        mine = rep[(rep["iso3"] == iso3) & (rep["report_type"] == "outcome") & (rep["reading"] == "stated")]
        assert about_144 in set(mine["source_id"]) or iso3 in credentials, iso3
    # LIE and ISL: the regulator's "EU und EFTA" sentence is not about the 144 and says "nicht ratifiziert"
    assert sig.loc[["LIE", "ISL"], "signature_status"].eq("unknown").all()


def test_coverage_reports_confidence():
    from wcit_data.meta import coverage, signature_coverage

    cov = signature_coverage()
    assert sum(cov["confidence"].values()) == 193
    assert cov["unknown_announced"].get("will_not_sign", 0) >= 1  # QAT
    rows = coverage("signatures")
    assert rows["column"].str.startswith("confidence=").sum() == len(cov["confidence"])


def test_best_evidence_shown_follows_the_rule(tables):
    sig, rep = _sig(tables), _reports(tables)
    for iso3, row in sig[sig["signature_status"] != "unknown"].iterrows():
        shown = rep[(rep["iso3"] == iso3) & (rep["source_id"] == row["source_id"]) & (rep["evidence"] == row["evidence"])]
        assert len(shown) and (shown["report_type"] == "outcome").all(), iso3
    usa = sig.loc["USA"]
    assert usa["announced_source_id"] == "us-kramer-remarks-2012-12-13-atlarge-repost"  # the official statement
    assert sig.loc["NLD", "source_id"] != "btg-2013-01-09-nederland-tekent-vn-telecomverdrag-niet"
    assert sig.loc["JPN", "source_id"].startswith("mic-japan")  # primary over press


def test_presence_of_non_signatories_is_derived_and_marked(tables):
    states = tables["states"].set_index("iso3")
    sig = _sig(tables)
    for iso3 in sig.index[sig["signature_status"] == "did_not_sign"]:
        assert states.loc[iso3, "present_wcit12"] == "yes", iso3
        basis = states.loc[iso3, "present_basis"]
        assert basis == "participation report" or basis.startswith("derived:"), iso3


def test_no_two_sources_share_a_url_and_every_url_is_an_address(tables):
    src = tables["sources"]
    urls = src["url"].dropna()
    assert not urls.duplicated().any()
    assert urls.str.startswith(("http://", "https://")).all()
    assert not urls.str.endswith(("...", "\u2026")).any()
    emptied = src[src["url"].isna() & src["notes"].fillna("").str.contains("truncated")]
    assert len(emptied) == 9
    # the four covariate extracts that had a file path as address cite the upstream file at its commit
    covariate_extracts = src[src["source_id"].isin(["context-freedom-house-2012", "context-polity5-2012",
                                                    "context-vdem-2012", "context-internet-users-2011-2012"])]
    assert len(covariate_extracts) == 4
    assert covariate_extracts["url"].str.startswith("https://github.com/").all()
    assert covariate_extracts["url"].str.contains("/blob/").all()


def test_merged_duplicates_stay_resolvable(tables, root):
    from wcit_data.build.sources import SourceRegistry

    registry = SourceRegistry(root / "data" / "sources")
    assert registry.canonical("tradearabia-reuters-2012-12-14-us-refuses") == "tradearabia-2012-12-14-us-refuses-sign"
    src = tables["sources"].set_index("source_id")
    assert "tradearabia-reuters-2012-12-14-us-refuses" in src.loc["tradearabia-2012-12-14-us-refuses-sign", "aliases"]
    assert not registry.integrity_errors()


def test_relays_point_to_their_origin_and_counts_are_independent(tables):
    src = tables["sources"].set_index("source_id")
    assert src.loc["lirneasia-2012-12-14-who-signed-itrs", "origin"] == "ibtimes-uk-2012-12-14-digital-cold-war-itu-fails"
    assert src.loc["kiwiblog-2012-12-23-inside-story-quoting-dourado", "relation"] == "quotes"
    assert src.loc["zdnet-de-un-streiten-menschenrechtsklausel", "relation"] == "translates"
    assert src.loc["igcaucus-2012-12-14-mccullagh-cnet-un-summit-implodes", "origin"] == "cnet-2012-12-13-un-summit-implodes"
    sig = _sig(tables)
    assert (sig["n_independent"] <= sig["n_reports"]).all()
    assert (sig["n_independent"] < sig["n_reports"]).any()
    assert "independent" in sig.loc["GBR", "resolution"]
    votes = tables["votes"]
    assert (votes["n_independent"] <= votes["n_reports"]).all()


def test_the_77_33_8_tally_is_adopted_from_a_public_page_that_states_it(tables):
    v = tables["votes"].set_index("vote_id").loc["preamble-2012-12-13"]
    assert v["source_id"] == "ifex-article19-2013-01-04-wcit-what-happened"
    assert "77 for, 33 against and 8" in v["evidence"]
    src = tables["sources"].set_index("source_id").loc[v["source_id"]]
    assert src["url"].startswith("https://") and src["origin"] == v["source_id"]


def test_claim_explanations_count_independent_reports(tables):
    c = tables["claims"].set_index("claim_id")
    assert "independent reports name Iran" in c.loc["iran-called-for-vote", "explanation"]
    assert "independent report(s) give this full tally" in c.loc["african-amendment-77-33-8", "explanation"]


@pytest.mark.parametrize("name", ["signature_reports", "participation", "conference_totals"])
def test_owned_curated_files_cite_current_source_ids(root, name):
    from wcit_data.build.sources import SourceRegistry

    registry = SourceRegistry(root / "data" / "sources")
    frame = pd.read_csv(root / "data" / "curated" / f"{name}.csv", dtype=str)
    assert not set(frame["source_id"]) & set(registry.aliases)


def test_registry_refuses_shared_urls_truncated_urls_and_bad_relations(tmp_path):
    import csv

    from wcit_data.build.sources import REGISTRY_COLUMNS, RELATION_COLUMNS, SourceRegistry, sha256_file

    (tmp_path / "text").mkdir()
    rows = []
    for sid, url in [("a-source", "https://example.org/x"), ("b-source", "https://example.org/x"),
                     ("c-source", "https://studylib.net/doc/1/finished-transcript...")]:
        path = tmp_path / "text" / f"{sid}.txt"
        path.write_text("Some passage.\n", encoding="utf-8")
        rows.append({"source_id": sid, "url": url, "sha256": sha256_file(path)})
    with open(tmp_path / "sources.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=REGISTRY_COLUMNS)
        writer.writeheader()
        writer.writerows({k: r.get(k, "") for k in REGISTRY_COLUMNS} for r in rows)
    with open(tmp_path / "relations.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=RELATION_COLUMNS)
        writer.writeheader()
        writer.writerow({"source_id": "a-source", "relation": "copies", "derived_from": "nowhere",
                         "origin_label": "", "evidence": "not in the text", "note": ""})
    (tmp_path / "aliases.csv").write_text("alias,source_id,reason\nold-id,gone-id,test\n", encoding="utf-8")
    errors = "\n".join(SourceRegistry(tmp_path).integrity_errors())
    assert "share the URL" in errors and "no usable URL" in errors
    assert "relation 'copies' is not one of" in errors and "'nowhere' is not in sources.csv" in errors
    assert "evidence not found verbatim" in errors and "points to unknown source 'gone-id'" in errors


def test_rank_rule_orders_reports_as_documented():
    from wcit_data.build.derive.signatures import rank_reports

    reports = pd.DataFrame([
        # (reading, evidence_kind, source, statement_date)
        {"reading": "stated", "evidence_kind": "direct", "source_id": "press-later-en", "statement_date": "2012-12-17"},
        {"reading": "stated", "evidence_kind": "direct", "source_id": "press-relay", "statement_date": "2012-12-14"},
        {"reading": "stated", "evidence_kind": "direct", "source_id": "press-14-de", "statement_date": "2012-12-14"},
        {"reading": "stated", "evidence_kind": "group_statement", "source_id": "official", "statement_date": "2012-12-14"},
        {"reading": "context", "evidence_kind": "direct", "source_id": "official", "statement_date": "2012-12-14"},
        {"reading": "stated", "evidence_kind": "direct", "source_id": "official", "statement_date": "2013"},
    ])
    kinds = {"official": "primary"}
    origins = {"press-relay": "press-14-de"}
    languages = {"press-later-en": "en", "press-relay": "en", "press-14-de": "de", "official": "en"}
    ranked = rank_reports(reports, kinds, origins, languages)
    assert list(ranked.index) == [5, 2, 1, 0, 3, 4]  # primary; 14 Dec independent (de) over its English relay


def test_audit_doc_states_the_current_counts(tables, root):
    doc = (root / "docs" / "audit" / "signatures-and-sources.md").read_text(encoding="utf-8")
    status = _sig(tables)["signature_status"].value_counts()
    assert f"| all | {status['did_not_sign']} | {status['signed']} | {status['unknown']} | 193 |" in doc
    for level, n in _sig(tables)["confidence"].astype(str).value_counts().items():
        assert any(line.startswith(f"| {level} |") and line.rstrip().endswith(f"| {n} |") for line in doc.splitlines()), level


def test_status_is_marked_when_no_report_dates_it_to_the_signing_day(tables):
    """signature_status means "on 14 Dec 2012" only where signing_day_dated; undated outcomes are marked."""
    sig = _sig(tables)
    known = sig[sig["signature_status"] != "unknown"]
    dated = known["signing_day_dated"].astype(bool)
    assert (pd.to_datetime(known.loc[dated, "date"]) == pd.Timestamp("2012-12-14")).all()
    assert not sig.loc[sig["signature_status"] == "unknown", "signing_day_dated"].astype(bool).any()
    # MEX and POL now show a report that dates the outcome (MEX: "fue firmado por 89 naciones ... México")
    for iso3 in ("MEX", "POL", "KEN"):
        assert bool(sig.loc[iso3, "signing_day_dated"]), iso3
        assert pd.Timestamp(sig.loc[iso3, "date"]) == pd.Timestamp("2012-12-14"), iso3
    assert "89 naciones" in sig.loc["MEX", "evidence"]
    # CHE rests on BAKOM's undated statement: status kept, marked, and the resolution says so
    che = sig.loc["CHE"]
    assert che["signature_status"] == "did_not_sign" and not bool(che["signing_day_dated"])
    assert che["source_id"] == "bakom-infomailing-33-itr-kein-konsens" and pd.isna(che["date"])
    assert "does not date the outcome to 14 Dec 2012" in che["resolution"]
    assert list(known.index[~dated]) == ["CHE"]
