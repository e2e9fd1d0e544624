"""The notebooks as pages of the site, with their outputs (executed at build time unless told not to)."""

from __future__ import annotations

import re
from pathlib import Path

# nbconvert's lab template loads RequireJS and MathJax from a CDN; the site must work offline.
EXTERNAL_SCRIPT = re.compile(r"<script[^>]*\bsrc=\"(?:https?:)?//[^\"]*\"[^>]*>\s*</script>\s*", re.I)
EXTERNAL_STYLESHEET = re.compile(r"<link[^>]*\bhref=\"(?:https?:)?//[^\"]*\"[^>]*>\s*", re.I)
BACK_LINK = ('<nav style="font:14px sans-serif;padding:.5em 1em;background:#17365d">'
             '<a style="color:#fff" href="../index.html">wcit-data</a> '
             '<a style="color:#fff;margin-left:1em" href="index.html">all notebooks</a></nav>')


def offline_html(page: str) -> str:
    """Drop off-site scripts and stylesheets and add a way back to the site."""
    page = EXTERNAL_STYLESHEET.sub("", EXTERNAL_SCRIPT.sub("", page))
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + BACK_LINK, page, count=1)


def title_of(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#+\s*(.+)$", cell.source, re.M)
            if match:
                return match.group(1).strip()
    return fallback


def write_notebooks(folder: Path | None, out_dir: Path, execute: bool = True) -> list[dict]:
    """Render every notebook of ``folder`` to ``out_dir``; returns (file, title, executed) for the index."""
    import nbformat

    from wcit_data.publish.report import execute_notebook, notebook_to_html

    out_dir.mkdir(parents=True, exist_ok=True)
    if folder is None or not folder.is_dir():
        return []
    listed = []
    for path in sorted(folder.glob("*.ipynb")):
        nb = execute_notebook(path) if execute else nbformat.read(path, as_version=4)
        has_outputs = any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
        (out_dir / f"{path.stem}.html").write_text(offline_html(notebook_to_html(nb)), encoding="utf-8")
        listed.append({"file": f"{path.stem}.html", "name": path.name, "title": title_of(nb, path.stem),
                       "executed": execute, "has_outputs": has_outputs})
    return listed
