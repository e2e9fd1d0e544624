"""The `sources` table from the registry, with merged aliases and what each source derives from."""

from __future__ import annotations

import pandas as pd

from wcit_data.build.derive.common import columns, finish
from wcit_data.build.sources import SourceRegistry


def sources_table(registry: SourceRegistry) -> pd.DataFrame:
    aliases: dict[str, list[str]] = {}
    for alias, target in sorted(registry.aliases.items()):
        aliases.setdefault(target, []).append(alias)
    relations = {r["source_id"]: r for r in registry.relations}
    rows = []
    for r in registry.rows:
        sid = r["source_id"]
        path = registry.snapshot_path(sid)
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        rel = relations.get(sid, {})
        rows.append({**{k: (r.get(k) or None) for k in columns("sources")},
                     "title_is_description": (r.get("title_is_description") or "").strip().lower() == "true",
                     "snapshot": f"text/{sid}.txt", "n_chars": len(text),
                     "aliases": ";".join(aliases.get(sid, [])) or None,
                     "relation": rel.get("relation") or None,
                     "derived_from": rel.get("derived_from") or (
                         f"external:{rel['origin_label']}" if rel.get("origin_label") else None),
                     "relation_evidence": rel.get("evidence") or None,
                     "origin": registry.origin(sid)})
    return finish("sources", pd.DataFrame(rows), ["source_id"])
