"""wcit-data: source-linked tables about WCIT-12 (Dubai, 3-14 December 2012).

Importing this package is cheap: pandas and pyarrow are imported only when a table is loaded. Every table
row carries ``source_id`` and a verbatim ``evidence`` snippet of the stored source text.

>>> import wcit_data as wd
>>> wd.load_votes().set_index("vote_id").loc["preamble-2012-12-13", ["yes", "no", "abstain"]].astype(int).tolist()
[77, 33, 8]
"""

from __future__ import annotations

# `typing.TYPE_CHECKING` without importing typing (it would double the import time); type checkers treat
# any constant of this name as true.
TYPE_CHECKING = False

__version__ = "0.2.0"

if TYPE_CHECKING:  # static tools see the real objects; at run time they are imported on first use (PEP 562)
    from pandas import DataFrame

    from wcit_data.analysis import (
        signing_by_group as signing_by_group,
        signing_by_rto as signing_by_rto,
        states_signatures_covariates as states_signatures_covariates,
    )
    from wcit_data.citation import cite as cite
    from wcit_data.loading import DataIntegrityError as DataIntegrityError
    from wcit_data.meta import (
        Codebook as Codebook,
        coverage as coverage,
        plenary_coverage as plenary_coverage,
        signature_coverage as signature_coverage,
    )
    from wcit_data.states import (
        StateLookupError as StateLookupError,
        lookup_state as lookup_state,
    )
    from wcit_data.snapshots import source_text as source_text
    from wcit_data.table_names import TableName as TableName
    from wcit_data.texts import (
        compare_articles as compare_articles,
        margin_gaps as margin_gaps,
        mentions as mentions,
        prevailing_language as prevailing_language,
    )
    from wcit_data.transcripts import parse_transcript as parse_transcript

# Public names resolved lazily so that `import wcit_data` does not import pandas.
_LAZY = {
    "TableName": "wcit_data.table_names",
    "DataIntegrityError": "wcit_data.loading",
    "cite": "wcit_data.citation",
    "Codebook": "wcit_data.meta",
    "coverage": "wcit_data.meta",
    "signature_coverage": "wcit_data.meta",
    "plenary_coverage": "wcit_data.meta",
    "prevailing_language": "wcit_data.texts",
    "margin_gaps": "wcit_data.texts",
    "signing_by_rto": "wcit_data.analysis",
    "lookup_state": "wcit_data.states",
    "StateLookupError": "wcit_data.states",
    "mentions": "wcit_data.texts",
    "compare_articles": "wcit_data.texts",
    "parse_transcript": "wcit_data.transcripts",
    "resolve_vote_id": "wcit_data.votes",
    "signing_by_group": "wcit_data.analysis",
    "states_signatures_covariates": "wcit_data.analysis",
    "export": "wcit_data.publish.export",
    "source_text": "wcit_data.snapshots",
}


def load(name: TableName) -> DataFrame:
    """Load table ``name`` as a pandas DataFrame (offline, verified against the checksum manifest).

    Raises ValueError naming the valid tables for an unknown name, and DataIntegrityError when a shipped
    file does not match its checksum.

    >>> load("votes").columns[0]
    'vote_id'
    """
    from wcit_data.loading import load as load_table

    return load_table(name)


def describe(name: TableName) -> Codebook:
    """Codebook of a table: description, columns (type, description, allowed values), keys, sources, rows.

    The result is a dict with readable text and HTML representations (for the console and Jupyter).

    >>> book = describe("votes")
    >>> book["primary_key"]
    ['vote_id']
    >>> print(book)  # doctest: +ELLIPSIS
    votes (... rows): One row per documented plenary decision on contested text...
    """
    from wcit_data.meta import describe as describe_table

    return describe_table(name)


def list_tables() -> list[str]:
    """Names of all shipped tables, in codebook order.

    >>> list_tables()[:2]
    ['sources', 'votes']
    """
    from wcit_data.loading import list_tables as table_names

    return table_names()


# One loader per table: load_votes() == load("votes").
def load_sources() -> DataFrame:
    """Load ``sources``: the registry of every source cited by any row.

    >>> len(load_sources()) == describe("sources")["rows"]
    True
    """
    return load("sources")


def load_votes() -> DataFrame:
    """Load ``votes``: one row per plenary decision on contested text.

    >>> len(load_votes()) == describe("votes")["rows"]
    True
    """
    return load("votes")


def load_vote_reports() -> DataFrame:
    """Load ``vote_reports``: every reported fact about each decision, one row per source.

    >>> len(load_vote_reports()) == describe("vote_reports")["rows"]
    True
    """
    return load("vote_reports")


