"""The CLI's pictures agree with the dashboard: the same side colours (web/alignment.json) and
the evidence told in words, not "side:AZE 1"."""
from __future__ import annotations

import re

from matplotlib.colors import to_hex

from detente.analysis import plots, sides
from detente.analysis.analyses import AlignmentRow


class _Names:
    names = {"ARM": "Armenia", "AZE": "Azerbaijan", "KAZ": "Kazakhstan", "BLR": "Belarus"}

    def actor_name(self, actor: str) -> str:
        return self.names.get(actor, actor)


def _figure():
    rows = [AlignmentRow("KAZ", "Kazakhstan", "side:AZE", "leans to Azerbaijan", {"side:AZE": 1},
                         evidence=[{"position": "side:AZE", "kind": "relation"}]),
            AlignmentRow("BLR", "Belarus", "neutral", "neutral", {"neutral": 2},
                         evidence=[{"position": "neutral", "kind": "event"}]),
            AlignmentRow("XYZ", "Xyzland", "side:ARM", "leans to Armenia", {"side:ARM": 1})]
    meta = {"conflict": "Nagorno-Karabakh conflict", "sides": [["ARM"], ["AZE"]]}
    return plots.alignment_figure(meta, rows, _Names())


def test_alignment_png_uses_the_dashboards_side_colours():
    shared = sides.colours()
    fig = _figure()
    ax = fig.axes[0]
    titles = {t.get_text(): to_hex(t.get_color()) for t in ax.texts}
    assert titles["Armenia"] == shared["side0"] and titles["Azerbaijan"] == shared["side1"]
    # each actor's dot: Kazakhstan leans to side 1 (Azerbaijan), the other to side 0 (Armenia)
    dots = {round(c.get_offsets()[0][0], 2): to_hex(c.get_facecolor()[0]) for c in ax.collections}
    assert dots[0.75] == shared["side1"] and dots[-0.75] == shared["side0"] and dots[0.0] == shared["neutral_border"]
    # the dashboard draws side 0 blue and side 1 red: the picture no longer swaps them
    assert shared["side0"] == "#4f7cac" and shared["side1"] == "#d1495b"


def test_alignment_png_tells_the_evidence_in_words():
    texts = [t.get_text() for t in _figure().axes[0].texts]
    assert "leans to Azerbaijan: 1 stance taking Azerbaijan's side (1 stated tie)" in texts
    assert "neutral: 2 stances taking neither side (1 event)" in texts
    assert not any(re.search(r"\b(side|against):[A-Z]", t) for t in texts)


def test_the_stylesheet_leaves_the_side_colours_to_the_shared_file():
    """app.css must not define side colours of its own (app.js sets them from /api/alignment)."""
    css = (sides.STYLE_FILE.parent / "static" / "app.css").read_text(encoding="utf-8")
    assert not re.search(r"--side[01]\s*:", css)
