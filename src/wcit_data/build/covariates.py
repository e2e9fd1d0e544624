"""Country covariates from the offline context extracts (one stored CSV snapshot per upstream)."""

from __future__ import annotations

import csv
import io

import pandas as pd

FH_LICENCE = ("Freedom House, Freedom in the World 2013 (ratings for 2012); licence not stated upstream "
              "(democracyData: 'Unknown.'); cite Freedom House")
POLITY_LICENCE = "Polity5 (Center for Systemic Peace); upstream: 'Unknown. Assumed CC0 1.0'"
VDEM_LICENCE = "V-Dem Country-Year v15, CC BY-SA 4.0 (share-alike applies to derived tables)"
WDI_LICENCE = ("World Bank WDI IT.NET.USER.ZS (ITU data) via an OWID-style export; no licence stated upstream; "
               "WDI is normally CC BY 4.0 (not verified)")

# source_id -> (variables: output name -> (input column, year column or fixed year), licence)
CONTEXT = {
    "context-freedom-house-2012": ({"fh_status": ("status", 2012), "fh_pr": ("pr", 2012),
                                    "fh_cl": ("cl", 2012), "fh_total": ("total", 2012)}, FH_LICENCE),
    "context-polity5-2012": ({"polity2": ("polity2", 2012)}, POLITY_LICENCE),
    "context-vdem-2012": ({"v2x_polyarchy": ("v2x_polyarchy", 2012), "v2x_libdem": ("v2x_libdem", 2012)},
                          VDEM_LICENCE),
    "context-internet-users-2011-2012": ({"internet_users_pct": ("internet_users_pct", "year")}, WDI_LICENCE),
}


def context_covariates(registry) -> pd.DataFrame:
    """Long rows (iso3, variable, value, year, licence, source_id, evidence=the CSV line)."""
    rows = []
    for source_id, (variables, licence) in CONTEXT.items():
        if source_id not in registry.ids():
            continue
        text = registry.text(source_id)
        lines = text.splitlines()
        reader = csv.DictReader(io.StringIO(text))
        for line, rec in zip(lines[1:], reader):
            for variable, (column, year) in variables.items():
                value = rec.get(column, "")
                if value == "":
                    continue  # missing upstream: no row (coverage() reports the gap)
                rows.append({"iso3": rec["iso3"], "variable": variable, "value": value, "value_basis": "stated",
                             "year": int(rec[year]) if isinstance(year, str) else year,
                             "licence": licence, "source_id": source_id, "evidence": line, "note": None})
    return pd.DataFrame(rows)
