"""Citations compile: every source and every table's sources parse and render with pybtex; the package
citation, the plain-text citation and .zenodo.json come from CITATION.cff."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib

import pytest
import yaml
from pybtex.database import Entry, parse_string
from pybtex.plugin import find_plugin
from pybtex.style.template import FieldIsMissing

import wcit_data as wd
from conftest import ROOT
from wcit_data.citation import package_citation, parse_creators, table_source_ids

# biblatex types -> what classic BibTeX styles (and pybtex's "plain") use for them
BIBTEX_FALLBACK = {"report": "techreport", "online": "misc", "dataset": "misc"}
@pytest.fixture(scope="module")
def sources():
    return wd.load_sources().set_index("source_id")


@pytest.fixture(scope="module")
def all_entries(sources):
    return parse_string(wd.cite(*sources.index), "bibtex").entries


def _cell(value):
    return None if value is None or str(value) in ("", "nan", "<NA>", "None") else str(value)


STYLE = find_plugin("pybtex.style.formatting", "plain")()
BACKEND = find_plugin("pybtex.backends", "text")()


def render(entry_key, entry, allowed_missing=("author", "year")) -> str:
    """Plain-text rendering with pybtex's plain style; a required field may be missing only if unknown."""
    style, backend = STYLE, BACKEND
    typed = Entry(BIBTEX_FALLBACK.get(entry.type, entry.type), fields=entry.fields, persons=entry.persons)
    typed.key = entry_key
    try:
        return style.format_entry(entry_key, typed).text.render(backend)
    except FieldIsMissing as exc:
        assert exc.field_name in allowed_missing, f"{entry_key}: {exc}"
        assert exc.field_name not in entry.fields and exc.field_name not in entry.persons
        misc = Entry("misc", fields=entry.fields, persons=entry.persons)
        misc.key = entry_key
        return style.format_entry(entry_key, misc).text.render(backend)


def test_every_source_has_one_entry_with_unique_key(all_entries, sources):
    assert len(all_entries) == len(sources)
    assert set(all_entries) == set(sources.index)


def test_every_source_entry_renders_with_its_fields(all_entries, sources):
    for key, entry in all_entries.items():
        row = sources.loc[key]
        text = render(key, entry)
        assert "nan" not in text.split() and "{nan}" not in str(entry.fields)
        assert entry.type in ("article", "report", "online", "dataset")
        assert entry.fields["urldate"] == _cell(row["retrieved"])[:10]
        published = _cell(row["published"])
        if published:
            assert entry.fields["year"] == published[:4] and entry.fields["date"] == published
        else:
            assert "year" not in entry.fields and "date" not in entry.fields
        # capitals survive a style that changes case: every upper-case word of the title is braced
        for word in re.findall(r"\b[A-Z]{2,}\b", str(row["title"])):
            assert word in text, (key, word)
        for person in entry.persons.get("author", []):
            assert ";" not in str(person), (key, person)


def test_every_url_is_full_or_absent_with_a_reason(all_entries, sources):
    """No truncated ("...") or file-path address: a full http(s) URL, or none and the notes say why."""
    for key, entry in all_entries.items():
        url = entry.fields.get("url", "")
        if not url:
            why = " ".join(str(sources.loc[key, c]) for c in ("notes", "publisher", "retrieved_via")).lower()
            assert re.search(r"truncat|not reported|not returned", why), (key, "no URL and no reason given")
            continue
        assert url.startswith(("http://", "https://")) and not url.endswith("..."), (key, url)


def test_file_path_addresses_became_upstream_urls(all_entries):
    assert all_entries["context-freedom-house-2012"].fields["url"].startswith("https://github.com/")


def test_authors_are_persons_or_braced_organisations(all_entries):
    persons = {k: [str(p) for p in e.persons.get("author", [])] for k, e in all_entries.items()}
    assert persons["igp-2012-12-what-really-happened-in-dubai"] == ["Mueller, Milton"]
    assert persons["cart-plenary14-2012-12-13"] == ["{Caption First, Inc.}"]  # one organisation, not 2 persons
    pepper = next(k for k, e in all_entries.items() if len(persons[k]) == 2 and "Pepper, Robert" in persons[k])
    assert persons[pepper] == ["Pepper, Robert", "Sharp, Chip"]
    for names in persons.values():
        for name in names:
            assert name.startswith("{") or re.fullmatch(r"[^,{}]+, [^,{}]+|others", name), name


