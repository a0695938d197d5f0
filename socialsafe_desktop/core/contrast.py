"""Colour contrast as WCAG 2 defines it, for the organisation's accent colour in the app, the
policy check and the report."""

from __future__ import annotations

AA_NORMAL_TEXT = 4.5
AA_LARGE_TEXT = 3.0  # also the minimum for focus indicators and other non-text contrast


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(colour: str) -> float:
    r, g, b = (_channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def darken_until_readable(colour: str, against: str = "#ffffff", minimum: float = AA_NORMAL_TEXT) -> str:
    """`colour` darkened just enough for `against` to be readable on it; darkening keeps the hue,
    so an organisation's header still looks like theirs."""
    r, g, b = _rgb(colour)
    current = f"#{r:02x}{g:02x}{b:02x}"
    while contrast_ratio(current, against) < minimum and (r, g, b) != (0, 0, 0):
        r, g, b = (int(v * 0.92) for v in (r, g, b))
        current = f"#{r:02x}{g:02x}{b:02x}"
    return current
