"""Build the static documentation site from the installed package (plain HTML from Jinja2 templates).

Layout of the output folder::

    index.html                 what, why, quickstart, how to cite, known gaps (numbers from the data)
    tables/index.html, <t>.html  codebook, coverage, examples, every row (sortable, filterable)
    claims/index.html, <c>.html  the claims report; one page per claim with its evidence rows
    sources/index.html, <s>.html registry fields, citation, snapshot with cited passages highlighted
    figures/index.html         figures and the signature map (PNG shown, SVG/PDF linked), with alt text
    notebooks/index.html, <n>.html  notebooks rendered with their outputs
    static/site.css, site.js   no CDN: everything is served from the folder

Every source id on the site links to its source page; every evidence string links to its highlighted
passage on that page (``#ev-<hash of the normalised evidence>``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from wcit_data import __version__
from wcit_data import snapshots as wcit_snapshots
from wcit_data.build.sources import EVIDENCE_PAIRS, kept_whole
from wcit_data.publish.site.evidence import LocatedText, evidence_anchor, highlighted_html, locate
from wcit_data.publish.site.links import LinkReport, check_site
from wcit_data.publish.site.refs import resolve, split_refs, text_of

SITE_TITLE = "wcit-data"
REPOSITORY = "https://github.com/wcit-data/wcit-data"
# Columns holding one source id, or several separated by ";".
SOURCE_ID_COLUMNS = {"source_id", "derivation_source_id", "transcript_source_id"}
SOURCE_ID_LIST_COLUMNS = {"source_ids"}
EVIDENCE_OF = {ev: sid for sid, ev in EVIDENCE_PAIRS}
STATE_NAME_COLUMNS = {"state", "state_name", "short_name"}
ROWS_SHOWN_PER_REFERENCE = 40  # a claim citing a whole covariate links the table for the rest
VERDICT_LABELS = {"supported": "supported", "partly_supported": "partly supported",
                  "contradicted": "contradicted", "undetermined": "undetermined"}


def build_date() -> str:
    """UTC date of the build; SOURCE_DATE_EPOCH (reproducible builds) overrides the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return now.strftime("%Y-%m-%d")


def _missing(value) -> bool:
    return text_of(value) == ""


_text = text_of


def url_link(value) -> Markup:
    """A link for web addresses; anything else (e.g. a path in the repository) as plain text."""
    text = _text(value)
    if text.startswith(("http://", "https://")):
        return Markup('<a href="{}" rel="noreferrer">{}</a>').format(text, text)
    return Markup("<code>{}</code>").format(text) if text else Markup("")


def source_href(source_id: str) -> str:
    return f"sources/{source_id}.html"


def row_anchor(position: int) -> str:
    return f"row-{position + 1}"


@dataclass
class Citation:
    """One row citing one source."""

    table: str
    position: int  # 0-based row position
    label: str
    evidence: str
    evidence_column: str


@dataclass
class SourcePage:
    row: dict
    snapshot_bytes: bytes | None  # the stored text, from the checkout or else the installed package
    located: LocatedText | None = None
    hash_matches: bool | None = None
    citations: list[Citation] = field(default_factory=list)


