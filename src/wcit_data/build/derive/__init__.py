"""Derive the published tables from curated inputs: one module per table family, assembled here."""

from __future__ import annotations

import pandas as pd

from wcit_data.build.derive.common import columns, empty, finish
from wcit_data.build.derive.covariates import covariates_table
from wcit_data.build.derive.interventions import interventions_table, positions_table
from wcit_data.build.derive.signatures import signatures_table
from wcit_data.build.derive.sources_table import sources_table
from wcit_data.build.derive.states import state_aliases, states_base, states_table
from wcit_data.build.derive.time import events_table, sessions_table
from wcit_data.build.derive.votes import ballots_table, votes_table
from wcit_data.build.sources import SourceRegistry
from wcit_data.states import build_alias_index

__all__ = ["all_tables", "columns", "empty", "finish"]

def simple(inputs, name, sort) -> pd.DataFrame:
    frame = inputs.read(name, columns(name))
    return finish(name, frame, sort)


def all_tables(inputs, registry: SourceRegistry, errors: list[str]) -> dict[str, pd.DataFrame]:
    t: dict[str, pd.DataFrame] = {"sources": sources_table(registry)}
    base = states_base(inputs, registry)
    t["state_aliases"] = state_aliases(inputs, registry, base) if not base.empty else empty("state_aliases")
    index = build_alias_index(t["state_aliases"])
    t["participation"] = simple(inputs, "participation", ["iso3", "attribute", "source_id"])
    t["conference_totals"] = simple(inputs, "conference_totals", ["measure", "source_id", "value"])
    t["signature_reports"] = simple(inputs, "signature_reports", ["iso3", "source_id", "status"])
    t["signatures"] = signatures_table(base, t["signature_reports"], registry)
    t["treaty_actions"] = simple(inputs, "treaty_actions", ["iso3", "date", "action", "source_id"])
    reports = inputs.read("vote_reports", columns("vote_reports"))
    reports["adopted"] = reports["adopted"].str.lower().eq("true")
    t["vote_reports"] = finish("vote_reports", reports, ["vote_id", "attribute", "source_id"])
    t["votes"] = votes_table(t["vote_reports"], errors)
    t["ballot_reports"] = simple(inputs, "ballot_reports", ["vote_id", "iso3", "source_id"])
    t["ballots"] = ballots_table(t["votes"], t["ballot_reports"], base)
    t["events"] = events_table(inputs.read("events", columns("events")))
    t["sessions"] = sessions_table(inputs.read("sessions", columns("sessions")))
    t["interventions"] = interventions_table(inputs, registry, index)
    t["positions"] = positions_table(t["interventions"])
    t["states"] = (states_table(base, t["participation"], t["signatures"], t["interventions"])
                   if not base.empty else empty("states"))
    t["provisions"] = simple(inputs, "provisions", ["instrument", "lang", "source_id", "margin_no"])
    t["resolutions"] = simple(inputs, "resolutions", ["resolution_id", "lang", "source_id", "section"])
    t["declarations"] = simple(inputs, "declarations", ["decl_no", "iso3", "lang"])
    t["documents"] = simple(inputs, "documents", ["doc_id", "lang", "source_id"])
    t["covariates"] = covariates_table(inputs, registry, set(t["states"]["iso3"]))
    return t
