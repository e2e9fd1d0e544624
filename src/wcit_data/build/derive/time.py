"""`events` and `sessions`: local times kept, UTC computed."""

from __future__ import annotations

import pandas as pd

from wcit_data.build.derive.common import empty, finish
from wcit_data.timeutil import bounds_utc, day_bounds_utc, to_utc


def events_table(events: pd.DataFrame) -> pd.DataFrame:
    if events.empty:
        return empty("events")
    frame = events.copy()
    utc, lo, hi, precision = [], [], [], []
    for r in frame.itertuples(index=False):
        exact = to_utc(r.date_local, r.time_local if pd.notna(r.time_local) else None, r.tz)
        if exact is not None:
            utc.append(exact), lo.append(exact), hi.append(exact), precision.append("exact")
            continue
        early = r.time_earliest_local if pd.notna(r.time_earliest_local) else None
        late = r.time_latest_local if pd.notna(r.time_latest_local) else None
        if early or late:
            b = bounds_utc(r.date_local, early, late, r.tz)
            utc.append(None), lo.append(b[0]), hi.append(b[1]), precision.append("bounded")
        else:
            b = day_bounds_utc(r.date_local, r.tz)
            utc.append(None), lo.append(b[0]), hi.append(b[1]), precision.append("day")
    frame["utc"] = pd.to_datetime(pd.Series(utc, dtype="object"), utc=True)
    frame["utc_earliest"] = pd.to_datetime(pd.Series(lo, dtype="object"), utc=True)
    frame["utc_latest"] = pd.to_datetime(pd.Series(hi, dtype="object"), utc=True)
    frame["precision"] = precision
    return finish("events", frame, ["utc_earliest", "event_id"])


def sessions_table(sessions: pd.DataFrame) -> pd.DataFrame:
    if sessions.empty:
        return empty("sessions")
    frame = sessions.copy()
    frame["start_utc"] = pd.to_datetime(pd.Series(
        [to_utc(d, t if pd.notna(t) else None, "Asia/Dubai") for d, t in zip(frame["date"], frame["start_local"])],
        dtype="object"), utc=True)
    frame["plenary"] = frame["plenary"].astype("Int64")
    flags = []
    for r in frame.itertuples(index=False):
        same_meeting = frame[(frame["transcript_source_id"] == r.transcript_source_id) & frame["plenary"].notna()]
        numbers = sorted({int(n) for n in same_meeting["plenary"]})
        same_number = frame[frame["plenary"] == r.plenary] if pd.notna(r.plenary) else frame.iloc[0:0]
        if len(numbers) > 1:
            flags.append(f"one meeting, numbered {' and '.join(map(str, numbers))} by different sources")
        elif same_number["date"].nunique() > 1:
            flags.append("sources give different dates for this number")
        else:
            flags.append(None)
    frame["numbering_flag"] = flags
    return finish("sessions", frame, ["plenary", "date", "source_id"])
