"""Text analyses over the provisions: term mentions with coverage, and 1988 vs 2012 article comparison."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from wcit_data.validation import check_choice, check_columns

# Official-language equivalents of terms the post's debate counts (lower-case; matched case-insensitively).
EQUIVALENTS = {
    "internet": ["internet", "интернет", "互联网", "因特网", "الإنترنت", "الانترنت"],
    "security": ["security", "sécurité", "seguridad", "безопасност", "安全", "أمن"],
    "cybersecurity": ["cybersecurity", "cyber-security", "cybersécurité", "ciberseguridad", "кибербезопасност",
                      "网络安全"],
    "spam": ["spam", "unsolicited bulk", "non sollicitées", "no solicitadas", "спам", "垃圾"],
}


def terms_for(term: str) -> list[str]:
    return EQUIVALENTS.get(term.lower(), [term.lower()])


def count_terms(text: str, terms: list[str]) -> int:
    low = str(text).lower()
    return sum(len(re.findall(re.escape(t), low)) for t in terms)


def margin_sort_key(margin: str):
    m = re.match(r"(\d+)(.*)", str(margin))
    return (int(m.group(1)), m.group(2)) if m else (10**6, str(margin))


PROVISION_COLUMNS = ["instrument", "part", "article", "margin_no", "lang", "text", "official", "source_id"]


def _provisions(provisions):
    """The shipped provisions table, or the caller's frame after checking it has the needed columns."""
    if provisions is None:
        from wcit_data.loading import load

        return load("provisions")
    check_columns("provisions", provisions.columns, PROVISION_COLUMNS)
    return provisions


def _allowed(column: str, provisions=None) -> list[str]:
    """Allowed values of a provisions column: the categories of a loaded frame, else the published schema.

    The build passes its own (string) frames and must not read the shipped files it is about to replace, so
    for those the pandera model is asked instead.
    """
    import pandas as pd

    if provisions is not None and column in provisions.columns:
        if isinstance(provisions[column].dtype, pd.CategoricalDtype):
            return list(provisions[column].cat.categories)
        from wcit_data.build.schemas import allowed_values

        return allowed_values("provisions", column)
    from wcit_data.dtypes import column_dtypes

    return list(column_dtypes("provisions")[column].categories)


def check_instrument(instrument: str, provisions=None) -> str:
    """``instrument`` if the provisions table knows it ('ITR 2012', 'ITR 1988'); else ValueError."""
    return check_choice("instrument", instrument, _allowed("instrument", provisions))


def check_part(part: str, provisions) -> str:
    """``part`` if some provision is in that part (case-insensitive); else ValueError listing the parts."""
    parts = sorted(set(provisions["part"].dropna().astype(str)))
    matched = [p for p in parts if p.lower() == str(part).lower()]
    return matched[0] if matched else check_choice("part", part, parts)


def check_term(term: str) -> str:
    if not isinstance(term, str) or not term.strip():
        raise ValueError(f"term must be a non-empty string, got {term!r}; e.g. one of "
                         f"{', '.join(EQUIVALENTS)} (these also count their official-language equivalents).")
    return term


def known_margins(provisions, instrument: str, part: str | None = None) -> set[str]:
    """Margin numbers known to exist: every one retrieved in any language, plus integer gaps.

    A lower bound on the true set (a provision absent from every retrieved page is invisible).
    """
    sub = provisions[(provisions["instrument"] == instrument) & provisions["margin_no"].notna()]
    if part is not None:
        sub = sub[sub["part"] == part]
    got = set(sub["margin_no"])
    ints = [int(m) for m in got if str(m).isdigit()]
    if ints:
        got |= {str(i) for i in range(min(ints), max(ints) + 1)}
    return got


