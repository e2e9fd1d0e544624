"""The figures and the map of the site.

``publish.figures.standard_figures()`` (figure functions returning a Figure with ``alt_text``) and
``publish.maps.signature_map`` are used when the package has them; until then a small fallback draws the
figures of ``publish.figures`` that exist, with alt text computed here.
"""

from __future__ import annotations

from pathlib import Path


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _fallback_figures(tables: dict) -> list[tuple[str, str, object]]:
    """Figures drawn with the older axis-level functions of publish.figures (used until standard_figures lands)."""
    from wcit_data import analysis
    from wcit_data.claims import PREAMBLE_VOTE
    from wcit_data.publish import figures as plots

    plt = _pyplot()
    out = []
    fig, ax = plt.subplots(figsize=(12, 9))
    plots.timeline(tables["events"], ax=ax, vote_window=plots.preamble_vote_window())
    fig.alt_text = ("Timeline of 13 December 2012 on a UTC axis with Dubai and CET axes: timed events as dots, "
                    "events known only within bounds as bars, the observer's absence and the window of the "
                    "Preamble vote shaded.")
    out.append(("timeline-13-december", "Timeline of 13 December 2012 (UTC, Dubai and CET)", fig))
    iv = tables["interventions"]
    after = iv[(iv["vote_id"].astype(str) == PREAMBLE_VOTE) & (iv["vote_relation"].astype(str) == "after")]
    fig, ax = plt.subplots(figsize=(10, 7))
    plots.after_vote_order(after, ax=ax)
    fig.alt_text = (f"For each source (columns), the {after['iso3'].nunique()} delegations it reports speaking right "
                    f"after the Preamble vote (rows), numbered in the order the source gives; a dot where the "
                    f"source gives no order. {len(after)} statements from {after['source_id'].nunique()} sources.")
    out.append(("after-preamble-vote", "Statements right after the Preamble vote, in each source's order", fig))
    by_rto = analysis.signing_by_rto()
    fig, ax = plt.subplots(figsize=(9, 3.5))
    plots.signing_bars(by_rto, "Signing by regional organisation (with unknowns)", ax=ax)
    fig.alt_text = "Stacked bars per regional organisation: " + "; ".join(
        f"{r.group}: {r.signed} signed, {r.did_not_sign} did not sign, {r.unknown} unknown"
        for r in by_rto.itertuples()) + "."
    out.append(("signing-by-rto", "Who signed, by regional telecommunication organisation", fig))
    return out


def site_figures(tables: dict) -> list[tuple[str, str, object]]:
    """(slug, title, Figure) for every figure of the site, the signature map included when available."""
    from wcit_data.publish import figures

    standard = getattr(figures, "standard_figures", None)
    items = list(standard()) if standard else _fallback_figures(tables)
    try:
        from wcit_data.publish import maps
    except ImportError:
        maps = None
    if maps is not None and not any("map" in slug for slug, _, _ in items):
        items.append(("signature-map", "Signatures on 14 December 2012",
                      maps.signature_map(tables["states"], tables["signatures"])))
    return items


def write_site_figures(tables: dict, out_dir: Path) -> list[dict]:
    """Save each figure as PNG (shown) and SVG/PDF (linked); returns what the figures page lists."""
    from wcit_data.publish import figures

    plt = _pyplot()
    out_dir.mkdir(parents=True, exist_ok=True)
    save = getattr(figures, "save", None)
    listed = []
    for slug, title, fig in site_figures(tables):
        stem = out_dir / slug
        if save is not None:
            save(fig, stem)
        else:
            fig.savefig(stem.with_suffix(".png"), dpi=150, bbox_inches="tight")
            fig.savefig(stem.with_suffix(".svg"), bbox_inches="tight")
        alt = getattr(fig, "alt_text", None)
        if not alt:
            raise ValueError(f"figure {slug!r} has no alt_text; every figure on the site must describe itself")
        plt.close(fig)
        files = {ext: f"{slug}.{ext}" for ext in ("png", "svg", "pdf") if stem.with_suffix(f".{ext}").exists()}
        if "png" not in files:
            raise FileNotFoundError(f"figure {slug!r}: no PNG written to {out_dir}")
        listed.append({"slug": slug, "title": title, "alt": alt, "files": files})
    return listed
