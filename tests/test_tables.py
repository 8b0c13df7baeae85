"""Query tables in terminals of 80, 100, 120 and 160 columns: no line longer than the terminal,
every value shown whole (codes, dates and ids unbroken, wrapped text in order), the least
important columns hidden first and named under the table."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from detente.cli import query as cli_query, tables
from detente.corpus import ingest as corpus, query
from detente.corpus.query import Result
from detente.corpus.store import Store

ROOT = Path(__file__).resolve().parents[1]
WIDTHS = (80, 100, 120, 160)


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory):
    """The examples `make demo` codes, stored by the real ingest path."""
    db = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    paths = [str(p) for p in sorted((ROOT / "examples").iterdir()) if p.suffix in (".json", ".txt")]
    summary = corpus.ingest(paths, db=db, workers=1)
    assert summary.stored == len(paths), summary
    return db


@pytest.fixture()
def examples_store(examples_db):
    with Store(examples_db, read_only=True) as store:
        yield store


def render(result: Result, width: int, printer=cli_query.print_result) -> str:
    screen = io.StringIO()
    printer(Console(file=screen, width=width, force_terminal=True, color_system=None), result)
    return screen.getvalue()


def parse(text: str) -> tuple[list[str], list[list[str]], str]:
    """A rendered table: its headers, each column's text line by line, and the lines after it."""
    lines = text.splitlines()
    rule = next(i for i, line in enumerate(lines) if "╇" in line)
    cuts = [-1] + [i for i, ch in enumerate(lines[rule]) if ch == "╇"] + [len(lines[rule])]
    spans = [(a + 1, b) for a, b in zip(cuts, cuts[1:])]
    header_lines = [line for line in lines[:rule] if "┃" in line] or lines[1:rule]
    headers = ["".join(line[a:b].strip() for line in header_lines) for a, b in spans]
    body = [line for line in lines[rule + 1:] if "│" in line]
    after = "\n".join(line for line in lines[rule + 1:] if "│" not in line)
    columns = [[line[a:b].strip() for line in body] for a, b in spans]
    return headers, columns, after


def check_table(part: Result, width: int, printer=cli_query.print_result) -> list[str]:
    """Render ``part`` at ``width`` and check it; returns the columns shown."""
    text = render(Result(part.title, list(part.columns), part.rows), width, printer)
    assert max(len(line) for line in text.splitlines()) <= width, text
    headers, columns, after = parse(text)
    assert all(h in part.columns for h in headers), (headers, text)
    for name, fragments in zip(headers, columns):
        values = [tables.cell(row[part.columns.index(name)]) for row in part.rows]
        # every value whole and in order: the column's lines put together give the values put together
        assert "".join(fragments).replace(" ", "") == "".join(values).replace(" ", ""), (name, text)
        words = {w for v in values for w in v.split()}
        col_width = max(len(f) for f in fragments)
        for v in values:
            if " " not in v and v:  # a code, a date, an id, a number: on one line, never broken
                assert v in fragments, (name, v, text)
        folded = [w for w in words if len(w) > col_width]  # a word wider than the column folds
        for f in fragments:  # wrapped text breaks between words
            assert all(w in words or any(w in long for long in folded) for w in f.split()), (name, f, text)
    hidden = [c for c in part.columns if c not in headers]
    if hidden:
        assert f"not shown at {width} columns: {', '.join(hidden)}" in " ".join(after.split()), after
    return headers


def every_query(store: Store) -> dict[str, Result]:
    return {"actors": query.actors(store), "actor": query.actor(store, "Belarus"),
            "dyad": query.dyad(store, "USA", "IRN"), "quotes": query.quotes(store),
            "events": query.events(store), "sql": query.sql(store, "SELECT * FROM documents")}


