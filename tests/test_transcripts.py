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
