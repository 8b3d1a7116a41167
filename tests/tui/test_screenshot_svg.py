"""The README's screenshots draw the same on GitHub and in a browser.

GitHub shows an SVG as an image, which may not fetch a web font, so a picture
that names one is drawn in a fallback font there: letters wider than their
cells, a blank box where a glyph is missing, a badge that reads `DEMC`. The
pictures name local fonts only and use no glyph those fonts do not carry.
"""

from __future__ import annotations

import html
import re
from functools import partial

import pytest

from kam_tui.tui import screenshots

# Every glyph beyond Latin-1 the screens draw, each checked to be in DejaVu Sans
# Mono (`fc-list ':charset=<hex>' family`), the first font of the pictures' stack.
# A new glyph fails here until it is checked too: a glyph the fonts lack draws as
# an empty box.
CARRIED = set("—…›←↑→↓↻≡≥⏎─━│┌┐└├┤┬┴┼╭╮╯╰╸╺▁▂▃▄▅▆▇█▉▊▋▌▍▎▏░▒▓▔▕△▲▼◂▸○●◐◑◕◷★☐☑⚠✓✗")


def drawn_text(svg: str) -> str:
    """The terminal's text, without the window frame's style sheet."""
    return html.unescape("".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg)))


@pytest.mark.parametrize("name", ["accounts", "wizard", "stakeholder-map"])
async def test_a_screenshot_names_local_fonts_and_draws_only_glyphs_they_carry(name, tmp_path):
    scene = next(s for s in screenshots.SCENES if s.name == name)
    path = tmp_path / f"{name}.svg"
    with screenshots.demo_environment(tmp_path):
        db = screenshots.seed_demo_database(tmp_path)
        await screenshots.run_scene(scene, db, (120, 36), partial(screenshots.save_svg, path=path, title=scene.title))
    svg = path.read_text(encoding="utf-8")

    assert "@font-face" not in svg and "Fira Code" not in svg, "no web font: an image may not fetch one"
    assert "font-weight: bold" not in svg, "no bold: a font without a bold face draws wider than its cell"
    assert screenshots.FONT_STACK in svg
    text = drawn_text(svg)
    assert "DEMO" in text, "the header badge reads whole"
    uncarried = sorted({c for c in text if ord(c) > 0xFF and c not in CARRIED})
    assert not uncarried, f"glyphs the fonts may not carry: {uncarried}"
