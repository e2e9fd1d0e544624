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
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any("tied" in t for t in legend) and any("no order" in t for t in legend)


def test_after_vote_figure_for_plen3_has_its_own_statements(tables):
    iv = tables["interventions"]
    plen3 = sorted(v for v in iv["vote_id"].dropna().astype(str).unique() if v.startswith("plen3"))[0]
    fig = figures.after_vote_order(iv, tables["sources"], vote_id=plen3)
    assert set(_ytick_labels(fig.axes[0])) == {"ESP", "NZL", "SWE"}


def test_after_vote_figure_refuses_an_unknown_vote(tables):
    with pytest.raises(ValueError, match="valid vote_ids: .*preamble-2012-12-13"):
        figures.after_vote_order(tables["interventions"], tables["sources"], vote_id="preamble-2012-12-31")


def test_after_vote_figure_resolves_a_former_vote_id(tables):
    iv, sources = tables["interventions"], tables["sources"]
    fig = figures.after_vote_order(iv, sources, vote_id="plen3-2012-12-12")
    assert set(_ytick_labels(fig.axes[0])) == {"ESP", "NZL", "SWE"}
    assert "plen3-2012-12-13" in fig.alt_text and "PLEN" not in _ytick_labels(fig.axes[0])
    # a frame from 0.1.0 still carrying the former id draws the same statements under the current id
    old = iv.assign(vote_id=iv["vote_id"].astype(object).replace({"plen3-2012-12-13": "plen3-2012-12-12"}))
    fig = figures.after_vote_order(old, sources, vote_id="plen3-2012-12-13")
    assert set(_ytick_labels(fig.axes[0])) == {"ESP", "NZL", "SWE"}


def test_after_vote_figure_on_an_empty_frame_lists_the_valid_ids(tables):
    with pytest.raises(ValueError, match="valid vote_ids: .*plen3-2012-12-13, preamble-2012-12-13$"):
        figures.after_vote_order(tables["interventions"].iloc[:0], tables["sources"])


def test_after_vote_alt_text_keeps_publisher_names_whole(tables):
    fig = figures.after_vote_order(tables["interventions"], tables["sources"], vote_id=PREAMBLE)
    assert "International Business Times UK, 2012-12;" in fig.alt_text
    assert "Business, Times" not in fig.alt_text and "Public, &" not in fig.alt_text
    assert "Czech Yearbook of Public & Private International Law (via cld.bz), 2013" in fig.alt_text


def test_after_vote_title_fits_and_legend_sits_under_the_plot(tables):
    long_title = ("Statements placed right after the Preamble vote of 13 December 2012 (preamble-2012-12-13): "
                  "position as each source states it")
    fig = figures.after_vote_order(tables["interventions"], tables["sources"], vote_id=PREAMBLE, title=long_title)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    title = next(t for t in fig.findobj(matplotlib.text.Text) if t.get_text() == ax.get_title(loc="left"))
    assert title.get_window_extent(renderer).x1 <= ax.get_window_extent(renderer).x1 + 1  # wrapped to the plot
    assert " ".join(ax.get_title(loc="left").split()) == long_title
    legend = fig.legends[0].get_window_extent(renderer)
    assert legend.y1 < ax.get_window_extent(renderer).y0  # below the plot, not in a column beside it


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


def test_timeline_gives_every_kind_its_own_colour_and_the_legend_matches(tables):
    events = tables["events"]
    fig = figures.timeline(events, vote_window=figures.preamble_vote_window())
    ax = fig.axes[0]
    legend = {t.get_text().removeprefix("kind: "): matplotlib.colors.to_hex(h.get_color())
              for t, h in zip(ax.get_legend().get_texts(), ax.get_legend().legend_handles)
              if t.get_text().startswith("kind: ")}
    assert {"announcement", "decision", "plenary_start", "plenary_end"} <= set(legend)
    assert len(set(legend.values())) == len(legend)  # no two kinds share a colour
    assert legend["plenary_start"] != legend["plenary_end"] and legend["announcement"] != legend["decision"]
    # each exact-time point is drawn in its kind's legend colour
    points = [line for line in ax.get_lines() if line.get_marker() == "o" and len(line.get_xdata()) == 1]
    exact = events[(events["precision"].astype(str) == "exact")].set_index("utc")
    assert points
    for line in points:
        kinds = set(exact.loc[[pd.Timestamp(line.get_xdata()[0]).tz_localize("UTC")], "kind"].astype(str))
        assert matplotlib.colors.to_hex(line.get_color()) in {legend[k] for k in kinds}
    assert " author away " in _texts(fig)  # the blog author's absence band, from his approximate times


def test_timeline_kinds_outside_the_palette_still_get_distinct_colours():
    colours = figures.kind_colours(["vote", "rumour", "leak"])
    assert len(set(colours.values())) == 3


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



def _legend_texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]


def test_a_filtered_signatures_frame_is_not_drawn_as_unknown(tables):
    states, signatures = tables["states"], tables["signatures"]
    corroborated = signatures[signatures["confidence"].astype(str) == "corroborated"]
    n, left_out = len(corroborated), len(states) - len(corroborated)
    assert 0 < n < len(states)
    for draw in (maps.signature_map, maps.confidence_map):
        fig = draw(states, corroborated)
        legend = _legend_texts(fig)
        assert f"not in the data passed ({left_out})" in legend
        assert not any(t.startswith("status unknown") and t != "status unknown (0)" for t in legend)
        titles = " ".join(ax.get_title(loc="left") for ax in fig.axes)
        assert f"{n} of {len(states)} ITU Member States in the data passed" in titles
        assert "193 ITU Member States," not in titles
        assert f"World map of {n} of {len(states)} ITU Member States" in fig.alt_text
        assert f"{left_out} Member States are not in the signatures data passed" in fig.alt_text
        assert "Unknown means no stored source" not in fig.alt_text
    # the full table has no state outside the data passed
    fig = maps.signature_map(states, signatures)
    assert not any("not in the data passed" in t for t in _legend_texts(fig))
    assert "Unknown means no stored source states the status." in fig.alt_text


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


def test_after_vote_legend_lists_only_the_kinds_drawn(tables):
    iv, sources = tables["interventions"], tables["sources"]
    after = iv[(iv["vote_id"].astype(str) == "preamble-2012-12-13") & (iv["vote_relation"].astype(str) == "after")]
    ordered = after[after["order"].notna()]
    fig = figures.after_vote_order(ordered, sources, vote_id="preamble-2012-12-13")
    labels = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    assert labels and not any("no order stated" in label for label in labels)
