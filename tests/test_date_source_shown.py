"""Where a document's date came from is shown beside the date: the `detente code` table title
("2016-04-04 (from the text)") and the API's document (the dashboard's article page reads it)."""
from __future__ import annotations

import io

from rich.console import Console

from detente.cli import render
from detente.dates import DATE_SOURCE_WORDS, DATE_SOURCES, dated

UNDATED = ("On 12 March 2018 Norway's foreign minister Ine Eriksen said that Oslo would send "
           "observers to the talks in Geneva.")


def title_line(doc) -> str:
    screen = io.StringIO()
    render.document(Console(file=screen, width=120, color_system=None), doc)
    return screen.getvalue().splitlines()[0]


def test_every_date_source_has_words():
    assert set(DATE_SOURCE_WORDS) == set(DATE_SOURCES)
    assert dated("2016-04-04", "text") == "2016-04-04 (from the text)"
    assert dated("2016-04-04", None) == "2016-04-04"


def test_code_table_title_says_where_the_date_came_from(code):
    found = code(UNDATED, date=None, id="undated-oslo")
    assert (found.date, found.date_source) == ("2018-03-12", "text")
    assert "undated-oslo · 2018-03-12 (from the text)" in title_line(found)
    given = code(UNDATED, date="2018-03-14", id="dated-oslo")
    assert "dated-oslo · 2018-03-14 (given with the article)" in title_line(given)
    from_url = code(UNDATED, date=None, id="url-oslo", url="https://news.example.org/2018/03/13/oslo-observers")
    assert "url-oslo · 2018-03-13 (from the URL)" in title_line(from_url)
