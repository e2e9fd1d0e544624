"""The CART parser on the stored transcript snapshots."""

import pytest

from wcit_data.build.sources import SourceRegistry
from wcit_data.transcripts import parse_transcript


@pytest.fixture(scope="module")
def text(root):
    registry = SourceRegistry(root / "data" / "sources")
    return registry.text


def test_plenary14_opens_with_the_chair(text):
    turns = parse_transcript(text("cart-plenary14-2012-12-13"))
    assert turns[0].speaker == "CHAIR" and turns[0].role == "chair" and turns[0].iso3 is None
    assert turns[0].text.startswith("Good evening.")


def test_closing_plenary_recognises_states_and_unlabelled_turns(text):
    turns = parse_transcript(text("cart-plenary17-closing-2012-12-14"))
    assert turns[0].labelled is False  # the announcement about signatory folders has no label
    cuba = [t for t in turns if t.speaker == "CUBA"]
    assert cuba and cuba[0].iso3 == "CUB" and cuba[0].role == "state"
    assert [t.order for t in turns] == list(range(1, len(turns) + 1))


def test_plenary15_iran(text):
    turns = parse_transcript(text("cart-plenary15-2012-12-13"))
    assert any(t.iso3 == "IRN" for t in turns)


def test_single_angle_marks_are_turns(text):
    turns = parse_transcript("HEADER\n> CHAIR: Welcome.\n> SWEDEN: Thank you.\n")
    assert [(t.speaker, t.iso3) for t in turns] == [("CHAIR", None), ("SWEDEN", "SWE")]


def test_captioner_notes_are_not_delegations():
    turns = parse_transcript(">> CHAIR: We break.\n>> (Captioner standing by)\n>> (Interpretation not available)\n")
    assert [t.role for t in turns] == ["chair", "captioner", "interpreter"]
    assert all(t.iso3 is None for t in turns)


def test_every_transcript_snapshot_parses(root, tables):
    iv = tables["interventions"]
    parsed = iv[iv["order_basis"] == "transcript"]
    assert parsed["source_id"].nunique() >= 10
    assert (parsed.groupby("source_id")["order"].min() == 1).all()


def test_parser_runs_on_every_stored_transcript_copy(tables, text):
    """Every CART snapshot, including second copies not used for the interventions table, parses to turns."""
    sources = tables["sources"]
    cart = sources[sources["source_id"].str.startswith("cart-")]
    assert len(cart) >= 14
    for sid in cart["source_id"]:
        turns = parse_transcript(text(sid))
        assert turns, sid
        assert all(t.iso3 is None or t.role == "state" for t in turns)


def test_plenary15_second_copy_is_dropped(text):
    """The plenary 15 snapshot holds the opening turns twice (page text, then the page repost)."""
    turns = parse_transcript(text("cart-plenary15-2012-12-13"))
    captioned = [(t.speaker, t.text) for t in turns]
    assert len(captioned) == len(set(captioned)) == 8
    assert sum(t.text.startswith("Good evening, ladies and gentlemen") for t in turns) == 1
    assert [t.speaker for t in turns[:5]] == ["CHAIR", "CHAIRMAN COMMITTEE 4", "CHAIR", "IRAN", "CHAIR"]


@pytest.mark.parametrize("sid", ["cart-plenary15-2012-12-13", "cart-plenary10-2012-12-12",
                                 "cart-plenary17-closing-2012-12-14"])  # cart-closing-plenary-2012-12-14 merged into it (same URL)
def test_page_headers_and_service_notices_are_not_in_turns(text, sid):
    for t in parse_transcript(text(sid)):
        for furniture in ("Services provided by", "Services Provided by", "Caption First", "Transcript of",
                          "Web view", "FINAL TRANSCRIPT", "FINISHED TRANSCRIPT", "[...]"):
            assert furniture not in t.text, (sid, t.order, furniture)


def test_merged_turns_are_split(text):
    """The plenary 10 repost glues turns together (">> CHAIR: ...>> INTERPRETER: ...")."""
    turns = parse_transcript(text("cart-plenary10-2012-12-12"))
    assert [t.role for t in turns[:4]] == ["other", "chair", "interpreter", "chair"]
    assert all(">>" not in t.text for t in turns)
    assert len(turns) == 4  # the repost's truncated second copy adds nothing


def test_committee_chairmen_are_not_the_chair(text):
    turns = parse_transcript(text("cart-plenary15-2012-12-13"))
    committee = [t for t in turns if "COMMITTEE" in t.speaker]
    assert committee and all(t.role == "other" for t in committee)


def test_service_lines_are_not_statements(tables):
    iv = tables["interventions"]
    service = iv[iv["speaker_role"].isin(["interpreter", "captioner", "secretariat"])]
    assert len(service) >= 3
    assert not service["stance"].isin(["statement"]).any() and service["iso3"].isna().all()
    assert (iv.loc[iv["stance"] == "statement", "speaker_role"].isin(["state", "other"])).all()
