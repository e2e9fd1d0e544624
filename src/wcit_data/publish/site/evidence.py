"""Place cited evidence passages in a raw snapshot text, for highlighting.

The build matches evidence after ``build.sources.normalise`` (NFC, whitespace runs collapsed to one
space, ends stripped). Here the same normalisation is applied character by character while keeping,
for every normalised character, its offset in the (NFC) text, so a match in the normalised text maps
back to a span of the text the reader sees.
"""

from __future__ import annotations

import hashlib
import html
import unicodedata
from dataclasses import dataclass

from wcit_data.build.sources import normalise


def evidence_anchor(evidence: str) -> str:
    """Stable HTML id of a cited passage (same id on every page that links to it)."""
    return "ev-" + hashlib.sha1(normalise(evidence).encode("utf-8")).hexdigest()[:12]


def normalised_with_offsets(text: str) -> tuple[str, list[int]]:
    """``normalise(text)`` and, per character of it, the offset of its origin in ``text``.

    ``text`` must already be NFC (callers display the NFC form, visually identical to the raw text).
    """
    chars: list[str] = []
    offsets: list[int] = []
    previous_was_space = True  # drops leading whitespace, as .strip() does
    for i, ch in enumerate(text):
        if ch.isspace():  # the same class as the \s of normalise()
            if not previous_was_space:
                chars.append(" ")
                offsets.append(i)
            previous_was_space = True
        else:
            chars.append(ch)
            offsets.append(i)
            previous_was_space = False
    if chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return "".join(chars), offsets


@dataclass(frozen=True)
class Passage:
    anchor: str
    start: int  # offsets in the displayed (NFC) text
    end: int


@dataclass
class LocatedText:
    text: str  # the NFC text shown to the reader
    passages: list[Passage]
    missing: list[str]  # cited evidence not found (the build forbids this; reported, never hidden)

    def anchors(self) -> set[str]:
        return {p.anchor for p in self.passages}


def locate(raw: str, evidence_strings) -> LocatedText:
    """Every occurrence of every evidence string in ``raw``, as spans of its NFC form."""
    text = unicodedata.normalize("NFC", raw)
    norm, offsets = normalised_with_offsets(text)
    if norm != normalise(raw):  # guards the offset map against drifting from the documented rule
        raise AssertionError("offset map disagrees with build.sources.normalise")
    passages, missing = [], []
    for evidence in dict.fromkeys(evidence_strings):
        needle = normalise(evidence)
        if not needle:
            continue
        anchor, found, at = evidence_anchor(evidence), False, norm.find(needle)
        while at != -1:
            passages.append(Passage(anchor, offsets[at], offsets[at + len(needle) - 1] + 1))
            found = True
            at = norm.find(needle, at + 1)
        if not found:
            missing.append(evidence)
    passages.sort(key=lambda p: (p.start, p.end))
    return LocatedText(text, passages, missing)


def highlighted_html(located: LocatedText) -> str:
    """The text as escaped HTML: cited spans in <mark>, an anchor before the first occurrence of each."""
    text, passages = located.text, located.passages
    bounds = sorted({0, len(text), *(p.start for p in passages), *(p.end for p in passages)})
    first_start = {}
    for p in passages:
        first_start.setdefault(p.anchor, p.start)
    anchors_at: dict[int, list[str]] = {}
    for anchor, start in first_start.items():
        anchors_at.setdefault(start, []).append(anchor)
    out = []
    for lo, hi in zip(bounds, bounds[1:]):
        out.extend(f'<span class="ev-anchor" id="{a}"></span>' for a in anchors_at.get(lo, []))
        segment = html.escape(text[lo:hi])
        covering = sorted({p.anchor for p in passages if p.start <= lo and hi <= p.end})
        out.append(f'<mark class="ev" data-ev="{" ".join(covering)}">{segment}</mark>' if covering else segment)
    return "".join(out)
