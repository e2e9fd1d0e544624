"""Figures and maps: each drawn from the shipped tables, checked for what it must show and what it must leave out."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from wcit_data.publish import figures, maps  # noqa: E402

PREAMBLE = "preamble-2012-12-13"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


def _ytick_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


# ------------------------------------------------------------------------------------------- after-vote order

def test_after_vote_figure_shows_only_the_preamble_vote(tables):
    iv = tables["interventions"]
    fig = figures.after_vote_order(iv, tables["sources"], vote_id=PREAMBLE)
    ax = fig.axes[0]
    drawn_states = set(_ytick_labels(ax))
    after = iv[(iv["vote_id"].astype(str) == PREAMBLE) & (iv["vote_relation"].astype(str) == "after")
               & iv["iso3"].notna()]
    assert drawn_states == set(after["iso3"].astype(str))
    # the four PLEN/3 statements (ESP twice, NZL, SWE) are placed after another vote: ESP must not appear
    plen3 = iv[iv["vote_id"].astype(str).str.startswith("plen3") & (iv["vote_relation"].astype(str) == "after")]
    assert set(plen3["iso3"].dropna().astype(str)) >= {"ESP", "NZL", "SWE"}
    assert "ESP" not in drawn_states
    assert sum(len(c.get_offsets()) for c in ax.collections) == len(after) == 45
    assert "45 statements" in fig.alt_text


def test_after_vote_figure_labels_are_publishers_and_dates_with_ties(tables):
    fig = figures.after_vote_order(tables["interventions"], tables["sources"], vote_id=PREAMBLE)
    ax = fig.axes[0]
    columns = [t.get_text() for t in ax.get_xticklabels()]
    assert "The Register\n2012-12-13" in columns and "Kiwiblog\n2012-12-23" in columns
    assert not any("register-2012" in c or "kiwiblog-" in c for c in columns)  # no source ids
    texts = _texts(fig)
    assert texts.count("=2") == 12  # IBTimes lists 12 states together after the USA: tied, not ranked
    assert texts.count("=4") == 8  # Kiwiblog: CAN, POL, NLD, DNK, KEN, NZL, CRI, CZE together
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("tied" in t for t in legend) and any("no order" in t for t in legend)


def test_after_vote_figure_for_plen3_has_its_own_statements(tables):
    iv = tables["interventions"]
    plen3 = sorted(v for v in iv["vote_id"].dropna().astype(str).unique() if v.startswith("plen3"))[0]
    fig = figures.after_vote_order(iv, tables["sources"], vote_id=plen3)
    assert set(_ytick_labels(fig.axes[0])) == {"ESP", "NZL", "SWE"}


def test_after_vote_figure_refuses_an_unknown_vote(tables):
    with pytest.raises(ValueError, match="valid vote_ids: .*preamble-2012-12-13"):
        figures.after_vote_order(tables["interventions"], tables["sources"], vote_id="preamble-2012-12-31")


# ---------------------------------------------------------------------------------------------------- timeline

def test_timeline_draws_open_bounds_as_arrows_never_from_the_axis_edge(tables):
    events = tables["events"]
    fig = figures.timeline(events, vote_window=figures.preamble_vote_window())
    ax = fig.axes[0]
    left, right = ax.get_xlim()
    bars = [line for line in ax.get_lines() if len(line.get_xdata()) == 2]
    assert bars and all(left < matplotlib.dates.date2num(min(line.get_xdata())) for line in bars)
    start = pd.Timestamp("2012-12-12", tz="Asia/Dubai")
    end = pd.Timestamp("2012-12-15", tz="Asia/Dubai")
    timed = events[events["precision"].astype(str) != "day"]
    bound = timed["utc_earliest"].fillna(timed["utc_latest"])
    one_bound = timed[(timed["utc_earliest"].isna() ^ timed["utc_latest"].isna()) & (bound >= start) & (bound < end)]
    arrows = [c for c in ax.get_children() if isinstance(c, matplotlib.text.Annotation)]
    assert len(arrows) == len(one_bound) == 12
    assert "12 known by one bound only" in fig.alt_text


def test_timeline_has_three_time_axes_and_leaves_out_day_only_events(tables):
    events = tables["events"]
    fig = figures.timeline(events)
    texts = _texts(fig)
    assert {"Dubai (UTC+4)", "UTC", "CET (UTC+1)"} <= set(texts)
    labels = " ".join(_ytick_labels(fig.axes[0]))
    assert "Plenary 12 opens" in labels
    day_only = events[(events["precision"].astype(str) == "day") & (events["date_local"].astype(str) == "2012-12-13")]
    assert len(day_only) > 10 and not any(str(d)[:40] in labels for d in day_only["description"])
    in_window = events[(events["precision"].astype(str) == "day")
                       & events["date_local"].astype(str).str[:10].between("2012-12-12", "2012-12-14")]
    assert f"{len(in_window)} events known only to the day are not drawn" in fig.alt_text
    assert not any("2012-12-0" in str(d) for d in labels.split())  # nothing from before 12 December


# ------------------------------------------------------------------------------------------ signing by group

def test_freedom_house_groups_are_ordinal_with_wilson_intervals():
    from wcit_data import analysis

    table = analysis.signing_by_group("fh_status")
    fig = figures.signing_by_group(table)
    assert _ytick_labels(fig.axes[0]) == ["Free (F)", "Partly Free (PF)", "Not Free (NF)", "no value"]
    free = table[table["group"].astype(str) == "F"].iloc[0]
    lo, hi = analysis.wilson(int(free["signed"]), int(free["known"]))
    expected = f"{free['signed']}/{free['known']} = {free['signed'] / free['known']:.0%} [{lo:.0%}, {hi:.0%}]"
    assert expected in _texts(fig)
    assert f"Free (F): {free['signed']} signed, {free['did_not_sign']} did not sign" in fig.alt_text


def test_signing_by_group_refuses_a_table_without_counts():
    with pytest.raises(ValueError, match="lacks columns"):
        figures.signing_by_group(pd.DataFrame({"group": ["F"]}))


# --------------------------------------------------------------------------------------------------- mentions

def test_mentions_print_zeros_with_one_denominator_per_bar():
    import wcit_data

    table = wcit_data.mentions("Internet")
    fig = figures.mentions(table)
    labels = [t for t in _texts(fig) if " mentions " in t]
    assert len(labels) == len(table)
    assert "0 mentions in 3 of 82 margin numbers" in labels  # ITR 2012 articles in English
    assert all(t.startswith("0 mentions") for t in labels)


# ------------------------------------------------------------------------------------------------------- maps

def test_signature_map_colours_states_by_status(tables):
    states, signatures = tables["states"], tables["signatures"]
    fig = maps.signature_map(states, signatures)
    column = "signature_status" if "signature_status" in signatures else "status"
    counts = signatures[column].astype(str).value_counts()
    assert (f"{counts['signed']} signed (blue), {counts['did_not_sign']} did not sign (red), "
            f"{counts['unknown']} unknown") in fig.alt_text
    legend = [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    assert f"signed ({counts['signed']})" in legend
    assert {"MCO", "SMR", "VAT", "KNA", "BRB"} <= set(_texts(fig))  # labelled in the close-ups
    assert any(t.startswith("territory without ITU membership") for t in legend)
    assert "Taiwan" in fig.alt_text and "W. Sahara" in fig.alt_text  # drawn, but not as Member States


def test_every_member_state_is_drawn_or_marked(tables):
    shapes, points = maps.countries(), maps.marker_points()
    m49 = set(tables["states"]["m49"].astype(str))
    assert len(m49) == 193
    assert m49 - set(shapes) <= set(points["m49"])
    assert {"798", "020", "492"} <= set(points["m49"])  # Tuvalu, Andorra, Monaco: absent at 1:110m, marked


def test_confidence_map_falls_back_to_evidence_kind(tables):
    signatures = tables["signatures"].drop(columns=["confidence"], errors="ignore")
    fig = maps.confidence_map(tables["states"], signatures)
    n_direct = int((signatures["evidence_kind"].astype(str) == "direct").sum())
    assert "signatures.evidence_kind" in fig.alt_text and f"{n_direct} direct" in fig.alt_text
    with_confidence = signatures.assign(confidence="corroborated")
    fig = maps.confidence_map(tables["states"], with_confidence)
    assert "signatures.confidence" in fig.alt_text and "193 corroborated" in fig.alt_text


def test_boundaries_are_checked_against_their_pin(tmp_path):
    copy = tmp_path / "countries-110m.json"
    copy.write_bytes(maps.TOPOLOGY.read_bytes() + b" ")
    with pytest.raises(maps.BoundaryDataError, match="pinned"):
        maps.read_topology(copy, maps.TOPOLOGY_SHA256)
    assert maps._sha256(maps.TOPOLOGY) == maps.TOPOLOGY_SHA256


def test_boundary_source_is_registered(tables):
    row = tables["sources"][tables["sources"]["source_id"].astype(str) == maps.SOURCE_ID]
    assert len(row) == 1 and "public domain" in str(row.iloc[0]["licence_note"])


def test_unexpected_signature_status_is_refused(tables):
    signatures = tables["signatures"].copy()
    column = "signature_status" if "signature_status" in signatures else "status"
    signatures[column] = signatures[column].astype(str).replace({"signed": "maybe"})
    with pytest.raises(ValueError, match="valid values: signed, did_not_sign, unknown"):
        maps.signature_map(tables["states"], signatures)


# ---------------------------------------------------------------------------------------- standard + save

@pytest.fixture(scope="module")
def standard():
    drawn = figures.standard_figures()
    yield drawn
    plt.close("all")


def test_standard_figures_all_have_alt_text(standard):
    slugs = [slug for slug, _, _ in standard]
    assert {"timeline-12-14-december", "after-preamble-vote-order", "signing-by-freedom-house",
            "mentions-internet", "signature-map", "signature-confidence-map"} <= set(slugs)
    assert len(set(slugs)) == len(slugs)
    for slug, title, fig in standard:
        assert isinstance(fig, matplotlib.figure.Figure), slug
        assert title and len(getattr(fig, "alt_text", "")) > 80, slug
        assert any(ch.isdigit() for ch in fig.alt_text), slug


def test_save_writes_vector_and_300_dpi_png(standard, tmp_path):
    slug, _, fig = next(s for s in standard if s[0] == "signing-by-freedom-house")
    paths = figures.save(fig, tmp_path / slug)
    assert sorted(paths) == ["pdf", "png", "svg"]
    assert paths["svg"].read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert fig.alt_text[:40] in paths["svg"].read_text(encoding="utf-8")
    assert paths["pdf"].read_bytes()[:5] == b"%PDF-"
    height, width = plt.imread(paths["png"]).shape[:2]
    fig_w, fig_h = fig.get_size_inches()
    assert width > 0.8 * fig_w * 300 and height > 0.8 * fig_h * 300  # 300 dpi, tight box