def test_parse_creators_reads_roles_and_organisations():
    assert [c.bibtex() for c in parse_creators("Robert Gieseke et al. (openclimatedata)")] == ["Gieseke, Robert",
                                                                                                "others"]
    assert [c.bibtex() for c in parse_creators("unknown GitHub user")] == []
    assert [c.bibtex() for c in parse_creators("Barnes, Richardson & Colburn")] == [r"{Barnes, Richardson \& Colburn}"]
    assert [c.bibtex() for c in parse_creators("総務省 (Ministry of Internal Affairs and Communications, Japan)")] \
        == ["{総務省}"]
    assert [c.bibtex() for c in parse_creators("Hamadoun I. Touré (ITU Secretary-General)")] == ["Touré, Hamadoun I."]


@pytest.mark.parametrize("table", wd.list_tables())
def test_cite_table_is_one_bib_file_with_all_its_sources(table):
    entries = parse_string(wd.cite(table=table), "bibtex").entries  # pybtex refuses duplicate keys
    keys = list(entries)
    assert keys[0] == package_citation().key
    assert set(keys[1:]) == set(table_source_ids(table))
    for key, entry in entries.items():
        render(key, entry)


def test_cite_frame_cites_the_sources_of_a_result():
    ballots = wd.load_ballots()
    documented = ballots.loc[ballots["evidence"].notna(), ["vote_id", "iso3", "source_id"]]
    keys = list(parse_string(wd.cite(frame=documented), "bibtex").entries)
    assert keys[0] == package_citation().key
    assert set(keys[1:]) == set(documented["source_id"].dropna())
    with pytest.raises(ValueError, match="no source_id column"):
        wd.cite(frame=ballots[["iso3"]])


def test_cli_writes_a_bib_file(tmp_path):
    out = subprocess.run([sys.executable, "-m", "wcit_data", "cite", "--table", "signatures"], capture_output=True,
                         text=True, check=True)
    (tmp_path / "refs.bib").write_text(out.stdout, encoding="utf-8")
    entries = parse_string((tmp_path / "refs.bib").read_text(encoding="utf-8"), "bibtex").entries
    assert len(entries) == 1 + len(table_source_ids("signatures"))


def test_cite_rejects_bad_arguments():
    with pytest.raises(ValueError, match="Did you mean 'igp-2012-12-what-really-happened-in-dubai'"):
        wd.cite("igp-2012-12-what-really-happened-in-duba")
    with pytest.raises(ValueError, match="Valid tables"):
        wd.cite(table="signature")
    with pytest.raises(ValueError, match="Valid styles: bibtex, text"):
        wd.cite(style="apa")  # type: ignore[arg-type]


def test_package_entry_comes_from_citation_cff():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    entry = parse_string(wd.cite(), "bibtex").entries[f"wcit-data-{cff['version']}"]
    assert entry.type == "dataset"
    assert entry.fields["version"] == str(cff["version"]) == wd.__version__
    assert entry.fields["year"] == str(cff["date-released"])[:4]
    assert entry.fields["url"] == cff["repository-code"]
    assert [str(p) for p in entry.persons["author"]] == ["{wcit-data contributors}"]
    assert "{ITU}" in entry.fields["title"] and "{WCIT-12}" in entry.fields["title"]
    assert "WCIT-12" in render("package", entry)


def test_plain_text_citation_is_apa_like():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert wd.cite(style="text") == (f"wcit-data contributors. ({str(cff['date-released'])[:4]}). {cff['title']} "
                                     f"(Version {cff['version']}) [Data set]. {cff['repository-code']}")
    line = wd.cite("igp-2012-12-what-really-happened-in-dubai", style="text")
    assert line.startswith("Mueller, M. (2012-12). What really happened in Dubai?")


def test_versions_and_licences_agree():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert pyproject["version"] == str(cff["version"]) == str(cff["preferred-citation"]["version"]) == wd.__version__
    assert pyproject["license"] == "MIT AND CC-BY-4.0"
    assert cff["license"] == ["MIT", "CC-BY-4.0"] == cff["preferred-citation"]["license"]
    assert set(cff["keywords"]) >= {"ITU", "WCIT-12"}


def test_cff_references_are_registered_sources(sources):
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    refs = cff["references"]
    ids = [re.search(r"source_id (\S+)", r["notes"]).group(1) for r in refs]
    assert "igp-2012-12-what-really-happened-in-dubai" in ids  # the post the dataset is about
    assert any(i.startswith("itu-final") for i in ids)  # the ITU Final Acts
    for ref, sid in zip(refs, ids):
        row = sources.loc[sid]
        assert ref["title"] in row["title"], sid
        if str(row["url"]).startswith("http"):
            assert ref["url"] == row["url"], sid
        if _cell(row["published"]):
            assert str(ref["year"]) == str(row["published"])[:4], sid


