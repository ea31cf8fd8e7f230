"""WCAG AA contrast (4.5:1 for text) for every text/background pair the
stylesheet uses, in the light theme and the dark one. axe checks contrast
on the rendered pages too, but leaves text on highlighted backgrounds that
wrap across lines as "needs review"; this covers those pairs exactly."""
import os
import re

import pytest

from conftest import COUNTS, ROOT

# (text colour, background colour) as custom properties of style.css.
PAIRS = [("text", "background"), ("muted", "background"), ("link", "background"), ("accent", "background"),
         ("text", "panel"), ("muted", "panel"), ("link", "panel"), ("accent", "panel"),
         ("insert-text", "insert-bg"), ("delete-text", "delete-bg"), ("text", "mark"), ("link", "mark")]


def palettes():
    css = open(os.path.join(ROOT, "Sources", "SiteGen", "Theme", "assets", "style.css")).read()
    light = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", css.split("@media (prefers-color-scheme: dark)")[0]))
    dark_block = css.split("@media (prefers-color-scheme: dark)")[1].split("}\n}")[0]
    dark = dict(light, **dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", dark_block)))
    return {"light": light, "dark": dark}


def luminance(colour):
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_contrast_meets_wcag_aa(theme):
    palette = palettes()[theme]
    ratios = {f"{fg} on {bg}": contrast(palette[fg], palette[bg]) for fg, bg in PAIRS}
    low = {pair: round(ratio, 2) for pair, ratio in ratios.items() if ratio < 4.5}
    COUNTS[f"contrast pairs at WCAG AA ({theme})"] = f"{len(ratios) - len(low)} of {len(ratios)}, lowest {min(ratios.values()):.2f}:1"
    assert low == {}