def mentions(term: str, instrument: str | None = None, part: str | None = None, provisions=None):
    """Counts of ``term`` and its official-language equivalents per instrument, part and language.

    Every row says how much text was searched (margin numbers retrieved vs known, characters), so a
    zero on partial text is never presented as a fact about the whole document: read `complete`.

    >>> int(mentions("Internet", instrument="ITR 2012")["count"].sum())  # in the retrieved text
    0
    """
    import pandas as pd

    check_term(term)
    prov = _provisions(provisions)
    prov = prov[prov["official"]]
    if instrument is not None:
        prov = prov[prov["instrument"] == check_instrument(instrument, prov)]
    if part is not None:
        prov = prov[prov["part"].astype(str).str.lower() == check_part(part, prov).lower()]
    forms = terms_for(term)
    rows = []
    for (inst, prt, lang), grp in prov.groupby(["instrument", "part", "lang"], sort=True, observed=True):
        known = known_margins(prov, inst, prt)
        got = set(grp["margin_no"].dropna())
        n = count_terms(" ".join(grp["text"]), forms)
        cov = len(got & known) / len(known) if known else 0.0
        rows.append({
            "instrument": inst, "part": prt, "lang": lang, "term_forms": "|".join(forms), "count": n,
            "margins_retrieved": len(got), "margins_known": len(known), "coverage": round(cov, 3),
            "chars_retrieved": int(grp["text"].str.len().sum()), "complete": bool(known) and cov == 1.0,
            "statement": (f"{n} mention(s) of {term!r} in {len(got)} of {len(known)} known margin numbers "
                          f"of {inst} {prt} ({lang})" + ("" if cov == 1.0 else
                                                         "; text incomplete, a zero is not evidence of absence")),
        })
    return pd.DataFrame(rows, columns=["instrument", "part", "lang", "term_forms", "count", "margins_retrieved",
                                       "margins_known", "coverage", "chars_retrieved", "complete", "statement"])


def article_texts(provisions, instrument: str) -> dict[tuple[str, str], dict[str, str]]:
    """(article, lang) -> {margin number: text} of the retrieved official provisions."""
    sub = provisions[(provisions["instrument"] == instrument) & provisions["official"] & provisions["article"].notna()
                     & (provisions["part"] == "Article")]
    out: dict[tuple[str, str], dict[str, str]] = {}
    for r in sub.itertuples(index=False):
        key = r.margin_no if isinstance(r.margin_no, str) else f"row{len(out)}"
        out.setdefault((str(r.article), r.lang), {})[key] = r.text
    return out


def joined(texts: dict[str, str], margins) -> str:
    return " ".join(texts[m] for m in sorted(margins, key=margin_sort_key))


def article_margins(provisions) -> dict[tuple[str, str], set[str]]:
    """(instrument, article) -> margin numbers retrieved in any language (a language-independent structure)."""
    sub = provisions[provisions["official"] & (provisions["part"] == "Article") & provisions["margin_no"].notna()]
    return {key: set(grp["margin_no"]) for key, grp in sub.groupby(["instrument", "article"], observed=True)}


def similarity(a: str, b: str) -> float:
    return round(SequenceMatcher(None, a.lower().split(), b.lower().split(), autojunk=False).ratio(), 3)


