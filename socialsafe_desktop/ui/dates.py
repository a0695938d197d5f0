"""Dates as the window writes them: "27 July 2026"."""

from __future__ import annotations

from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def day(moment: date | None) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}" if moment else "an unknown day"