class SiteBuilder:
    def __init__(self, out_dir: Path, root: Path | None = None, execute_notebooks: bool = True):
        from wcit_data.loading import descriptor, list_tables, load

        self.out = Path(out_dir)
        self.root = self._checkout_root(root)
        self.execute_notebooks = execute_notebooks
        self.tables = {name: load(name) for name in list_tables()}
        self.descriptor = descriptor()
        self.date = build_date()
        self.state_names = self.tables["states"].set_index("iso3")["short_name"].astype(str).to_dict()
        self.row_labels = {name: self._row_labels(name, frame) for name, frame in self.tables.items()}
        self.id_positions = self._id_positions()
        self.sources = self._source_pages()
        # longest first, and not followed by more id characters: an id that prefixes another links only itself
        ids = sorted(self.sources, key=len, reverse=True)
        self.source_id_pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
        self.env = self._environment()

    # ---------------------------------------------------------------- inputs
    @staticmethod
    def _checkout_root(root):
        """The checkout given, else the one holding the cwd or this package (an editable install); None when the
        package runs without one (then the source texts come from the package and the notebooks are not shown)."""
        if root is not None:
            return Path(root)  # taken as given: a folder without snapshots uses those the package ships
        # the same search as build.find_root, which cannot be imported without the build extra (pandera)
        for base in (Path.cwd().resolve(), Path(__file__).resolve().parents[4]):
            for folder in (base, *base.parents):
                if (folder / "data" / "sources" / "sources.csv").is_file():
                    return folder
        return None

    def _primary_key(self, name: str) -> list[str]:
        res = next(r for r in self.descriptor["resources"] if r["name"] == name)
        return res["schema"].get("primaryKey", [])

    def _row_labels(self, name: str, frame: pd.DataFrame) -> list[str]:
        key = self._primary_key(name)
        if not key:  # no key: the first columns that say what the row is about
            key = [c for c in frame.columns if c not in SOURCE_ID_COLUMNS | {"evidence", "note"}][:3]
        return [" · ".join(_text(v) for v in values) for values in frame[key].astype(object).itertuples(index=False)]

    def _id_positions(self) -> dict[str, dict[str, int]]:
        """Single-column primary key value -> row position, for tables other columns refer to by id."""
        out = {}
        for name in ("interventions", "events", "claims", "votes"):
            if name in self.tables:
                key = self._primary_key(name)[0]
                out[name] = {str(v): i for i, v in enumerate(self.tables[name][key])}
        return out

    def _source_pages(self) -> dict[str, SourcePage]:
        registry = self.tables["sources"]
        snapshots = self.root / "data" / "sources" / "text" if self.root else None
        pages = {}
        for row in registry.astype(object).to_dict("records"):
            sid = row["source_id"]
            path = snapshots / f"{sid}.txt" if snapshots else None
            # a checkout's own texts first (they may be newer than the package); else those the wheel ships
            raw = path.read_bytes() if path and path.is_file() else wcit_snapshots.stored_text_bytes(sid)
            pages[sid] = SourcePage(row, raw)
        for name, frame in self.tables.items():
            for sid_col, ev_col in EVIDENCE_PAIRS:
                if sid_col not in frame.columns or ev_col not in frame.columns:
                    continue
                for position, (sid, ev) in enumerate(zip(frame[sid_col], frame[ev_col])):
                    if _missing(sid) or _missing(ev):
                        continue
                    if sid not in pages:
                        raise ValueError(f"{name} row {position + 1}: {sid_col} {sid!r} is not in the sources table")
                    pages[sid].citations.append(Citation(name, position, self.row_labels[name][position], str(ev), ev_col))
        for page in pages.values():
            if page.snapshot_bytes is not None:
                page.located = locate(page.snapshot_bytes.decode("utf-8"), [c.evidence for c in page.citations])
                page.hash_matches = hashlib.sha256(page.snapshot_bytes).hexdigest() == _text(page.row.get("sha256"))
        return pages

    # ---------------------------------------------------------------- links
    def evidence_href(self, source_id: str, evidence: str) -> str:
        page = self.sources.get(source_id)
        anchor = evidence_anchor(evidence)
        if page is not None and page.located is not None and anchor in page.located.anchors():
            return f"{source_href(source_id)}#{anchor}"
        return f"{source_href(source_id)}#snapshot"

    def linked_text(self, value, up: str) -> Markup:
        """Free text (explanations, notes) with every source id it mentions turned into a link."""
        text = _text(value)
        out, last = [], 0
        for match in self.source_id_pattern.finditer(text):
            out += [Markup.escape(text[last:match.start()]), self.source_link(match.group(0), up)]
            last = match.end()
        out.append(Markup.escape(text[last:]))
        return Markup("").join(out)

    def source_link(self, source_id: str, up: str) -> Markup:
        title = _text(self.sources[source_id].row.get("title")) if source_id in self.sources else ""
        return Markup('<a class="sid" href="{}" title="{}">{}</a>').format(up + source_href(source_id), title, source_id)

    def evidence_link(self, source_id: str, evidence: str, up: str) -> Markup:
        return Markup('<a class="evidence" href="{}" title="Show this passage highlighted in the source">{}</a>').format(
            up + self.evidence_href(source_id, evidence), evidence)

    def row_href(self, table: str, position: int, up: str) -> str:
        return f"{up}tables/{table}.html#{row_anchor(position)}"

    # ---------------------------------------------------------------- cells
    def cell(self, table: str, column: str, value, row: dict, up: str) -> Markup:
        text = text_of(value)
        if not text:
            return Markup("")
        if column in SOURCE_ID_COLUMNS and text in self.sources:
            return self.source_link(text, up)
        if column in SOURCE_ID_LIST_COLUMNS:
            ids = [s.strip() for s in text.split(";") if s.strip()]
            return Markup("; ").join(self.source_link(s, up) if s in self.sources else Markup.escape(s) for s in ids)
        if column in EVIDENCE_OF and not _missing(row.get(EVIDENCE_OF[column])):
            return self.evidence_link(str(row[EVIDENCE_OF[column]]), text, up)
        if column == "evidence_rows":
            return Markup("; ").join(self.reference_link(r, up) for r in split_refs(text))
        if column == "intervention_ids":
            positions = self.id_positions.get("interventions", {})
            return Markup("; ").join(
                Markup('<a href="{}">{}</a>').format(self.row_href("interventions", positions[i], up), i)
                if i in positions else Markup.escape(i) for i in split_refs(text))
        if column == "claim_id" and table == "claims":
            return Markup('<a href="{}claims/{}.html">{}</a>').format(up, text, text)
        if column == "url":
            return url_link(text)
        return self.linked_text(text, up)

    def reference_link(self, ref: str, up: str) -> Markup:
        resolved = resolve(ref, self.tables)
        if len(resolved.rows) == 1 and not resolved.whole_table:
            return Markup('<a href="{}">{}</a>').format(self.row_href(resolved.table, resolved.rows[0], up), ref)
        return Markup('<a href="{}tables/{}.html">{}</a>').format(up, resolved.table, ref)

    def display_columns(self, name: str) -> list[str]:
        columns = list(self.tables[name].columns)
        # readers filter by state name; tables that store only iso3 get the name from states, for display
        if "iso3" in columns and not STATE_NAME_COLUMNS & set(columns):
            columns.insert(columns.index("iso3") + 1, "state")
        return columns

    def rows_html(self, name: str, up: str) -> Markup:
        frame = self.tables[name]
        columns = self.display_columns(name)
        out = []
        for position, row in enumerate(frame.astype(object).to_dict("records")):
            if "state" in columns and "state" not in frame.columns:
                row = {**row, "state": self.state_names.get(_text(row.get("iso3")), "")}
            cells = "".join(f"<td>{self.cell(name, c, row.get(c), row, up)}</td>" for c in columns)
            out.append(f'<tr id="{row_anchor(position)}"><td class="rownum"><a href="#{row_anchor(position)}">'
                       f"{position + 1}</a></td>{cells}</tr>")
        return Markup("\n".join(out))

    # ---------------------------------------------------------------- rendering
    def _environment(self):
        from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

        env = Environment(loader=PackageLoader("wcit_data.publish.site", "templates"),
                          autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True)
        env.globals.update(version=__version__, build_date=self.date, site=self, repository=REPOSITORY,
                           verdict_label=lambda v: VERDICT_LABELS.get(str(v), str(v)))
        env.filters["text"] = _text
        env.filters["urllink"] = url_link
        env.filters["linked"] = self.linked_text
        return env

    def render(self, template: str, path: str, **context) -> None:
        up = "../" * path.count("/")
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.env.get_template(template).render(up=up, path=path, **context), encoding="utf-8")

    def build(self) -> LinkReport:
        if self.out.exists():
            shutil.rmtree(self.out)
        self.out.mkdir(parents=True)
        self._copy_static()
        self.render("home.html", "index.html", gaps=self.known_gaps(), claims=self.tables["claims"],
                    bibtex=self._package_bibtex(), tables=self._table_summaries())
        self._table_pages()
        self._claim_pages()
        self._source_pages_html()
        figures = self._figures()
        self.render("figures.html", "figures/index.html", figures=figures)
        self.render("notebooks.html", "notebooks/index.html", notebooks=self._notebooks())
        return check_site(self.out)

    def _copy_static(self):
        static = self.out / "static"
        static.mkdir(parents=True, exist_ok=True)
        for item in resources.files("wcit_data.publish.site").joinpath("static").iterdir():
            if item.name.endswith((".css", ".js")):
                (static / item.name).write_bytes(item.read_bytes())

    @staticmethod
    def _package_bibtex() -> str:
        from wcit_data.meta import cite

        return cite()

    def _table_summaries(self) -> list[dict]:
        return [{"name": r["name"], "rows": len(self.tables[r["name"]]), "description": r.get("description", "")}
                for r in self.descriptor["resources"]]

    # ---------------------------------------------------------------- known gaps
    def known_gaps(self) -> list[Markup]:
        """Statements of what the data does not know, each with its numbers, computed from the tables."""
        t = self.tables
        sig = t["signatures"]
        status = sig["signature_status"].astype(str)
        totals = t["conference_totals"]
        adopted = totals[totals["adopted"].fillna(False).astype(bool)].set_index("measure")["figure"]
        signatories, non_signatories = adopted.get("signatories"), adopted.get("non_signatories")
        gaps = [Markup(
            "<b>Who signed</b>: the sources name {} of the {} signatories and {} of the {} non-signatories; "
            "{} Member States have status <i>unknown</i> (<a href='tables/signatures.html'>signatures</a>)."
        ).format((status == "signed").sum(), _text(signatories), (status == "did_not_sign").sum(),
                 _text(non_signatories), (status == "unknown").sum())]
        ballots = t["ballots"]
        documented = ballots[ballots["ballot"].astype(str) != "unknown"]
        gaps.append(Markup(
            "<b>How each state voted</b>: {} documented ballots out of {} state × decision rows; the rest are "
            "<i>unknown</i>, never inferred (<a href='tables/ballots.html'>ballots</a>)."
        ).format(len(documented), len(ballots)))
        events = t["events"]
        precision = events["precision"].astype(str).value_counts()
        gaps.append(Markup(
            "<b>Times</b>: of {} events, {} have an exact time, {} only bounds and {} only a day "
            "(<a href='tables/events.html'>events</a>)."
        ).format(len(events), precision.get("exact", 0), len(events) - precision.get("exact", 0) - precision.get("day", 0),
                 precision.get("day", 0)))
        iv = t["interventions"]
        transcript = iv["order_basis"].astype(str) == "transcript"
        gaps.append(Markup(
            "<b>Who spoke</b>: {} interventions, {} parsed from stored transcripts and {} from secondary accounts "
            "(<a href='tables/interventions.html'>interventions</a>)."
        ).format(len(iv), int(transcript.sum()), int((~transcript).sum())))
        verdicts = t["claims"]["verdict"].astype(str).value_counts()
        gaps.append(Markup(
            "<b>Claims</b>: {} of {} claims are <i>undetermined</i> (the stored sources are silent) "
            "(<a href='claims/index.html'>claims</a>)."
        ).format(verdicts.get("undetermined", 0), len(t["claims"])))
        gaps.append(Markup("<b>Later treaty acts</b>: {} signatures, ratifications or accessions after 14 December "
                           "2012 are recorded (<a href='tables/treaty_actions.html'>treaty_actions</a>).")
                    .format(len(t["treaty_actions"])))
        excerpts = sum(not kept_whole(sid, p.row.get("publisher")) for sid, p in self.sources.items())
        gaps.append(Markup("<b>Source texts</b>: {} of {} stored snapshots hold only the passages the dataset cites "
                           "(third-party prose); read the original at its URL (<a href='sources/index.html'>sources</a>).")
                    .format(excerpts, len(self.sources)))
        return gaps

    # ---------------------------------------------------------------- pages
    def _table_pages(self):
        from wcit_data.meta import coverage, describe

        for name in self.tables:
            book = describe(name)
            cov = coverage(name)
            cov = cov[cov["table"] == name].drop(columns=["table"])
            self.render("table.html", f"tables/{name}.html", name=name, book=book, coverage=cov.to_dict("records"),
                        columns=self.display_columns(name), rows=self.rows_html(name, "../"),
                        state_added="state" in self.display_columns(name) and "state" not in self.tables[name].columns,
                        n_rows=len(self.tables[name]), example=self._example(name))
        self.render("tables.html", "tables/index.html", tables=self._table_summaries())

    def _example(self, name: str) -> str:
        frame = self.tables[name]
        lines = ["import wcit_data as wd", "", f'{name} = wd.load("{name}")   # or wd.load_{name}()',
                 f'wd.describe("{name}")        # this codebook as a dict']
        for column in ("status", "signature_status", "verdict", "ballot", "kind", "variable", "lang"):
            if column in frame.columns and len(frame):
                value = frame[column].astype(str).value_counts().index[0]
                lines.append(f'{name}[{name}["{column}"] == "{value}"]')
                break
        if "source_id" in frame.columns:
            lines.append(f'wd.cite({name}["source_id"].iloc[0])  # BibTeX of the source of the first row')
        return "\n".join(lines)

    def resolved_evidence(self, refs_cell) -> list[dict]:
        out = []
        for ref in split_refs(refs_cell):
            resolved = resolve(ref, self.tables)
            frame = self.tables[resolved.table]
            shown = [] if resolved.whole_table else resolved.rows[:ROWS_SHOWN_PER_REFERENCE]
            rows = []
            for position in shown:
                row = frame.iloc[position]
                sid = _text(row.get("source_id"))
                ev = _text(row.get("evidence"))
                rows.append({"href": self.row_href(resolved.table, position, "../"),
                             "label": self.row_labels[resolved.table][position],
                             "source": self.source_link(sid, "../") if sid in self.sources else Markup(""),
                             "evidence": self.evidence_link(sid, ev, "../") if sid and ev else Markup.escape(ev)})
            out.append({"ref": ref, "table": resolved.table, "n": len(resolved.rows), "rows": rows,
                        "whole_table": resolved.whole_table, "more": len(resolved.rows) - len(shown)})
        return out

    def _claim_pages(self):
        claims = self.tables["claims"]
        records = claims.astype(object).to_dict("records")
        for claim in records:
            self.render("claim.html", f"claims/{claim['claim_id']}.html", claim=claim,
                        evidence=self.resolved_evidence(claim.get("evidence_rows")))
        counts = claims["verdict"].astype(str).value_counts().to_dict()
        self.render("claims.html", "claims/index.html", claims=records, counts=counts)

    def _source_pages_html(self):
        for sid, page in self.sources.items():
            by_table = defaultdict(list)
            for c in page.citations:
                by_table[c.table].append(c)
            snapshot = Markup(highlighted_html(page.located)) if page.located else None
            self.render("source.html", f"sources/{sid}.html", sid=sid, page=page, snapshot=snapshot,
                        by_table=dict(by_table), bibtex=self._source_bibtex(sid),
                        kept_whole=kept_whole(sid, page.row.get("publisher")),
                        relative_snapshot=f"data/sources/text/{sid}.txt")
        self.render("sources.html", "sources/index.html", sources=self.sources)

    @staticmethod
    def _source_bibtex(sid: str) -> str:
        from wcit_data.meta import cite

        try:
            return cite(sid)
        except (TypeError, ValueError) as exc:  # shown on the page, not hidden: a fault of cite() to fix there
            return f"wcit_data.cite({sid!r}) failed: {exc}"

    # ---------------------------------------------------------------- figures and notebooks
    def _figures(self) -> list[dict]:
        from wcit_data.publish.site.figures import write_site_figures

        return write_site_figures(self.tables, self.out / "figures")

    def _notebooks(self) -> list[dict]:
        from wcit_data.publish.site.notebooks import write_notebooks

        folder = self.root / "notebooks" if self.root else None
        return write_notebooks(folder, self.out / "notebooks", execute=self.execute_notebooks)


def build_site(out_dir, root=None, execute_notebooks: bool = True) -> LinkReport:
    """Build the site into ``out_dir`` (replaced if it exists); returns the link check of the result."""
    return SiteBuilder(Path(out_dir), root=root, execute_notebooks=execute_notebooks).build()


