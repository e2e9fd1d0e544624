"""Pandera models: the single definition of every table (columns, types, rules, keys, descriptions).

`schemas/` and the Frictionless descriptor are generated from these models by the build;
never edit those files by hand. Imported only at build/validation time.
"""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

ISO3 = r"^[A-Z]{3}$"
DATE = r"^\d{4}-\d{2}-\d{2}$"
DATE_PARTIAL = r"^\d{4}(-\d{2}(-\d{2})?)?$"
TIME = r"^\d{2}:\d{2}$"
SLUG = r"^[a-z0-9][a-z0-9-]*$"
UTC = Annotated[pd.DatetimeTZDtype, "ns", "UTC"]
Int = pd.Int64Dtype

TIMEZONES = ["Asia/Dubai", "CET", "EET", "UTC", "EST"]
UNKNOWN = "unknown"


def col(description: str, *, nullable: bool = False, **checks) -> pa.Field:
    return pa.Field(description=description, nullable=nullable, **checks)


def source_id_field(nullable: bool = False) -> pa.Field:
    return pa.Field(
        description="Identifier of the source in the `sources` table (and data/sources/sources.csv).",
        str_matches=SLUG, nullable=nullable,
    )


def evidence_field(nullable: bool = False) -> pa.Field:
    return pa.Field(
        description="Verbatim snippet of the source text supporting the row (found in the stored snapshot "
        "after Unicode NFC and whitespace collapsing).",
        nullable=nullable, str_length={"min_value": 3},
    )


def iso3_field(description="ISO 3166-1 alpha-3 code of the Member State.", nullable=False):
    return pa.Field(description=description, str_matches=ISO3, nullable=nullable)


def state_name_field(nullable: bool = False) -> pa.Field:
    return pa.Field(description="Short name of the state (`states.short_name`), added by the build beside `iso3`.",
                    nullable=nullable)


def meta(description: str, primary_key: list[str] | None = None, foreign_keys=None, title=None):
    return {"description": description, "primary_key": primary_key or [],
            "foreign_keys": foreign_keys or [], "title": title}


def fk(fields, table, ref_fields=None):
    fields = [fields] if isinstance(fields, str) else fields
    return {"fields": fields, "reference": {"resource": table, "fields": ref_fields or fields}}


SOURCE_FK = fk("source_id", "sources")
STATE_FK = fk("iso3", "states")


