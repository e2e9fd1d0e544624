"""Write the notebooks in notebooks/ (thin: they call the package). Run after changing their story."""
from pathlib import Path

import nbformat as nbf

ROOT = Path(__file__).resolve().parents[1]
SETUP = ("import pandas as pd\nimport matplotlib\nimport matplotlib.pyplot as plt\nimport wcit_data as wd\n"
         "from wcit_data import analysis\nfrom wcit_data.publish import figures, maps\n"
         "pd.set_option('display.max_colwidth', 120)\n"
         "claims = wd.load_claims().set_index('claim_id')\n"
         "def verdicts(*ids):\n    return claims.loc[list(ids), ['author', 'verdict', 'explanation']]\n"
         "def show(fig):\n    \"\"\"Draw a figure and print its plain-text description under it.\"\"\"\n"
         "    plt.show()\n    print(fig.alt_text)")
# signatures.status is being renamed signature_status; the notebooks read whichever the table has.
STATUS = "status = 'signature_status' if 'signature_status' in sig.columns else 'status'"

NOTEBOOKS = {
"01_the_vote_and_the_night_of_13_december.ipynb": [
("md", "# 01 — The vote and the night of 13 December 2012\n\n**Question:** what was decided on the night of "
       "13 December, how (by vote or by consensus), and when — and does the record support what the blog post says "
       "about it?\n\nEvery differing report is kept. Times are stored in local time with their zone and converted to "
       "UTC; a time known only within bounds is drawn as a bar, a time known by one bound only as an arrow, never "
       "as a guessed point."),
("code", SETUP),
("code", "wd.load_votes()[['vote_id','date','time_local','plenary','method','proposed_by','requested_by','yes','no','abstain','outcome']]"),
("md", "Every report behind the Preamble vote, side by side (`adopted` marks what `votes` uses, with the reason in `note`):"),
("code", "r = wd.load_vote_reports()\nr[r.vote_id.astype(str) == 'preamble-2012-12-13'][['attribute','value','adopted','source_id','note']].sort_values('attribute')"),
("md", "The timed events of 12-14 December on three clocks (Dubai, UTC, CET). The hatched bands are the window in "
       "which the Preamble vote took place and the hours in which the blog's author says he was not watching."),
("code", "fig = figures.timeline(wd.load_events(), vote_window=figures.preamble_vote_window())\nshow(fig)"),
("md", "## Verdicts (computed from the tables at build time)"),
("code", "verdicts('african-amendment-77-33-8', 'resolution-room-temperature', 'iran-called-for-vote', 'no-disruption-before-vote')"),
("md", "## What the data can and cannot say\n\n- **Can:** the tally of the Preamble vote and who reported it; the "
       "bounds within which the vote took place, computed from session start times and timed reports; that the "
       "Internet resolution was adopted by a 'taking of the temperature' rather than a vote, as the transcript shows.\n"
       "- **Cannot:** the minute of the vote (no stored source times it); what happened in the hours no transcript "
       "covers; anything an account relays without a second, independent source. A time in CET is the author's "
       "own account, and some zones are assumptions marked as such in the `events` table."),
],
"02_who_objected_and_when.ipynb": [
("md", "# 02 — Who objected, and when\n\n**Question:** did a dozen delegations make reservations right after the "
       "plenary moved to a vote on the Preamble (John Curran), or did nothing visible happen until after the "
       "African amendment vote (Milton Mueller)?\n\n`order` is only what a source states, and `vote_relation` says "
       "where a source places a statement relative to which vote (`vote_id`)."),
("code", SETUP),
("code", "iv = wd.load_interventions()\n"
         "after = iv[(iv.vote_id.astype(str) == 'preamble-2012-12-13') & (iv.vote_relation.astype(str) == 'after') & iv.iso3.notna()]\n"
         "after[['source_id','order','order_basis','iso3','speaker','stance']].sort_values(['source_id','order'])"),
("md", "The same statements, one column per source (publisher and date), with the position each source states; "
       "states a source lists together are drawn as ties."),
("code", "fig = figures.after_vote_order(iv, wd.load_sources(), vote_id='preamble-2012-12-13')\nshow(fig)"),
("md", "Curran's list against the record:"),
("code", "from wcit_data.claims import CURRAN_LIST\nsig = wd.load_signatures().set_index('iso3')\n" + STATUS + "\n"
         "pd.DataFrame({'iso3': CURRAN_LIST, 'placed_after_vote': [c in set(after.iso3.astype(str)) for c in CURRAN_LIST],\n"
         "              'signature_status': [sig.loc[c, status] for c in CURRAN_LIST]})"),
("md", "Statements from the same day that no source places relative to the vote (these keep the question open):"),
("code", "iv[iv.vote_relation.astype(str) == 'unplaced'][['source_id','iso3','stance','note']]"),
("code", "verdicts('curran-reservations-after-vote', 'no-disruption-before-vote')"),
("md", "## What the data can and cannot say\n\n- **Can:** which delegations each source places right after the "
       "Preamble vote, and in which order where the source states one; which of Curran's eleven are in no account.\n"
       "- **Cannot:** a single authoritative speaking order (sources disagree and most list states together); whether a "
       "statement was a reservation to the text or an announcement of not signing, where the source does not say; "
       "the exact time of any statement. Several sources relay the same report, so the number of columns is not the "
       "number of independent witnesses."),
],
"03_who_signed.ipynb": [
("md", "# 03 — Who signed on 14 December 2012\n\n**Question:** which Member States signed the Final Acts in Dubai, "
       "which did not, and how sure is each status?\n\nThe ITU's own list of signatories could not be retrieved, so "
       "status comes country by country from what sources state. `unknown` is a real category here, and coverage is "
       "shown next to every count."),
("code", SETUP),
("code", "from wcit_data.meta import signature_coverage\nsignature_coverage()"),
("code", "wd.load_conference_totals().query('adopted')[['measure','value','figure','source_id']]"),
("md", "The map: Member States by status; small states are drawn as markers; territories that are not ITU Member "
       "States are dotted. Boundaries: Natural Earth 1:110m, pinned (`world-atlas` 2.0.2), registered as a source."),
("code", "states, sig = wd.load_states(), wd.load_signatures()\nfig = maps.signature_map(states, sig)\nshow(fig)"),
("md", "How each status is attested (the `confidence` column where present, otherwise `evidence_kind`):"),
("code", "fig = maps.confidence_map(states, sig)\nshow(fig)"),
("code", "fig = figures.signing_by_group(analysis.signing_by_rto(), 'Signing on 14 December 2012 by regional telecommunication organisation')\nshow(fig)"),
("code", STATUS.replace("sig.columns", "sig.columns") + "\nsig[sig.evidence_kind.astype(str) == 'conflicting'][['iso3', status, 'resolution']]"),
("code", "s = wd.load_signatures()  # status from stated outcome reports only; intentions in `announced`\npd.crosstab(s.signature_status.astype(str), s.confidence.astype(str), margins=True)"),
("code", "s[s.announced.notna() & (s.signature_status.astype(str) == 'unknown')][['iso3', 'announced', 'announced_date', 'announced_source_id', 'resolution']]"),
("code", "verdicts('fifty-plus-not-signing', 'uk-did-not-sign', 'multistakeholder-delegations-did-not-sign')"),
("md", "## What the data can and cannot say\n\n- **Can:** the status of each state that a stored source names as "
       "signing or not signing, with the report behind it; the conference totals as reported; how each status is "
       "attested.\n- **Cannot:** a complete list: the named states fall short of the reported totals, and an "
       "`unknown` state may have signed or not. A statement of intent before 14 December is not an outcome, and a "
       "group statement (e.g. 'the EU members') resolves a member only as far as the table's derivation says."),
],
"04_the_internet_in_the_texts.ipynb": [
("md", "# 04 — The Internet in the texts\n\n**Question:** does the 2012 ITR text name the Internet, and was "
       "Article 9 altered?\n\nEvery count comes with how much text was searched: the 2012 Final Acts were retrieved "
       "page by page and only in part."),
("code", SETUP),
("code", "m = wd.mentions('Internet')\nm[['instrument','part','lang','count','margins_retrieved','margins_known','complete']]"),
("code", "fig = figures.mentions(m)\nshow(fig)"),
("code", "wd.compare_articles()"),
("code", "p = wd.load_provisions()\np[(p.instrument.astype(str) == 'ITR 2012') & (p.article.astype(str) == '5A')][['lang','margin_no','text']]"),
("code", "verdicts('internet-not-in-final-itrs', 'article9-not-significantly-altered', 'no-cybersecurity-language', 'resolution-not-part-of-treaty', 'internet-27-in-document-47', 'internet-19-in-declarations', 'internet-9-in-resolution')"),
("md", "## What the data can and cannot say\n\n- **Can:** how often a term occurs in the retrieved margin numbers of "
       "each instrument, part and language, and how many margin numbers that is out of how many exist.\n"
       "- **Cannot:** prove absence where a text is incomplete: a zero over part of a text is not evidence that the "
       "term is absent from the rest. Counts in documents that were not retrieved stay undetermined."),
],
"05_access_sanctions_and_freedom.ipynb": [
("md", "# 05 — Access, sanctions and freedom\n\n**Question:** is it true, as the post suggests, that states "
       "championing Internet freedom use denial of access as a sanction, while rights-abusing states claim a right of "
       "access?\n\nPer-state ballots on the access sentence are unknown, so signing the Final Acts is used as a (weak) "
       "proxy; every table shows how many states have a known status."),
("code", SETUP),
("code", "sanc = analysis.signing_by_group('us_sanctions_2012')\nsanc"),
("code", "fh = analysis.signing_by_group('fh_status')\nfig = figures.signing_by_group(fh, 'Signing on 14 December 2012 by Freedom House status 2012 (Free > Partly Free > Not Free)')\nshow(fig)\nfh"),
("code", "joined = analysis.states_signatures_covariates()\n"
         "status = 'signature_status' if 'signature_status' in joined.columns else 'status'\n"
         "joined.groupby(status, observed=True)[['v2x_polyarchy']].agg(lambda s: pd.to_numeric(s).median())"),
("code", "verdicts('irony-sanctions-and-access')"),
("md", "## What the data can and cannot say\n\n- **Can:** how signing differs across Freedom House categories and "
       "sanctions programmes among states with a known status, with a 95% Wilson interval for each share.\n"
       "- **Cannot:** how states voted on the access sentence itself (no per-state ballot is recorded), nor why a "
       "state signed; the shares rest on states with a known status only, and states with unknown status may differ."),
],
}


def main():
    out = ROOT / "notebooks"
    out.mkdir(exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        nb = nbf.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells = [nbf.v4.new_markdown_cell(src) if kind == "md" else nbf.v4.new_code_cell(src) for kind, src in cells]
        for i, cell in enumerate(nb.cells):
            cell["id"] = f"cell-{i:02d}"
        nbf.write(nb, out / name)


if __name__ == "__main__":
    main()
