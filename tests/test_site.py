"""The documentation site: built offline, 0 broken links or anchors, every source id and evidence linked,
cited passages highlighted where the rows say, and the pages work in headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000"]
# Set to a folder (e.g. docs/screenshots) to keep the browser test's screenshots.
SCREENSHOTS_ENV = "WCIT_SITE_SCREENSHOTS"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site built by `wcit-data site OUT` from the checkout, notebooks rendered as stored (executing them is
    tested elsewhere), and its link report."""
    from wcit_data.cli import main
    from wcit_data.publish.site import check_site

    out = tmp_path_factory.mktemp("site")
    assert main(["site", str(out), "--no-execute"]) == 0, "the command exits 1 when a link is broken"
    return out, check_site(out)


def test_link_check_finds_no_broken_link_or_anchor(site):
    out, report = site
    assert report.broken == [], "\n".join(report.broken[:20])
    assert report.external_resources == [], "the site must not load anything from a CDN"
    import wcit_data as wd

    expected_pages = len(wd.list_tables()) + len(wd.load_claims()) + len(wd.load_sources())
    assert report.pages > expected_pages and report.internal_links > 20_000  # + home, figures, notebooks


def test_link_checker_reports_a_broken_anchor(tmp_path):
    from wcit_data.publish.site import check_site

    (tmp_path / "a.html").write_text('<p id="here"><a href="b.html#nowhere">x</a><a href="#here">y</a>'
                                     '<a href="c.html">z</a><script src="https://cdn.example/x.js"></script>')
    (tmp_path / "b.html").write_text('<p id="somewhere"></p>')
    report = check_site(tmp_path)
    assert len(report.broken) == 2 and "#nowhere" in report.broken[0] and "c.html" in report.broken[1]
    assert report.external_resources and not report.ok


def test_every_evidence_on_a_table_page_links_to_its_highlighted_passage(site, tables):
    from wcit_data.build.sources import EVIDENCE_PAIRS
    from wcit_data.publish.site.evidence import evidence_anchor

    out, _ = site
    checked = 0
    for name, frame in tables.items():
        page = (out / "tables" / f"{name}.html").read_text(encoding="utf-8")
        hrefs = set(re.findall(r'href="([^"]+)"', page))
        for sid_col, ev_col in EVIDENCE_PAIRS:
            if sid_col not in frame.columns or ev_col not in frame.columns:
                continue
            for sid, ev in zip(frame[sid_col], frame[ev_col]):
                if isinstance(sid, str) and isinstance(ev, str):
                    assert f"../sources/{sid}.html" in hrefs, (name, sid)
                    assert f"../sources/{sid}.html#{evidence_anchor(ev)}" in hrefs, (name, sid, ev[:60])
                    checked += 1
    assert checked > 4000


def test_highlight_is_placed_on_the_raw_text_across_whitespace():
    from wcit_data.publish.site.evidence import evidence_anchor, highlighted_html, locate

    raw = "Intro.\n\nThe vote  was\n   77 for, 33 against.\nEnd."
    located = locate(raw, ["The vote was 77 for, 33 against.", "not there"])
    (passage,) = located.passages
    assert raw[passage.start:passage.end] == "The vote  was\n   77 for, 33 against."
    assert located.missing == ["not there"]
    page = highlighted_html(located)
    assert f'<span class="ev-anchor" id="{evidence_anchor("The vote was 77 for, 33 against.")}"></span>' in page
    assert page.count("<mark") == 1


def test_the_curran_claim_passage_is_highlighted_in_the_igp_post(site, tables):
    from wcit_data.build.sources import normalise
    from wcit_data.publish.site.evidence import evidence_anchor

    out, _ = site
    claim = tables["claims"].set_index("claim_id").loc["curran-reservations-after-vote"]
    page = (out / "sources" / f"{claim['source_id']}.html").read_text(encoding="utf-8")
    anchor = evidence_anchor(claim["evidence"])
    after_anchor = page.split(f'id="{anchor}"></span>', 1)[1]
    marked = re.match(r'<mark class="ev" data-ev="[^"]*">(.*?)</mark>', after_anchor, re.S).group(1)
    assert normalise(marked).startswith("the reservations expressed two hours in by the US, UK, Sweden")
    assert "Rows citing this source" in page and "../tables/claims.html#row-" in page


