"""Execute the notebooks to HTML and write a one-page claims report (HTML with figures)."""

from __future__ import annotations

import base64
import html
import io
import shutil
import subprocess
from pathlib import Path

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


def notebooks_dir() -> Path:
    from wcit_data.build import find_root

    return find_root() / "notebooks"


def execute_notebook(path: Path, timeout: int = 600):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def notebook_to_html(nb) -> str:
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    return body


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode()


def claims_report_html() -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from wcit_data import analysis, loading
    from wcit_data.publish import figures as plots
    from wcit_data.meta import signature_coverage

    claims = loading.load("claims")
    figs = []
    fig, ax = plt.subplots(figsize=(12, 9))
    plots.timeline(loading.load("events"), ax=ax, vote_window=plots.preamble_vote_window())
    figs.append(("Timeline of 13 December 2012 (UTC, Dubai and CET)", _png(fig)))
    fig, ax = plt.subplots(figsize=(9, 6))
    plots.after_vote_order(loading.load("interventions"), ax=ax)
    figs.append(("Who spoke right after the Preamble vote", _png(fig)))
    fig, ax = plt.subplots(figsize=(9, 3.5))
    plots.signing_bars(analysis.signing_by_rto(), "Signing by regional organisation (with unknowns)", ax=ax)
    figs.append(("Who signed", _png(fig)))
    plt.close("all")
    colours = {"supported": "#d9f0d3", "partly_supported": "#fff3bf", "contradicted": "#f8d7da",
               "undetermined": "#e9ecef"}
    rows = "\n".join(
        f"<tr style='background:{colours[c.verdict]}'><td>{html.escape(c.claim_id)}</td><td>{html.escape(c.author)}</td>"
        f"<td><q>{html.escape(c.quote)}</q></td><td><b>{c.verdict.replace('_', ' ')}</b></td>"
        f"<td>{html.escape(c.explanation)}</td></tr>" for c in claims.itertuples())
    cov = signature_coverage()
    images = "\n".join(f"<h2>{html.escape(t)}</h2><img alt='{html.escape(t)}' src='data:image/png;base64,{b}'>"
                       for t, b in figs)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>What really happened in Dubai? Claims checked against wcit-data</title>
<style>body{{font-family:sans-serif;max-width:1200px;margin:2em auto;}} td,th{{border:1px solid #ccc;padding:4px;
vertical-align:top;font-size:13px}} table{{border-collapse:collapse}} img{{max-width:100%}}</style></head><body>
<h1>What really happened in Dubai? — claims checked against the data</h1>
<p>Verdicts are computed from the wcit-data tables at build time; <i>undetermined</i> means the stored sources
are silent. Signature coverage: signed named {cov['signed_named']}/{cov['signatories_total']}, not signed named
{cov['not_signed_named']}/{cov['non_signatories_total']}, unknown {cov['unknown']}.</p>
<table><tr><th>claim</th><th>author</th><th>quote</th><th>verdict</th><th>why</th></tr>
{rows}</table>
{images}
</body></html>"""


def screenshot(html_path: Path, png_path: Path, chromium: str | None = None) -> Path:
    """Render a page in headless Chromium (Debian's chromium) and save a PNG screenshot."""
    binary = chromium or shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        raise FileNotFoundError("Chromium not found: install Debian's chromium (apt-get install chromium)")
    profile = png_path.parent / ".chromium-profile"
    subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={png_path}",
                    "--window-size=1280,2400", html_path.resolve().as_uri()],
                   check=True, capture_output=True, timeout=120)
    shutil.rmtree(profile, ignore_errors=True)
    return png_path


def run_report(out_dir: Path, execute: bool = True) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    if execute:
        for nb_path in sorted(notebooks_dir().glob("*.ipynb")):
            nb = execute_notebook(nb_path)
            (out_dir / f"{nb_path.stem}.html").write_text(notebook_to_html(nb), encoding="utf-8")
            print(f"executed {nb_path.name} -> {out_dir / (nb_path.stem + '.html')}")
    report = out_dir / "claims.html"
    report.write_text(claims_report_html(), encoding="utf-8")
    print(f"claims report -> {report}")
    try:
        print(f"screenshot -> {screenshot(report, out_dir / 'claims.png')}")
    except (FileNotFoundError, subprocess.SubprocessError) as exc:
        print(f"screenshot skipped: {exc}")
    return 0
