"""The names of the shipped tables as a ``Literal`` type, for ``load()``, ``describe()`` and type checkers.

Kept apart from ``wcit_data/__init__.py`` so that ``import wcit_data`` does not import ``typing``;
tests/test_api.py checks it against the shipped tables.
"""

from typing import Literal

TableName = Literal[
    'sources', 'votes', 'vote_reports', 'ballots',
    'ballot_reports', 'events', 'states', 'state_aliases',
    'participation', 'conference_totals', 'signatures', 'signature_reports',
    'treaty_actions', 'sessions', 'interventions', 'positions',
    'provisions', 'resolutions', 'declarations', 'documents',
    'claims', 'covariates',
]
"""The name of a shipped table; ``load()`` and ``describe()`` accept exactly these (a test keeps it in sync)."""
