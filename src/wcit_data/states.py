"""Resolve state names (ITU designations, transcript speaker labels, common names) to ISO3."""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache


class StateLookupError(LookupError, ValueError):
    """No state, or more than one, matches a name."""


# ITU abbreviates designations ("Korea (Rep. of)", "Dem. People's Rep. of Korea"): expand before matching.
ABBREVIATIONS = {"rep": "republic", "dem": "democratic", "fed": "federal", "isl": "islamic", "st": "saint",
                 "ste": "sainte", "utd": "united"}


def alias_key(name: str) -> str:
    """Casefolded, accent- and punctuation-free form with ITU abbreviations expanded, used to match names."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    text = text.casefold().replace("&", " and ")
    words = [ABBREVIATIONS.get(w, w) for w in re.sub(r"[^a-z0-9]+", " ", text).split()]
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def build_alias_index(aliases) -> dict[str, tuple[str, ...]]:
    """alias_key -> ISO3 codes, from a state_aliases DataFrame."""
    index: dict[str, set[str]] = {}
    for key, iso3 in zip(aliases["alias_key"], aliases["iso3"]):
        index.setdefault(key, set()).add(iso3)
    return {k: tuple(sorted(v)) for k, v in index.items()}


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, tuple[str, ...]]:
    from wcit_data.loading import load

    return build_alias_index(load("state_aliases"))


def lookup_state(name: str, *, index: dict | None = None) -> str:
    """ISO3 code of the ITU Member State called ``name``.

    Accepts ISO codes, ITU designations ("Korea (Rep. of)"), CART speaker labels
    ("UNITED STATES OF AMERICA", "UK") and common names. Raises StateLookupError
    (a ValueError) naming close matches when there is no match or more than one.

    >>> lookup_state("Korea (Rep. of)")
    'KOR'
    """
    index = _alias_index() if index is None else index
    key = alias_key(name)
    matches = index.get(key, ())
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise StateLookupError(
            f"{name!r} is ambiguous: it matches {', '.join(matches)}. Use an ISO3 code or a fuller name.")
    close = difflib.get_close_matches(key, list(index), n=5, cutoff=0.75)
    hint = ("; did you mean " + ", ".join(f"{c!r} ({'/'.join(index[c])})" for c in close) + "?") if close else ""
    raise StateLookupError(
        f"No ITU Member State matches {name!r}{hint} "
        "See wcit_data.load_state_aliases() for accepted names.")


def try_lookup_state(name: str, *, index: dict | None = None) -> str | None:
    try:
        return lookup_state(name, index=index)
    except StateLookupError:
        return None
