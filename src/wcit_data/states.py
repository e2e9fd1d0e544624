"""Resolve state names (ITU designations, transcript speaker labels, common names) to ISO3.

Matching rules (documented in docs/audit/names-and-regions.md):

* Codes (ISO 3166-1 alpha-2 and alpha-3) match only as written in upper case: "NO" is Norway, "no" is no
  state.
* Names match on a normalised key (case, accents, punctuation and ITU abbreviations ignored), in any script.
* A name is ambiguous, and refused with the candidates listed, when its words are contained in the CLDR short
  names of two or more Member States in any language of the extract ("Korea" in "South Korea" and "North
  Korea", "Congo", "Guinea", "Sudan" in "South Sudan"), even when it is also one state's own short name.
  Words are separated by white space (a hyphenated compound is one word); a complete multi-word CLDR name
  of exactly one state is not ambiguous.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache


class StateLookupError(LookupError, ValueError):
    """No state, or more than one, matches a name."""


# ITU abbreviates designations ("Korea (Rep. of)", "Dem. People's Rep. of Korea"): expand before matching.
ABBREVIATIONS = {"rep": "republic", "dem": "democratic", "fed": "federal", "isl": "islamic", "st": "saint",
                 "ste": "sainte", "utd": "united"}
# Alias kinds: codes match case-sensitively; CLDR short names also define ambiguity.
CODE_KIND = "iso_code"
SHORT_NAME_KIND = "cldr_name"
_NON_WORD = re.compile(r"[\W_]+")


def alias_key(name: str) -> str:
    """Casefolded form without accents and punctuation, ITU abbreviations expanded; other scripts are kept.

    >>> alias_key("Côte d'Ivoire"), alias_key("Korea (Rep. of)"), alias_key("韩国")
    ('cote d ivoire', 'korea republic of', '韩国')
    """
    text = unicodedata.normalize("NFKD", str(name).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("&", " and ")
    words = [ABBREVIATIONS.get(w, w) for w in _NON_WORD.sub(" ", text).split()]
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def name_words(name: str) -> frozenset[str]:
    """The words of a name for the ambiguity rule: split on white space only, so that a hyphenated compound
    ("Guinea-Bissau", "Valko-Venäjä") is one word and does not contain "Guinea" or "Venäjä"."""
    return frozenset(word for word in (alias_key(chunk).replace(" ", "") for chunk in str(name).split()) if word)


@dataclass(frozen=True)
class AliasIndex:
    """What lookup_state matches against: names by key, upper-case codes, and CLDR short names by word."""

    names: dict[str, tuple[str, ...]]
    codes: dict[str, str] = field(default_factory=dict)
    # (iso3, CLDR short name, its words), and word -> positions in that list
    short_names: tuple[tuple[str, str, frozenset[str]], ...] = ()
    short_name_words: dict[str, frozenset[int]] = field(default_factory=dict)
    # iso3 -> the ISO 3166-1 English short name, to name candidates in messages
    english: dict[str, str] = field(default_factory=dict)

    def sharing_states(self, name: str) -> dict[str, str]:
        """iso3 -> a CLDR short name of that state whose words include every word of ``name``; empty when
        ``name`` is the complete multi-word CLDR name of exactly one state ("Kongon tasavalta" is the Republic
        of the Congo, although the Finnish name of the DR Congo contains both words)."""
        words = name_words(name)
        if not words:
            return {}
        hits = frozenset.intersection(*(self.short_name_words.get(w, frozenset()) for w in words))
        found: dict[str, str] = {}
        exact: set[str] = set()
        for position in sorted(hits):
            iso3, short, short_words = self.short_names[position]
            found.setdefault(iso3, short)
            if words == short_words:
                exact.add(iso3)
        if len(words) > 1 and len(exact) == 1:
            return {}
        return found


def build_alias_index(aliases) -> AliasIndex:
    """The lookup index of a state_aliases DataFrame (columns alias, alias_key, iso3, kind)."""
    names: dict[str, set[str]] = {}
    codes: dict[str, str] = {}
    short: list[tuple[str, str, frozenset[str]]] = []
    english: dict[str, str] = {}
    for alias, key, iso3, kind in zip(aliases["alias"], aliases["alias_key"], aliases["iso3"],
                                      aliases["kind"].astype(str)):
        if kind == CODE_KIND:
            codes[str(alias)] = iso3
            continue
        names.setdefault(key, set()).add(iso3)
        if kind == "iso_name":
            english.setdefault(iso3, str(alias))
        if kind == SHORT_NAME_KIND:
            short.append((iso3, str(alias), name_words(alias)))
    by_word: dict[str, set[int]] = {}
    for position, (_, _, words) in enumerate(short):
        for word in words:
            by_word.setdefault(word, set()).add(position)
    return AliasIndex(names={k: tuple(sorted(v)) for k, v in names.items()}, codes=codes, short_names=tuple(short),
                      short_name_words={w: frozenset(p) for w, p in by_word.items()}, english=english)


@lru_cache(maxsize=1)
def _alias_index() -> AliasIndex:
    from wcit_data.loading import load

    return build_alias_index(load("state_aliases"))


def _as_index(index) -> AliasIndex:
    if index is None:
        return _alias_index()
    if isinstance(index, AliasIndex):
        return index
    if isinstance(index, Mapping):  # a plain {alias_key: iso3s} mapping: names only
        return AliasIndex(names={k: tuple(v) for k, v in index.items()})
    raise TypeError(f"index must be an AliasIndex (see build_alias_index) or a mapping, not {type(index).__name__}")


def lookup_state(name: str, *, index: AliasIndex | Mapping | None = None) -> str:
    """ISO3 code of the ITU Member State called ``name``.

    Accepts upper-case ISO codes, ITU designations ("Korea (Rep. of)"), CART speaker labels
    ("UNITED STATES OF AMERICA", "UK"), CLDR names in the languages of the sources ("Zweden",
    "Allemagne", "韩国") and World Bank names ("Korea, Rep."). Raises TypeError for a non-string and
    StateLookupError (a ValueError) when no state matches or the name is ambiguous, listing the
    candidates or close matches.

    >>> lookup_state("Zweden"), lookup_state("Korea, Rep."), lookup_state("NOR")
    ('SWE', 'KOR', 'NOR')
    """
    if not isinstance(name, str):
        raise TypeError(f"lookup_state expects a state name as a string, not {type(name).__name__} ({name!r})")
    idx = _as_index(index)
    stripped = name.strip()
    if stripped in idx.codes:
        return idx.codes[stripped]
    key = alias_key(stripped)
    if not key:
        raise StateLookupError(f"{name!r} is not a state name (no letters or digits).")
    sharing = idx.sharing_states(stripped)
    if len(sharing) > 1:
        # name the candidates in English; the CLDR name that matched may be in any of the 19 languages
        listed = ", ".join(f"{iso3} ({idx.english.get(iso3, short)})" for iso3, short in sorted(sharing.items()))
        raise StateLookupError(
            f"{name!r} is ambiguous: it is part of the names of {len(sharing)} Member States: {listed}. "
            "Use an upper-case ISO3 code or a fuller name.")
    matches = idx.names.get(key, ())
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise StateLookupError(
            f"{name!r} is ambiguous: it matches {', '.join(matches)}. Use an upper-case ISO3 code or a fuller name.")
    raise StateLookupError(f"No ITU Member State matches {name!r}{_suggestion(key, idx)} "
                           "See wcit_data.load_state_aliases() for accepted names.")


def _suggestion(key: str, idx: AliasIndex) -> str:
    close = difflib.get_close_matches(key, list(idx.names), n=5, cutoff=0.75)
    if key.upper() in idx.codes:
        return f"; codes are matched in upper case: did you mean {key.upper()!r}?"
    if not close:
        return "."
    return "; did you mean " + ", ".join(f"{c!r} ({'/'.join(idx.names[c])})" for c in close) + "?"


def try_lookup_state(name: str, *, index: AliasIndex | Mapping | None = None) -> str | None:
    """ISO3 of ``name``, or None when no single Member State matches (see lookup_state)."""
    try:
        return lookup_state(name, index=index)
    except StateLookupError:
        return None
