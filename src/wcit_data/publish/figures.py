"""Publication figures drawn from the package's tables (matplotlib, imported lazily).

Every figure function takes the table(s) it draws, so a reader can redraw it from a filtered copy, and returns
a ``matplotlib.figure.Figure`` whose ``alt_text`` attribute describes in plain text what it shows, with numbers.
``save(fig, stem)`` writes SVG, PDF and a 300 dpi PNG in one call; ``standard_figures()`` draws every standard
figure from the shipped tables.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd

DUBAI, CET = pd.Timedelta(hours=4), pd.Timedelta(hours=1)
PREAMBLE_VOTE = "preamble-2012-12-13"
STATUS_COLOURS = {"signed": "#2166ac", "did_not_sign": "#d6604d", "unknown": "#d9d9d9"}
STATUS_LABELS = {"signed": "signed", "did_not_sign": "did not sign", "unknown": "unknown"}
# Ordinal groupings are drawn in their natural order, never alphabetically; unlisted groups follow, then gaps.
GROUP_ORDER = {
    "fh_status": ["F", "PF", "NF"],
}
GROUP_NAMES = {"F": "Free (F)", "PF": "Partly Free (PF)", "NF": "Not Free (NF)", "missing": "no value"}
GAP_GROUPS = ("missing", "not_listed", "no RTO listed")
PNG_DPI = 300


def _plt():
    import matplotlib

    if "matplotlib.pyplot" not in __import__("sys").modules:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _clean(text) -> str:
    """Drop glyphs the default font lacks (CJK quotes in some descriptions)."""
    return "".join(ch for ch in str(text) if ord(ch) < 0x2E80)


def _wrap(text, width: int) -> str:
    return "\n".join(textwrap.wrap(_clean(text), width)) or ""


def _new_figure(ax, figsize):
    """A new figure, or the figure of an axes the caller passed in (kept for callers that lay out panels)."""
    if ax is not None:
        return ax.figure, ax
    plt = _plt()
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    return fig, ax


def save(fig, stem) -> dict[str, Path]:
    """Write ``stem.svg``, ``stem.pdf`` and ``stem.png`` (300 dpi); returns {format: path}.

    Bounding boxes are tight, so no label is cut at the edge; the alt text goes into the SVG's <desc> via
    matplotlib's metadata where the format supports it.
    """
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    alt = getattr(fig, "alt_text", "")
    out = {}
    for fmt in ("svg", "pdf", "png"):
        path = stem.with_suffix(f".{fmt}")
        meta = {"svg": {"Description": alt}, "pdf": {"Subject": alt}, "png": {"Description": alt}}[fmt]
        fig.savefig(path, format=fmt, dpi=PNG_DPI, bbox_inches="tight", pad_inches=0.08, metadata=meta)
        out[fmt] = path
    return out


# ---------------------------------------------------------------------------------------------- after-vote order

def _source_names(source_ids, sources: pd.DataFrame) -> dict[str, tuple[str, str, str]]:
    """(publisher, date, distinguishing title words or '') for each source; title words are added only where two
    sources would otherwise read the same."""
    reg = sources.set_index(sources["source_id"].astype(str))
    names = {}
    for sid in source_ids:
        if sid not in reg.index:
            raise ValueError(f"source_id {sid!r} is not in the sources table given")
        row = reg.loc[sid]
        who = next((_clean(row[c]).strip() for c in ("publisher", "author")
                    if pd.notna(row.get(c)) and str(row[c]).strip()), _clean(row["title"])[:30])
        when = str(row["published"])[:10] if pd.notna(row.get("published")) else "undated"
        names[sid] = (who, when, "")
    seen = pd.Series({sid: name[:2] for sid, name in names.items()}, dtype=object).duplicated(keep=False)
    for sid in seen[seen].index:
        names[sid] = (*names[sid][:2], textwrap.wrap(_clean(reg.loc[sid, "title"]), 22)[0])
    return names


def _tick_label(name: tuple[str, str, str]) -> str:
    """Publisher wrapped to a narrow column, then the date (and title words where needed), one per line."""
    who, when, extra = name
    return "\n".join([_wrap(who, 24), when] + ([extra] if extra else []))


def _plain_label(name: tuple[str, str, str]) -> str:
    """The same label on one line, for alt text: 'International Business Times UK, 2012-12'."""
    return ", ".join(part for part in name if part)


def _vote_in(interventions: pd.DataFrame, vote_id: str, votes: pd.DataFrame | None) -> tuple[pd.Series, str]:
    """The interventions' vote ids with former ids mapped to current ones, and ``vote_id`` resolved the same way.

    Raises ValueError listing the vote ids the frame has (or, for a frame without any, the votes table's ids).
    """
    from wcit_data.votes import _former_ids, resolve_vote_id

    if votes is None:
        from wcit_data.loading import load

        votes = load("votes")
    former = _former_ids(votes)
    ids = interventions["vote_id"].astype(object).where(interventions["vote_id"].notna())
    ids = ids.map(lambda v: former.get(str(v), str(v)) if pd.notna(v) else v)
    present = sorted(ids.dropna().unique())
    wanted = former.get(vote_id, vote_id)
    if wanted not in present:
        try:
            wanted = resolve_vote_id(vote_id, votes)
        except ValueError:
            pass
    if wanted not in present:
        known = ", ".join(present) if present else (
            "none in the interventions passed; the votes table has " + ", ".join(sorted(votes["vote_id"].astype(str))))
        raise ValueError(f"vote_id {vote_id!r} has no interventions; valid vote_ids: {known}")
    return ids, wanted


def after_vote_order(interventions: pd.DataFrame, sources: pd.DataFrame | None = None,
                     vote_id: str = PREAMBLE_VOTE, relation: str = "after", title: str | None = None, ax=None,
                     votes: pd.DataFrame | None = None):
    """Statements that sources place ``relation`` (default: right after) the vote ``vote_id``, one column per
    source (publisher and date), one row per state, each mark showing the position the source states.

    Positions that a source gives to several states at once are drawn as ties; statements that a source places
    after the vote without any order are drawn as dots. Only rows of this vote are drawn. A former vote id
    (``plen3-2012-12-12``) resolves through ``votes`` (default: the shipped votes table).
    """
    if sources is None:
        from wcit_data.loading import load

        sources = load("sources")
    vote_ids, vote_id = _vote_in(interventions, vote_id, votes)
    iv = interventions[(vote_ids == vote_id)
                       & (interventions["vote_relation"].astype(str) == relation) & interventions["iso3"].notna()]
    if iv.empty:
        raise ValueError(f"no intervention is placed {relation!r} vote {vote_id!r} with a state named")
    iv = iv.assign(iso3=iv["iso3"].astype(str), source_id=iv["source_id"].astype(str),
                   order=pd.to_numeric(iv["order"], errors="coerce").fillna(0).astype(int))
    names = _source_names(iv["source_id"].unique(), sources)
    labels = {sid: _tick_label(name) for sid, name in names.items()}
    published = sources.set_index(sources["source_id"].astype(str))["published"].astype(str)
    cols = sorted(labels, key=lambda s: (published.get(s, "9999"), labels[s]))
    ranked = iv[iv["order"] > 0]
    first = ranked.groupby("iso3")["order"].min()
    mentions = iv.groupby("iso3").size()
    rows = sorted(iv["iso3"].unique(), key=lambda s: (first.get(s, 99), -mentions[s], s))
    ties = ranked.groupby(["source_id", "order"])["iso3"].transform("nunique") > 1
    kind = pd.Series("unordered", index=iv.index)
    kind[ranked.index] = "ranked"
    kind[ties[ties].index] = "tied"

    own_figure = ax is None
    fig, ax = _new_figure(ax, (max(6.5, 0.95 * len(cols) + 2.2), 0.34 * len(rows) + 2.4))
    style = {"ranked": ("o", "#fdd49e", "position stated by the source"),
             "tied": ("s", "#c6dbef", "tied position (listed together; '=' marks a tie)"),
             "unordered": ("o", "#e5e5e5", "placed after the vote, no order stated (–)")}
    for k, (marker, colour, label) in style.items():
        sub = iv[kind == k]
        if sub.empty:  # no legend entry for a kind of mark the chart does not draw
            continue
        xs = [cols.index(s) for s in sub["source_id"]]
        ys = [rows.index(s) for s in sub["iso3"]]
        ax.scatter(xs, ys, s=260, marker=marker, color=colour, edgecolor="#555555", linewidth=0.6, label=label,
                   zorder=2)
        for x, y, r in zip(xs, ys, sub.itertuples()):
            text = "–" if k == "unordered" else (f"={r.order}" if k == "tied" else str(r.order))
            ax.text(x, y, text, ha="center", va="center", fontsize=7.5, zorder=3)
    ax.set_xticks(range(len(cols)), [labels[s] for s in cols], rotation=40, ha="right", rotation_mode="anchor",
                  fontsize=7)
    ax.set_yticks(range(len(rows)), rows, fontsize=8)
    ax.set_xlim(-0.6, len(cols) - 0.4)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.grid(color="#eeeeee", zorder=0)
    ax.set_axisbelow(True)
    ax.set_ylabel("State (ISO 3166 alpha-3)")
    # the title is wrapped to the axes' width so it never runs to the figure's edge
    title = title or f"Statements placed {relation} the vote {vote_id}: position as each source states it"
    axes_width_pt = ax.get_position().width * fig.get_figwidth() * 72
    ax.set_title(_wrap(title, max(40, int(axes_width_pt / (9.5 * 0.55)))), fontsize=9.5, loc="left")
    if own_figure:  # legend in one row under the source names, so no column of empty space is left beside it
        fig.legend(*ax.get_legend_handles_labels(), loc="outside lower left", ncol=3, fontsize=7, frameon=False,
                   markerscale=0.6)
    else:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=7, frameon=False, markerscale=0.6)
    n_first = sorted(ranked.loc[ranked["order"] == 1, "iso3"].unique())
    fig.alt_text = (f"Dot chart of {len(iv)} statements by {len(rows)} states that {len(cols)} sources place "
                    f"{relation} the vote {vote_id} ({', '.join(rows)}). Sources: "
                    f"{'; '.join(_plain_label(names[s]) for s in cols)}. "
                    f"{int((kind == 'ranked').sum())} marks carry a position the source states, "
                    f"{int((kind == 'tied').sum())} are tied positions, {int((kind == 'unordered').sum())} have no "
                    f"order. Named first by a source: {', '.join(n_first) or 'none'}.")
    return fig


# ---------------------------------------------------------------------------------------------------- timeline

def preamble_vote_window(tables: dict | None = None):
    """(earliest, latest) UTC of the Preamble vote, computed from sessions and events."""
    from wcit_data.claims import _vote_window
    from wcit_data.loading import load

    tables = tables or {n: load(n) for n in ("votes", "sessions", "events")}
    lo, hi, _ = _vote_window(tables)
    return lo, hi


# One distinct colour per event kind (the legend names each); kinds not listed take the spare colours in turn.
KIND_COLOURS = {"vote": "#b2182b", "observer": "#1b7837", "plenary_start": "#2166ac", "plenary_end": "#92c5de",
                "statement": "#8c510a", "signing": "#762a83", "press": "#e7298a", "walkout": "#e08214",
                "announcement": "#17becf", "decision": "#000000", "other": "#969696"}
SPARE_KIND_COLOURS = ("#bcbd22", "#01665e", "#c2a5cf", "#a6dba0", "#fdb863", "#7f3b08")


def kind_colours(kinds) -> dict[str, str]:
    """{kind: colour} for the kinds given, every colour different; unlisted kinds take the spare colours."""
    spare = iter(SPARE_KIND_COLOURS)
    colours = {}
    for kind in sorted(set(map(str, kinds))):
        colours[kind] = KIND_COLOURS.get(kind) or next(spare, None)
        if colours[kind] is None:
            raise ValueError(f"more unlisted event kinds than spare colours: {sorted(set(map(str, kinds)))}; "
                             f"listed kinds: {', '.join(KIND_COLOURS)}")
    return colours


def _observer_absence(events: pd.DataFrame):
    """(stopped, returned) UTC of the blog author's stated absence; an approximate time ("around 5:30 pm") is
    the middle of its stored bounds, i.e. the time he states."""
    obs = events[events["kind"].astype(str) == "observer"]
    middle = obs["utc_earliest"] + (obs["utc_latest"] - obs["utc_earliest"]) / 2
    when = obs["utc"].fillna(middle).dropna().sort_values()
    return (when.iloc[0], when.iloc[1]) if len(when) >= 2 else None


def timeline(events: pd.DataFrame, start: str = "2012-12-12", end: str = "2012-12-15", vote_window=None,
             ax=None):
    """Timed events from ``start`` to ``end`` (Dubai calendar days; ``end`` exclusive) on UTC, Dubai and CET axes.

    Exact times are points; times known within two bounds are bars; a time known by one bound only is an arrow
    from that bound into the open side (never a bar from the axis edge). Events known only to the day are not
    drawn (the title says how many). Shaded, hatched bands: the window in which the Preamble vote took place
    (``vote_window``, UTC pair) and the blog author's stated absence (observer events).
    """
    import matplotlib.dates as mdates
    from matplotlib.patches import Patch

    lo = pd.Timestamp(start, tz="Asia/Dubai").tz_convert("UTC")
    hi = pd.Timestamp(end, tz="Asia/Dubai").tz_convert("UTC")
    precision = events["precision"].astype(str)
    early, late = events["utc_earliest"], events["utc_latest"]
    in_range = (early.fillna(late) >= lo) & (late.fillna(early) < hi)
    day_only = in_range & (precision == "day")
    ev = events[in_range & (precision != "day")].copy()
    ev["_key"] = ev["utc_earliest"].fillna(ev["utc_latest"])
    ev = ev.sort_values(["_key", "utc_latest"]).reset_index(drop=True)
    span = hi - lo
    arrow_len = span * 0.035

    fig, ax = _new_figure(ax, (12, 0.36 * len(ev) + 3.4))
    bands = []
    for window, colour, hatch, edge, label, short in (
            (vote_window, "#b2182b", "//", "-", "window in which the Preamble vote took place", "vote window"),
            (_observer_absence(events), "#1b7837", "\\\\", "--", "blog author not watching (17:30-23:00 CET, his account)",
             "author away")):
        if window is None or not all(pd.notna(v) for v in window):
            continue
        # overlapping bands stay apart: each has its own hatch direction, edge style and label at the top
        ax.axvspan(*window, facecolor=colour, alpha=0.08, lw=0, zorder=0)
        ax.axvspan(*window, facecolor="none", edgecolor=colour, hatch=hatch, alpha=0.35, lw=0, zorder=0)
        for bound in window:
            ax.axvline(bound, color=colour, ls=edge, lw=0.9, zorder=1)
        # the first band is named left of its start, the second right of its end, so the names never collide
        first = not bands
        ax.text(window[0] if first else window[1], -0.7, f" {short} ", color=colour, fontsize=6.5, va="center",
                ha="right" if first else "left", fontweight="bold", zorder=4)
        bands.append(Patch(facecolor=colour + "20", hatch=hatch, edgecolor=colour, ls=edge, label=label))
    colours = kind_colours(ev["kind"])
    for y, r in enumerate(ev.itertuples()):
        colour = colours[str(r.kind)]
        if str(r.precision) == "exact":
            ax.plot(r.utc, y, "o", color=colour, ms=5, zorder=3)
        elif pd.notna(r.utc_earliest) and pd.notna(r.utc_latest):
            ax.plot([r.utc_earliest, r.utc_latest], [y, y], "-", lw=6, alpha=0.6, color=colour,
                    solid_capstyle="butt", zorder=2)
        else:  # one bound only: an arrow from the known bound into the open side
            known = r.utc_earliest if pd.notna(r.utc_earliest) else r.utc_latest
            sign = 1 if pd.notna(r.utc_earliest) else -1
            ax.annotate("", xy=(known + sign * arrow_len, y), xytext=(known, y), zorder=2,
                        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2, "alpha": 0.8})
            ax.plot([known], [y], "|", color=colour, ms=9, mew=2, zorder=3)
    ax.set_yticks(range(len(ev)), [_wrap(d, 90) for d in ev["description"]], fontsize=6.8)
    ax.set_xlim(lo, hi)
    ax.set_ylim(len(ev) - 0.5, -0.9)
    fmt = mdates.DateFormatter("%d %b\n%H:%M")
    ax.xaxis.set_major_locator(mdates.HourLocator(byhour=range(0, 24, 6)))
    ax.xaxis.set_major_formatter(fmt)
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", color="#dddddd", zorder=0)
    from matplotlib.transforms import offset_copy

    for offset, label, where, shift in ((DUBAI, "Dubai (UTC+4)", "top", 0), (CET, "CET (UTC+1)", "bottom", 36)):
        sec = ax.secondary_xaxis(where, functions=(lambda x, o=offset: x + o / pd.Timedelta(days=1),
                                                   lambda x, o=offset: x - o / pd.Timedelta(days=1)))
        sec.xaxis.set_major_locator(mdates.HourLocator(byhour=range(0, 24, 6)))
        sec.xaxis.set_major_formatter(fmt)
        sec.tick_params(labelsize=7)
        if shift:
            sec.spines["bottom"].set_position(("outward", shift))
    # axis names sit at the left end of each time axis, so the three axes stay close together
    for label, y, dy in (("Dubai (UTC+4)", 1, 14), ("UTC", 0, -14), ("CET (UTC+1)", 0, -50)):
        ax.text(-0.005, y, label, ha="right", va="center", fontsize=7.5, fontweight="bold",
                transform=offset_copy(ax.transAxes, fig=fig, x=-16, y=dy, units="points"))
    from matplotlib.lines import Line2D

    marks = [Line2D([], [], marker="o", ls="", color="#444444", label="exact time"),
             Line2D([], [], lw=6, alpha=0.6, color="#444444", label="known between two bounds"),
             Line2D([], [], marker=r"$\rightarrow$", ls="", ms=14, color="#444444",
                    label="known by one bound only (arrow points to the open side)")]
    kinds = [Line2D([], [], marker="s", ls="", color=colour, label=f"kind: {k}") for k, colour in colours.items()]
    ax.legend(handles=marks + bands + kinds, loc="upper center", ncol=3, fontsize=7, frameon=False,
              bbox_to_anchor=(0.5, 0), bbox_transform=offset_copy(ax.transAxes, fig=fig, y=-70, units="points"))
    n_day = int(day_only.sum())
    ax.set_title(f"Timed events, {lo.tz_convert('Asia/Dubai'):%d} to "
                 f"{(hi - pd.Timedelta(days=1)).tz_convert('Asia/Dubai'):%d %B %Y} (Dubai days);\n"
                 f"{n_day} events known only to the day are not drawn", fontsize=9, loc="left", pad=30)
    n_exact = int((ev["precision"].astype(str) == "exact").sum())
    n_open = int((ev["utc_earliest"].isna() | ev["utc_latest"].isna()).sum())
    window = (f" The Preamble vote window is {vote_window[0]:%d %b %H:%M}-{vote_window[1]:%H:%M} UTC."
              if vote_window is not None and all(pd.notna(v) for v in vote_window) else "")
    fig.alt_text = (f"Timeline of {len(ev)} timed events between {lo:%d %b %H:%M} and {hi:%d %b %H:%M} UTC "
                    f"(Dubai days {start} to {end}, end exclusive), with UTC, Dubai and CET axes: {n_exact} at an "
                    f"exact time, {len(ev) - n_exact - n_open} known between two bounds, {n_open} known by one "
                    f"bound only (drawn as arrows). {n_day} events known only to the day are not drawn."
                    + window)
    return fig


# ----------------------------------------------------------------------------------------- signing by group

def _ordered_groups(table: pd.DataFrame) -> pd.DataFrame:
    variable = str(table["variable"].iloc[0]) if "variable" in table and len(table) else ""
    order = GROUP_ORDER.get(variable, [])
    groups = table["group"].astype(str)
    rank = [order.index(g) if g in order else (len(order) + 100 if g in GAP_GROUPS else len(order))
            for g in groups]
    return table.assign(group=groups, _rank=rank).sort_values(["_rank", "group"], kind="stable")


def signing_by_group(table: pd.DataFrame, title: str | None = None, ax=None):
    """Signing on 14 Dec 2012 per group (a table from ``analysis.signing_by_group`` or ``signing_by_rto``).

    Left: counts of states signed / did not sign / unknown, printed on the bars. Right: share signing among
    states with a known status, with its 95% Wilson interval. Ordinal groupings (Freedom House F > PF > NF)
    keep their order; groups with no value ('missing', 'no RTO listed') come last.
    """
    from wcit_data.analysis import wilson

    needed = {"group", "signed", "did_not_sign", "unknown"}
    if missing := needed - set(table.columns):
        raise ValueError(f"table lacks columns {sorted(missing)}; pass analysis.signing_by_group(...) output")
    t = _ordered_groups(table.reset_index(drop=True))
    t[["signed", "did_not_sign", "unknown"]] = t[["signed", "did_not_sign", "unknown"]].astype(int)
    t["known"] = t["signed"] + t["did_not_sign"]
    ci = [wilson(s, k) for s, k in zip(t["signed"], t["known"])]
    t["lo"], t["hi"] = [c[0] for c in ci], [c[1] for c in ci]
    names = [GROUP_NAMES.get(g, g) for g in t["group"]]
    ys = list(range(len(t)))
    variable = str(t["variable"].iloc[0]) if "variable" in t else "group"
    if ax is not None:  # one panel: counts only
        fig, count_ax, share_ax = ax.figure, ax, None
    else:
        plt = _plt()
        fig, (count_ax, share_ax) = plt.subplots(1, 2, figsize=(10, 0.45 * len(t) + 1.9), sharey=True,
                                                 layout="constrained", gridspec_kw={"width_ratios": [3, 2]})
    left = pd.Series(0, index=t.index)
    for status in ("signed", "did_not_sign", "unknown"):
        count_ax.barh(ys, t[status], left=left, color=STATUS_COLOURS[status], label=STATUS_LABELS[status],
                      edgecolor="white", height=0.7)
        room = 0.04 * (t["signed"] + t["did_not_sign"] + t["unknown"]).max()
        for y, n, x0 in zip(ys, t[status], left):
            if n >= room:  # narrower segments are counted in the label at the bar's end
                count_ax.text(x0 + n / 2, y, str(n), ha="center", va="center", fontsize=7,
                              color="white" if status != "unknown" else "black")
        left = left + t[status]
    for y, total, r in zip(ys, left, t.itertuples()):
        count_ax.text(total + 0.5, y, f"{total} states ({r.signed} / {r.did_not_sign} / {r.unknown})",
                      va="center", fontsize=7)
    count_ax.set_yticks(ys, names, fontsize=8)
    count_ax.set_ylim(len(t) - 0.5, -0.5)
    count_ax.set_xlim(0, left.max() * 1.4)
    count_ax.set_xlabel("ITU Member States (count)", fontsize=8)
    count_ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(0, -0.16 - 0.2 / len(t)), ncol=3, frameon=False,
                    title="bar-end label: signed / did not sign / unknown", title_fontsize=6.5)
    if share_ax is not None:
        has = t["known"] > 0
        share = t["signed"] / t["known"].where(has)
        share_ax.errorbar(share[has], [y for y, h in zip(ys, has) if h],
                          xerr=[share[has] - t.loc[has, "lo"], t.loc[has, "hi"] - share[has]], fmt="o",
                          color="#2166ac", ecolor="#555555", capsize=3)
        for y, s, k, h, lo, hi in zip(ys, t["signed"], t["known"], has, t["lo"], t["hi"]):
            text = f"{s}/{k} = {s / k:.0%} [{lo:.0%}, {hi:.0%}]" if h else "no state with known status"
            share_ax.text(1.03, y, text, va="center", fontsize=7, transform=share_ax.get_yaxis_transform())
        share_ax.set_xlim(0, 1)
        share_ax.xaxis.set_major_formatter(__import__("matplotlib").ticker.PercentFormatter(1.0))
        share_ax.set_xlabel("share signing among states with a known status\n(95% Wilson interval)", fontsize=8)
        share_ax.grid(axis="x", color="#eeeeee")
    fig.suptitle(title or f"Signing on 14 December 2012 by {variable}", fontsize=9.5, x=0.01, ha="left")
    parts = [f"{n}: {s} signed, {d} did not sign, {u} unknown"
             + (f", {s}/{s + d} signing among known ({lo:.0%}-{hi:.0%} Wilson 95%)" if s + d else "")
             for n, s, d, u, lo, hi in zip(names, t["signed"], t["did_not_sign"], t["unknown"], t["lo"], t["hi"])]
    fig.alt_text = (f"Signing of the Final Acts on 14 December 2012 by {variable}, groups in "
                    f"{'ordinal' if variable in GROUP_ORDER else 'listed'} order. " + "; ".join(parts) + ".")
    return fig


def signing_bars(table: pd.DataFrame, title: str, ax=None):
    """Former name of :func:`signing_by_group` (kept for callers of 0.1.0)."""
    return signing_by_group(table, title, ax=ax)


# --------------------------------------------------------------------------------------------------- mentions

def mentions(table: pd.DataFrame, ax=None):
    """Mentions of a term per instrument, part and language (``wcit_data.mentions(term)``), one bar per row.

    Each bar is the share of that row's known margin numbers that were retrieved and searched; the label gives
    the count of mentions (zeros printed) and its one denominator. Rows with no known margin numbers say so.
    """
    needed = {"instrument", "part", "lang", "count", "margins_retrieved", "margins_known"}
    if missing := needed - set(table.columns):
        raise ValueError(f"table lacks columns {sorted(missing)}; pass wcit_data.mentions(term) output")
    t = table.reset_index(drop=True)
    term = str(t["term_forms"].iloc[0]).split("|")[0].capitalize() if "term_forms" in t and len(t) else "the term"
    fig, ax = _new_figure(ax, (9.5, 0.32 * len(t) + 1.6))
    ys = range(len(t))
    known = t["margins_known"].astype(int)
    got = t["margins_retrieved"].astype(int)
    share = (got / known.where(known > 0)).fillna(0)
    ax.barh(ys, [1] * len(t), color="#f0f0f0", height=0.7, label="margin numbers known (denominator)")
    unknown_rows = [y for y, k in zip(ys, known) if not k]
    ax.barh(unknown_rows, [1] * len(unknown_rows), color="white", edgecolor="#bbbbbb", hatch="xx", height=0.7,
            label="no margin numbers known (text searched by characters)")
    ax.barh(ys, share, color="#9ecae1", height=0.7, label="margin numbers retrieved and searched")
    for y, r, k, g in zip(ys, t.itertuples(), known, got):
        where = f"in {g} of {k} margin numbers" if k else (
            f"in {int(r.chars_retrieved)} characters; margin numbers unknown" if "chars_retrieved" in t
            else "; margin numbers unknown")
        ax.text(1.02, y, f"{int(r.count)} mentions {where}", va="center", fontsize=7,
                transform=ax.get_yaxis_transform(), color="#b2182b" if int(r.count) else "black")
    ax.set_yticks(list(ys), [f"{r.instrument} {r.part} ({r.lang})" for r in t.itertuples()], fontsize=7.5)
    ax.set_ylim(len(t) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(__import__("matplotlib").ticker.PercentFormatter(1.0))
    ax.set_xlabel("share of the part's known margin numbers retrieved", fontsize=8)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(0, -0.1 - 0.5 / len(t)), ncol=2, frameon=False)
    ax.set_title(f"Mentions of '{term}' and how much of each text was searched", fontsize=9.5, loc="left")
    total = int(t["count"].sum())
    fig.alt_text = (f"Bar chart of {len(t)} instrument parts by language: {total} mentions of '{term}' in all. "
                    + "; ".join(f"{r.instrument} {r.part} ({r.lang}): {int(r.count)} in {g} of {k} margin numbers"
                                for r, g, k in zip(t.itertuples(), got, known)) + ".")
    return fig


# Former name (0.1.0).
mentions_bars = mentions


# ------------------------------------------------------------------------------------------- standard figures

def standard_figures() -> list[tuple[str, str, object]]:
    """(slug, title, Figure) for every standard figure, drawn from the shipped tables."""
    from wcit_data import analysis
    from wcit_data.loading import load
    from wcit_data.publish import maps
    from wcit_data.texts import mentions as mentions_of

    states, signatures = load("states"), load("signatures")
    return [
        ("timeline-12-14-december", "Timed events of 12-14 December 2012 (UTC, Dubai and CET)",
         timeline(load("events"), vote_window=preamble_vote_window())),
        ("after-preamble-vote-order", "Statements placed right after the Preamble vote, by source",
         after_vote_order(load("interventions"), load("sources"), vote_id=PREAMBLE_VOTE,
                          title="Statements placed right after the Preamble vote of 13 December 2012 "
                                "(preamble-2012-12-13): position as each source states it")),
        ("signing-by-freedom-house", "Signing by Freedom House status 2012 (F > PF > NF)",
         signing_by_group(analysis.signing_by_group("fh_status"), "Signing on 14 December 2012 by Freedom House "
                          "status 2012 (Free > Partly Free > Not Free)")),
        ("signing-by-rto", "Signing by regional telecommunication organisation",
         signing_by_group(analysis.signing_by_rto(), "Signing on 14 December 2012 by regional telecommunication "
                          "organisation")),
        ("signing-by-us-sanctions", "Signing by US sanctions status 2012",
         signing_by_group(analysis.signing_by_group("us_sanctions_2012"), "Signing on 14 December 2012 by US "
                          "sanctions programme 2012")),
        ("mentions-internet", "Mentions of 'Internet' in the ITR texts, with how much text was searched",
         mentions(mentions_of("Internet"))),
        ("signature-map", "Who signed the Final Acts on 14 December 2012", maps.signature_map(states, signatures)),
        ("signature-confidence-map", "How well each signature status is attested",
         maps.confidence_map(states, signatures)),
    ]
