"""The stored source texts (snapshots) behind every ``evidence`` string, offline.

The wheel ships them as package data (``wcit_data/sources/text/<source_id>.txt``); in a checkout they are
read from ``data/sources/text/``. Every text is verified against the ``sha256`` column of the ``sources``
table, so a quoted passage is checked against exactly the text the build checked it against.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

from wcit_data.loading import DataIntegrityError, load
from wcit_data.validation import did_you_mean

PACKAGE_TEXT_DIR = ("sources", "text")  # inside the installed package (pyproject: force-include)
CHECKOUT_TEXT_DIR = Path(__file__).resolve().parents[2] / "data" / "sources" / "text"  # src/wcit_data/.. /..


def stored_text_bytes(source_id: str) -> bytes | None:
    """The raw bytes of a stored text, from the installed package or else the checkout; None when neither
    holds it. No check: use :func:`source_text`."""
    shipped = resources.files("wcit_data").joinpath(*PACKAGE_TEXT_DIR, f"{source_id}.txt")
    if shipped.is_file():
        return shipped.read_bytes()
    in_checkout = CHECKOUT_TEXT_DIR / f"{source_id}.txt"
    return in_checkout.read_bytes() if in_checkout.is_file() else None


def _current_source_id(source_id: str, known: list[str]) -> str:
    from wcit_data.meta import resolve_source_id

    if not isinstance(source_id, str) or not source_id:
        raise ValueError(f"source_id must be a non-empty string, got {source_id!r}")
    current = resolve_source_id(source_id)  # an id merged into another resolves via sources.aliases
    if current not in known:
        raise ValueError(f"Unknown source_id {source_id!r}.{did_you_mean(source_id, known)} Valid ids: the source_id column of "
                         f"wcit_data.load_sources() ({len(known)} sources).")
    return current


def source_text(source_id: str) -> str:
    """The stored text of a source, verified against its SHA-256 in the ``sources`` table.

    Prose by others is stored only in the passages the dataset cites ("[…]" separates them); every
    ``evidence`` string citing ``source_id`` occurs in this text. Raises ValueError (with the closest id)
    for an unknown id and DataIntegrityError when the text is missing or does not match its checksum.

    >>> text = source_text("igp-2012-12-what-really-happened-in-dubai")
    >>> text.startswith("It remains a fact that nothing in the final ITRs mentions the Internet.")
    True
    >>> source_text("tradearabia-reuters-2012-12-14-us-refuses") == source_text("tradearabia-2012-12-14-us-refuses-sign")
    True
    """
    sources = load("sources")
    known = sources["source_id"].astype(str).tolist()
    current = _current_source_id(source_id, known)
    raw = stored_text_bytes(current)
    fix = "Reinstall wcit-data (pip install --force-reinstall wcit-data) or, in a checkout, run `wcit-data build`."
    if raw is None:
        raise DataIntegrityError(f"The stored text of {current!r} is missing from the installed package "
                                 f"(wcit_data/sources/text/{current}.txt) and from the checkout. {fix}")
    expected = str(sources.loc[sources["source_id"].astype(str) == current, "sha256"].iloc[0])
    actual = hashlib.sha256(raw).hexdigest()
    if actual != expected:
        raise DataIntegrityError(f"The stored text of {current!r} has SHA-256 {actual}, but the sources table "
                                 f"records {expected}. {fix}")
    return raw.decode("utf-8")