class Base(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True


class Sources(Base):
    source_id: Series[str] = pa.Field(description="Unique source identifier (slug).", str_matches=SLUG, unique=True)
    title: Series[str] = col("Title of the document, page or post.")
    title_is_description: Series[bool] = pa.Field(description="True when `title` is a description written by the "
        "dataset because the source's own title was not retrieved (cited in square brackets).")
    author: Series[str] = col("Author(s), where named.", nullable=True)
    publisher: Series[str] = col("Publisher or host.", nullable=True)
    url: Series[str] = col("Canonical URL (or repository path) where the full document can be checked.", nullable=True)
    published: Series[str] = col("Publication date (YYYY, YYYY-MM or YYYY-MM-DD).", nullable=True, str_matches=DATE_PARTIAL)
    retrieved: Series[str] = col("Date the text was retrieved.", str_matches=DATE)
    kind: Series[str] = col("primary (ITU/official documents, transcripts, a state's own statement) or secondary.",
                             isin=["primary", "secondary"])
    language: Series[str] = col("ISO 639-1 language of the stored text.", str_matches=r"^[a-z]{2}$")
    licence_note: Series[str] = col("Terms of the third-party text, as far as known.", nullable=True)
    retrieved_via: Series[str] = col("How the text was retrieved (tool, corpus, repository and commit).", nullable=True)
    notes: Series[str] = col("Document numbers, ISBN, plenary number, caveats.", nullable=True)
    snapshot: Series[str] = col("Path of the stored text under data/sources/.")
    sha256: Series[str] = col("SHA-256 of the stored snapshot file.", str_matches=r"^[0-9a-f]{64}$")
    n_chars: Series[Int] = pa.Field(description="Characters in the stored snapshot.", ge=1)
    aliases: Series[str] = col("Former source_ids of this source (duplicates of the same URL merged into it; "
                               "data/sources/aliases.csv), `;`-separated. Old ids still resolve.", nullable=True)
    relation: Series[str] = col("What this source takes from another one: relays (a copy or wire story), reposts "
                                "(the same text re-published), translates, quotes (its passage is a quotation of "
                                "another source) or summarises; empty for an independent origin "
                                "(data/sources/relations.csv).", nullable=True,
                                isin=["relays", "reposts", "translates", "quotes", "summarises"])
    derived_from: Series[str] = col("The stored source it relays, reposts, translates or quotes, or a label "
                                    "`external:<name>` for an origin that is not stored.", nullable=True)
    relation_evidence: Series[str] = col("Verbatim passage of this source's snapshot that shows the relation "
                                         "(empty where the relation is read from the identical text).",
                                         nullable=True)
    origin: Series[str] = col("The independent origin of the text: this source_id, or what it derives from, "
                              "followed transitively. Counts of 'independent reports' count distinct origins.")

    class Config:
        metadata = meta("Registry of every source cited by any row; each has a stored text snapshot. Relays, "
                        "reposts and translations point to their origin (`origin`), so that counts of reports "
                        "can count independent origins.", ["source_id"])


VALUE_BASIS = ["stated", "derived"]


class VoteReports(Base):
    vote_id: Series[str] = col("Decision identifier (see `votes`).", str_matches=SLUG)
    attribute: Series[str] = col("Reported fact.", isin=[
        "date", "time_local", "plenary", "subject", "text", "method", "proposed_by", "requested_by",
        "yes", "no", "abstain", "outcome", "accredited_voting"])
    value: Series[str] = col("Value as the source reports it.")
    coded_value: Series[str] = col("The dataset's coding of an adopted value (votes' vocabulary: ISO3, "
                                   "YYYY-MM-DD, method codes).", nullable=True)
    adopted: Series[bool] = pa.Field(description="True if `votes` uses this report for the attribute.")
    value_basis: Series[str] = col("stated (the source states the value) or derived (the dataset's inference from "
                                   "what the source states; the reasoning is in `note`).", isin=VALUE_BASIS)
    note: Series[str] = col("Why adopted or not; differences between sources; the reasoning of a derived value.",
                            nullable=True)
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()

    class Config:
        metadata = meta("Every reported fact about each decision, one row per (decision, attribute, source): "
                        "differing reports sit side by side; `adopted` marks what `votes` uses.",
                        foreign_keys=[SOURCE_FK, fk("vote_id", "votes")])


class Votes(Base):
    vote_id: Series[str] = pa.Field(description="Decision identifier.", str_matches=SLUG, unique=True)
    former_vote_ids: Series[str] = col("Identifiers this decision had in earlier versions (';'-separated); they still "
                                       "resolve to it (wcit_data.resolve_vote_id).", nullable=True)
    date: Series[str] = col("Date of the decision (Dubai local date).", str_matches=DATE)
    date_basis: Series[str] = col("stated or derived (see the adopted `date` report in `vote_reports`).",
                                  isin=VALUE_BASIS)
    time_local: Series[str] = col("Local time (Asia/Dubai) when reported.", nullable=True, str_matches=TIME)
    plenary: Series[Int] = pa.Field(description="Plenary meeting key (see `sessions.plenary`) of the adopted "
                                    "report; check `plenary_basis`: no source may name it.", nullable=True, ge=1)
    plenary_basis: Series[str] = col("stated (a source names the plenary) or derived (the dataset's inference).",
                                     nullable=True, isin=VALUE_BASIS)
    plenary_reasoning: Series[str] = col("For a derived plenary: how it was inferred.", nullable=True)
    subject: Series[str] = col("What was decided.")
    text: Series[str] = col("Exact text decided on (verbatim from the source), where retrieved.", nullable=True)
    method: Series[str] = col("How the decision was taken.", isin=[
        "vote", "temperature_of_the_room", "consensus", "unknown"])
    method_detail: Series[str] = col("The method in the source's own words.", nullable=True)
    proposed_by: Series[str] = col("Proposer(s) of the text as the source names them.", nullable=True)
    requested_by: Series[str] = iso3_field("ISO3 of the delegation that requested the vote; empty if none/unknown.", nullable=True)
    yes: Series[Int] = pa.Field(description="Votes in favour (empty if no tally).", nullable=True, ge=0)
    no: Series[Int] = pa.Field(description="Votes against (empty if no tally).", nullable=True, ge=0)
    abstain: Series[Int] = pa.Field(description="Abstentions (empty if no tally).", nullable=True, ge=0)
    outcome: Series[str] = col("Result.", isin=["adopted", "rejected", "unknown"])
    n_reports: Series[Int] = pa.Field(description="Rows in `vote_reports` for this decision.", ge=1)
    n_independent: Series[Int] = pa.Field(description="Distinct independent origins (`sources.origin`) among those "
                                          "rows: relays, reposts and translations count once.", ge=1)
    source_ids: Series[str] = col("All sources behind the adopted values (';'-separated).")
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()

    class Config:
        metadata = meta("One row per documented plenary decision on contested text; values are the adopted "
                        "reports of `vote_reports` (source_id/evidence: the report of the tally or, without one, "
                        "of the method). Adopted reports are chosen by rule: outcome over intent, primary/official "
                        "over press, a checkable public page that states the value, dated on the day over later, "
                        "independent over relayed; language only breaks ties.", ["vote_id"], [SOURCE_FK])


BALLOTS = ["yes", "no", "abstain", "did_not_vote"]  # only for decisions taken by a vote (method `vote`)


class BallotReports(Base):
    vote_id: Series[str] = col("Decision identifier (see `votes`).", str_matches=SLUG)
    iso3: Series[str] = iso3_field()
    state_name: Series[str] = state_name_field()
    ballot: Series[str] = col("How the source says the state voted; only for decisions whose method is `vote` "
                               "(objections to a decision taken without a vote are in `interventions`/`positions`).",
                               isin=BALLOTS)
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()
    note: Series[str] = col("Remarks.", nullable=True)

    class Config:
        metadata = meta("Every documented report of how a delegation voted, one row per state, decision and source.",
                        foreign_keys=[SOURCE_FK, STATE_FK, fk("vote_id", "votes")])


class Ballots(Base):
    vote_id: Series[str] = col("Decision identifier (see `votes`).", str_matches=SLUG)
    iso3: Series[str] = iso3_field()
    state_name: Series[str] = state_name_field()
    ballot: Series[str] = col("How the state voted, only where a source says so; `unknown` otherwise (never inferred); "
                               "`conflicting` when reports disagree.", isin=[*BALLOTS, UNKNOWN, "conflicting"])
    n_reports: Series[Int] = pa.Field(description="Rows in `ballot_reports` for this state and decision.", ge=0)
    source_ids: Series[str] = col("Sources of those reports (';'-separated).", nullable=True)
    source_id: Series[str] = source_id_field(nullable=True)
    evidence: Series[str] = evidence_field(nullable=True)
    note: Series[str] = col("Remarks.", nullable=True)

    class Config:
        metadata = meta("Per-state ballots: every ITU Member State for each tallied vote, plus documented ballots "
                        "of other votes; decisions taken without a vote (PLEN/3) have no ballots. Documented ballots "
                        "carry evidence (the first report), all others are `unknown`.", ["vote_id", "iso3"], [SOURCE_FK, STATE_FK, fk("vote_id", "votes")])


class Events(Base):
    event_id: Series[str] = pa.Field(description="Event identifier.", str_matches=SLUG, unique=True)
    date_local: Series[str] = col("Local date of the event in zone `tz`.", str_matches=DATE)
    date_basis: Series[str] = col("stated (the source dates it: evidence, title, dateline or transcript header) or "
                                  "derived (from \"last night\", a weekday, a publication date, another row).",
                                  isin=VALUE_BASIS)
    date_reasoning: Series[str] = col("Where the date comes from (required when derived).", nullable=True)
    time_local: Series[str] = col("Local clock time the source gives (exact unless `precision` is approximate).",
                                  nullable=True, str_matches=TIME)
    time_earliest_local: Series[str] = col("Earliest local time the source allows.", nullable=True, str_matches=TIME)
    time_latest_local: Series[str] = col("Latest local time the source allows.", nullable=True, str_matches=TIME)
    tz: Series[str] = col("Zone of the local times (Asia/Dubai = UTC+4, CET = UTC+1, EET = UTC+2).", isin=TIMEZONES)
    tz_basis: Series[str] = col("stated (the source names the zone or says local time), venue (no zone given: a "
                                "time in or about the Dubai meetings read as Dubai time) or assumed (the zone is "
                                "taken from elsewhere; see `time_reasoning`).", isin=["stated", "venue", "assumed"])
    time_basis: Series[str] = col("stated (the source gives the clock time), approximate (\"around\", \"at 1am\": "
                                  "bounds are the dataset's reading), derived (bounds inferred from other facts) or "
                                  "none (date only).", isin=["stated", "approximate", "derived", "none"])
    time_reasoning: Series[str] = col("Reasoning for an assumed zone, an approximate time or derived bounds.",
                                      nullable=True)
    utc: Series[UTC] = pa.Field(description="Exact time in UTC (empty unless the source gives an exact time; "
                                "empty for approximate times).", nullable=True)
    utc_earliest: Series[UTC] = pa.Field(description="Earliest UTC time consistent with the source.", nullable=True)
    utc_latest: Series[UTC] = pa.Field(description="Latest UTC time consistent with the source.", nullable=True)
    precision: Series[str] = col("exact (a point), approximate (a nominal time, \"around\"; utc empty, bounds "
                                  "given), bounded (earliest/latest) or day (only the date).",
                                  isin=["exact", "approximate", "bounded", "day"])
    kind: Series[str] = col("Type of event.", isin=[
        "plenary_start", "plenary_end", "vote", "decision", "statement", "signing", "walkout",
        "announcement", "press", "observer", "other"])
    actor: Series[str] = col("Who acted (ISO3, a name, or empty).", nullable=True)
    plenary: Series[Int] = pa.Field(description="Plenary meeting key (see `sessions.plenary`), if any.", nullable=True, ge=1)
    plenary_basis: Series[str] = col("transcript (the event is in that plenary's transcript), stated or derived "
                                     "(`plenary_reasoning`); empty with `plenary`.", nullable=True,
                                     isin=["transcript", *VALUE_BASIS])
    plenary_reasoning: Series[str] = col("How a derived plenary was inferred.", nullable=True)
    description: Series[str] = col("Short description (the dataset's own words).")
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()

    class Config:
        metadata = meta("Timeline of 12-14 December 2012 with original local times and UTC; times known only "
                        "within bounds have earliest/latest UTC, never a guessed point.", ["event_id"], [SOURCE_FK])


class States(Base):
    iso3: Series[str] = pa.Field(description="ISO 3166-1 alpha-3 code.", str_matches=ISO3, unique=True)
    iso2: Series[str] = col("ISO 3166-1 alpha-2 code.", str_matches=r"^[A-Z]{2}$")
    m49: Series[str] = col("UN M49 / ISO 3166-1 numeric code (3 digits).", str_matches=r"^\d{3}$")
    short_name: Series[str] = col("Short common English name.")
    iso_name: Series[str] = col("ISO 3166-1 English short name (pycountry).")
    itu_name: Series[str] = col("Designation as an ITU document writes it, where retrieved.", nullable=True)
    itu_member_2012: Series[bool] = pa.Field(description="ITU Member State in December 2012.")
    cow_code: Series[Int] = pa.Field(description="Correlates of War state number (cown), from countrycode's "
                                     "codelist (source context-countrycode-cow).", nullable=True, ge=1, le=999)
    wb_name: Series[str] = col("Country name as the World Bank API writes it (\"Korea, Rep.\"), from countrycode's "
                               "copy (source context-countrycode-world-bank-names); current names.", nullable=True)
    itu_region: Series[str] = col("ITU administrative region for Council and Radio Regulations Board elections "
                                  "(A Americas, B Western Europe, C Eastern Europe and Northern Asia, D Africa, "
                                  "E Asia and Australasia; not the ITU-D regions nor the Radio Regulations' "
                                  "Regions 1-3). Partial: only states an ITU source places in a region (Council "
                                  "election results of 2018 and 2022); missing = no source found.",
                                  nullable=True, isin=list("ABCDE"))
    itu_region_source_id: Series[str] = col("Source stating the state's administrative region.", nullable=True)
    itu_region_evidence: Series[str] = col("Verbatim passage of that source (the region's list of states).",
                                           nullable=True)
    present_wcit12: Series[str] = col("Delegation present at WCIT-12.", isin=["yes", "no", UNKNOWN])
    present_basis: Series[str] = col("What establishes presence: a participation report, or a derivation marked "
                                     "'derived:' (signed in Dubai; coded did_not_sign, which the 89/55 split defines "
                                     "among the 144 accredited; spoke in plenary).", nullable=True)
    credentials: Series[str] = col("Credential status where a source gives it.", nullable=True)
    signature_status: Series[str] = col("Final Acts signed on 14 Dec 2012 (see `signatures`).",
                                         isin=["signed", "did_not_sign", UNKNOWN])
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()

    class Config:
        metadata = meta("The ITU Member States as of December 2012 (193): codes, names, presence and signature "
                        "status. source_id/evidence document membership.", ["iso3"],
                        [SOURCE_FK, fk("itu_region_source_id", "sources", ["source_id"])])


class StateAliases(Base):
    alias: Series[str] = col("A name as written somewhere (ITU designation, speaker label, ISO or common name).")
    alias_key: Series[str] = col("Normalised lookup key (casefolded, accent- and punctuation-free, other scripts "
                                 "kept); for an ISO code (kind iso_code) the code itself, matched in upper case only.")
    iso3: Series[str] = iso3_field()
    state_name: Series[str] = state_name_field()
    kind: Series[str] = col("Where the alias comes from: ITU designation, transcript speaker label, ISO 3166-1 "
                            "name or code, CLDR territory name (cldr_name; defines ambiguous names), World Bank "
                            "name, a name with its ISO3 code on one line of a data extract (dataset_name), or a "
                            "name used by a stored source (other).", isin=[
        "itu_designation", "speaker_label", "iso_name", "iso_official_name", "iso_common_name", "iso_code",
        "cldr_name", "wb_name", "dataset_name", "other"])
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()

    class Config:
        metadata = meta("Names that resolve to a Member State (used by wcit_data.lookup_state), each with its "
                        "source; one row per name, state and kind of source.",
                        ["alias_key", "iso3", "kind"], [SOURCE_FK, STATE_FK])


class Participation(Base):
    iso3: Series[str] = iso3_field()
    state_name: Series[str] = state_name_field()
    attribute: Series[str] = col("What is reported.", isin=[
        "present", "credentials", "delegation_size", "delegation_includes_non_government"])
    value: Series[str] = col("Value as the source gives it.")
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()
    note: Series[str] = col("Remarks.", nullable=True)

    class Config:
        metadata = meta("Per-state facts about participation at WCIT-12, one row per report.",
                        foreign_keys=[SOURCE_FK, STATE_FK])


class ConferenceTotals(Base):
    measure: Series[str] = col("What is counted (canonical: itu_member_states_total, member_states_present, "
                               "accredited, signatories, non_signatories, participants, ...).")
    measure_as_given: Series[str] = col("The measure as first recorded from the source.", nullable=True)
    value: Series[str] = col("The figure in the source's own words.")
    figure: Series[Int] = pa.Field(description="The number, where the source gives one.", nullable=True, ge=0)
    date: Series[str] = col("Date the figure refers to.", nullable=True, str_matches=DATE_PARTIAL)
    adopted: Series[bool] = pa.Field(description="True for the figure the dataset follows for this measure.")
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()
    note: Series[str] = col("Why adopted or not; how figures differ.", nullable=True)

    class Config:
        metadata = meta("Conference totals as each source reports them (present, accredited, signed ...).",
                        foreign_keys=[SOURCE_FK])


SIGN_STATUS = ["signed", "did_not_sign", UNKNOWN]


REPORT_TYPES = ["outcome", "intention", "other"]
REPORTED = ["signed", "did_not_sign", "will_sign", "will_not_sign", "consult_capital", "undecided", UNKNOWN]
CONFIDENCE = ["corroborated", "single_outcome_report", "group_statement_only", "conflicting",
              "group_statement_unresolved", "context_only", "intention_only", "none"]


class SignatureReports(Base):
    iso3: Series[str] = iso3_field()
    state_name: Series[str] = state_name_field()
    report_type: Series[str] = col("outcome (the source records what happened at the signing of 14 Dec 2012: "
                                   "signed / did_not_sign), intention (an announced position: will_sign, "
                                   "will_not_sign, consult_capital, undecided; mostly before the ceremony, also "
                                   "later statements of position) or other (no statement about signing).",
                                   isin=REPORT_TYPES)
    reported: Series[str] = col("What the source says, in the vocabulary of `report_type`.", isin=REPORTED)
    reading: Series[str] = col("stated (the evidence says it) or context (read from the surrounding text, e.g. a "
                               "sentence cut before its verb, 'did not support', 'not ratified'; see `note`). "
                               "Context readings never set `signatures.signature_status`.",
                               isin=["stated", "context"])
    statement_date: Series[str] = col("When the statement was made (the source's date or the date it gives for "
                                      "the statement; YYYY, YYYY-MM or YYYY-MM-DD).", nullable=True,
                                      str_matches=DATE_PARTIAL)
    date: Series[str] = col("Date of the event reported, as given by the source.", nullable=True, str_matches=DATE)
    evidence_kind: Series[str] = col("direct (names the state), group_statement (names a group; see derivation) "
                                      "or conflicting.", isin=["direct", "group_statement", "conflicting"])
    derivation: Series[str] = col("For group statements: how the state is derived from the group.", nullable=True)
    derivation_source_id: Series[str] = source_id_field(nullable=True)
    derivation_evidence: Series[str] = evidence_field(nullable=True)
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()
    note: Series[str] = col("Remarks; for intentions and context readings, why the row is coded so.", nullable=True)

    class Config:
        metadata = meta("Every report of a state's signature of the Final Acts, one row per state and passage: "
                        "outcomes and announced intentions kept apart (`report_type`).",
                        foreign_keys=[SOURCE_FK, STATE_FK, fk("derivation_source_id", "sources", ["source_id"])])


class Signatures(Base):
    iso3: Series[str] = pa.Field(description="ISO3 of the Member State.", str_matches=ISO3, unique=True)
    state_name: Series[str] = state_name_field()
    signature_status: Series[str] = col(
        "Did the state sign the Final Acts on 14 Dec 2012? Resolved from outcome reports that state it only "
        "(never from intentions or context readings); group statements count only when about the 144 "
        "accredited states or when the member is shown present. Disagreement in the strongest tier (direct > "
        "group, primary > press) gives unknown.", isin=SIGN_STATUS)
    confidence: Series[str] = col(
        "corroborated (2+ independent outcome reports name the state directly and agree), single_outcome_report "
        "(one independent origin names the state directly; group statements may add support, see "
        "`n_outcome_independent`), group_statement_only, conflicting (weaker outcome reports disagree, or equally strong ones: then "
        "unknown); for unknown: group_statement_unresolved, context_only, intention_only, none.", isin=CONFIDENCE)
    date: Series[str] = col("Date of the event in the report shown.", nullable=True, str_matches=DATE)
    signing_day_dated: Series[bool] = pa.Field(description="True when the report shown dates the outcome to "
        "14 Dec 2012 (or places it at the Dubai signing); False when the status rests on an undated outcome report "
        "(it then says only that the state had or had not signed by the report's date) or is unknown.")
    evidence_kind: Series[str] = col("Kind of evidence behind the status (none when unknown).",
                                      isin=["direct", "group_statement", "conflicting", "none"])
    derivation: Series[str] = col("Derivation for group statements.", nullable=True)
    n_reports: Series[Int] = pa.Field(description="Rows in `signature_reports` for this state (all types, every "
                                      "passage).", ge=0)
    n_independent: Series[Int] = pa.Field(description="Distinct independent origins (`sources.origin`) among "
                                          "those rows: relays, reposts and translations count once.", ge=0)
    n_outcome_independent: Series[Int] = pa.Field(description="Independent origins of the outcome reports usable "
                                                  "for the status (stated; direct or admissible group); 0 when "
                                                  "there is none.", ge=0)
    resolution: Series[str] = col("How the reports were resolved, with counts of independent reports and in all.")
    announced: Series[str] = col("Announced intention (will_sign, will_not_sign, consult_capital, undecided), "
                                 "never used as the status.", nullable=True,
                                 isin=["will_sign", "will_not_sign", "consult_capital", "undecided"])
    announced_date: Series[str] = col("Date of the announcement shown.", nullable=True, str_matches=DATE_PARTIAL)
    announced_source_id: Series[str] = source_id_field(nullable=True)
    announced_evidence: Series[str] = evidence_field(nullable=True)
    source_id: Series[str] = pa.Field(
        description="Source of the report shown, chosen by rule: stated over context reading, direct over group, "
        "primary over press, dated 14 Dec 2012 over later (undated last), independent over relayed; language "
        "(English first) and source_id only break ties.", str_matches=SLUG, nullable=True)
    evidence: Series[str] = evidence_field(nullable=True)

    class Config:
        metadata = meta("One row per ITU Member State: did it sign the Final Acts on 14 December 2012? "
                        "`unknown` where no outcome report states it; intentions are shown in `announced`.",
                        ["iso3"], [SOURCE_FK, STATE_FK, fk("announced_source_id", "sources", ["source_id"])])


class TreatyActions(Base):
    iso3: Series[str] = iso3_field()
    state_name: Series[str] = state_name_field()
    action: Series[str] = col("Treaty action.", isin=["signature", "ratification", "accession", "approval",
                                                       "acceptance", "notification_of_non_application"])
    date: Series[str] = col("Date of the action.", nullable=True, str_matches=DATE_PARTIAL)
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()
    note: Series[str] = col("Remarks.", nullable=True)

    class Config:
        metadata = meta("Later signatures, ratifications and accessions to the 2012 ITRs.",
                        foreign_keys=[SOURCE_FK, STATE_FK])


class Sessions(Base):
    plenary: Series[Int] = pa.Field(description="Plenary meeting key: one number per meeting, the conference's own "
                                    "sequence (the Chair's and ITU's file numbering: the closing meeting of 14 Dec is 17). "
                                    "Filter on this; empty when no source numbers the meeting.", nullable=True, ge=1)
    plenary_as_numbered: Series[Int] = pa.Field(description="The number this source gives the meeting (the closing "
                                                "transcript's header says 13); empty when the source numbers none.",
                                                nullable=True, ge=1)
    plenary_basis: Series[str] = col("stated (this source gives the key number) or derived (matched to a numbered "
                                     "meeting by date and start time; see `note`).", nullable=True, isin=VALUE_BASIS)
    date: Series[str] = col("Date (Dubai).", str_matches=DATE)
    start_local: Series[str] = col("Start time HH:MM, Dubai.", nullable=True, str_matches=TIME)
    end_local: Series[str] = col("End time HH:MM, Dubai, where known.", nullable=True, str_matches=TIME)
    start_utc: Series[UTC] = pa.Field(description="Start in UTC.", nullable=True)
    transcript_source_id: Series[str] = source_id_field(nullable=True)
    numbering_flag: Series[str] = col("Inconsistency between sources about this meeting, if any.", nullable=True)
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()
    note: Series[str] = col("Remarks.", nullable=True)

    class Config:
        metadata = meta("Plenary meetings documented by sources, one row per meeting and source; `plenary` is one "
                        "key per meeting, `plenary_as_numbered` each source's own numbering.",
                        foreign_keys=[SOURCE_FK, fk("transcript_source_id", "sources", ["source_id"])])


STANCES = ["objection", "reservation", "consult_capital", "will_not_sign", "will_sign", "support", "proposal",
           "request_vote", "procedural", "statement", "chair", "other"]
TOPICS = ["preamble_amendment", "plen3_resolution", "final_acts_signing", "procedure", "other", UNKNOWN]


ORDER_BASIS = ["transcript", "stated", "narrative_sequence", "list_sequence", "none"]


class Interventions(Base):
    intervention_id: Series[str] = pa.Field(description="Row identifier.", str_matches=SLUG, unique=True)
    plenary: Series[Int] = pa.Field(description="Plenary meeting key (see `sessions.plenary`).", nullable=True, ge=1)
    plenary_basis: Series[str] = col("transcript (the row comes from that plenary's transcript), stated (the source "
                                     "names the plenary) or derived (the dataset's inference: `plenary_reasoning`); "
                                     "empty with `plenary`.", nullable=True, isin=["transcript", *VALUE_BASIS])
    plenary_reasoning: Series[str] = col("For a derived plenary: how it was inferred.", nullable=True)
    order: Series[Int] = pa.Field(description="Position in the source's own sequence (a transcript's turn number, or "
                                  "the order in which one account says delegations spoke). Not a plenary-wide key: "
                                  "orders of different sources are not comparable. Rows of a source sharing a value "
                                  "are ones whose mutual order it does not give; empty where it states no order.",
                                  nullable=True, ge=1)
    order_basis: Series[str] = col("transcript (turn number), stated (the source says who spoke first or followed), "
                                   "narrative_sequence or list_sequence (read from the sequence of the source's "
                                   "narrative or list; not stated as speaking order) or none (no order; `order` empty).",
                                   isin=ORDER_BASIS)
    order_reasoning: Series[str] = col("The words or reasoning behind a secondary source's `order`.", nullable=True)
    iso3: Series[str] = iso3_field("Speaker's state (empty for the chair and non-state speakers).", nullable=True)
    state_name: Series[str] = state_name_field(nullable=True)
    speaker: Series[str] = col("Speaker label as the source gives it.")
    speaker_role: Series[str] = col("state, chair, secretariat, interpreter, captioner, other.",
                                     isin=["state", "chair", "secretariat", "interpreter", "captioner", "other"])
    topic: Series[str] = col("Topic.", isin=TOPICS)
    stance: Series[str] = col("Stance (documented vocabulary).", isin=STANCES)
    quote: Series[str] = col("Words of the intervention (verbatim; transcripts may be truncated by the source).", nullable=True)
    vote_id: Series[str] = col("The decision this intervention is placed against (see vote_relation).", nullable=True)
    vote_relation: Series[str] = col("Where the source places the intervention relative to that decision: before, at "
                                     "(the proposal/request itself), after, or unplaced (same day, not placed).",
                                     nullable=True, isin=["before", "at", "after", "unplaced"])
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()
    note: Series[str] = col("Remarks.", nullable=True)

    class Config:
        metadata = meta("Interventions in plenary: parsed CART transcript turns plus those known only from "
                        "secondary sources.", ["intervention_id"], [SOURCE_FK, STATE_FK, fk("vote_id", "votes")])


class Positions(Base):
    iso3: Series[str] = iso3_field()
    state_name: Series[str] = state_name_field()
    issue: Series[str] = col("Issue.", isin=["preamble_amendment", "plen3_resolution", "final_acts_signing"])
    stance: Series[str] = col("Position on the issue.", isin=STANCES)
    intervention_ids: Series[str] = col("Intervention rows the position rests on (';'-separated).")
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()

    class Config:
        metadata = meta("Per state and issue: stance, only where interventions document it.",
                        ["iso3", "issue", "stance"], [SOURCE_FK, STATE_FK])


class Provisions(Base):
    instrument: Series[str] = col("Instrument.", isin=["ITR 2012", "ITR 1988"])
    part: Series[str] = col("Part (Preamble, Article, Appendix, ...).")
    article: Series[str] = col("Article number (e.g. 5A) or empty.", nullable=True)
    title: Series[str] = col("Article title as printed.", nullable=True)
    margin_no: Series[str] = col("Margin number as printed.", nullable=True)
    lang: Series[str] = col("ISO 639-1 language.", isin=["en", "fr", "es", "ru", "zh", "ar", "pt"])
    text: Series[str] = col("Provision text, verbatim.")
    official: Series[bool] = pa.Field(description="True for the instrument's own text; false when quoted by others.")
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()
    note: Series[str] = col("Remarks.", nullable=True)

    class Config:
        metadata = meta("Provision texts of the 2012 and 1988 ITRs, one row per margin number and language.",
                        foreign_keys=[SOURCE_FK])


class Resolutions(Base):
    resolution_id: Series[str] = col("Resolution identifier as printed (e.g. PLEN/3).")
    title: Series[str] = col("Title.", nullable=True)
    lang: Series[str] = col("ISO 639-1 language.", str_matches=r"^[a-z]{2}$")
    section: Series[str] = col("Section (title, considering a), resolves 1 ...).", nullable=True)
    text: Series[str] = col("Text, verbatim.")
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()
    note: Series[str] = col("Remarks.", nullable=True)

    class Config:
        metadata = meta("Resolutions of the Final Acts, one row per retrieved section and language.",
                        foreign_keys=[SOURCE_FK])


class Declarations(Base):
    decl_no: Series[str] = col("Declaration/reservation number as printed.")
    iso3: Series[str] = iso3_field(nullable=True)
    state_name: Series[str] = state_name_field(nullable=True)
    state_as_written: Series[str] = col("State as the document names it.", nullable=True)
    kind: Series[str] = col("declaration, reservation or unknown.", isin=["declaration", "reservation", UNKNOWN])
    lang: Series[str] = col("ISO 639-1 language.", str_matches=r"^[a-z]{2}$")
    text: Series[str] = col("Text retrieved (may be an excerpt).", nullable=True)
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()
    note: Series[str] = col("Remarks.", nullable=True)

    class Config:
        metadata = meta("Declarations and reservations in the Final Acts, one row per number and state.",
                        foreign_keys=[SOURCE_FK, STATE_FK])


class Documents(Base):
    doc_id: Series[str] = col("Document identifier as the source gives it (e.g. 47-E, DT/1).")
    title: Series[str] = col("Title or description.", nullable=True)
    lang: Series[str] = col("ISO 639-1 language.", str_matches=r"^[a-z]{2}$")
    text: Series[str] = col("Text retrieved (often only a cover or a second-hand account).", nullable=True)
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()
    note: Series[str] = col("What the row is (document itself, or an account of it); conflicts.", nullable=True)

    class Config:
        metadata = meta("Other conference documents (drafts, proposals, editions) as far as retrieved.",
                        foreign_keys=[SOURCE_FK])


class Claims(Base):
    claim_id: Series[str] = pa.Field(description="Claim identifier.", str_matches=SLUG, unique=True)
    author: Series[str] = col("Who made the claim (post author or commenter).")
    quote: Series[str] = col("The claim, verbatim from the post or its comments.")
    topic: Series[str] = col("Topic.")
    check: Series[str] = col("Name of the check function in wcit_data.claims.")
    verdict: Series[str] = col("Computed verdict.", isin=["supported", "contradicted", "partly_supported", "undetermined"])
    explanation: Series[str] = col("Why (computed from the tables at build time).")
    evidence_rows: Series[str] = col("Rows the verdict rests on (table:key; ';'-separated).", nullable=True)
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()

    class Config:
        metadata = meta("Checkable claims of the post and its comments with verdicts computed from the tables.",
                        ["claim_id"], [SOURCE_FK])


class Covariates(Base):
    iso3: Series[str] = iso3_field()
    state_name: Series[str] = state_name_field()
    variable: Series[str] = col("Variable name (see the codebook in README).")
    value: Series[str] = col("Value (as text; numeric variables parse as float).")
    value_basis: Series[str] = col("stated (the source gives the value for `year`) or derived (the value for `year` "
                                   "is inferred, e.g. 2012 membership from a join date or from an undated or later "
                                   "list; the reasoning is in `note`).", isin=VALUE_BASIS)
    year: Series[Int] = pa.Field(description="Year the value refers to.", ge=1988, le=2013)
    licence: Series[str] = col("Licence of the value's source.")
    source_id: Series[str] = source_id_field()
    evidence: Series[str] = evidence_field()
    note: Series[str] = col("Remarks.", nullable=True)

    class Config:
        metadata = meta("Country covariates as of 2012 in long form (iso3, variable, value).",
                        ["iso3", "variable", "year", "value"], [SOURCE_FK, STATE_FK])


MODELS: dict[str, type[Base]] = {
    "sources": Sources, "votes": Votes, "vote_reports": VoteReports, "ballots": Ballots, "ballot_reports": BallotReports, "events": Events,
    "states": States, "state_aliases": StateAliases, "participation": Participation,
    "conference_totals": ConferenceTotals, "signatures": Signatures, "signature_reports": SignatureReports,
    "treaty_actions": TreatyActions, "sessions": Sessions, "interventions": Interventions,
    "positions": Positions, "provisions": Provisions, "resolutions": Resolutions,
    "declarations": Declarations, "documents": Documents, "claims": Claims, "covariates": Covariates,
}


def table_metadata(name: str) -> dict:
    return MODELS[name].__config__.metadata or {}


def allowed_values(name: str, column: str) -> list[str]:
    """The `isin` values of a model column (what the build enforces), in schema order."""
    for check in MODELS[name].to_schema().columns[column].checks:
        stats = check.statistics or {}
        if "allowed_values" in stats:
            return list(stats["allowed_values"])
    raise KeyError(f"{name}.{column} has no list of allowed values")