def test_claim_pages_show_the_claim_text_verdict_and_linked_evidence_rows(site, tables):
    out, _ = site
    index = (out / "claims" / "index.html").read_text(encoding="utf-8")
    assert "A group of African nations attempted to insert words" in index
    assert "“”" not in index and "<q>" not in index  # no doubled quotation marks
    page = (out / "claims" / "curran-reservations-after-vote.html").read_text(encoding="utf-8")
    assert "partly supported" in page
    refs = tables["claims"].set_index("claim_id").loc["curran-reservations-after-vote", "evidence_rows"].split(";")
    assert page.count('href="../tables/interventions.html#row-') >= len(refs)
    iran = (out / "claims" / "iran-called-for-vote.html").read_text(encoding="utf-8")
    explanation = iran.split('<p class="explanation">', 1)[1].split("</p>", 1)[0]
    assert 'href="../sources/register-2012-12-13-wcit-dead.html"' in explanation  # ids in prose link too
    uk = (out / "claims" / "uk-did-not-sign.html").read_text(encoding="utf-8")
    gbr = tables["signatures"].reset_index(drop=True)
    assert f'href="../tables/signatures.html#row-{gbr.index[gbr["iso3"] == "GBR"][0] + 1}"' in uk


def test_home_page_states_the_known_gaps_with_numbers_from_the_data(site, tables):
    out, _ = site
    home = (out / "index.html").read_text(encoding="utf-8")
    sig = tables["signatures"]
    status = sig["signature_status" if "signature_status" in sig.columns else "status"].astype(str)
    assert f"{(status == 'unknown').sum()} Member States have status <i>unknown</i>" in home
    assert "@misc{wcit_data" in home or "@dataset{" in home  # how to cite
    assert 'id="quickstart"' in home and 'id="gaps"' in home


def test_figures_and_notebooks_are_on_the_site_with_alt_text(site):
    out, _ = site
    figures = (out / "figures" / "index.html").read_text(encoding="utf-8")
    alts = re.findall(r'<img src="[^"]+\.png" alt="([^"]*)"', figures)
    assert len(alts) >= 3 and all(len(a) > 40 for a in alts)  # a description, not a title
    notebooks = (out / "notebooks" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'href="0\d_[a-z0-9_]+\.html"', notebooks)) == 5


def test_source_pages_use_the_package_texts_without_a_checkout(tmp_path):
    from wcit_data.publish.site.builder import SiteBuilder

    builder = SiteBuilder(tmp_path / "site", root=tmp_path / "no-checkout", execute_notebooks=False)
    sid = "igp-2012-12-what-really-happened-in-dubai"
    evidence = builder.sources[sid].citations[0].evidence
    assert "#ev-" in builder.evidence_href(sid, evidence)
    builder._copy_static()
    builder._source_pages_html()
    page = (tmp_path / "site" / "sources" / f"{sid}.html").read_text(encoding="utf-8")
    assert '<mark class="ev"' in page and "SHA-256 matches the registry." in page


def test_source_pages_say_so_when_the_snapshot_is_not_available(tmp_path, monkeypatch):
    from wcit_data import snapshots
    from wcit_data.publish.site.builder import SiteBuilder

    monkeypatch.setattr(snapshots, "stored_text_bytes", lambda source_id: None)  # neither package nor checkout
    builder = SiteBuilder(tmp_path / "site", root=tmp_path / "no-checkout", execute_notebooks=False)
    assert builder.evidence_href("igp-2012-12-what-really-happened-in-dubai", "anything").endswith("#snapshot")
    builder._copy_static()
    builder._source_pages_html()
    page = (tmp_path / "site" / "sources" / "igp-2012-12-what-really-happened-in-dubai.html").read_text(encoding="utf-8")
    assert "The stored text is missing" in page and "https://global.asc.upenn.edu/" in page
    assert 'id="snapshot"' in page


