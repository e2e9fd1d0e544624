"""Citations of the package and of every registered source, as BibTeX (biblatex entry types) or plain text.

The package citation is read from ``CITATION.cff`` (shipped in the wheel as ``wcit_data/CITATION.cff``), so
``cite()``, the README's plain-text citation and ``.zenodo.json`` never repeat it by hand. Source entries are
generated from the ``sources`` table: entry type from the kind of document, persons joined with `` and ``,
corporate authors in braces, capitals protected, ``year``/``date`` only when the source states a date.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

CitationStyle = Literal["bibtex", "text"]
CITATION_STYLES: tuple[str, ...] = ("bibtex", "text")
CFF_NAME = "CITATION.cff"

# Words that mark an organisation, so that e.g. "Baylor University Export Controls" is not read as a person.
ORGANISATION_WORDS = frozenset("""
agency association authority blog borders center centre commonwealth committee contributors controls council
daily foundation government group inc inc. institute lawyers library ltd ministry news office parliament press
project reporters secretary society systems union university
""".split())
# Kinds of document (the start of `licence_note`) -> entry type.
ARTICLE_KINDS = ("news", "journal article", "trade news", "news agency")
REPORT_KINDS = ("itu document", "treaty text", "itu cart transcript", "official gazette", "us government publication",
                "swiss federal government publication", "itu treaty text")
DATASET_HINTS = ("extract", "cc0", "lgpl", "public repository content", "iso-codes")


class CitationError(LookupError):
    """The citation metadata (CITATION.cff) is missing or incomplete."""


# ---------------------------------------------------------------------------------------------- BibTeX text
def bib_escape(text: str) -> str:
    """Escape the characters LaTeX treats specially (the text itself stays UTF-8).

    >>> bib_escape("AT&T: 100% {sure}")
    'AT\\\\&T: 100\\\\% \\\\{sure\\\\}'
    """
    specials = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
    return "".join(specials.get(ch, ch) for ch in str(text))


def protect_capitals(title: str) -> str:
    """Escape a title and brace every word with a capital, so styles that change case keep ITU, WCIT, Dubai.

    >>> protect_capitals("WCIT WATCH: Day 5 roundup")
    '{WCIT} {WATCH}: {Day} 5 roundup'
    """
    def protect(match: re.Match[str]) -> str:
        word = match.group(0)
        return "{" + word + "}" if any(ch.isupper() for ch in word) else word

    # a "word" stops at spaces and at punctuation that never belongs to a name
    return re.sub(r"[^\s(),;:!?\"“”«»\[\]{}]+", protect, bib_escape(title))


@dataclass(frozen=True)
class Creator:
    """One author: a person (family, given) or an organisation (literal name, braced in BibTeX)."""

    name: str
    given: str = ""
    corporate: bool = False

    def bibtex(self) -> str:
        if self.corporate:
            return "{" + bib_escape(self.name) + "}"
        return bib_escape(f"{self.name}, {self.given}" if self.given else self.name)

    def text(self) -> str:
        if self.corporate or not self.given:
            return self.name
        initials = " ".join(f"{part[0]}." for part in re.split(r"[\s]+", self.given) if part)
        return f"{self.name}, {initials}"


OTHERS = Creator("others")


def _strip_parentheses(text: str) -> str:
    return re.sub(r"\s*\([^()]*\)\s*$", "", text).strip()


def _split_outside_parentheses(text: str, sep: str = ";") -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if ch == sep and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [p.strip() for p in [*parts, current] if p.strip()]


def _is_person(name: str) -> bool:
    tokens = name.split()
    if not 2 <= len(tokens) <= 4:
        return False
    for token in tokens:
        letters = [ch for ch in token if ch.isalpha()]
        if not letters or not token[0].isupper() or token.lower().strip(".,") in ORGANISATION_WORDS:
            return False
        if len(letters) > 1 and all(ch.isupper() for ch in letters):  # acronym (ITU, US), not an initial (I.)
            return False
        if any(ch.isdigit() or ch in ",&/+" for ch in token):
            return False
    return True


def parse_creators(credit: str | None) -> list[Creator]:
    """Authors from a registry credit such as "Robert Pepper; Chip Sharp" or "Caption First, Inc. (CART)".

    Parts starting in lower case are roles ("posted by ...", "commenters ...", "unknown GitHub user") and are
    not authors; trailing parentheses are annotations. The full credit stays in the entry's note.

    >>> [c.bibtex() for c in parse_creators("Robert Pepper; Chip Sharp")]
    ['Pepper, Robert', 'Sharp, Chip']
    >>> [c.bibtex() for c in parse_creators("Caption First, Inc. (CART); posted by CIS India")]
    ['{Caption First, Inc.}']
    """
    creators: list[Creator] = []
    for part in _split_outside_parentheses(credit or ""):
        if part.startswith("(") and part.endswith(")"):  # "(AP)", "(Reuters, per brief; ...)"
            part = re.split(r"[,;]", part[1:-1])[0].strip()
        name = _strip_parentheses(part)
        et_al = name.endswith(" et al.")
        name = name.removesuffix(" et al.").strip()
        if not name or name[0].islower():
            continue
        if _is_person(name):
            *given, family = name.split()
            creators.append(Creator(family, " ".join(given)))
        else:
            creators.append(Creator(name, corporate=True))
        if et_al:
            creators.append(OTHERS)
    return creators


def join_creators(creators: list[Creator]) -> str:
    """BibTeX ``author`` value: persons and braced organisations joined with `` and ``.

    >>> join_creators(parse_creators("Ali Hussein; John Walubengo"))
    'Hussein, Ali and Walubengo, John'
    """
    return " and ".join(c.bibtex() for c in creators)


@dataclass(frozen=True)
class BibEntry:
    """One BibTeX entry; fields are written in insertion order, empty ones left out."""

    entry_type: str
    key: str
    fields: Mapping[str, str]

    def render(self) -> str:
        body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in self.fields.items() if value)
        return f"@{self.entry_type}{{{self.key},\n{body}\n}}"


# ---------------------------------------------------------------------------------------------- the package
@dataclass(frozen=True)
class PackageCitation:
    """The package's citation metadata, read from CITATION.cff (``preferred-citation`` first)."""

    title: str
    creators: tuple[Creator, ...]
    version: str
    date_released: str
    url: str
    licenses: tuple[str, ...]
    keywords: tuple[str, ...]
    abstract: str
    notes: str
    doi: str | None
    references: tuple[Mapping[str, Any], ...]

    @property
    def year(self) -> str:
        return self.date_released[:4]

    @property
    def key(self) -> str:
        return f"wcit-data-{self.version}"

    @classmethod
    def from_cff(cls, cff: Mapping[str, Any]) -> PackageCitation:
        preferred = {**cff, **cff.get("preferred-citation", {})}
        missing = [k for k in ("title", "authors", "version", "date-released") if not preferred.get(k)]
        if missing:
            raise CitationError(f"CITATION.cff lacks {', '.join(missing)}.")
        licenses = preferred.get("license", [])
        return cls(
            title=str(preferred["title"]), creators=tuple(_cff_creator(a) for a in preferred["authors"]),
            version=str(preferred["version"]), date_released=str(preferred["date-released"]),
            url=str(preferred.get("url") or preferred.get("repository-code") or ""),
            licenses=tuple([licenses] if isinstance(licenses, str) else licenses),
            keywords=tuple(cff.get("keywords", [])), abstract=str(cff.get("abstract", "")).strip(),
            notes=str(preferred.get("notes", "")), doi=preferred.get("doi"),
            references=tuple(cff.get("references", [])))

    def bibtex(self) -> str:
        """A biblatex ``@dataset`` entry (BibTeX styles treat it as ``@misc``)."""
        return BibEntry("dataset", self.key, {
            "title": protect_capitals(self.title), "author": join_creators(list(self.creators)),
            "year": self.year, "date": self.date_released, "version": self.version,
            "doi": self.doi or "", "url": self.url, "note": bib_escape(self.notes),
        }).render()

    def text(self) -> str:
        """An APA-like plain-text reference."""
        authors = ", ".join(c.text() for c in self.creators)
        where = f"https://doi.org/{self.doi}" if self.doi else self.url
        return f"{authors}. ({self.year}). {self.title} (Version {self.version}) [Data set]. {where}"

    def zenodo(self) -> dict[str, Any]:
        """Zenodo deposit metadata (the content of ``.zenodo.json``)."""
        zenodo_licence = {"CC-BY-4.0": "cc-by-4.0", "MIT": "MIT"}
        data_licence = next((zenodo_licence[x] for x in self.licenses if x.startswith("CC")), "cc-by-4.0")
        return {
            "title": self.title, "upload_type": "dataset", "description": self.abstract,
            "creators": [{"name": c.text()} for c in self.creators], "version": self.version,
            "publication_date": self.date_released, "access_right": "open", "license": data_licence,
            "keywords": list(self.keywords), "notes": self.notes,
            "related_identifiers": [{"identifier": self.url, "relation": "isSupplementTo", "scheme": "url"}],
            "references": [cff_reference_text(r) for r in self.references],
        }


