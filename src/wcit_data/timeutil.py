"""Local time -> UTC with the fixed offsets of December 2012 (no DST in Dubai; CET is UTC+1 in winter)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

OFFSETS_HOURS = {"Asia/Dubai": 4, "CET": 1, "EET": 2, "UTC": 0, "EST": -5}  # EET: Finnish press release times


def to_utc(date_local: str, time_local: str | None, tz: str) -> datetime | None:
    """UTC datetime for a local date and HH:MM in zone ``tz``; None if no time."""
    if not time_local or tz not in OFFSETS_HOURS:
        return None  # an unknown zone is reported by validation, not guessed
    local = datetime.strptime(f"{date_local} {time_local}", "%Y-%m-%d %H:%M")
    return (local - timedelta(hours=OFFSETS_HOURS[tz])).replace(tzinfo=timezone.utc)


def bounds_utc(date_local: str, earliest: str | None, latest: str | None, tz: str):
    """(earliest, latest) UTC; a latest time before the earliest one falls on the next day."""
    lo = to_utc(date_local, earliest, tz)
    hi = to_utc(date_local, latest, tz)
    if lo is not None and hi is not None and hi < lo:
        hi += timedelta(days=1)
    return lo, hi


def day_bounds_utc(date_local: str, tz: str):
    lo = to_utc(date_local, "00:00", tz)
    return (None, None) if lo is None else (lo, lo + timedelta(hours=23, minutes=59))


# "around 5:30 pm" is read as the nominal time plus or minus this many minutes (a convention of the dataset,
# stated in each approximate row's reasoning).
APPROX_MINUTES = 30


def approximate_bounds_utc(date_local: str, nominal: str, tz: str, minutes: int = APPROX_MINUTES):
    """(earliest, latest) UTC around a nominal local time; may cross midnight either way."""
    centre = to_utc(date_local, nominal, tz)
    if centre is None:
        return None, None
    return centre - timedelta(minutes=minutes), centre + timedelta(minutes=minutes)