# ---------------------------------------------------------------- real browser

def _browser():
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip("Debian chromium and chromium-driver are not installed (.ci/run installs them as root)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e .[test])")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    # an explicit driver path: Selenium Manager would otherwise try to download one
    return webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))


def _keep(shot: Path) -> None:
    folder = os.environ.get(SCREENSHOTS_ENV)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(folder) / shot.name)


@pytest.mark.slow
def test_site_in_headless_chromium(site, tmp_path, tables):
    from selenium.webdriver.common.by import By

    from wcit_data.publish.site.evidence import evidence_anchor

    out, _ = site
    driver = _browser()
    try:
        def visible_rows():
            return [r for r in driver.find_elements(By.CSS_SELECTOR, "table.rows tbody tr") if r.is_displayed()]

        driver.get((out / "index.html").as_uri())
        assert driver.find_element(By.CSS_SELECTOR, "#gaps").is_displayed()
        assert "wcit-data" in driver.title
        driver.save_screenshot(str(tmp_path / "home.png"))

        driver.get((out / "tables" / "signatures.html").as_uri())
        before = len(visible_rows())
        assert before == len(tables["signatures"])
        driver.find_element(By.CSS_SELECTOR, "input.row-filter").send_keys("France")
        after = visible_rows()
        texts = [r.get_attribute("textContent").lower() for r in after]
        assert 1 <= len(after) < before and all("france" in t for t in texts)
        assert any(r.find_element(By.XPATH, "./td[2]").text == "FRA" for r in after)  # France's own row
        assert driver.find_element(By.CSS_SELECTOR, ".row-count").text == f"{len(after)} of {before} rows"
        driver.find_element(By.XPATH, "//table[@class='rows']//th[text()='iso3']").click()  # sortable header
        driver.save_screenshot(str(tmp_path / "table-filtered.png"))

        driver.get((out / "claims" / "uk-did-not-sign.html").as_uri())
        assert driver.find_element(By.CSS_SELECTOR, ".verdict").text in {"supported", "partly supported"}
        driver.find_element(By.CSS_SELECTOR, "#evidence ~ table a").click()  # an evidence row opens in its table
        assert driver.current_url.split("#")[1].startswith("row-")
        assert driver.find_element(By.ID, driver.current_url.split("#")[1]).is_displayed()

        claim = tables["claims"].set_index("claim_id").loc["curran-reservations-after-vote"]
        anchor = evidence_anchor(claim["evidence"])
        driver.get((out / "sources" / f"{claim['source_id']}.html").as_uri() + f"#{anchor}")
        current = driver.find_elements(By.CSS_SELECTOR, "mark.ev.current")
        assert current and all(m.is_displayed() for m in current)
        assert "reservations expressed two hours in" in " ".join(m.text for m in current)
        in_view = driver.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight;",
            current[0])
        assert in_view, "the link should scroll the highlighted passage into view"
        background = current[0].value_of_css_property("background-color")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent")
        driver.save_screenshot(str(tmp_path / "source-highlighted.png"))
    finally:
        driver.quit()
    for shot in ("home.png", "table-filtered.png", "source-highlighted.png"):
        data = (tmp_path / shot).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a rendered page, not a blank one
        _keep(tmp_path / shot)


def test_site_package_ships_its_templates_and_static_files():
    from importlib import resources

    site = resources.files("wcit_data.publish.site")
    names = {p.name for p in site.joinpath("templates").iterdir()} | {p.name for p in site.joinpath("static").iterdir()}
    assert {"base.html", "source.html", "table.html", "claim.html", "site.css", "site.js"} <= names
    assert (ROOT / "src" / "wcit_data" / "publish" / "site" / "static" / "site.js").is_file()
