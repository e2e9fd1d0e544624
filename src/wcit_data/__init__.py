"""wcit-data: source-linked tables about WCIT-12 (Dubai, 3-14 December 2012).

Importing this package is cheap: pandas and pyarrow are imported only when a
table is loaded. Every table row carries ``source_id`` and a verbatim
``evidence`` snippet of the stored source text.
"""

from __future__ import annotations

__version__ = "0.1.0"

# Public names resolved lazily (PEP 562) so that `import wcit_data` stays light.
_LAZY = {
    "load": "wcit_data.loading",
    "list_tables": "wcit_data.loading",
    "DataIntegrityError": "wcit_data.loading",
    "describe": "wcit_data.meta",
    "cite": "wcit_data.meta",
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
    "signing_by_group": "wcit_data.analysis",
    "states_signatures_covariates": "wcit_data.analysis",
    "export": "wcit_data.publish.export",
}

# One loader per table: load_votes() == load("votes").
_TABLE_LOADERS = {
    "load_votes": "votes",
    "load_vote_reports": "vote_reports",
    "load_ballots": "ballots",
    "load_ballot_reports": "ballot_reports",
    "load_events": "events",
    "load_sources": "sources",
    "load_states": "states",
    "load_state_aliases": "state_aliases",
    "load_participation": "participation",
    "load_conference_totals": "conference_totals",
    "load_signatures": "signatures",
    "load_signature_reports": "signature_reports",
    "load_treaty_actions": "treaty_actions",
    "load_sessions": "sessions",
    "load_interventions": "interventions",
    "load_positions": "positions",
    "load_provisions": "provisions",
    "load_resolutions": "resolutions",
    "load_declarations": "declarations",
    "load_documents": "documents",
    "load_claims": "claims",
    "load_covariates": "covariates",
}

__all__ = sorted([*_LAZY, *_TABLE_LOADERS, "__version__"])


def _make_loader(loader_name: str, table: str):
    def loader():
        from wcit_data.loading import load

        return load(table)

    loader.__name__ = loader_name
    loader.__qualname__ = loader_name
    loader.__doc__ = (
        f"Load the ``{table}`` table as a pandas DataFrame (offline, checksum-verified).\n\n"
        f"See ``wcit_data.describe({table!r})`` for its codebook."
    )
    return loader


def __getattr__(name: str):
    if name in _TABLE_LOADERS:
        fn = _make_loader(name, _TABLE_LOADERS[name])
        globals()[name] = fn
        return fn
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'wcit_data' has no attribute {name!r}")


def __dir__():
    return __all__
