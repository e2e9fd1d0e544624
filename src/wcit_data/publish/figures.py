"""Figures for the notebooks and the claims report (matplotlib, imported lazily)."""

from __future__ import annotations

import pandas as pd

DUBAI, CET = pd.Timedelta(hours=4), pd.Timedelta(hours=1)


def _label(text: str, width: int) -> str:
    """Shorten and drop glyphs the default font lacks (CJK quotes in some descriptions)."""
    return "".join(ch for ch in str(text) if ord(ch) < 0x2E80)[:width]


def _plt():
    import matplotlib

    matplotlib.use("Agg") if matplotlib.get_backend().lower() == "agg" else None
    import matplotlib.pyplot as plt

    return plt


def timeline(events: pd.DataFrame, start="2012-12-13 12:00", end="2012-12-14 00:30", ax=None, vote_window=None):
    """Timed events of 13 December on a UTC axis, with Dubai and CET axes, the observer's absence and the
    window in which the Preamble vote took place (events known only to the day are left out)."""
    plt = _plt()
    import matplotlib.dates as mdates

    lo, hi = pd.Timestamp(start, tz="UTC"), pd.Timestamp(end, tz="UTC")
    timed = events[events["precision"] != "day"]
    day = lo.strftime("%Y-%m-%d")
    # keep what happened inside the window: open-ended bounds from earlier days would only add clutter
    inside = (timed["utc_earliest"] >= lo) | ((timed["date_local"] == day) & timed["utc_earliest"].isna())
    ev = timed[inside & (timed["utc_earliest"].fillna(lo) <= hi) & (timed["utc_latest"].fillna(hi) >= lo)]
    ev = ev.sort_values(["utc_earliest", "utc_latest"], na_position="first")
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 0.32 * len(ev) + 2.2))
    for y, r in enumerate(ev.itertuples()):
        color = {"vote": "tab:red", "observer": "tab:green", "plenary_start": "tab:blue"}.get(r.kind, "tab:gray")
        if r.precision == "exact":
            ax.plot(r.utc, y, "o", color=color)
        else:
            left = max(r.utc_earliest, lo) if pd.notna(r.utc_earliest) else lo
            right = min(r.utc_latest, hi) if pd.notna(r.utc_latest) else hi
            ax.plot([left, right], [y, y], "-", lw=5, alpha=0.5, color=color, solid_capstyle="butt")
        ax.text(hi, y, f"  {_label(r.description, 70)}", va="center", fontsize=7)
    obs = events[events["kind"] == "observer"]
    # the observer's times are approximate ("around"): the nominal time is the middle of the bounds
    nominal = obs["utc"].fillna(obs["utc_earliest"] + (obs["utc_latest"] - obs["utc_earliest"]) / 2).sort_values()
    if len(obs) >= 2:
        ax.axvspan(nominal.iloc[0], nominal.iloc[1], color="tab:green", alpha=0.08,
                   label="author not watching (17:30-23:00 CET)")
    if vote_window is not None and None not in vote_window:
        ax.axvspan(*vote_window, ymin=0, ymax=1, color="tab:red", alpha=0.07, hatch="//",
                   label="window in which the Preamble vote took place")
    ax.set_yticks(range(len(ev)), [e[11:45] for e in ev["event_id"]], fontsize=7)
    ax.set_xlim(lo, hi)
    ax.invert_yaxis()
    fmt, every2h = mdates.DateFormatter("%H:%M"), mdates.HourLocator(interval=2)
    ax.xaxis.set_major_locator(every2h)
    ax.xaxis.set_major_formatter(fmt)
    ax.set_xlabel("UTC")
    for offset, label, pos in ((DUBAI, "Dubai (UTC+4)", "top"), (CET, "CET (UTC+1)", -0.1)):
        sec = ax.secondary_xaxis(pos, functions=(lambda x, o=offset: x + o / pd.Timedelta(days=1),
                                                 lambda x, o=offset: x - o / pd.Timedelta(days=1)))
        sec.xaxis.set_major_locator(mdates.HourLocator(interval=2))
        sec.xaxis.set_major_formatter(fmt)
        sec.set_xlabel(label)
    ax.legend(loc="lower left", fontsize=7)
    ax.set_title("13 December 2012 (bars = times known only within bounds)", fontsize=10)
    return ax