def load_ballots() -> DataFrame:
    """Load ``ballots``: per-state ballots on each decision (documented ones only; the rest unknown).

    >>> len(load_ballots()) == describe("ballots")["rows"]
    True
    """
    return load("ballots")


def load_ballot_reports() -> DataFrame:
    """Load ``ballot_reports``: every report of how a delegation voted.

    >>> len(load_ballot_reports()) == describe("ballot_reports")["rows"]
    True
    """
    return load("ballot_reports")


def load_events() -> DataFrame:
    """Load ``events``: the timeline of 12-14 December 2012, local time and UTC.

    >>> len(load_events()) == describe("events")["rows"]
    True
    """
    return load("events")


def load_states() -> DataFrame:
    """Load ``states``: the ITU Member States of December 2012.

    >>> len(load_states()) == describe("states")["rows"]
    True
    """
    return load("states")


def load_state_aliases() -> DataFrame:
    """Load ``state_aliases``: names that resolve to a Member State.

    >>> len(load_state_aliases()) == describe("state_aliases")["rows"]
    True
    """
    return load("state_aliases")


def load_participation() -> DataFrame:
    """Load ``participation``: per-state facts about participation, one row per report.

    >>> len(load_participation()) == describe("participation")["rows"]
    True
    """
    return load("participation")


def load_conference_totals() -> DataFrame:
    """Load ``conference_totals``: conference totals as each source reports them.

    >>> len(load_conference_totals()) == describe("conference_totals")["rows"]
    True
    """
    return load("conference_totals")


def load_signatures() -> DataFrame:
    """Load ``signatures``: one row per Member State: did it sign the Final Acts on 14 December 2012?.

    >>> len(load_signatures()) == describe("signatures")["rows"]
    True
    """
    return load("signatures")


def load_signature_reports() -> DataFrame:
    """Load ``signature_reports``: every report of a state's signature status.

    >>> len(load_signature_reports()) == describe("signature_reports")["rows"]
    True
    """
    return load("signature_reports")


def load_treaty_actions() -> DataFrame:
    """Load ``treaty_actions``: later signatures, ratifications and accessions.

    >>> len(load_treaty_actions()) == describe("treaty_actions")["rows"]
    True
    """
    return load("treaty_actions")


def load_sessions() -> DataFrame:
    """Load ``sessions``: plenary meetings, one row per meeting and source.

    >>> len(load_sessions()) == describe("sessions")["rows"]
    True
    """
    return load("sessions")


def load_interventions() -> DataFrame:
    """Load ``interventions``: interventions in plenary (transcript turns and secondary accounts).

    >>> len(load_interventions()) == describe("interventions")["rows"]
    True
    """
    return load("interventions")


def load_positions() -> DataFrame:
    """Load ``positions``: per state and issue, the stance documented by interventions.

    >>> len(load_positions()) == describe("positions")["rows"]
    True
    """
    return load("positions")


def load_provisions() -> DataFrame:
    """Load ``provisions``: provision texts of the 1988 and 2012 ITRs, per margin number and language.

    >>> len(load_provisions()) == describe("provisions")["rows"]
    True
    """
    return load("provisions")


def load_resolutions() -> DataFrame:
    """Load ``resolutions``: resolutions of the Final Acts, per retrieved section and language.

    >>> len(load_resolutions()) == describe("resolutions")["rows"]
    True
    """
    return load("resolutions")


def load_declarations() -> DataFrame:
    """Load ``declarations``: declarations and reservations in the Final Acts.

    >>> len(load_declarations()) == describe("declarations")["rows"]
    True
    """
    return load("declarations")


def load_documents() -> DataFrame:
    """Load ``documents``: other conference documents as far as retrieved.

    >>> len(load_documents()) == describe("documents")["rows"]
    True
    """
    return load("documents")


def load_claims() -> DataFrame:
    """Load ``claims``: the claims of the debate with computed verdicts.

    >>> len(load_claims()) == describe("claims")["rows"]
    True
    """
    return load("claims")


def load_covariates() -> DataFrame:
    """Load ``covariates``: country covariates as of 2012 (long form).

    >>> len(load_covariates()) == describe("covariates")["rows"]
    True
    """
    return load("covariates")

__all__ = sorted(["__version__", "describe", "load", "list_tables", *_LAZY,
                  *(name for name in dir() if name.startswith("load_"))])


if not TYPE_CHECKING:  # hidden from type checkers, so that a misspelt name is an error, not Any

    def __getattr__(name: str) -> object:
        if name in _LAZY:
            import importlib

            value = getattr(importlib.import_module(_LAZY[name]), name)
            globals()[name] = value
            return value
        import difflib

        close = difflib.get_close_matches(name, __all__, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise AttributeError(f"module 'wcit_data' has no attribute {name!r}.{hint}")


def __dir__() -> list[str]:
    return __all__