def _cff_creator(author: Mapping[str, Any]) -> Creator:
    if "name" in author:
        return Creator(str(author["name"]), corporate=True)
    return Creator(str(author["family-names"]), str(author.get("given-names", "")))


def cff_reference_text(ref: Mapping[str, Any]) -> str:
    """One CITATION.cff reference as a plain-text line (for Zenodo's reference list)."""
    authors = ", ".join(_cff_creator(a).text() for a in ref.get("authors", []))
    year = f" ({ref['year']})." if ref.get("year") else "."
    where = ref.get("url") or ref.get("repository-code") or ""
    return f"{authors}{year} {ref['title']}. {where}".strip()


def _cff_text() -> str:
    packaged = resources.files("wcit_data").joinpath(CFF_NAME)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[2] / CFF_NAME  # editable install: the checkout's file
    if checkout.is_file():
        return checkout.read_text(encoding="utf-8")
    raise CitationError(f"{CFF_NAME} is missing from the installed package; reinstall wcit-data.")


@lru_cache(maxsize=1)
def package_citation() -> PackageCitation:
    """The package citation model, parsed from the shipped CITATION.cff.

    >>> package_citation().licenses
    ('MIT', 'CC-BY-4.0')
    """
    import yaml

    return PackageCitation.from_cff(yaml.safe_load(_cff_text()))


