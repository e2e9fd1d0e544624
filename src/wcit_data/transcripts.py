"""Parse CART ("finished transcript") texts into ordered speaker turns.

CART captioners mark each new speaker with ``>>`` followed by an upper-case label and a
colon (``>> UNITED STATES OF AMERICA: Thank you, Chair``). Parenthesised notes such as
``(Captioner standing by)`` or ``(Interpretation: ...)`` are kept as turns of the
captioner or interpreter, never attributed to a delegation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wcit_data.states import try_lookup_state

# ">>" in most CART files; a single ">" in some reposts (plenaries 1 and 9)
TURN_MARK = re.compile(r"(?:^|(?<=\s))>{1,2}(?=\s*[A-Z(])")
LABEL = re.compile(r"^\s*(?P<label>[A-Z][A-Z0-9 .,'’()&/\-]{1,80}?)\s*:\s*(?P<text>.*)$", re.S)
# line-start labels of reposts without ">>" use mixed case ("Chair:", "Kazakhstan:")
LABEL_MIXED = re.compile(r"^\s*(?P<label>[A-Z][A-Za-z0-9 .,'’()&/\-]{1,60}?)\s*:\s*(?P<text>.*)$", re.S)
NOTE = re.compile(r"^\s*[\(\[](?P<note>[^\)\]]{1,200})[\)\]]\s*$", re.S)

CHAIR_LABELS = {"CHAIR", "CHAIRMAN", "CHAIRPERSON", "CHAIRWOMAN", "THE CHAIR", "THE CHAIRMAN", "PRESIDENT",
                "CHAIR AL GHANIM", "CHAIRMAN AL GHANIM"}
SECRETARIAT_WORDS = ("SECRETARY", "SECRETARIAT", "LEGAL ADVISER", "LEGAL ADVISOR", "TOURE", "TOURÉ", "ITU",
                     "ZHAO", "COUNSELLOR")


@dataclass(frozen=True)
class Turn:
    order: int
    speaker: str
    role: str  # state | chair | secretariat | interpreter | captioner | other
    iso3: str | None
    text: str
    labelled: bool = True  # False when the captioner gave no speaker label


def _role_and_state(label: str, index) -> tuple[str, str | None]:
    upper = label.upper().strip()
    if upper in CHAIR_LABELS or upper.startswith("CHAIR"):
        return "chair", None
    if "INTERPRET" in upper:
        return "interpreter", None
    if "CAPTION" in upper:
        return "captioner", None
    if any(word in upper for word in SECRETARIAT_WORDS):
        return "secretariat", None
    iso3 = try_lookup_state(label, index=index)
    return ("state", iso3) if iso3 else ("other", None)


def _note_role(note: str) -> str:
    low = note.lower()
    if "interpret" in low:
        return "interpreter"
    return "captioner"


LINE_LABEL = re.compile(r"(?m)^(?=[A-Z][A-Za-z .,'’()&/\-]{1,60}:)")


def _line_labelled_segments(text: str, index) -> list[str]:
    """Reposts without ">>" marks ("Chair: ..." at line starts): keep only labels naming the chair,
    the secretariat or a state, so header lines such as "Services provided by:" stay out."""
    segments = []
    for chunk in LINE_LABEL.split(text):
        label = LABEL_MIXED.match(" ".join(chunk.split()))
        if label and _role_and_state(label.group("label"), index)[0] != "other":
            segments.append(chunk)
        elif segments:
            segments[-1] += " " + chunk
    return segments


def parse_transcript(text: str, *, index: dict | None = None) -> list[Turn]:
    """Ordered turns of a CART transcript. Text before the first ``>>`` (the header) is skipped.

    ``index`` is an alias index (see states.build_alias_index); by default the shipped one.

    >>> [(t.speaker, t.iso3) for t in parse_transcript(">> CHAIR: Good evening. >> UNITED STATES: Thank you.")]
    [('CHAIR', None), ('UNITED STATES', 'USA')]
    """
    segments, label_re = TURN_MARK.split(text)[1:], LABEL
    if not segments:
        segments, label_re = _line_labelled_segments(text, index), LABEL_MIXED
    turns: list[Turn] = []
    for raw in segments:
        segment = " ".join(raw.split())
        if not segment:
            continue
        note = NOTE.match(segment)
        label = label_re.match(segment)
        if note:
            role = _note_role(note.group("note"))
            turns.append(Turn(len(turns) + 1, role.upper(), role, None, segment, labelled=False))
        elif label:
            speaker = label.group("label").strip()
            role, iso3 = _role_and_state(speaker, index)
            turns.append(Turn(len(turns) + 1, speaker, role, iso3, label.group("text").strip()))
        else:
            # A ">>" with no label: CART uses it for the same or an unidentified speaker.
            turns.append(Turn(len(turns) + 1, "UNIDENTIFIED", "other", None, segment, labelled=False))
    return turns
