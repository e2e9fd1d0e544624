"""Offline link check of a built site: every internal link and #anchor must resolve."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# (tag, attribute) pairs that load a resource when the page is viewed (must never point off-site)
RESOURCE_ATTRS = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")}


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, url)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key])
        for attr in ("href", "src"):
            if values.get(attr) is not None:
                self.links.append((tag, attr, values[attr]))


@dataclass
class LinkReport:
    pages: int = 0
    internal_links: int = 0
    external_links: int = 0
    broken: list[str] = field(default_factory=list)  # "page: url (reason)"
    external_resources: list[str] = field(default_factory=list)  # scripts/styles/images loaded off-site

    @property
    def ok(self) -> bool:
        return not self.broken and not self.external_resources

    def summary(self) -> str:
        return (f"{self.pages} pages, {self.internal_links} internal links checked: {len(self.broken)} broken; "
                f"{self.external_links} external links (not fetched); "
                f"{len(self.external_resources)} off-site resources loaded at view time")


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def check_site(site_dir: Path) -> LinkReport:
    """Parse every HTML page under ``site_dir`` and check its links, anchors and resources."""
    site_dir = Path(site_dir).resolve()
    pages = {p.resolve(): _parse(p) for p in sorted(site_dir.rglob("*.html"))}
    report = LinkReport(pages=len(pages))
    for page, parsed in pages.items():
        where = page.relative_to(site_dir)
        for tag, attr, url in parsed.links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                if parts.scheme in ("http", "https") or url.startswith("//"):
                    report.external_links += 1
                    if (tag, attr) in RESOURCE_ATTRS and not (tag == "link" and "canonical" in url):
                        report.external_resources.append(f"{where}: <{tag} {attr}={url!r}>")
                continue  # mailto:, data:, javascript: are not links to check
            report.internal_links += 1
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                report.broken.append(f"{where}: {url} (no file {target.relative_to(site_dir) if target.is_relative_to(site_dir) else target})")
                continue
            if not target.is_relative_to(site_dir):
                report.broken.append(f"{where}: {url} (points outside the site)")
                continue
            ids = pages[target].ids if target.suffix == ".html" else None
            # browsers try the fragment as written, then percent-decoded (nbconvert writes encoded ids)
            if parts.fragment and ids is not None and not {parts.fragment, unquote(parts.fragment)} & ids:
                report.broken.append(f"{where}: {url} (no anchor #{parts.fragment} in {target.relative_to(site_dir)})")
    return report
