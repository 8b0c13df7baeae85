"""Pictures of the analyses: PNG files, or self-contained HTML pages (inline SVG, no scripts
or files fetched), drawn with matplotlib."""
from __future__ import annotations

import html
import io
import math
from pathlib import Path

from . import sides as _sides

# The sides' colours are the dashboard's (web/alignment.json): side 0 blue, side 1 red.
_SHARED = _sides.colours()
COLOURS = {"side0": _SHARED["side0"], "side1": _SHARED["side1"], "neutral": _SHARED["neutral_border"]}


def _figure():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def save(fig, path: Path, title: str, table_rows: list[list[str]] | None = None, header: list[str] | None = None):
    path = Path(path)
    if path.suffix.lower() == ".html":
        buf = io.StringIO()
        fig.savefig(buf, format="svg", bbox_inches="tight")
        svg = buf.getvalue()
        svg = svg[svg.find("<svg"):]
        table = ""
        if table_rows:
            head = "".join(f"<th>{html.escape(h)}</th>" for h in header or [])
            body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>"
                           for row in table_rows)
            table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        page = (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
                "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-top:1em}"
                "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style></head><body>"
                f"<h1>{html.escape(title)}</h1>{svg}{table}</body></html>")
        path.write_text(page, encoding="utf-8")
    else:
        fig.savefig(path, dpi=120, bbox_inches="tight")
    _figure().close(fig)


def alignment_figure(meta: dict, rows, kb):
    """The conflict's sides at the left and right edges, each actor placed by its position."""
    plt = _figure()
    sides = meta.get("sides") or [[], []]
    fig, ax = plt.subplots(figsize=(10, max(3.5, 0.55 * (len(rows) + 2))))
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1, len(rows) + 1)
    ax.axis("off")
    left = ", ".join(kb.actor_name(a) for a in (sides[0] if sides else []))
    right = ", ".join(kb.actor_name(a) for a in (sides[1] if len(sides) > 1 else []))
    ax.text(-1.2, len(rows) + 0.3, left, ha="center", fontsize=12, fontweight="bold", color=COLOURS["side0"])
    ax.text(1.2, len(rows) + 0.3, right, ha="center", fontsize=12, fontweight="bold", color=COLOURS["side1"])
    ax.text(0, len(rows) + 0.3, "neutral", ha="center", fontsize=11, color=COLOURS["neutral"])
    ax.axvline(0, color="#ddd", lw=1)
    for y, r in enumerate(reversed(rows)):
        x, colour = _x_of(r.position, sides)
        total = sum(r.counts.values()) or 1
        ax.scatter([x], [y], s=120 + 60 * math.log1p(total), color=colour, zorder=3)
        ax.text(x, y - 0.42, f"{r.name} ({r.actor})", ha="center", fontsize=9)
        ax.text(1.34, y, f"{r.leaning}: {'; '.join(_sides.evidence_in_words(r.counts, r.evidence, kb.actor_name))}",
                ha="left", va="center", fontsize=8, color="#555")
    ax.set_title(f"Alignment on the {meta['conflict']}", fontsize=13)
    return fig


def _x_of(position: str, sides: list[list[str]]) -> tuple[float, str]:
    if position == "neutral":
        return 0.0, COLOURS["neutral"]
    kind, _, who = position.partition(":")
    side = next((i for i, s in enumerate(sides) if who in s), None)
    toward_left = (side == 0) == (kind == "side")
    if side is None:
        return 0.0, COLOURS["neutral"]
    return (-0.75, COLOURS["side0"]) if toward_left else (0.75, COLOURS["side1"])


def network_figure(g, communities, kb):
    import networkx as nx

    plt = _figure()
    fig, ax = plt.subplots(figsize=(10, 8))
    ax.axis("off")
    if not g.nodes:
        ax.text(0.5, 0.5, "no actors", ha="center")
        return fig
    pos = nx.spring_layout(g, seed=7, weight=None)
    palette = plt.get_cmap("tab10")
    colours = [palette(g.nodes[n].get("community", 0) % 10) for n in g.nodes]
    pos_edges = [(a, b) for a, b, d in g.edges(data=True) if d["sign"] > 0]
    neg_edges = [(a, b) for a, b, d in g.edges(data=True) if d["sign"] < 0]
    nx.draw_networkx_edges(g, pos, edgelist=pos_edges, edge_color="#27ae60", width=1.5, ax=ax)
    nx.draw_networkx_edges(g, pos, edgelist=neg_edges, edge_color="#c0392b", style="dashed", width=1.5, ax=ax)
    nx.draw_networkx_nodes(g, pos, node_color=colours, node_size=700, ax=ax)
    nx.draw_networkx_labels(g, pos, font_size=8, ax=ax)
    ax.set_title("Signed actor network (green: cooperation/ties/support, red dashed: conflict); "
                 f"{len(communities)} communities", fontsize=10)
    return fig