# ---------------------------------------------------------------------------------------------- sources
def _text(value: Any) -> str | None:
    """A registry cell as text; None for missing values of any flavour (None, NaN, pd.NA, '')."""
    if value is None or (not isinstance(value, str) and value != value):  # NaN is not equal to itself
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    text = str(value).strip()
    return None if text in ("", "<NA>", "nan", "NaT") else text


def source_entry_type(source: Mapping[str, Any]) -> str:
    """article, report, dataset or online, from what kind of document the registry says a source is."""
    note = (_text(source.get("licence_note")) or "").lower()
    title = (_text(source.get("title")) or "").lower()
    if str(source.get("source_id", "")).startswith("context-") or any(h in note or h in title for h in DATASET_HINTS):
        return "dataset"
    if note.startswith(ARTICLE_KINDS):
        return "article"
    if note.startswith(REPORT_KINDS) or (_text(source.get("kind")) == "primary" and "document" in note):
        return "report"
    return "online"


def _is_true(value: Any) -> bool:
    return value is True or str(value).strip().lower() in ("true", "1", "yes")


def cited_title(source: Mapping[str, Any]) -> str:
    """The title as cited: the source's own title, or the dataset's description of an untitled source in square
    brackets (the bibliographic convention for a supplied title; registry column ``title_is_description``).

    >>> cited_title({"title": "KCC statement", "title_is_description": True})
    '[KCC statement]'
    >>> cited_title({"title": "Who won? Nobody knows.", "title_is_description": False})
    'Who won? Nobody knows.'
    """
    title = _text(source.get("title")) or str(source.get("source_id", ""))
    return f"[{title}]" if _is_true(source.get("title_is_description")) else title


