"""Parse CART ("finished transcript") texts into ordered speaker turns.

CART captioners mark each new speaker with ``>>`` followed by an upper-case label and a
colon (``>> UNITED STATES OF AMERICA: Thank you, Chair``). Parenthesised notes such as
``(Captioner standing by)`` or ``(Interpretation: ...)`` are kept as turns of the
captioner or interpreter, never attributed to a delegation.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from wcit_data.states import try_lookup_state

# ">>" in most CART files, also glued to the previous sentence in page reposts ("session.>> CHAIR:");
# a single ">" (reposts of plenaries 1 and 9) only at a line start or after a space
TURN_MARK = re.compile(r"(?:>>|(?:^|(?<=\s))>)(?=\s*[A-Z(])")
# Where a page repost's boilerplate begins: everything from here to the next turn mark is page furniture
# (a page header, the captioning company's service notice, the reposting site's own captions).
BOILERPLATE = re.compile(r"\s*(?:>\s*)?(?:\[\.\.\.\]|Transcript of Web view|Page \d+:|FINISHED TRANSCRIPT|"
                         r"FINAL TRANSCRIPT|Services [Pp]rovided [Bb]y:|Web view)")
DUPLICATE_SIMILARITY = 0.9  # the second copy of a page may differ by line breaks and a dropped word
LABEL = re.compile(r"^\s*(?P<label>[A-Z][A-Z0-9 .,'’()&/\-]{1,80}?)\s*:\s*(?P<text>.*)$", re.S)
# line-start labels of reposts without ">>" use mixed case ("Chair:", "Kazakhstan:")
LABEL_MIXED = re.compile(r"^\s*(?P<label>[A-Z][A-Za-z0-9 .,'’()&/\-]{1,60}?)\s*:\s*(?P<text>.*)$", re.S)
NOTE = re.compile(r"^\s*[\(\[](?P<note>[^\)\]]{1,200})[\)\]]\s*$", re.S)

COMMITTEE_WORDS = ("COMMITTEE", "WORKING GROUP")  # a committee's chairman reports; he is not the plenary's Chair
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
    if any(word in upper for word in COMMITTEE_WORDS):
        return "other", None
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


def _copies(segments: list[str]) -> list[list[str]]:
    """Split turn segments into the copies of the transcript a snapshot holds (page reposts repeat the text
    after the page furniture); the furniture is cut off the turn it was glued to."""
    copies: list[list[str]] = [[]]
    for raw in segments:
        furniture = BOILERPLATE.search(raw)
        if furniture:
            copies[-1].append(raw[:furniture.start()])
            copies.append([])
        else:
            copies[-1].append(raw)
    return [c for c in copies if any(seg.strip() for seg in c)]


def _to_turn(raw: str, label_re, index) -> Turn | None:
    segment = " ".join(raw.split()).rstrip(">").strip()
    if not segment:
        return None
    note = NOTE.match(segment)
    label = label_re.match(segment)
    if note:
        role = _note_role(note.group("note"))
        return Turn(0, role.upper(), role, None, segment, labelled=False)
    if label:
        speaker = label.group("label").strip()
        role, iso3 = _role_and_state(speaker, index)
        return Turn(0, speaker, role, iso3, label.group("text").strip())
    # A ">>" with no label: CART uses it for the same or an unidentified speaker.
    return Turn(0, "UNIDENTIFIED", "other", None, segment, labelled=False)


def _as_captioned(turn: Turn) -> str:
    return f"{turn.speaker}: {turn.text}" if turn.labelled else turn.text


def _same_turn(a: Turn, b: Turn) -> bool:
    """The same turn in two copies: one captioned text equals, nearly equals or starts the other (a copy cut
    off mid-word, "INTERPRE", still matches "INTERPRETER: Good evening")."""
    x, y = sorted((_as_captioned(a), _as_captioned(b)), key=len)
    return y.startswith(x) or difflib.SequenceMatcher(None, x, y).ratio() >= DUPLICATE_SIMILARITY


def _merge_copy(turns: list[Turn], copy: list[Turn]) -> list[Turn]:
    """Add a later copy: the run of its turns that repeats turns already kept is dropped (the longer text
    wins); only turns beyond the overlap are appended."""
    for start in range(len(turns)):
        run = 0
        while run < len(copy) and start + run < len(turns) and _same_turn(turns[start + run], copy[run]):
            run += 1
        if run and (run == len(copy) or start + run == len(turns)):
            merged = list(turns)
            for k in range(run):
                if len(_as_captioned(copy[k])) > len(_as_captioned(merged[start + k])):
                    merged[start + k] = copy[k]
            return merged + copy[run:]
    return turns + copy


def parse_transcript(text: str, *, index: dict | None = None) -> list[Turn]:
    """Ordered turns of a CART transcript. Text before the first ``>>`` (the header) is skipped; page
    furniture (headers, service notices) is cut from turns; a second copy of the same turns is dropped.

    ``index`` is an alias index (see states.build_alias_index); by default the shipped one.

    >>> [(t.speaker, t.iso3) for t in parse_transcript(">> CHAIR: Good evening. >> UNITED STATES: Thank you.")]
    [('CHAIR', None), ('UNITED STATES', 'USA')]
    """
    segments, label_re = TURN_MARK.split(text)[1:], LABEL
    if not segments:
        segments, label_re = _line_labelled_segments(text, index), LABEL_MIXED
    turns: list[Turn] = []
    for copy in _copies(segments):
        parsed = [t for t in (_to_turn(raw, label_re, index) for raw in copy) if t is not None]
        turns = _merge_copy(turns, parsed) if turns else parsed
    return [replace(t, order=i) for i, t in enumerate(turns, 1)]
