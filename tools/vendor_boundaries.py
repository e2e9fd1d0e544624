"""Vendor the pinned world boundaries for the maps from the npm tarball of world-atlas 2.0.2.

Get the tarball with the ordinary npm client (`npm pack world-atlas@2.0.2`), then run
    python tools/vendor_boundaries.py world-atlas-2.0.2.tgz
It writes src/wcit_data/publish/boundaries/ (countries-110m.json verbatim, points.csv with a marker point per
country from the 1:10m file, README.md with the pin and licence) and the registry snapshot
data/sources/text/context-world-atlas-2.0.2-countries.txt. Update TOPOLOGY_SHA256 in maps.py if the pin changes.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import json
import sys
import tarfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from wcit_data.publish.maps import BOUNDARIES, SOURCE_ID, _decode_arcs, polygons  # noqa: E402

PIN = "world-atlas@2.0.2"


def ring_area_centroid(ring: np.ndarray) -> tuple[float, float, float]:
    """Unsigned area (square degrees) and centroid of a ring (shoelace formula in lon/lat)."""
    x, y = ring[:, 0], ring[:, 1]
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    area = cross.sum() / 2
    if abs(area) < 1e-12:
        return 0.0, float(x.mean()), float(y.mean())
    cx = ((x[:-1] + x[1:]) * cross).sum() / (6 * area)
    cy = ((y[:-1] + y[1:]) * cross).sum() / (6 * area)
    return abs(float(area)), float(cx), float(cy)


def marker_rows(topology: dict) -> list[dict]:
    """One row per country with an id: centroid of its largest polygon, and its total area."""
    arcs = _decode_arcs(topology)
    rows = []
    for g in topology["objects"]["countries"]["geometries"]:
        if not g.get("id"):
            continue
        measured = [ring_area_centroid(poly[0]) for poly in polygons(g, arcs)]
        if not measured:
            continue
        _, lon, lat = max(measured)
        rows.append({"m49": g["id"], "name": g["properties"]["name"], "lon": round(lon, 3), "lat": round(lat, 3),
                     "area_deg2": round(sum(m[0] for m in measured), 4)})
    # an id can name several features (036: Australia and Ashmore and Cartier Is.): keep the largest
    largest = {}
    for r in rows:
        if r["m49"] not in largest or r["area_deg2"] > largest[r["m49"]]["area_deg2"]:
            largest[r["m49"]] = r
    return sorted(largest.values(), key=lambda r: r["m49"])


def main(tarball: str) -> None:
    raw = Path(tarball).read_bytes()
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(raw).digest()).decode()
    with tarfile.open(tarball) as tar:
        read = {n: tar.extractfile(f"package/{n}").read() for n in
                ("countries-110m.json", "countries-10m.json", "package.json", "LICENSE")}
    BOUNDARIES.mkdir(parents=True, exist_ok=True)
    (BOUNDARIES / "countries-110m.json").write_bytes(read["countries-110m.json"])
    rows = marker_rows(json.loads(read["countries-10m.json"]))
    with (BOUNDARIES / "points.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    sha110 = hashlib.sha256(read["countries-110m.json"]).hexdigest()
    pkg = json.loads(read["package.json"])
    (BOUNDARIES / "README.md").write_text(
        f"# Vendored boundaries ({PIN})\n\n"
        f"- `countries-110m.json`: verbatim from the npm package {PIN} (tarball integrity `{integrity}`), "
        f"sha256 `{sha110}` (checked by `wcit_data.publish.maps` on load).\n"
        "- `points.csv`: one marker point per country (centroid of its largest polygon) and its total area in "
        "square degrees, computed from the same package's `countries-10m.json` by `tools/vendor_boundaries.py`.\n\n"
        "Data: Natural Earth 1:110m / 1:10m Admin 0 countries (Natural Earth is public domain). Packaging: "
        f"{pkg.get('license')} licence, {read['LICENSE'].decode().splitlines()[0]}.\n"
        f"Registered source: `{SOURCE_ID}` in data/sources/sources.csv.\n", encoding="utf-8")
    topo = json.loads(read["countries-110m.json"])
    lines = [f"{g.get('id', '')},{g['properties']['name']}" for g in topo["objects"]["countries"]["geometries"]]
    snapshot = ROOT / "data" / "sources" / "text" / f"{SOURCE_ID}.txt"
    snapshot.write_text(
        f"npm package {PIN} ({pkg.get('description', '')}); tarball integrity {integrity}\n"
        f"homepage: {pkg.get('homepage', '')}\n\n{read['LICENSE'].decode().strip()}\n\n"
        f"countries-110m.json sha256 {sha110}\nfeatures (ISO 3166 numeric id,name):\n" + "\n".join(lines) + "\n",
        encoding="utf-8")
    print(f"wrote {BOUNDARIES} ({len(rows)} marker points) and {snapshot.name}; countries-110m sha256 {sha110}")


if __name__ == "__main__":
    main(sys.argv[1])
