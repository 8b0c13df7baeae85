"""Reading articles: every supported kind, and every kind of bad input, never a traceback."""
import json

import pytest

from detente.errors import DetenteError
from detente.corpus.readers import read_sources

ENGLISH = "The foreign ministers of Greece and Cyprus met in Athens on Tuesday to discuss the gas pipeline."


def read(*paths):
    return list(read_sources([str(p) for p in paths]))


def test_txt_json_jsonl_html(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"id": "b1", "text": ENGLISH, "date": "2020-01-08"}), encoding="utf-8")
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps({"id": f"c{i}", "text": ENGLISH}) for i in range(3)),
                                      encoding="utf-8")
    (tmp_path / "d.html").write_text(f"<html><head><title>T</title></head><body><article><p>{ENGLISH}</p>"
                                     f"<p>{ENGLISH}</p></article></body></html>", encoding="utf-8")
    got = read(tmp_path)
    assert all(not isinstance(x, DetenteError) for x in got), got
    assert sorted(a.id for a in got) == ["a", "b1", "c0", "c1", "c2", "d"]
    assert next(a for a in got if a.id == "b1").date == "2020-01-08"


def test_feed(tmp_path):
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
    <item><title>One</title><link>http://example.org/1</link><description>{ENGLISH}</description>
    <pubDate>Tue, 07 Jan 2020 10:00:00 GMT</pubDate></item></channel></rss>"""
    (tmp_path / "f.rss").write_text(feed, encoding="utf-8")
    (art,) = read(tmp_path / "f.rss")
    assert art.url == "http://example.org/1" and art.date == "2020-01-07" and art.source == "Wire"


@pytest.mark.parametrize("name,content,code", [
    ("empty.txt", b"", "E001"),
    ("blank.txt", b"   \n\n  ", "E001"),
    ("binary.txt", bytes(range(256)) * 4, "E002"),
    ("latin1.txt", "Les ministres réunis à Genève ont signé l'accord.".encode("latin-1"), "E003"),
    ("french.txt", "Les ministres des affaires étrangères se sont réunis mardi à Paris pour discuter "
                   "de la guerre et des sanctions contre la Russie.".encode("utf-8"), "E005"),
    ("bad.json", b'{"id": "x", "text": ', "E006"),
    ("notext.json", b'{"id": "x", "title": "no text"}', "E007"),
    ("image.png", b"\x89PNG", "E009"),
])
def test_bad_files_give_one_clear_error(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    (result,) = read(path)
    assert isinstance(result, DetenteError) and result.code == code
    assert name in result.message and "\n" not in result.message


def test_malformed_json_lines_are_reported_and_the_rest_read(tmp_path):
    lines = [json.dumps({"id": "ok1", "text": ENGLISH}), "{not json", json.dumps({"id": "ok2", "text": ENGLISH}),
             json.dumps({"id": "empty", "text": ""})]
    (tmp_path / "m.jsonl").write_text("\n".join(lines), encoding="utf-8")
    got = read(tmp_path / "m.jsonl")
    assert [a.id for a in got if not isinstance(a, DetenteError)] == ["ok1", "ok2"]
    errors = [e for e in got if isinstance(e, DetenteError)]
    assert [e.code for e in errors] == ["E006", "E007"]
    assert "line 2" in errors[0].message and "line 4" in errors[1].message


def test_json_lines_are_read_one_at_a_time(tmp_path):
    import tracemalloc

    from detente.corpus.readers import english_ratio

    english_ratio(ENGLISH)  # its word list is imported once, before memory is traced
    path = tmp_path / "corpus.jsonl"
    line = json.dumps({"id": "a", "text": ENGLISH * 40}) + "\n"
    path.write_text(line * 3000, encoding="utf-8")  # about 12 MB
    size = path.stat().st_size
    tracemalloc.start()
    try:
        n = sum(1 for item in read_sources([str(path)]) if not isinstance(item, DetenteError))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert n == 3000
    assert peak < size / 10, (peak, size)  # the whole file is never in memory


def test_empty_json_lines_file(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"\n  \n")
    (result,) = read(path)
    assert isinstance(result, DetenteError) and result.code == "E001" and "empty.jsonl" in result.message


def test_huge_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text((ENGLISH + "\n") * 220_000, encoding="utf-8")  # about 20 MB
    (result,) = read(path)
    assert isinstance(result, DetenteError) and result.code == "E004"


def test_missing_file(tmp_path):
    (result,) = read(tmp_path / "nope.txt")
    assert isinstance(result, DetenteError) and result.code == "E008"


def test_stdin_text_and_jsonl():
    import io

    class Stdin(io.StringIO):
        pass

    got = list(read_sources(["-"], stdin=Stdin(ENGLISH)))
    assert got[0].text == ENGLISH
    jl = "\n".join(json.dumps({"id": f"s{i}", "text": ENGLISH}) for i in range(2))
    got = list(read_sources(["-"], stdin=Stdin(jl)))
    assert [a.id for a in got] == ["s0", "s1"]
