"""`events` and `sessions`: local times kept, UTC computed; every inferred time or zone carries its reasoning."""

from __future__ import annotations

import pandas as pd

from wcit_data.build.derive.common import empty, finish
from wcit_data.timeutil import approximate_bounds_utc, bounds_utc, day_bounds_utc, to_utc


def _optional(value):
    return value if pd.notna(value) else None


def event_times(r) -> tuple:
    """(utc, utc_earliest, utc_latest, precision) of one curated event row."""
    if r.time_basis == "approximate":
        lo, hi = approximate_bounds_utc(r.date_local, r.time_local, r.tz)
        return None, lo, hi, "approximate"
    exact = to_utc(r.date_local, _optional(r.time_local), r.tz)
    if exact is not None:
        return exact, exact, exact, "exact"
    early, late = _optional(r.time_earliest_local), _optional(r.time_latest_local)
    if early or late:
        lo, hi = bounds_utc(r.date_local, early, late, r.tz)
        return None, lo, hi, "bounded"
    lo, hi = day_bounds_utc(r.date_local, r.tz)
    return None, lo, hi, "day"


def unexplained_events(events: pd.DataFrame) -> list[str]:
    """An assumed zone, an approximate time or derived bounds must say why, in the row."""
    needs = (events["tz_basis"] == "assumed") | events["time_basis"].isin(["approximate", "derived"])
    errors = [f"data/curated/events.csv: event {e} has an assumed zone or an approximate/derived time; give "
              "`time_reasoning`" for e in events.loc[needs & events["time_reasoning"].isna(), "event_id"]]
    undated = events[(events["date_basis"] == "derived") & events["date_reasoning"].isna()]
    errors += [f"data/curated/events.csv: event {e} has a derived date; give `date_reasoning`"
               for e in undated["event_id"]]
    unmarked = events[events["plenary"].notna() != events["plenary_basis"].notna()]
    errors += [f"data/curated/events.csv: event {e}: give plenary and plenary_basis together"
               for e in unmarked["event_id"]]
    unreasoned = events[(events["plenary_basis"] == "derived") & events["plenary_reasoning"].isna()]
    errors += [f"data/curated/events.csv: event {e} has a derived plenary; give `plenary_reasoning`"
               for e in unreasoned["event_id"]]
    approx_without_time = events[(events["time_basis"] == "approximate") & events["time_local"].isna()]
    errors += [f"data/curated/events.csv: event {e} is approximate but has no nominal time_local"
               for e in approx_without_time["event_id"]]
    return errors


def events_table(events: pd.DataFrame, errors: list[str] | None = None) -> pd.DataFrame:
    if events.empty:
        return empty("events")
    if errors is not None:
        errors += unexplained_events(events)
    frame = events.copy()
    times = [event_times(r) for r in frame.itertuples(index=False)]
    for i, name in enumerate(["utc", "utc_earliest", "utc_latest"]):
        frame[name] = pd.to_datetime(pd.Series([t[i] for t in times], dtype="object"), utc=True)
    frame["precision"] = [t[3] for t in times]
    return finish("events", frame, ["utc_earliest", "event_id"])


def numbering_flag(meeting: pd.DataFrame) -> str | None:
    numbers = sorted({int(n) for n in meeting["plenary_as_numbered"].dropna()})
    if len(numbers) > 1:
        return f"one meeting, numbered {' and '.join(map(str, numbers))} by its sources; key {int(meeting['plenary'].iloc[0])}"
    return None


def ambiguous_keys(frame: pd.DataFrame) -> list[str]:
    """The plenary key must name one meeting: one date and start time per key."""
    keyed = frame[frame["plenary"].notna()]
    errors = []
    for key, grp in keyed.groupby("plenary"):
        meetings = grp[["date", "start_local"]].drop_duplicates()
        if len(meetings) > 1:
            errors.append(f"data/curated/sessions.csv: plenary key {key} names {len(meetings)} meetings "
                          f"{meetings.to_dict('records')}; give each meeting its own key")
    return errors


def sessions_table(sessions: pd.DataFrame, errors: list[str] | None = None) -> pd.DataFrame:
    if sessions.empty:
        return empty("sessions")
    frame = sessions.copy()
    frame["start_utc"] = pd.to_datetime(pd.Series(
        [to_utc(d, _optional(t), "Asia/Dubai") for d, t in zip(frame["date"], frame["start_local"])],
        dtype="object"), utc=True)
    for name in ("plenary", "plenary_as_numbered"):
        frame[name] = pd.to_numeric(frame[name]).astype("Int64")
    if errors is not None:
        errors += ambiguous_keys(frame)
    flags = {key: numbering_flag(grp) for key, grp in frame[frame["plenary"].notna()].groupby("plenary")}
    frame["numbering_flag"] = [flags.get(k) if pd.notna(k) else None for k in frame["plenary"]]
    return finish("sessions", frame, ["plenary", "date", "source_id"])

