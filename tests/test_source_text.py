"""wcit_data.source_text: every stored text, verified against the sources table; aliases; clear errors."""

import pytest

import wcit_data as wd
from wcit_data import snapshots

IGP = "igp-2012-12-what-really-happened-in-dubai"


def test_every_source_has_its_verified_text_holding_its_evidence():
    texts = {sid: wd.source_text(sid) for sid in wd.load_sources()["source_id"].astype(str)}
    assert len(texts) == len(wd.load_sources()) and all(texts.values())
    claims = wd.load_claims()
    igp_evidence = claims.loc[claims["source_id"].astype(str) == IGP, "evidence"].dropna()
    assert len(igp_evidence) > 0
    normalised = " ".join(texts[IGP].split())
    assert all(" ".join(ev.split()) in normalised for ev in igp_evidence)


def test_a_merged_id_resolves_to_the_kept_source():
    assert wd.source_text("tradearabia-reuters-2012-12-14-us-refuses") == wd.source_text(
        "tradearabia-2012-12-14-us-refuses-sign")


def test_a_changed_text_is_an_integrity_error(monkeypatch):
    original = snapshots.stored_text_bytes(IGP)
    monkeypatch.setattr(snapshots, "stored_text_bytes", lambda sid: original + b" edited")
    with pytest.raises(wd.DataIntegrityError, match=rf"{IGP}.*SHA-256 .*but the sources table records"):
        wd.source_text(IGP)


def test_a_missing_text_is_an_integrity_error(monkeypatch):
    monkeypatch.setattr(snapshots, "stored_text_bytes", lambda sid: None)
    with pytest.raises(wd.DataIntegrityError, match=rf"{IGP}.*missing from the installed package"):
        wd.source_text(IGP)


@pytest.mark.parametrize("bad", ["", None, 7])
def test_a_non_string_id_is_refused(bad):
    with pytest.raises(ValueError, match="source_id must be a non-empty string"):
        wd.source_text(bad)
