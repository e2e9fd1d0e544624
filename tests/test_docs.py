"""Docs that cannot drift: every number in README and DATASHEET is recomputed from the data, the README
quickstart runs as a doctest, the CLI list matches the parser, and the codebook covers every table.

A failure names the file, what it says and what the data give, so the text can be updated quickly.
"""

from __future__ import annotations

import argparse
import doctest
import io
import re
from contextlib import redirect_stdout

import pytest

import wcit_data as wd
from conftest import ROOT
from wcit_data.cli import parser

README = ROOT / "README.md"
DATASHEET = ROOT / "docs" / "DATASHEET.md"
CODEBOOK = ROOT / "schemas" / "CODEBOOK.md"


def flat(path) -> str:
    """A document with whitespace runs collapsed, so that phrases may wrap across lines."""
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))


def _number_pattern(phrase: str) -> str:
    return re.sub(r"\\?\d+(?:\\\.\d+)?", r"\\d+(?:\\.\\d+)?", re.escape(phrase))


def mismatches(path, phrases: list[str]) -> list[str]:
    """Phrases (built from the data) missing from a document, each with what the document says instead."""
    text, problems = flat(path), []
    for phrase in phrases:
        if phrase in text:
            continue
        found = re.search(_number_pattern(phrase), text)
        says = f"says {found.group(0)!r}" if found else "has no such phrase"
        problems.append(f"{path.relative_to(ROOT)} {says} where the data give {phrase!r}")
    return problems


def _claim(claims, claim_id: str, pattern: str) -> tuple[str, ...]:
    explanation = claims.loc[claim_id, "explanation"]
    match = re.search(pattern, explanation)
    assert match, f"claim {claim_id}: {pattern!r} not in its explanation {explanation!r}"
    return match.groups()


@pytest.fixture(scope="module")
def facts():
    claims = wd.load_claims().set_index("claim_id")
    totals = wd.load_conference_totals()
    adopted = totals[totals["adopted"].astype(bool)].set_index("measure")["figure"].astype(int).to_dict()
    verdicts = claims["verdict"].astype(str).value_counts().to_dict()
    return {"claims": claims, "adopted": adopted, "verdicts": verdicts, "coverage": wd.signature_coverage(),
            "n_tables": len(wd.list_tables()), "n_states": len(wd.load_states())}


def test_readme_numbers_match_the_data(facts):
    claims, adopted, v, cov = facts["claims"], facts["adopted"], facts["verdicts"], facts["coverage"]
    placed, named = _claim(claims, "curran-reservations-after-vote", r"(\d+) of the (\d+) delegations")
    of_reports = _claim(claims, "iran-called-for-vote", r"(\d+ of \d+) independent reports")[0]
    known, signed = _claim(claims, "irony-sanctions-and-access", r"known status: (\d+), of which (\d+) signed")
    free, not_free = _claim(claims, "irony-sanctions-and-access",
                            r"Free (\d+% \(\d+ of \d+\)) vs Not Free (\d+% \(\d+ of \d+\))")
    ms = _claim(claims, "multistakeholder-delegations-did-not-sign", r"(\d+ of \d+) documented multi")[0]
    stop, start, end = _claim(claims, "no-disruption-before-vote",
                              r"around (\d\d:\d\d) UTC.*?window \((\d\d:\d\d)-(\d\d:\d\d) UTC\)")
    first, *_, last = _claim(claims, "article9-not-significantly-altered", r"margin numbers ([\d,]+) in")[0].split(",")
    tally = wd.load_votes().set_index("vote_id").loc["preamble-2012-12-13", ["yes", "no", "abstain"]].astype(int)
    post = wd.load_sources().set_index("source_id").loc["igp-2012-12-what-really-happened-in-dubai", "title"]
    n_comments = re.search(r"with (\d+) comments", post).group(1)
    counted = ", ".join(f"{v.get(k, 0)} {k.replace('_', ' ')}" for k in ("supported", "partly_supported", "undetermined"))
    phrases = [
        f"{adopted['signatories']} states signing", f"its {n_comments} comments",
        f"the {'–'.join(map(str, tally))} vote on an African-led Preamble amendment",
        f"{adopted['non_signatories']} of the {adopted['accredited']} accredited states not signing",
        f"At this release, {len(claims)} claims: {counted}",
        f"none contradicted" if not v.get("contradicted") else f"{v['contradicted']} contradicted",
        f"{cov['signed_named']} of the {cov['signatories_total']} signatories and {cov['not_signed_named']} of the "
        f"{cov['non_signatories_total']} non-signers are named with evidence, {cov['unknown']} Member States are",
        f"{placed} of his {named} delegations", f"({of_reports} independent reports)",
        f"{signed} of {known} sanctioned states with a known status signed",
        f"{free} of Free vs {not_free} of Not Free", f"multi-stakeholder delegations not signing ({ms},",
        f"his stop time ({stop} UTC) falls inside the vote's time window ({start}–{end} UTC)",
        f"margin numbers {first}–{last}",
        f"ITU Member State ({facts['n_states']}, Dec 2012)",
        f"present {adopted['member_states_present']}/", f"accredited {adopted['accredited']}, "
        f"signed {adopted['signatories']}, not signed {adopted['non_signatories']}",
    ]
    problems = mismatches(README, phrases)
    assert not problems, "\n".join(problems)