def _end_sentence(text: str) -> str:
    """Text followed by a full stop unless it already ends in one (or in ? or !), so no '..' appears."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _id_day_not_stated(source_id: str, published: str) -> bool:
    """True when an id carries a full date but the source states only its month or year."""
    day = re.search(r"\d{4}-\d{2}-\d{2}", source_id)
    return bool(day) and len(published) < 10 and day.group(0).startswith(published)


def _where_without_url(notes: str) -> str:
    """For a source without a usable URL: the copy the registry notes name, so a reader can still find it.

    >>> _where_without_url("retrieved from a copy on studylibtr.com (document 2414256), not the site")
    '; no URL (the full address is not recoverable); text retrieved from a copy on studylibtr.com (document 2414256)'
    """
    copy = re.search(r"copy on ([\w.-]+\.[a-z]{2,})(?: \(document (\d+)\))?", notes)
    where = ""
    if copy:
        document = f" (document {copy.group(2)})" if copy.group(2) else ""
        where = f"; text retrieved from a copy on {copy.group(1)}{document}"
    return "; no URL (the full address is not recoverable)" + where


def source_entry(source: Mapping[str, Any]) -> BibEntry:
    """The BibTeX entry of one row of the ``sources`` table."""
    sid = str(source["source_id"])
    entry_type = source_entry_type(source)
    credit = _text(source.get("author"))
    creators = parse_creators(credit)
    publisher = _text(source.get("publisher"))
    published = _text(source.get("published"))
    container = {"article": "journaltitle", "report": "institution"}.get(entry_type, "organization")
    note = f"wcit-data source {sid}"
    if credit and join_creators(creators) != bib_escape(credit):
        note += f"; credit as recorded: {credit}"
    if _is_true(source.get("title_is_description")):
        note += "; title in square brackets: a description, the source's own title was not retrieved"
    if not published:
        note += "; no publication date is stated in the retrieved text (n.d.)"
    elif _id_day_not_stated(sid, published):
        note += f"; the source states only {published}, not the day in its id"
    if not _url(source.get("url")):
        note += _where_without_url(_text(source.get("notes")) or "")
    fields = {
        "title": protect_capitals(cited_title(source)),
        "author": join_creators(creators),
        container: "{" + bib_escape(publisher) + "}" if publisher else "",
        "year": published[:4] if published else "",
        "date": published or "",
        "url": _url(source.get("url")),
        "urldate": _text(source.get("retrieved")) or "",
        "langid": _text(source.get("language")) or "",
        "note": bib_escape(note),
    }
    if entry_type == "article":  # BibTeX styles read `journal`, biblatex `journaltitle`
        fields["journal"] = fields["journaltitle"]
    return BibEntry(entry_type, bibtex_key(sid), fields)


def _url(value: Any) -> str:
    url = _text(value) or ""
    return url.replace("{", "%7B").replace("}", "%7D") if url.startswith(("http://", "https://")) else ""


def bibtex_key(source_id: str) -> str:
    """A BibTeX key for a source id (ids are already unique; only unsafe characters are replaced).

    >>> bibtex_key("cart-plenary14-2012-12-13")
    'cart-plenary14-2012-12-13'
    """
    return re.sub(r"[^A-Za-z0-9_:.-]+", "_", source_id)


def source_text(source: Mapping[str, Any]) -> str:
    """An APA-like plain-text reference for one source."""
    creators = parse_creators(_text(source.get("author")))
    authors = ", ".join(c.text() for c in creators) or _text(source.get("publisher")) or ""
    published = _text(source.get("published"))
    parts = [f"{authors} ({published or 'n.d.'}).", _end_sentence(cited_title(source))]
    if _text(source.get("publisher")) and authors != _text(source.get("publisher")):
        parts.append(_end_sentence(_text(source.get("publisher")) or ""))
    if _url(source.get("url")):
        parts.append(f"Retrieved {_text(source.get('retrieved'))}, from {_url(source.get('url'))}")
    return " ".join(parts)


def _sources_by_id() -> dict[str, dict[str, Any]]:
    from wcit_data.loading import load

    frame = load("sources")
    rows = {str(row["source_id"]): row for row in frame.to_dict("records")}
    # ids merged into another source (same URL) keep resolving, so old citations do not break
    for row in list(rows.values()):
        aliases = row.get("aliases")
        if isinstance(aliases, str):
            rows.update({alias: row for alias in aliases.split(";") if alias and alias not in rows})
    return rows


def _check_source_ids(source_ids: tuple[str, ...], known: Mapping[str, Any]) -> None:
    for sid in source_ids:
        if sid not in known:
            close = difflib.get_close_matches(str(sid), list(known), n=3)
            hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
            raise ValueError(f"Unknown source {sid!r}.{hint} Valid ids are the source_id values of "
                             "wcit_data.load_sources().")


def frame_source_ids(frame: Any) -> list[str]:
    """Ids of all sources behind a frame's rows: every ``*source_id`` column and ``;``-separated ``source_ids``.

    >>> import wcit_data as wd
    >>> frame_source_ids(wd.load_votes().head(1))  # doctest: +ELLIPSIS
    ['...']
    """
    ids: set[str] = set()
    columns = [c for c in frame.columns if str(c).endswith(("source_id", "source_ids"))]
    if not columns:
        raise ValueError("The frame has no source_id column; cite a table or a frame with its source_id column.")
    for column in columns:
        for cell in frame[column].dropna().astype(str):
            ids.update(part.strip() for part in cell.split(";") if part.strip())
    return sorted(ids)


def table_source_ids(table: str) -> list[str]:
    """Ids of all sources behind a table's rows.

    >>> "igp-2012-12-what-really-happened-in-dubai" in table_source_ids("claims")
    True
    """
    from wcit_data.loading import check_table_name, load

    return frame_source_ids(load(check_table_name(table)))


def cite(*source_ids: str, table: str | None = None, frame: Any = None, style: CitationStyle = "bibtex") -> str:
    """Cite the package, some sources, or every source behind a table or a result, as BibTeX or plain text.

    ``cite()`` gives the package; ``cite(id, ...)`` the named sources; ``cite(table=name)`` the package and
    all sources of that table, ``cite(frame=result)`` the package and the sources of a result's rows (one
    file with unique keys, ready to save as ``refs.bib``). ``style="text"`` gives APA-like plain text.

    >>> print(cite(style="text"))  # doctest: +ELLIPSIS
    wcit-data contributors. (20...). wcit-data: ... (Version ...) [Data set]. https://github.com/wcit-data/wcit-data
    >>> print(cite("igp-2012-12-what-really-happened-in-dubai"))  # doctest: +ELLIPSIS
    @online{igp-2012-12-what-really-happened-in-dubai,
      title        = {{What} really happened in {Dubai}? ...},
      author       = {Mueller, Milton},
    ...
    >>> cite(table="votes").count("@dataset{wcit-data-")  # the package entry comes first
    1
    >>> import wcit_data as wd
    >>> claims = wd.load_claims()
    >>> "@online{igp-2012-12-what-really-happened-in-dubai," in cite(frame=claims[claims["verdict"] == "supported"])
    True
    """
    if style not in CITATION_STYLES:
        raise ValueError(f"Unknown citation style {style!r}. Valid styles: {', '.join(CITATION_STYLES)}.")
    package = package_citation()
    parts: list[str] = []
    if not source_ids or table is not None or frame is not None:
        parts.append(package.bibtex() if style == "bibtex" else package.text())
    behind = [*(table_source_ids(table) if table is not None else []),
              *(frame_source_ids(frame) if frame is not None else [])]
    wanted = list(dict.fromkeys([*source_ids, *behind]))
    if wanted:
        known = _sources_by_id()
        _check_source_ids(tuple(wanted), known)
        for sid in wanted:
            parts.append(source_entry(known[sid]).render() if style == "bibtex" else source_text(known[sid]))
    return ("\n\n" if style == "bibtex" else "\n").join(parts)
