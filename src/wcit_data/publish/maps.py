"""World maps of the signatures of 14 December 2012, drawn offline with matplotlib.

Boundaries: Natural Earth 1:110m Admin 0 countries as distributed in the npm package ``world-atlas`` 2.0.2
(``countries-110m.json``, TopoJSON keyed by ISO 3166 numeric = ``states.m49``), vendored in ``boundaries/`` with
its sha256 checked on load and registered as source ``context-world-atlas-v2-0-2-countries``. States too small
to see at this scale (or absent from it) get a marker at a representative point precomputed from the same
package's 1:10m file (``boundaries/points.csv``, written by ``tools/vendor_boundaries.py``).
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

BOUNDARIES = Path(__file__).with_name("boundaries")
TOPOLOGY = BOUNDARIES / "countries-110m.json"
POINTS = BOUNDARIES / "points.csv"
# Pinned content: world-atlas@2.0.2 countries-110m.json (npm tarball integrity in boundaries/README.md).
TOPOLOGY_SHA256 = "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8"
SOURCE_ID = "context-world-atlas-v2-0-2-countries"
ANTARCTICA = "010"
# A state whose largest 1:10m polygon is below this many square degrees also gets a marker.
SMALL_STATE_DEG2 = 1.5

STATUS_ORDER = ["signed", "did_not_sign", "unknown"]
STATUS_COLOURS = {"signed": "#2166ac", "did_not_sign": "#d6604d", "unknown": "#d9d9d9"}
STATUS_LABELS = {"signed": "signed", "did_not_sign": "did not sign", "unknown": "status unknown"}
NON_MEMBER_COLOUR = "#f7f7f7"
# A Member State without a row in the signatures frame passed (e.g. a filtered copy): neither signed nor unknown.
NOT_PASSED = "not_in_data_passed"
NOT_PASSED_COLOUR = "#fee391"
NOT_PASSED_LABEL = "not in the data passed"
# Confidence vocabularies, strongest first: the signatures table's `confidence`, or `evidence_kind` before it.
CONFIDENCE_ORDER = {
    "confidence": ["corroborated", "single_outcome_report", "group_statement_only", "conflicting", "none"],
    "evidence_kind": ["direct", "group_statement", "conflicting", "none"],
}


class BoundaryDataError(RuntimeError):
    """The vendored boundary file is missing or is not the pinned version."""


# ------------------------------------------------------------------------------------------ TopoJSON decoding

def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _decode_arcs(topology: dict) -> list[np.ndarray]:
    """Absolute lon/lat coordinates of every arc (arcs are quantized and delta-encoded in TopoJSON)."""
    scale = np.asarray(topology["transform"]["scale"], dtype=float)
    shift = np.asarray(topology["transform"]["translate"], dtype=float)
    return [np.cumsum(np.asarray(arc, dtype=float), axis=0) * scale + shift for arc in topology["arcs"]]


def _ring(arc_ids: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    """One closed ring from arc indexes (~i = arc i reversed); shared end points are kept once."""
    parts = []
    for i in arc_ids:
        coords = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(coords if not parts else coords[1:])
    return np.concatenate(parts)


def polygons(geometry: dict, arcs: list[np.ndarray]) -> list[list[np.ndarray]]:
    """Polygons (each a list of rings, exterior first) of a TopoJSON Polygon or MultiPolygon."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return [[_ring(r, arcs) for r in geometry["arcs"]]]
    if kind == "MultiPolygon":
        return [[_ring(r, arcs) for r in poly] for poly in geometry["arcs"]]
    return []


def read_topology(path: Path, expected_sha256: str | None = None) -> dict[str, dict]:
    """{feature key: {"name", "polygons"}} from a TopoJSON countries file; keys are ISO numeric ids, or the name
    where a feature has none (Kosovo, N. Cyprus, Somaliland in Natural Earth)."""
    if not path.exists():
        raise BoundaryDataError(f"boundary file {path} is missing; rerun tools/vendor_boundaries.py")
    if expected_sha256 and (actual := _sha256(path)) != expected_sha256:
        raise BoundaryDataError(f"{path.name} has sha256 {actual}, expected the pinned {expected_sha256}")
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    out = {}
    for g in topology["objects"]["countries"]["geometries"]:
        name = g.get("properties", {}).get("name", "")
        out[g.get("id") or name] = {"name": name, "polygons": polygons(g, arcs)}
    return out


@lru_cache(maxsize=1)
def countries() -> dict[str, dict]:
    """The pinned 1:110m countries (checksum verified)."""
    return read_topology(TOPOLOGY, TOPOLOGY_SHA256)