@pytest.mark.parametrize("width", WIDTHS)
def test_every_query_table_fits_and_shows_values_whole(examples_store, width):
    for name, result in every_query(examples_store).items():
        for part in [result, *result.sections]:
            assert part.rows, (name, part.title)
            shown = check_table(part, width)
            assert shown, (name, part.title, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_coded_document_tables_fit(coder, width):
    """`detente code`'s tables of a coded example article."""
    from detente.cli import render
    from detente.corpus.readers import read_sources

    def printer(console, r):
        render.print_table(console, r.title, r.columns, r.rows)

    article = next(a for a in read_sources([str(ROOT / "examples" / "wikinews-cairo-summit-turkey-libya-2020.json")]))
    doc = next(coder.code_many([article]))
    layers = render.document_tables(doc)
    assert sum(bool(rows) for _, _, rows in layers) >= 5
    for title, columns, rows in layers:
        if rows:
            shown = check_table(Result(title, list(columns), rows), width, printer)
            assert {"source", "target", "CAMEO"} <= set(shown) or title != "Events", (title, shown)


def test_analyse_tables_fit(examples_db, monkeypatch):
    """`detente analyse`'s tables (alignment, commitments, network, conflicts) at each width."""
    from detente.cli import analyse as cli_analyse

    table = cli_analyse._table
    captured = []
    monkeypatch.setattr(cli_analyse, "_table", lambda *args: captured.append(args))
    cli_analyse.alignment_cmd(conflict="Karabakh", db=str(examples_db), folder=None, format="table", plot=None)
    cli_analyse.commitments_cmd(conflict="Karabakh", party="ARM", date=None, db=str(examples_db), folder=None,
                                format="table", plot=None)
    cli_analyse.network_cmd(db=str(examples_db), folder=None, format="table", plot=None)
    cli_analyse.conflicts_cmd(format="table")
    assert len(captured) == 5 and all(rows for _, _, rows in captured)

    def printer(console, r):
        monkeypatch.setattr(cli_analyse, "console", console)
        table(r.title, tuple(r.columns), r.rows)

    for width in WIDTHS:
        for title, columns, rows in captured:
            shown = check_table(Result(title, list(columns), rows), width, printer)
            assert shown[:2] == list(columns)[:2], (title, shown)


def test_columns_go_by_priority_and_come_back_with_width(examples_store):
    events = query.events(examples_store)
    shown = {w: check_table(events, w) for w in WIDTHS}
    for w in WIDTHS:  # what an event is stays at every width, CAMEO code and QuadClass included
        assert {"date", "source", "target", "cameo", "name", "quad"} <= set(shown[w])
    assert [len(shown[w]) for w in WIDTHS] == sorted(len(shown[w]) for w in WIDTHS)
    assert "goldstein" in shown[120] and "mentions" in shown[160]
    quotes = check_table(query.quotes(examples_store), 80)
    assert {"date", "speaker", "text"} <= set(quotes) and "start_char" not in quotes


def test_headers_break_at_underscores_not_values():
    result = Result("Counts", ["events_as_source", "q1_verb_coop", "name"],
                    [(3, 12, "Collective Security Treaty Organization")])
    text = render(result, 30)
    headers, columns, _ = parse(text)
    assert headers == ["events_as_source", "q1_verb_coop", "name"]
    assert re.search(r"events_\s", text) and re.search(r"q1_\s", text)
    assert columns[1] == ["12", ""] or "12" in columns[1]


def test_a_terminal_narrower_than_any_column_gets_records():
    result = Result("Events", ["date", "cameo"], [("2020-01-05", "1123")])
    text = render(result, 11)  # the date alone needs 12
    assert "┃" not in text and "date:" in text and "2020-01-05" in text.split() and "1123" in text.split()


def test_piped_output_respects_columns(examples_store, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    assert cli_query._piped_width() == 100
    monkeypatch.delenv("COLUMNS")
    assert cli_query._piped_width() == cli_query._PIPED_WIDTH


def test_explain_wraps_on_words_at_80_columns(coder):
    """Piped (no terminal: 80 columns), --explain breaks lines between words, and inside a
    pattern only after the "|" of its alternatives; every sentence and note reads whole."""
    from detente.cli import render
    from detente.model import Article
    from detente.coding.pipeline import code_articles

    text = ("After a long meeting with the members of the electoral commission in the capital on Sunday "
            "evening, the opposition leader asked for support from every voter who wanted a fair count. "
            "Germany would not deliver tanks to Ukraine.")
    doc = next(code_articles([Article(text=text, date="2023-01-10")], explain=True))
    screen = io.StringIO()
    render.explanation(Console(file=screen, width=80), doc)
    out = screen.getvalue()
    assert max(len(line) for line in out.splitlines()) <= 80, out
    sources = [item["sentence"] for item in doc.explanations] + [n for item in doc.explanations
                                                                   for n in item["notes"]]
    assert any(len(s) > 80 for s in sources)
    squeezed = "".join(out.split())
    for s in sources:  # whole, in order, nothing cut off with "…"
        assert "".join(s.split()) in squeezed, (s, out)
    allowed = set()
    for token in " ".join(sources + [f"{doc.id}:", "why each sentence was or was not coded"]).split():
        pieces = re.split(r"(?<=\|)", token)
        allowed |= {"".join(pieces[i:j]) for i in range(len(pieces)) for j in range(i + 1, len(pieces) + 1)}
    sentences = out.split(f"{doc.id}: why each stance")[0]  # (the stance part follows)
    words = [w for line in sentences.splitlines() for w in line.split() if not set(w) <= set("─")]
    assert all(w in allowed or w.isdigit() for w in words), [w for w in words if w not in allowed]


def test_wide_characters_count_as_two_cells():
    from rich.cells import cell_len

    result = Result("Quotes", ["date", "actor", "text"],
                    [("2023-03-21", "习近平", "中俄 两国 是 最大 邻国 和 全面 战略 协作 伙伴 " * 3)])
    for width in (40, 80):
        text = render(result, width)
        assert max(cell_len(line) for line in text.splitlines()) <= width, text
        assert "2023-03-21" in text and "习近平" in text