def preamble_vote_window(tables: dict | None = None):
    """(earliest, latest) UTC of the Preamble vote, computed from sessions and events."""
    from wcit_data.claims import _vote_window
    from wcit_data.loading import load

    tables = tables or {n: load(n) for n in ("votes", "sessions", "events")}
    lo, hi, _ = _vote_window(tables)
    return lo, hi


def after_vote_order(interventions: pd.DataFrame, ax=None):
    """Who spoke right after the Preamble vote, by source, in the order each source gives."""
    plt = _plt()
    iv = interventions[(interventions["vote_relation"] == "after") & interventions["iso3"].notna()]
    sources = sorted(iv["source_id"].unique())
    first_order = iv.groupby("iso3")["order"].min().astype("float")  # NaN (no order) sorts last
    states = sorted(iv["iso3"].unique(), key=lambda s: (pd.isna(first_order[s]), first_order[s], s))
    if ax is None:
        _, ax = plt.subplots(figsize=(1.6 * len(sources) + 3, 0.35 * len(states) + 1.5))
    for x, src in enumerate(sources):
        sub = iv[iv["source_id"] == src]
        for r in sub.itertuples():
            y = states.index(r.iso3)
            label = str(int(r.order)) if pd.notna(r.order) else "·"
            ax.text(x, y, label, ha="center", va="center", fontsize=9,
                    bbox={"boxstyle": "circle", "fc": "#fde0dd" if r.iso3 == "USA" else "#e5f5e0", "ec": "none"})
    ax.set_xticks(range(len(sources)), [s[:28] for s in sources], rotation=30, ha="right", fontsize=7)
    ax.set_yticks(range(len(states)), states, fontsize=8)
    ax.set_xlim(-0.5, len(sources) - 0.5)
    ax.set_ylim(len(states) - 0.5, -0.5)
    ax.set_title("Statements right after the Preamble vote: order as each source gives it (· = not ordered)",
                 fontsize=10)
    return ax


def signing_bars(table: pd.DataFrame, title: str, ax=None):
    """Stacked bars: signed / did not sign / unknown per group."""
    plt = _plt()
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.5))
    groups = table["group"].astype(str)
    ax.bar(groups, table["signed"], label="signed", color="tab:blue")
    ax.bar(groups, table["did_not_sign"], bottom=table["signed"], label="did not sign", color="tab:orange")
    ax.bar(groups, table["unknown"], bottom=table["signed"] + table["did_not_sign"], label="unknown",
           color="lightgray")
    ax.set_ylabel("Member States")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8)
    return ax


def mentions_bars(mentions: pd.DataFrame, ax=None):
    plt = _plt()
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.5))
    m = mentions.groupby(["instrument", "lang"], as_index=False)[["count", "margins_retrieved", "margins_known"]].sum()
    labels = [f"{i} {l}" for i, l in zip(m["instrument"], m["lang"])]
    ax.bar(labels, m["margins_retrieved"], color="lightsteelblue", label="margin numbers retrieved")
    ax.bar(labels, m["count"], color="tab:red", label="mentions of the term")
    for x, (c, k) in enumerate(zip(m["margins_retrieved"], m["margins_known"])):
        ax.text(x, c, f"{c}/{k}", ha="center", va="bottom", fontsize=7)
    ax.set_title("Mentions of 'Internet' and how much text was searched", fontsize=10)
    ax.legend(fontsize=8)
    ax.tick_params(axis="x", rotation=30)
    return ax