def test_zenodo_json_is_generated_from_the_model():
    sys.path.insert(0, str(ROOT / "tools"))
    from make_zenodo_json import zenodo_json

    assert (ROOT / ".zenodo.json").read_text(encoding="utf-8") == zenodo_json(), \
        "stale .zenodo.json: run python tools/make_zenodo_json.py"
    meta = json.loads(zenodo_json())
    assert meta["upload_type"] == "dataset" and meta["license"] == "cc-by-4.0"
    assert meta["version"] == wd.__version__
    assert any("What really happened in Dubai?" in r for r in meta["references"])


def test_readme_says_no_doi_is_minted_yet():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    if "doi" not in cff.get("preferred-citation", {}):
        assert "DOI-not%20minted%20yet" in readme or "no DOI" in readme
    assert wd.cite(style="text") in readme  # the README's citation is the generated one


# ------------------------------------------------------------------ QA faults of `cite --table signatures`
@pytest.fixture(scope="module")
def signature_refs():
    return parse_string(wd.cite(table="signatures"), "bibtex").entries


def test_title_supplied_by_the_dataset_is_cited_in_square_brackets(signature_refs, sources):
    key = "ajunews-2012-12-16-kcc-itrs-signed"
    assert bool(sources.loc[key, "title_is_description"]) is True
    assert not str(sources.loc[key, "title"]).startswith(("(", "["))
    entry = signature_refs[key]
    assert entry.fields["title"].startswith("[") and entry.fields["title"].endswith("]")
    assert "description" in entry.fields["note"]
    assert "[Aju Business Daily report" in wd.cite(key, style="text")
    # a real title is not bracketed and carries no such note
    ars = signature_refs["arstechnica-2012-12-14-wcit-over-who-won-nobody-knows"]
    assert not ars.fields["title"].startswith("[") and "description" not in ars.fields["note"]
    described = sources.index[sources["title_is_description"]]
    assert set(described) >= {key, "mbn-2012-12-itu-new-treaty-89-signed"}
    assert not sources.loc[~sources["title_is_description"], "title"].astype(str).str.match(r"^\(.*\)$").any()


def test_undated_source_has_no_year_and_says_so(all_entries):
    key = "domainingafrica-group-mentality-kenya-wcit"  # behind signature_reports
    assert key in table_source_ids("signature_reports")
    entry = all_entries[key]
    assert "year" not in entry.fields and "date" not in entry.fields
    assert "no publication date is stated" in entry.fields["note"]
    assert "(n.d.)" in wd.cite(key, style="text")
    assert render(key, entry)  # renders without a year


def test_btk_press_release_without_url_says_where_its_copy_is(signature_refs, sources):
    """Its address is stored only truncated ("..."), so no URL; the entry names the copy instead."""
    key = "btk-2012-12-20-wcit-basin-aciklamasi"
    entry = signature_refs[key]
    assert "url" not in entry.fields
    assert "copy on studylibtr.com (document 2414256)" in entry.fields["note"]
    assert "no URL (the full address is not recoverable)" in entry.fields["note"]
    assert "copy" not in str(sources.loc[key, "publisher"])  # the publisher is BTK; the copy is in the note
    assert entry.fields["organization"].startswith("{Bilgi Teknolojileri")


def test_month_only_date_is_not_made_a_day_and_the_note_says_so(signature_refs):
    entry = signature_refs["arstechnica-2012-12-14-wcit-over-who-won-nobody-knows"]
    assert entry.fields["date"] == "2012-12"
    assert "states only 2012-12, not the day in its id" in entry.fields["note"]


def test_text_style_never_doubles_a_full_stop():
    text = wd.cite(table="signatures", style="text")
    assert "Nobody knows. Retrieved" in text
    assert ".." not in text.replace("...", "")
    assert "?." not in text and "!." not in text


def test_titles_the_dataset_made_up_are_marked_as_descriptions(sources):
    """A title taken from a URL slug or written because the headline was not retrieved is not the source's."""
    made_up = sources["notes"].fillna("").str.contains(
        r"title (?:paraphrased |inferred )?from (?:the )?URL slug|headline not in excerpt", case=False, regex=True)
    assert made_up.sum() >= 8
    flagged = sources["title_is_description"].astype(str).str.lower().isin(["true", "1"])
    assert flagged[made_up].all(), sorted(sources.index[made_up & ~flagged])
    entry = wd.cite("ibtimes-uk-2012-12-14-digital-cold-war-itu-fails")
    assert "title        = {[" in entry or "title = {[" in entry.replace("  ", " "), entry