def test_datasheet_numbers_match_the_data(facts):
    phrases = [f"Datasheet for wcit-data {wd.__version__}", f"{facts['n_tables']} tables (see",
               f"signatures of {facts['coverage']['unknown']} states", f"the {facts['n_states']} ITU Member States"]
    problems = mismatches(DATASHEET, phrases)
    assert not problems, "\n".join(problems)


def test_readme_table_list_is_complete():
    section = README.read_text(encoding="utf-8").split("## Tables", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `(\w+)`(?:, `(\w+)`)?", section, flags=re.M))
    names = {n for pair in listed for n in pair if n}
    assert names == set(wd.list_tables()), (f"README lists but no such table: {sorted(names - set(wd.list_tables()))}; "
                                            f"missing from README: {sorted(set(wd.list_tables()) - names)}")


def test_codebook_has_a_section_per_table():
    sections = re.findall(r"^## `(\w+)`", CODEBOOK.read_text(encoding="utf-8"), flags=re.M)
    assert sections == wd.list_tables()


def test_readme_quickstart_runs_as_doctest():
    blocks = re.findall(r"```pycon\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "README has no ```pycon quickstart"
    parser_ = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out = io.StringIO()
    for i, block in enumerate(blocks):
        test = parser_.get_doctest(block, {}, f"README.md quickstart block {i + 1}", str(README), 0)
        with redirect_stdout(out):
            runner.run(test, out=out.write)
    assert runner.failures == 0, out.getvalue()
    assert runner.tries >= 8


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_readme_cli_list_matches_the_parser():
    text = README.read_text(encoding="utf-8")
    commands = set(_subcommands())
    mentioned = set(re.findall(r"`wcit-data ([a-z][a-z-]*)", text))
    assert mentioned - commands == set(), f"README mentions unknown commands: {sorted(mentioned - commands)}"
    table = text.split("From the shell", 1)[1].split("\n\n", 2)[1]
    listed = set(re.findall(r"`wcit-data ([a-z][a-z-]*)", table))
    assert commands - listed == set(), f"README's command table lacks: {sorted(commands - listed)}"


def test_every_cli_argument_has_help():
    undocumented = [f"wcit-data {name} {a.dest}" for name, sub in _subcommands().items() for a in sub._actions
                    if not a.help and not isinstance(a, argparse._HelpAction)]
    undocumented += [a.dest for a in parser()._actions if not a.help and not isinstance(
        a, (argparse._HelpAction, argparse._SubParsersAction))]
    assert not undocumented, undocumented
    sub_action = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    silent = [c.dest for c in sub_action._choices_actions if not c.help]
    assert not silent and len(sub_action._choices_actions) == len(_subcommands()), silent


def test_audit_counts_of_this_release_match_the_data():
    """docs/audit/counts-<version>.json (the 'after' column of docs/audit/README.md) is the shipped data's."""
    import json
    import runpy

    audit_counts = runpy.run_path(str(ROOT / "tools" / "audit_counts.py"))["audit_counts"]
    recorded = json.loads((ROOT / "docs" / "audit" / f"counts-{wd.__version__}.json").read_text(encoding="utf-8"))
    assert audit_counts() == recorded, "rerun: python tools/audit_counts.py > docs/audit/counts-VERSION.json"
