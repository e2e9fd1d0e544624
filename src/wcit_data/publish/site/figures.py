"""The figures and the maps of the site: ``publish.figures.standard_figures()``, each saved as PNG (shown)
and SVG/PDF (linked), each with its alt text."""

from __future__ import annotations

from pathlib import Path


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def site_figures() -> list[tuple[str, str, object]]:
    """(slug, title, Figure) for every figure of the site: the package's standard figures and maps."""
    from wcit_data.publish import figures

    return list(figures.standard_figures())


def write_site_figures(tables: dict, out_dir: Path) -> list[dict]:
    """Save each figure as PNG (shown) and SVG/PDF (linked); returns what the figures page lists."""
    from wcit_data.publish import figures

    plt = _pyplot()
    out_dir.mkdir(parents=True, exist_ok=True)
    listed = []
    for slug, title, fig in site_figures():
        stem = out_dir / slug
        figures.save(fig, stem)
        alt = getattr(fig, "alt_text", None)
        if not alt:
            raise ValueError(f"figure {slug!r} has no alt_text; every figure on the site must describe itself")
        plt.close(fig)
        files = {ext: f"{slug}.{ext}" for ext in ("png", "svg", "pdf") if stem.with_suffix(f".{ext}").exists()}
        if "png" not in files:
            raise FileNotFoundError(f"figure {slug!r}: no PNG written to {out_dir}")
        listed.append({"slug": slug, "title": title, "alt": alt, "files": files})
    return listed
