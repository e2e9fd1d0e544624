"""Write the notebooks in notebooks/ (thin: they call the package). Run after changing their story."""
from pathlib import Path

import nbformat as nbf

ROOT = Path(__file__).resolve().parents[1]
SETUP = ("import pandas as pd\nimport matplotlib\nimport matplotlib.pyplot as plt\nimport wcit_data as wd\n"
         "from wcit_data import analysis; from wcit_data.publish import figures as plots\npd.set_option('display.max_colwidth', 120)\n"
         "claims = wd.load_claims().set_index('claim_id')\n"
         "def verdicts(*ids):\n    return claims.loc[list(ids), ['author', 'verdict', 'explanation']]")

NOTEBOOKS = {
"01_the_vote_and_the_night_of_13_december.ipynb": [
("md", "# 01 — The vote and the night of 13 December 2012\n\nWhat was decided, how, and when — with every differing report kept. Times are stored in local time with their zone and converted to UTC; times known only within bounds are drawn as bars, never as guessed points."),
("code", SETUP),
("code", "wd.load_votes()[['vote_id','date','time_local','plenary','method','proposed_by','requested_by','yes','no','abstain','outcome']]"),
("md", "Every report behind the Preamble vote, side by side (`adopted` marks what `votes` uses, with the reason in `note`):"),
("code", "r = wd.load_vote_reports()\nr[r.vote_id == 'preamble-2012-12-13'][['attribute','value','adopted','source_id','note']].sort_values('attribute')"),
("code", "ev = wd.load_events()\nfig, ax = plt.subplots(figsize=(12, 9))\nplots.timeline(ev, ax=ax, vote_window=plots.preamble_vote_window())\nplt.tight_layout()"),
("md", "## Verdicts (computed from the tables at build time)"),
("code", "verdicts('african-amendment-77-33-8', 'resolution-room-temperature', 'iran-called-for-vote', 'no-disruption-before-vote')"),
("code", "assert claims.loc['african-amendment-77-33-8', 'verdict'] == 'supported'\nassert claims.loc['resolution-room-temperature', 'verdict'] == 'supported'\nassert claims.loc['iran-called-for-vote', 'verdict'] == 'supported'\nassert claims.loc['no-disruption-before-vote', 'verdict'] in {'partly_supported', 'undetermined'}"),
],
"02_who_objected_and_when.ipynb": [
("md", "# 02 — Who objected, and when\n\nJohn Curran: a dozen delegations made reservations right after the plenary moved to a vote. Milton Mueller: nothing visible happened until after the African amendment vote. The record below is what sources establish; `order` is only what a source states, and `vote_relation` says where a source places a statement relative to the vote."),
("code", SETUP),
("code", "iv = wd.load_interventions()\nafter = iv[(iv.vote_relation == 'after') & iv.iso3.notna()]\nafter[['source_id','order','order_basis','iso3','speaker','stance']].sort_values(['source_id','order'])"),
("code", "fig, ax = plt.subplots(figsize=(9, 6))\nplots.after_vote_order(iv, ax=ax)\nplt.tight_layout()"),
("md", "Curran's list against the record:"),
("code", "from wcit_data.claims import CURRAN_LIST\nsig = wd.load_signatures().set_index('iso3')\npd.DataFrame({'iso3': CURRAN_LIST, 'placed_after_vote': [c in set(after.iso3) for c in CURRAN_LIST], 'signature_status': [sig.loc[c, 'signature_status'] for c in CURRAN_LIST]})"),
("md", "Statements from the same day that no source places relative to the vote (these keep the question open):"),
("code", "iv[iv.vote_relation == 'unplaced'][['source_id','iso3','stance','note']]"),
("code", "verdicts('curran-reservations-after-vote', 'no-disruption-before-vote')"),
("code", "assert claims.loc['curran-reservations-after-vote', 'verdict'] == 'partly_supported'\nassert 'ZAF' not in set(after.iso3)  # South Africa: on Curran's list, in no source's account\nassert set(after[after.order == 1].iso3) == {'USA'}"),
],
"03_who_signed.ipynb": [
("md", "# 03 — Who signed on 14 December 2012\n\nThe ITU's own list of signatories could not be retrieved, so status comes country by country. Coverage is shown next to every count: `unknown` is a real category here. (No map: no well-kept offline library ships country boundaries without a download, so regions are shown as bars.)"),
("code", SETUP),
("code", "from wcit_data.meta import signature_coverage\nsignature_coverage()"),
("code", "wd.load_conference_totals().query('adopted')[['measure','value','figure','source_id']]"),
("code", "rto = analysis.signing_by_rto()\nfig, ax = plt.subplots(figsize=(9, 3.5))\nplots.signing_bars(rto, 'Signing on 14 Dec 2012 by regional telecommunication organisation (with unknowns)', ax=ax)\nrto"),
("code", "s = wd.load_signatures()  # status from stated outcome reports only; intentions in `announced`\npd.crosstab(s.signature_status.astype(str), s.confidence.astype(str), margins=True)"),
("code", "s[s.announced.notna() & (s.signature_status.astype(str) == 'unknown')][['iso3', 'announced', 'announced_date', 'announced_source_id', 'resolution']]"),
("code", "verdicts('fifty-plus-not-signing', 'uk-did-not-sign', 'multistakeholder-delegations-did-not-sign')"),
("code", "cov = signature_coverage()\nassert cov['signed_named'] <= 89 and cov['not_signed_named'] <= 55\nassert claims.loc['fifty-plus-not-signing', 'verdict'] == 'supported'\nassert claims.loc['uk-did-not-sign', 'verdict'] == 'supported'"),
],
"04_the_internet_in_the_texts.ipynb": [
("md", "# 04 — The Internet in the texts\n\nDoes the 2012 ITR text name the Internet? Was Article 9 altered? Every count comes with how much text was searched: the 2012 Final Acts were retrieved page by page and only in part."),
("code", SETUP),
("code", "m = wd.mentions('Internet')\nm[['instrument','part','lang','count','margins_retrieved','margins_known','complete']]"),
("code", "fig, ax = plt.subplots(figsize=(9, 3.5))\nplots.mentions_bars(m, ax=ax)\nplt.tight_layout()"),
("code", "wd.compare_articles()"),
("code", "p = wd.load_provisions()\np[(p.instrument == 'ITR 2012') & (p.article == '5A')][['lang','margin_no','text']]"),
("code", "verdicts('internet-not-in-final-itrs', 'article9-not-significantly-altered', 'no-cybersecurity-language', 'resolution-not-part-of-treaty', 'internet-27-in-document-47', 'internet-19-in-declarations', 'internet-9-in-resolution')"),
("code", "assert claims.loc['internet-not-in-final-itrs', 'verdict'] in {'supported', 'partly_supported'}\nassert claims.loc['internet-27-in-document-47', 'verdict'] == 'undetermined'\nassert (m[m.instrument == 'ITR 2012']['count'] == 0).all()"),
],
"05_access_sanctions_and_freedom.ipynb": [
("md", "# 05 — Access, sanctions and freedom\n\nThe post's irony: states that champion Internet freedom use denial of access as a sanction, while rights-abusing states claim a right of access. Per-state ballots on the access sentence are unknown, so signing the Final Acts is used as a (weak) proxy; every table shows how many states have a known status."),
("code", SETUP),
("code", "sanc = analysis.signing_by_group('us_sanctions_2012')\nsanc"),
("code", "fh = analysis.signing_by_group('fh_status')\nfig, ax = plt.subplots(figsize=(7, 3.5))\nplots.signing_bars(fh, 'Signing by Freedom House status 2012 (F / PF / NF)', ax=ax)\nfh"),
("code", "analysis.states_signatures_covariates().groupby('status')[['v2x_polyarchy']].agg(lambda s: pd.to_numeric(s).median())"),
("code", "verdicts('irony-sanctions-and-access')"),
("code", "assert claims.loc['irony-sanctions-and-access', 'verdict'] in {'partly_supported', 'contradicted', 'undetermined'}\nassert fh['known'].sum() <= 193"),
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
