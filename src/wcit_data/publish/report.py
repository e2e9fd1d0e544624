"""Execute the notebooks to HTML, build the documentation site and a one-page claims report linking into it."""

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


VERDICT_COLOURS = {"supported": "#d9f0d3", "partly_supported": "#fff3bf", "contradicted": "#f8d7da",
                   "undetermined": "#e9ecef"}


def claims_report_html(site_prefix: str = "site/") -> str:
    """One self-contained page: every claim (its text, verdict, why) linked into the site at ``site_prefix``
    (claim page with its evidence rows, source page with the quoted passage highlighted), the figures
    embedded, and the version, build date and citation of the data."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from wcit_data import __version__, loading
    from wcit_data.meta import cite, signature_coverage
    from wcit_data.publish.site.builder import VERDICT_LABELS, build_date
    from wcit_data.publish.site.evidence import evidence_anchor
    from wcit_data.publish.site.figures import site_figures

    tables = {n: loading.load(n) for n in loading.list_tables()}
    claims = tables["claims"]
    figures = []
    for slug, title, fig in site_figures():
        figures.append((slug, title, getattr(fig, "alt_text", title), _png(fig)))
        plt.close(fig)
    esc = html.escape
    rows = "\n".join(
        f"<tr style='background:{VERDICT_COLOURS.get(str(c.verdict), '#fff')}'>"
        f"<td><a href='{site_prefix}claims/{esc(c.claim_id)}.html'>{esc(c.quote)}</a></td><td>{esc(c.author)}</td>"
        f"<td><b>{esc(VERDICT_LABELS.get(str(c.verdict), str(c.verdict)))}</b></td>"
        f"<td>{esc(c.explanation)} <a href='{site_prefix}claims/{esc(c.claim_id)}.html#evidence'>evidence rows</a></td>"
        f"<td><a href='{site_prefix}sources/{esc(c.source_id)}.html#{evidence_anchor(c.evidence)}'>{esc(c.source_id)}</a>"
        f"</td></tr>" for c in claims.itertuples())
    cov = signature_coverage()
    images = "\n".join(f"<h2 id='{esc(slug)}'>{esc(title)}</h2><img alt='{esc(alt)}' src='data:image/png;base64,{b}'>"
                       f"<p class='alt'>{esc(alt)}</p>" for slug, title, alt, b in figures)
    counts = ", ".join(f"{VERDICT_LABELS.get(k, k)} {v}" for k, v in sorted(claims["verdict"].astype(str).value_counts().items()))
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>What really happened in Dubai? Claims checked against wcit-data {__version__}</title>
<style>body{{font-family:sans-serif;max-width:1200px;margin:2em auto;}} td,th{{border:1px solid #ccc;padding:4px;
vertical-align:top;font-size:13px;text-align:left}} table{{border-collapse:collapse}} img{{max-width:100%}}
p.alt{{color:#445;font-size:13px}} pre{{background:#f4f6f9;padding:.8em;overflow-x:auto}}</style></head><body>
<h1>What really happened in Dubai? — claims checked against the data</h1>
<p>wcit-data {__version__} · report built {build_date()} · <a href="{site_prefix}index.html">documentation site</a></p>
<p>Claims of Milton Mueller's post “What really happened in Dubai?” and its comments. Verdicts are computed from
the wcit-data tables at build time ({esc(counts)}); <i>undetermined</i> means the stored sources are silent. Each
claim links to its page with the evidence rows; each source links to the quoted passage, highlighted.
Signature coverage: signed named {cov['signed_named']}/{cov['signatories_total']}, not signed named
{cov['not_signed_named']}/{cov['non_signatories_total']}, unknown {cov['unknown']}.</p>
<table><tr><th>claim</th><th>author</th><th>verdict</th><th>why</th><th>quoted from</th></tr>
{rows}</table>
{images}
<h2 id="cite">How to cite</h2>
<pre>{esc(cite())}</pre>
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
    """The documentation site in ``out_dir/site`` (notebooks executed unless ``execute`` is False), the
    one-page claims report ``out_dir/claims.html`` linking into it, and a screenshot of that page."""
    from wcit_data.publish.site import build_site

    out_dir.mkdir(parents=True, exist_ok=True)
    links = build_site(out_dir / "site", execute_notebooks=execute)
    print(f"site -> {out_dir / 'site' / 'index.html'} ({links.summary()})")
    report = out_dir / "claims.html"
    report.write_text(claims_report_html(site_prefix="site/"), encoding="utf-8")
    print(f"claims report -> {report}")
    try:
        print(f"screenshot -> {screenshot(report, out_dir / 'claims.png')}")
    except (FileNotFoundError, subprocess.SubprocessError) as exc:
        print(f"screenshot skipped: {exc}")
    if not links.ok:
        print("site link check failed:\n  " + "\n  ".join(links.broken + links.external_resources))
        return 1
    return 0