@lru_cache(maxsize=1)
def marker_points() -> pd.DataFrame:
    """m49, name, lon, lat, area_deg2 (of the largest polygon) from the 1:10m file, for markers."""
    with POINTS.open(encoding="utf-8") as fh:
        return pd.DataFrame(list(csv.DictReader(fh))).astype({"lon": float, "lat": float, "area_deg2": float})


# ---------------------------------------------------------------------------------------------- projection

def equal_earth(lon, lat):
    """Equal Earth projection (Šavrič, Patterson & Jenny 2018) of degrees to plane units."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    lam, phi = np.radians(lon), np.radians(lat)
    theta = np.arcsin(math.sqrt(3) / 2 * np.sin(phi))
    t2, t6 = theta ** 2, theta ** 6
    x = 2 * math.sqrt(3) * lam * np.cos(theta) / (3 * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


def _unwrap(ring: np.ndarray) -> list[np.ndarray]:
    """A ring that crosses the antimeridian (a jump of more than 180 degrees of longitude) is made continuous and
    drawn twice, once on each side; the sphere outline clips what falls outside."""
    jumps = np.abs(np.diff(ring[:, 0])) > 180
    if not jumps.any():
        return [ring]
    lon = np.degrees(np.unwrap(np.radians(ring[:, 0])))
    continuous = np.column_stack([lon, ring[:, 1]])
    shift = -360 if lon.max() > 180 else 360
    return [continuous, continuous + [shift, 0]]


def _path(polys):
    from matplotlib.path import Path as MplPath

    rings = [MplPath(np.column_stack(equal_earth(part[:, 0], part[:, 1])), closed=True)
             for poly in polys for r in poly for part in _unwrap(r)]
    return MplPath.make_compound_path(*rings)


def _sphere_outline() -> np.ndarray:
    return np.array([[lon, -90] for lon in range(-180, 181)] + [[180, lat] for lat in range(-90, 91)]
                    + [[lon, 90] for lon in range(180, -181, -1)] + [[-180, lat] for lat in range(90, -91, -1)],
                    dtype=float)


# -------------------------------------------------------------------------------------------------- drawing

def _status_column(signatures: pd.DataFrame) -> str:
    for col in ("signature_status", "status"):
        if col in signatures.columns:
            return col
    raise ValueError("signatures has neither 'signature_status' nor 'status'; pass the signatures table")


def _join(states: pd.DataFrame, signatures: pd.DataFrame, column: str) -> pd.DataFrame:
    if "m49" not in states.columns or "iso3" not in states.columns:
        raise ValueError("states must have columns 'iso3' and 'm49'; pass the states table")
    left = states[["iso3", "m49"] + [c for c in ("short_name", "present_wcit12", "itu_member_2012")
                                     if c in states.columns]]
    joined = left.assign(iso3=left["iso3"].astype(str), m49=left["m49"].astype(str).str.zfill(3)).merge(
        signatures.assign(iso3=signatures["iso3"].astype(str))[["iso3", column]], on="iso3", how="left",
        indicator=True)
    passed = joined.pop("_merge") == "both"
    joined[column] = joined[column].astype(object).where(joined[column].notna(), "unknown").astype(str)
    joined.loc[~passed, column] = NOT_PASSED
    return joined


def _scope(joined: pd.DataFrame, column: str) -> str:
    """'193 ITU Member States', or '29 of 193 ITU Member States in the data passed' for a filtered frame."""
    passed = int((joined[column] != NOT_PASSED).sum())
    return (f"{len(joined)} ITU Member States" if passed == len(joined)
            else f"{passed} of {len(joined)} ITU Member States in the data passed")


def _not_passed_note(joined: pd.DataFrame, column: str) -> str:
    n = int((joined[column] == NOT_PASSED).sum())
    return (f" {n} Member States are not in the signatures data passed and are drawn pale yellow "
            f"({NOT_PASSED_LABEL}), not as unknown." if n else "")


def _not_accredited(joined: pd.DataFrame) -> pd.Series:
    present = joined.get("present_wcit12", pd.Series("unknown", index=joined.index)).astype(str)
    member = joined.get("itu_member_2012", pd.Series(True, index=joined.index)).astype(bool)
    return (present == "no") | ~member


# Close-ups where small states crowd at world scale: (panel, title, lon_min, lon_max, lat_min, lat_max).
INSETS = (("europe", "Europe and the Mediterranean", -11.0, 36.0, 34.0, 59.0),
          ("caribbean", "Caribbean", -80.0, -58.0, 9.0, 27.0))


def _overlaps(feature: dict, window) -> bool:
    coords = np.concatenate([ring for poly in feature["polygons"] for ring in poly])
    lon0, lon1, lat0, lat1 = window
    return bool(coords[:, 0].max() >= lon0 and coords[:, 0].min() <= lon1 and coords[:, 1].max() >= lat0
                and coords[:, 1].min() <= lat1)


def _countries_on(ax, joined, column, colours, hatched, lw, window=None):
    """Country shapes on ``ax`` (only those overlapping a lon/lat ``window`` if given), clipped to the sphere;
    returns the names of territories without a Member State."""
    from matplotlib.patches import PathPatch

    sphere = ax.add_patch(PathPatch(_path([[_sphere_outline()]]), facecolor="#eef5fb", edgecolor="#999999",
                                    lw=0.6, zorder=0))
    by_m49 = joined.set_index("m49")
    others = []
    for key, feature in countries().items():
        if key == ANTARCTICA or not feature["polygons"] or (window and not _overlaps(feature, window)):
            continue
        if key in by_m49.index:
            style = {"facecolor": colours.get(by_m49.loc[key, column], "#999999"), "edgecolor": "white",
                     "hatch": "////" if hatched[by_m49.index.get_loc(key)] else None}
        else:
            others.append(feature["name"])
            style = {"facecolor": NON_MEMBER_COLOUR, "edgecolor": "#bbbbbb", "hatch": "...."}
        ax.add_patch(PathPatch(_path(feature["polygons"]), lw=lw, zorder=1, **style)).set_clip_path(sphere)
    return others


def _markers_on(ax, marked, column, colours, points, size, labelled=False):
    xs, ys = equal_earth(points.loc[marked["m49"], "lon"].to_numpy(), points.loc[marked["m49"], "lat"].to_numpy())
    ax.scatter(xs, ys, s=size, c=[colours.get(v, "#999999") for v in marked[column]], edgecolors="black",
               linewidths=0.5, zorder=3)
    if labelled:
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()
        for x, y, iso3 in zip(xs, ys, marked["iso3"]):
            if x0 <= x <= x1 and y0 <= y <= y1:
                ax.annotate(iso3, (x, y), xytext=(3, 2), textcoords="offset points", fontsize=5, zorder=4)


def _draw(joined: pd.DataFrame, column: str, colours: dict, labels: dict, title: str):
    """Shared drawing: countries coloured by ``column``, non-Member territories dotted, small states as markers
    (labelled with ISO3 codes in the Europe and Caribbean insets)."""
    import matplotlib

    if "matplotlib.pyplot" not in __import__("sys").modules:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    shapes, points = countries(), marker_points().set_index("m49")
    hatched = _not_accredited(joined)
    missing = joined[~joined["m49"].isin(shapes)]
    small = joined[joined["m49"].isin(points.index[points["area_deg2"] < SMALL_STATE_DEG2])]
    marked = pd.concat([missing, small]).drop_duplicates("m49")
    if unplaced := sorted(set(marked["m49"]) - set(points.index)):
        raise BoundaryDataError(f"no marker point for M49 {', '.join(unplaced)} in {POINTS.name}")

    fig, panels = plt.subplot_mosaic([["world"] * 3, ["europe", "caribbean", "legend"]], figsize=(11, 9),
                                     layout="constrained", height_ratios=[2.3, 1.4])
    ax = panels["world"]
    drawn_non_members = _countries_on(ax, joined, column, colours, hatched, lw=0.35)
    _markers_on(ax, marked, column, colours, points, size=18)
    ax.set_aspect("equal")
    ax.set_xlim(-2.75, 2.75)
    ax.set_ylim(-1.2, 1.35)  # Antarctica is left out, so the southern rim is cropped
    ax.axis("off")
    for key, name, lon0, lon1, lat0, lat1 in INSETS:
        inset = panels[key]
        _countries_on(inset, joined, column, colours, hatched, lw=0.5, window=(lon0 - 5, lon1 + 5, lat0 - 5, lat1 + 5))
        xs, ys = equal_earth(np.array([lon0, lon1, lon0, lon1]), np.array([lat0, lat0, lat1, lat1]))
        inset.set_xlim(xs.min(), xs.max())
        inset.set_ylim(ys.min(), ys.max())
        inset.set_aspect("equal")
        _markers_on(inset, marked, column, colours, points, size=30, labelled=True)
        inset.set_xticks([])
        inset.set_yticks([])
        inset.set_title(f"{name} (small states labelled)", fontsize=7.5, pad=3)
        ax.indicate_inset([xs.min(), ys.min(), xs.max() - xs.min(), ys.max() - ys.min()], edgecolor="#333333",
                          lw=0.7)
        ax.annotate(name.split()[0], (xs.min(), ys.max()), xytext=(0, 2), textcoords="offset points", fontsize=6)
    counts = joined[column].value_counts()
    handles = [Patch(facecolor=colours[v], edgecolor="#777777", label=f"{labels.get(v, v)} ({counts.get(v, 0)})")
               for v in colours if counts.get(v, 0) or v in STATUS_ORDER]
    handles.append(Line2D([], [], marker="o", ls="", mfc="white", mec="black", ms=5,
                          label=f"small state shown as a marker ({len(marked)})"))
    handles.append(Patch(facecolor="white", edgecolor="#777777", hatch="////",
                         label=f"not a Member State or not accredited at WCIT-12 ({int(hatched.sum())} recorded)"))
    handles.append(Patch(facecolor=NON_MEMBER_COLOUR, edgecolor="#bbbbbb", hatch="....",
                         label="territory without ITU membership of its own (no status)"))
    panels["legend"].axis("off")
    panels["legend"].legend(handles=handles, loc="center left", fontsize=7, frameon=False)
    ax.set_title(title, fontsize=10, loc="left")
    ax.text(1, 0.0, "Boundaries: Natural Earth 1:110m via world-atlas 2.0.2 (public domain). Antarctica omitted.",
            transform=ax.transAxes, ha="right", va="top", fontsize=6, color="#555555")
    return fig, counts, marked, drawn_non_members, int(hatched.sum())


def signature_map(states: pd.DataFrame, signatures: pd.DataFrame):
    """World map of each ITU Member State's signature status on 14 December 2012 (signed / did not sign /
    unknown). Territories that are not ITU Member States are dotted; states recorded as not Member States or not
    accredited are hatched; small states are markers."""
    column = _status_column(signatures)
    values = set(signatures[column].dropna().astype(str))
    if bad := values - set(STATUS_ORDER):
        raise ValueError(f"unexpected signature status {sorted(bad)}; valid values: {', '.join(STATUS_ORDER)}")
    joined = _join(states, signatures, column)
    colours = {**STATUS_COLOURS, NOT_PASSED: NOT_PASSED_COLOUR}
    labels = {**STATUS_LABELS, NOT_PASSED: NOT_PASSED_LABEL}
    fig, counts, marked, others, hatched = _draw(joined, column, colours, labels,
                                                 "Signature of the Final Acts (ITRs 2012) on 14 December 2012, "
                                                 + _scope(joined, column))
    unknown_note = " Unknown means no stored source states the status." if counts.get("unknown", 0) else ""
    fig.alt_text = (f"World map of {_scope(joined, column)} coloured by signature of the WCIT-12 Final Acts "
                    f"on 14 December 2012: {counts.get('signed', 0)} signed (blue), {counts.get('did_not_sign', 0)} "
                    f"did not sign (red), {counts.get('unknown', 0)} unknown (grey). {len(marked)} small states are "
                    f"drawn as markers. {hatched} states are recorded as not Member States or not accredited. "
                    f"Territories without ITU membership of their own ({', '.join(sorted(others))}) are dotted."
                    + _not_passed_note(joined, column) + unknown_note)
    return fig


def confidence_map(states: pd.DataFrame, signatures: pd.DataFrame):
    """World map of how well each state's signature status is attested: the signatures table's ``confidence``
    column, or ``evidence_kind`` where ``confidence`` is absent (values outside the known vocabularies are
    drawn too, after the known ones)."""
    column = "confidence" if "confidence" in signatures.columns else "evidence_kind"
    if column not in signatures.columns:
        raise ValueError("signatures has neither 'confidence' nor 'evidence_kind'; pass the signatures table")
    joined = _join(states, signatures, column)
    joined[column] = joined[column].replace({"unknown": "none"})
    known = CONFIDENCE_ORDER[column]
    order = [v for v in known if v in set(joined[column])] + sorted(set(joined[column]) - set(known) - {NOT_PASSED})
    import matplotlib

    ramp = matplotlib.colormaps["viridis"]
    graded = [v for v in order if v != "none"]
    colours = {v: matplotlib.colors.to_hex(ramp(0.15 + 0.7 * i / max(1, len(graded) - 1)))
               for i, v in enumerate(graded)}
    colours["none"] = STATUS_COLOURS["unknown"]
    labels = {v: v.replace("_", " ") + (" (no report)" if v == "none" else "") for v in colours}
    if (joined[column] == NOT_PASSED).any():
        colours[NOT_PASSED], labels[NOT_PASSED] = NOT_PASSED_COLOUR, NOT_PASSED_LABEL
    fig, counts, marked, others, hatched = _draw(joined, column, colours, labels,
                                                 f"How each signature status is attested (signatures.{column}), "
                                                 + _scope(joined, column))
    fig.alt_text = (f"World map of {_scope(joined, column)} coloured by signatures.{column}: "
                    + ", ".join(f"{counts.get(v, 0)} {v.replace('_', ' ')}" for v in colours if v != NOT_PASSED)
                    + f". {len(marked)} small states are drawn as markers; territories without ITU membership are "
                    "dotted." + _not_passed_note(joined, column))
    return fig
