"""One-off (kept for the audit trail): code every signature report as an outcome or an announced intention.

Re-reading of each row's evidence against its snapshot (2026-11-30, issue 10). Columns added:
report_type (outcome | intention | other), reported (what the source says), reading (stated | context),
statement_date (when the statement was made, where the source dates it). `status` is replaced by `reported`.
"""
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATH = ROOT / "data/curated/signature_reports.csv"
published = {r["source_id"]: r["published"] for r in csv.DictReader(open(ROOT / "data/sources/sources.csv"))}

# (source_id, iso3 or "*", evidence prefix or "") -> (report_type, reported, reading, statement_date, why)
I, O, X = "intention", "outcome", "other"
RULES = [
    ("afr-2012-12-13-australia-holds-out-on-un-internet-treaty", "*", "", I, "will_not_sign", "stated", "2012-12-13", "'would not sign' (13 Dec, before the ceremony)"),
    ("arnnet-australia-says-no-amended-itrs", "*", "", I, "will_not_sign", "stated", None, "'will not sign' (announcement)"),
    ("coopermills-2012-12-14-australia-refuses-to-sign-itrs", "*", "", I, "will_not_sign", "stated", None, "'has announced that it will not sign'"),
    ("nichollslegal-australia-does-not-sign-itrs-dbcde", "*", "", I, "will_not_sign", "stated", None, "'confirmed that Australia will not sign'"),
    ("domain-b-2012-12-14-us-uk-refuse-to-sign", "*", "Chile", I, "consult_capital", "stated", None, "'would need to consult with their national governments ... would not be able to sign the treaty as planned today'"),
    ("domainingafrica-group-mentality-kenya-wcit", "*", "", I, "consult_capital", "stated", None, "'would need to consult ... would also not be able to sign the treaty as planned on Friday'"),
    ("fastcompany-2012-12-us-uk-canada-refuse-sign-un-internet-treaty", "*", "Last night", I, "will_not_sign", "stated", None, "refusal announced 'last night' (13 Dec), before the ceremony"),
    ("fastcompany-2012-12-us-uk-canada-refuse-sign-un-internet-treaty", "*", "Kenya", I, "will_not_sign", "stated", None, "'said that they would not be able to sign'"),
    ("fierce-network-2012-12-13-us-refuses-to-sign", "*", "", I, "will_not_sign", "stated", "2012-12-13", "'announced that it will not sign'"),
    ("fiercegovernmentit-2012-12-16-wcit-revises-treaty", "*", "Among the countries", I, "undecided", "context", "2012-12-16", "'openly opposing revisions' is a position on the text, not on signing"),
    ("fiercegovernmentit-2012-12-16-wcit-revises-treaty", "*", "Other countries", I, "undecided", "stated", "2012-12-16", "'expressed at least initial reservation'"),
    ("finweb-2012-12-14-polska-nie-podpisala-itr", "*", "Nie tylko", O, "did_not_sign", "context", "2012-12-14", "'nie poparła' = did not support; 'the same decision' is read as not signing, the sentence does not say so"),
    ("fundeprode-costa-rica-no-suscribira-acuerdo", "*", "", I, "will_not_sign", "stated", None, "'no suscribirá' (future tense)"),
    ("gplus-2012-12-13-cnet-excerpt-refusing-to-sign", "*", "", I, "will_not_sign", "stated", "2012-12-13", "'are now refusing to sign' (13 Dec, before the ceremony)"),
    ("igcaucus-2012-12-14-mccullagh-cnet-un-summit-implodes", "*", "", I, "consult_capital", "stated", "2012-12-13", "'go back home and do more consultations' before signing (CNET, 13 Dec)"),
    ("itworldcanada-canada-among-countries-refusing-to-sign-wcit", "*", "The countries said Thursday", I, "will_not_sign", "stated", "2012-12-13", "'said Thursday they won't sign'"),
    ("lirneasia-2012-12-14-who-signed-itrs", "*", "The US was then followed", I, "will_not_sign", "stated", "2012-12-13", "'warned they would not be able to sign the final text' (13 Dec plenary, relayed from nxt)"),
    ("lirneasia-2012-12-14-who-signed-itrs", "IND", "", O, "signed", "context", "2012-12-14", "'Now it looks like it did' is the blogger's tentative reading"),
    ("macjordangh-ghana-35-african-nations-sign-itrs", "*", "In all, 36 African", O, "signed", "context", None, "the sentence is cut before its verb; 'signed' is read from the lead-in 'official list of signatures' and the post's title, not stated"),
    ("numerama-2012-12-14-france-pas-signe-traite-uit", "*", "Ce matin", I, "will_not_sign", "stated", "2012-12-14", "'avaient déjà signifié leur intention de ne pas signer'"),
    ("orf-fm4-2012-12-14-oesterreich-unterschreibt-nicht", "*", "", I, "will_not_sign", "stated", "2012-12-14", "'wird ... nicht unterzeichnen' (future tense, ministry answer)"),
    ("btg-2013-01-09-nederland-tekent-vn-telecomverdrag-niet", "*", "", I, "will_not_sign", "stated", "2013-01-09", "January 2013 statement of position ('gaat niet akkoord', 'ondertekenen niet'), not a record of 14 Dec"),
    ("webwereld-2013-01-minister-kamp-dreiging-internetcoup", "*", "", I, "will_not_sign", "stated", None, "January 2013 statement of position ('ondertekenen niet'), not a record of 14 Dec"),
    ("redorbit-2012-12-13-us-refuse-to-sign", "*", "The US, UK", I, "will_not_sign", "stated", "2012-12-13", "'will not be signing' (13 Dec)"),
    ("redorbit-2012-12-13-us-refuse-to-sign", "*", "Ambassadors", I, "consult_capital", "stated", "2012-12-13", "'needed to consult with their governments'"),
    ("register-2012-12-13-wcit-dead", "USA", "", I, "will_not_sign", "stated", "2012-12-13", "'won't be signing' (13 Dec)"),
    ("register-2012-12-13-wcit-dead", "GBR", "", I, "will_not_sign", "context", "2012-12-13", "'agree that the final text is not acceptable' does not mention signing"),
    ("rp-cyfrowa-polska-nie-podpisala-itr", "*", "Poza", O, "did_not_sign", "context", None, "'nie poparły' = did not support; not a statement about signing"),
    ("the-hindu-sibal-to-approach-cabinet-on-itrs", "*", "", I, "undecided", "stated", None, "'either refusing to sign or buying time to study the proposals'"),
    ("tradearabia-2012-12-14-us-refuses-sign", "*", "", I, "will_not_sign", "stated", "2012-12-13", "Reuters story of the 13 Dec refusal 'in current form' (pre-ceremony)"),
    ("zdnet-2012-12-14-australia-walks-away-from-wcit", "*", "", I, "will_not_sign", "stated", None, "'refusing to sign the proposed treaty' / 'said that they would not sign'"),
    ("digi-no-2012-12-14-iransk-kupp", "*", "", I, "will_not_sign", "stated", "2012-12-14", "'Foreløpig nekter' = for now refuses (before the ceremony)"),
    ("the-national-uae-signs-un-telecoms-treaty", "*", "", O, "signed", "context", "2012-12-15", "'did back the motion' is support, not signature; the 89 of 144 figure is the signing count"),
    ("bakom-infomailing-33-itr-kein-konsens", "*", "Dasselbe", O, "did_not_sign", "context", None, "the sentence says 'nicht ratifiziert' (not ratified) and 'EU und EFTA' generally; accreditation of the members is not shown"),
]
UNKNOWN_PRESENCE = ("other", "unknown", "stated")


def classify(row: dict) -> tuple:
    for sid, iso3, prefix, rtype, reported, reading, when, why in RULES:
        if row["source_id"] == sid and iso3 in ("*", row["iso3"]) and row["evidence"].startswith(prefix):
            return rtype, reported, reading, when, why
    if row["status"] == "unknown":
        return (*UNKNOWN_PRESENCE, None, None)
    return "outcome", row["status"], "stated", None, None


rows = list(csv.DictReader(open(PATH, encoding="utf-8")))
if "status" in rows[0]:
    for row in rows:
        rtype, reported, reading, when, why = classify(row)
        pub = published.get(row["source_id"], "")
        row["report_type"], row["reported"], row["reading"] = rtype, reported, reading
        row["statement_date"] = when or (pub if len(pub) >= 7 else "")
        if why:
            row["note"] = f"{why}. {row['note']}".strip() if row["note"] else why
        del row["status"]
    cols = ["iso3", "report_type", "reported", "reading", "statement_date", "date", "evidence_kind", "derivation",
            "derivation_source_id", "derivation_evidence", "source_id", "evidence", "note"]
    with open(PATH, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
