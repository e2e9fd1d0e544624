"""The provenance rule: every evidence string occurs in its stored source text; snapshots match the registry."""

import pandas as pd
import pytest

from wcit_data.build.sources import (SourceRegistry, cited_snippets, evidence_pairs, kept_whole, normalise,
                               split_passages)


@pytest.fixture(scope="module")
def registry(root):
    return SourceRegistry(root / "data" / "sources")


def test_registry_integrity(registry):
    assert registry.integrity_errors() == []


def test_every_evidence_string_is_in_its_source(tables, registry):
    missing = [(name, sid, ev[:60]) for name, _, _, sid, ev in evidence_pairs(tables)
               if pd.notna(sid) and not registry.contains(sid, ev)]
    assert missing == []


def test_every_row_with_a_known_value_has_evidence(tables):
    for name, frame in tables.items():
        if "evidence" in frame.columns and name not in ("ballots", "signatures", "state_aliases"):
            assert frame["evidence"].notna().all(), name


def test_claim_quotes_are_verbatim_from_the_post(tables, registry):
    seed = registry.normalised_text("igp-2012-12-what-really-happened-in-dubai")
    for quote in tables["claims"]["quote"]:
        assert normalise(quote) in seed


def test_normalisation_is_only_whitespace_and_nfc():
    assert normalise("a\u00a0 b\n\tc") == "a b c"
    assert normalise("e\u0301") == "\u00e9"
    assert normalise("“quoted”") == "“quoted”"  # quotes are not folded


def test_sources_registry_columns(tables):
    s = tables["sources"]
    assert s["kind"].isin(["primary", "secondary"]).all()
    assert s["sha256"].str.fullmatch(r"[0-9a-f]{64}").all()
    used = set()
    for frame in tables.values():
        for col in ("source_id", "derivation_source_id", "transcript_source_id"):
            if col in frame.columns:
                used |= set(frame[col].dropna())
    assert used <= set(s["source_id"])


def test_prose_snapshots_hold_only_cited_passages(tables, registry):
    """Others' prose (news, blogs, comments, statements) keeps only passages that some row cites;
    ITU documents and data extracts may be kept as retrieved."""
    cited = cited_snippets(tables)
    problems = []
    for row in tables["sources"].itertuples():
        if kept_whole(row.source_id, row.publisher):
            continue
        if row.source_id not in cited:
            problems.append((row.source_id, "not cited by any row"))
            continue
        for passage in split_passages(registry.text(row.source_id)):
            if not any(ev in normalise(passage) for ev in cited[row.source_id]):
                problems.append((row.source_id, passage[:60]))
    assert problems == []
