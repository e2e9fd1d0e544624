"""Decision identifiers: current ids and the former ids that still resolve to them."""

from __future__ import annotations

import pandas as pd


def _former_ids(votes: pd.DataFrame) -> dict[str, str]:
    former = {}
    if "former_vote_ids" not in votes.columns:
        return former
    for vote_id, old in zip(votes["vote_id"].astype(str), votes["former_vote_ids"]):
        if pd.notna(old):
            former.update({o: vote_id for o in str(old).split(";") if o})
    return former


def resolve_vote_id(vote_id: str, votes: pd.DataFrame | None = None) -> str:
    """The current identifier of a decision; a former id (e.g. ``plen3-2012-12-12``) maps to its new one.

    Raises ValueError naming the valid ids (and the closest one) for an unknown id.

    >>> resolve_vote_id("plen3-2012-12-12")
    'plen3-2012-12-13'
    >>> resolve_vote_id("preamble-2012-12-13")
    'preamble-2012-12-13'
    """
    if votes is None:
        from wcit_data.loading import load

        votes = load("votes")
    current = set(votes["vote_id"].astype(str))
    if vote_id in current:
        return vote_id
    former = _former_ids(votes)
    if vote_id in former:
        return former[vote_id]
    from wcit_data.validation import did_you_mean

    hint = did_you_mean(vote_id, [*current, *former])
    valid = sorted(current) + [f"{old} (former id of {new})" for old, new in sorted(former.items())]
    raise ValueError(f"Unknown vote_id {vote_id!r}.{hint} Valid ids: {', '.join(valid)}")