def compare_articles(provisions=None, lang_order=("en", "fr", "es", "ru", "zh")):
    """Per article: unchanged / changed / new / removed between the 1988 and 2012 ITRs.

    Similarity is a word-sequence ratio in one language. Where the 2012 article exists only
    in another language than any 1988 text, the status is `not_comparable` and `basis` says so.

    >>> compare_articles().columns[0]
    'article'
    """
    import pandas as pd

    prov = _provisions(provisions)
    if isinstance(lang_order, str):
        lang_order = (lang_order,)
    for lang in lang_order:
        check_choice("language", lang, _allowed("lang", prov))
    old, new = article_texts(prov, "ITR 1988"), article_texts(prov, "ITR 2012")
    articles = sorted({a for a, _ in old} | {a for a, _ in new}, key=margin_sort_key)
    margins = article_margins(prov)
    rows = []
    for art in articles:
        old_langs = [l for l in lang_order if (art, l) in old]
        new_langs = [l for l in lang_order if (art, l) in new]
        shared = [l for l in lang_order if l in old_langs and l in new_langs]
        m_old, m_new = margins.get(("ITR 1988", art), set()), margins.get(("ITR 2012", art), set())
        row = {"article": art, "langs_1988": ",".join(old_langs), "langs_2012": ",".join(new_langs),
               "margins_1988": ",".join(sorted(m_old, key=margin_sort_key)),
               "margins_2012": ",".join(sorted(m_new, key=margin_sort_key)),
               "same_margin_numbers": bool(m_old) and m_old == m_new}
        if not new_langs:
            row |= {"status": "removed_or_not_retrieved", "similarity": None,
                    "basis": "no 2012 text retrieved for this article"}
        elif not old_langs:
            row |= {"status": "new", "similarity": None, "basis": "article absent from the 1988 ITRs"}
        elif shared and (common := set(old[(art, shared[0])]) & set(new[(art, shared[0])])):
            lang = shared[0]
            sim = similarity(joined(old[(art, lang)], common), joined(new[(art, lang)], common))
            row |= {"status": "unchanged" if sim >= 0.98 else "changed", "similarity": sim,
                    "basis": f"same-language comparison ({lang}) of the margin numbers retrieved in both: "
                             f"{','.join(sorted(common, key=margin_sort_key))}"}
        else:
            row |= {"status": "not_comparable", "similarity": None,
                    "basis": f"2012 text retrieved only in {','.join(new_langs)}; 1988 only in {','.join(old_langs)}"}
        rows.append(row)
    return pd.DataFrame(rows)


# How each official language says "the French text prevails" in the final formula of the Final Acts.
PREVAILING_PATTERNS = {
    "fr": ["法文文本为准", "French text shall prevail", "texte français fait foi", "texto francés",
           "французский текст"],
}


def prevailing_language(provisions=None) -> dict:
    """Which language prevails in case of discrepancy, as the 2012 Final Acts' final formula says it.

    Returns {"lang", "source_id", "evidence", "found_in"}; lang is None if no retrieved text says so.

    >>> prevailing_language()["lang"]
    'fr'
    """
    prov = _provisions(provisions)
    formula = prov[(prov["instrument"] == "ITR 2012") & prov["official"]]
    for lang, patterns in PREVAILING_PATTERNS.items():
        for row in formula.itertuples(index=False):
            for pattern in patterns:
                if pattern in row.text:
                    return {"lang": lang, "source_id": row.source_id, "evidence": pattern, "found_in": row.lang}
    return {"lang": None, "source_id": None, "evidence": None, "found_in": None}


def margin_gaps(instrument: str = "ITR 2012", provisions=None):
    """Integer margin numbers missing between the lowest and highest retrieved, per instrument.

    `reason` is `by_design` when the two neighbours of the gap sit on one retrieved page (the printed text runs
    on, so the number was deleted or never used), else `not_retrieved`.

    >>> "reason" in margin_gaps().columns
    True
    """
    import pandas as pd

    prov = _provisions(provisions)
    check_instrument(instrument, prov)
    sub = prov[(prov["instrument"] == instrument) & prov["official"] & prov["margin_no"].notna()]
    numbered = sub[sub["margin_no"].astype(str).str.fullmatch(r"\d+")]
    pages: dict[int, set[str]] = {}
    for r in numbered.itertuples(index=False):
        pages.setdefault(int(r.margin_no), set()).add(r.source_id)
    suffixed = {int(x) for x in sub["margin_no"].astype(str).str.extract(r"^(\d+)[A-Za-z]", expand=False).dropna()}
    known = sorted(pages)
    rows = []
    for lo, hi in zip(known, known[1:]):
        for gap in range(lo + 1, hi):
            same_page = bool(pages[lo] & pages[hi]) and hi - lo <= 3
            rows.append({"instrument": instrument, "margin_no": str(gap), "previous": str(lo), "next": str(hi),
                         "reason": "by_design" if same_page else "not_retrieved",
                         "suffixed_numbers_follow": gap - 1 in suffixed or lo in suffixed})
    return pd.DataFrame(rows, columns=["instrument", "margin_no", "previous", "next", "reason",
                                       "suffixed_numbers_follow"])
