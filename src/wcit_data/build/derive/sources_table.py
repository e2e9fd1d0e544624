"""The `sources` table from the registry."""

from __future__ import annotations

import pandas as pd

from wcit_data.build.derive.common import columns, finish
from wcit_data.build.sources import SourceRegistry


def sources_table(registry: SourceRegistry) -> pd.DataFrame:
    rows = []
    for r in registry.rows:
        path = registry.snapshot_path(r["source_id"])
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        rows.append({**{k: (r.get(k) or None) for k in columns("sources")},
                     "snapshot": f"text/{r['source_id']}.txt", "n_chars": len(text)})
    return finish("sources", pd.DataFrame(rows), ["source_id"])
