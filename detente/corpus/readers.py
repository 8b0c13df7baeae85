"""Readers: turn files, folders, feeds, URLs and stdin into Articles.

``read_sources(paths)`` yields, for every article found, either an ``Article`` or
a ``DetenteError`` saying which file (and line) could not be read and why, so a
caller can code the good ones and report the bad ones. Nothing here raises on
bad input.
"""
from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..dates import date_or_none, page_date, url_date
from ..errors import DetenteError
from ..model import Article

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
# What a folder gives: the article types, not Markdown (a folder's README, notes, docs: read as an
# article only when named), nor hidden files and folders (".git", ".cache").
FOLDER_SUFFIXES = SUPPORTED - {".md"}

DEFAULT_MAX_CHARS = 300_000  # far beyond any news article; spaCy's parser memory grows with length
MIN_ENGLISH_RATIO = 0.18  # share of English function words; English news is ~0.4, other languages < 0.1

ReadResult = Article | DetenteError


def max_chars() -> int:
    value = os.environ.get("DETENTE_MAX_CHARS", "").strip()
    if not value:
        return DEFAULT_MAX_CHARS
    if not value.isdigit() or int(value) < 1:
        raise DetenteError("E033", detail=f"DETENTE_MAX_CHARS={value!r} is not a positive whole number")
    return int(value)


def read_sources(sources: Iterable[str], stdin=None) -> Iterator[ReadResult]:
    """Articles from each source: a file, a folder (recursively), an http(s) URL, or "-"."""
    for source in sources:
        if source == "-":
            yield from _read_stdin(stdin or sys.stdin)
        elif re.match(r"https?://", source):
            yield from _read_url(source)
        else:
            path = Path(source)
            if path.is_dir():
                files = folder_articles(path)
                if not files:
                    yield DetenteError("E047", str(path), suffixes=", ".join(sorted(FOLDER_SUFFIXES)))
                for f in files:
                    yield from read_file(f)
            elif path.is_file():
                yield from read_file(path)
            else:
                yield DetenteError("E008", str(path))


def folder_articles(folder: Path) -> list[Path]:
    """The article files in a folder and its subfolders, sorted (FOLDER_SUFFIXES, none hidden)."""
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in FOLDER_SUFFIXES and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def read_file(path: Path) -> Iterator[ReadResult]:
    where = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield DetenteError("E009", where, suffix=suffix)
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_file(path, where)
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield DetenteError("E008", f"{where} ({exc.strerror})")
        return
    try:
        content = decode(raw)
    except DetenteError as err:
        yield err.located(where)
        return
    if suffix in TEXT_SUFFIXES:
        yield _checked(where, text=content, id=path.stem, origin=where)
    elif suffix in HTML_SUFFIXES:
        yield _from_html(content, where, default_id=path.stem)
    elif suffix in JSON_SUFFIXES:
        yield from _read_json_text(content, where)
    else:
        yield from _read_feed(content, where)


def decode(raw: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or BOM-marked UTF-16; else an error."""
    if not raw.strip():
        raise DetenteError("E001")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DetenteError("E003", offset=exc.start, detail=exc.reason) from None
    if b"\x00" in raw[:65536] or _control_ratio(raw[:65536]) > 0.05:
        raise DetenteError("E002")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DetenteError("E003", offset=exc.start, detail=exc.reason) from None


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample)


_WORD = re.compile(r"[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u0590-\u06FF\u4E00-\u9FFF']+")


def english_ratio(text: str, sample_chars: int = 20_000) -> tuple[float, int]:
    """Share of words that are English function words, and the word count (on a sample)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = _WORD.findall(text[:sample_chars])
    if not words:
        return 0.0, 0
    hits = sum(1 for w in words if w.lower() in STOP_WORDS)
    return hits / len(words), len(words)


def check_size(article: Article) -> None:
    """Raise E004 if the text is over DETENTE_MAX_CHARS (the parser's memory grows with length,
    and past 1,000,000 characters spaCy refuses the text)."""
    if len(article.text) > max_chars():
        raise DetenteError("E004", size=len(article.text), limit=max_chars())


def check_text(article: Article) -> None:
    """Raise a DetenteError if the article cannot be coded (empty, huge, not English)."""
    text = article.text
    if not text or not text.strip():
        raise DetenteError("E001")
    check_size(article)
    if _other_language(article):
        return
    ratio, n_words = english_ratio(text)
    if n_words == 0:
        raise DetenteError("E015")
    if n_words >= 8 and ratio < MIN_ENGLISH_RATIO:
        raise DetenteError("E005", ratio=ratio)


def _other_language(article: Article) -> bool:
    """Whether the article is for a language pack (detected, or forced with --language), which it
    is then marked for; English goes on to the English check."""
    from ..coding.lang import detect, forced

    language = article.language or forced() or detect(article.text)
    if language and language != "en":
        article.language = language
        return True
    return language == "en" and forced() == "en"  # forced English: no English check


def _checked(where: str, **fields: Any) -> ReadResult:
    """The Article of these fields if it can be coded, else the error saying why."""
    try:
        article = Article(**fields)
        check_text(article)
    except DetenteError as err:
        return err.located(where)
    return article


def article_from_record(record: dict[str, Any], where: str | None, default_id: str | None = None) -> Article:
    """An Article from a JSON object shaped like ../shared/eval/articles/*.json."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise DetenteError("E007", line=record.get("__line__", 1))
    return Article(
        text=text,
        id=_str_or_none(record.get("id")) or default_id,
        url=_str_or_none(record.get("url")),
        title=_str_or_none(record.get("title")),
        date=record.get("date"),  # checked by Article: a bad date is an error naming it
        source=_str_or_none(record.get("source")),
        origin=where,
        language=_language(record.get("language")),
    )


def _language(value: Any) -> str | None:
    """An article's own "language" field, when a pack codes that language (else detected)."""
    from ..coding.lang import PACKS

    return value.strip().lower() if isinstance(value, str) and value.strip().lower() in PACKS else None


def _str_or_none(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def _load_json(content: str, line: int = 1) -> Any:
    """json.loads, with every way it can fail as E006: besides syntax errors, a number of over
    4,300 digits (ValueError) and arrays nested thousands deep (RecursionError)."""
    try:
        return json.loads(content)
    except json.JSONDecodeError as exc:
        raise DetenteError("E006", line=line + exc.lineno - 1, detail=exc.msg) from None
    except ValueError as exc:
        raise DetenteError("E006", line=line, detail=str(exc).split(":")[0]) from None
    except RecursionError:
        raise DetenteError("E006", line=line, detail="nested too deeply") from None


def _read_json_text(content: str, where: str) -> Iterator[ReadResult]:
    try:
        data = _load_json(content)
    except DetenteError as err:
        # Maybe it is JSON lines saved as .json.
        if content.lstrip().startswith("{") and "\n{" in content:
            yield from _read_jsonl_lines(content.splitlines(), where)
        else:
            yield err.located(where)
        return
    records = data if isinstance(data, list) else [data]
    for i, record in enumerate(records, 1):
        if not isinstance(record, dict):
            yield DetenteError("E014", where)
            continue
        loc = where if len(records) == 1 else f"{where}[{i}]"
        default_id = Path(where).stem if len(records) == 1 else None
        try:
            article = article_from_record(record, loc, default_id)
            check_text(article)
        except DetenteError as err:
            yield err.located(loc)
            continue
        yield article


def _read_jsonl_file(path: Path, where: str) -> Iterator[ReadResult]:
    """JSON lines, one line at a time: a corpus file of any size holds one line in memory."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield DetenteError("E008", f"{where} ({exc.strerror})")
        return
    with stream:
        blank = True
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            blank = False
            try:
                # without its line break, as Spark's text reader gives it (same error for a broken line)
                text = line.rstrip(b"\r\n").decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                yield DetenteError("E003", f"{where}:{n}", offset=exc.start, detail=exc.reason)
                continue
            yield from parse_json_line(text, n, where)
    if blank:
        yield DetenteError("E001", where)


def _read_jsonl_lines(lines: list[str], where: str) -> Iterator[ReadResult]:
    for n, line in enumerate(lines, 1):
        if line.strip():
            yield from parse_json_line(line, n, where)


def parse_json_line(line: str, n: int, where: str) -> Iterator[ReadResult]:
    loc = f"{where}:{n}"
    try:
        record = _load_json(line, n)
    except DetenteError as err:
        yield err.located(where)
        return
    if not isinstance(record, dict):
        yield DetenteError("E014", loc)
        return
    record["__line__"] = n
    try:
        article = article_from_record(record, loc)
        check_text(article)
    except DetenteError as err:  # the line is in the message (E007) or after the file name
        yield err.located(where) if "line" in err.details else err.located(loc)
        return
    yield article


def _from_html(html: str, where: str, default_id: str | None = None, url: str | None = None) -> ReadResult:
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, RecursionError):  # lxml refuses control characters; pathological nesting
        extracted = None
    if extracted is None:
        return DetenteError("E012", where)
    meta = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = meta.get("text") or ""
    if not text.strip():
        return DetenteError("E012", where)
    url = url or meta.get("url")
    # The URL's date, else the page's metadata (htmldate, not searching the text: a date the text
    # mentions is the last resort, taken when the article is coded); else undated for now.
    date, date_source = url_date(url), "url"
    if date is None:
        date, date_source = page_date(html), "page"
    return _checked(where, text=text, id=default_id, url=url, title=meta.get("title"),
                    date=date, date_source=date_source if date else None, source=meta.get("sitename"),
                    origin=where)


def _read_feed(content: str, where: str, url: str | None = None) -> Iterator[ReadResult]:
    import feedparser

    feed = feedparser.parse(content)
    if not feed.entries:
        detail = str(feed.get("bozo_exception") or "no <item> or <entry> elements")
        yield DetenteError("E011", where, detail=detail)
        return
    source = feed.feed.get("title") if feed.get("feed") else None
    for i, entry in enumerate(feed.entries, 1):
        loc = f"{where}#{i}"
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "") or entry.get("description", "")
        text = _html_to_text(body) if "<" in body else body
        title = entry.get("title")
        date = date_or_none(entry.get("published_parsed") or entry.get("updated_parsed")
                            or entry.get("published"))
        yield _checked(loc, text=text, id=entry.get("id") or None, url=entry.get("link"), title=title,
                       date=date, source=source, origin=loc)


def _html_to_text(fragment: str) -> str:
    import trafilatura

    try:
        text = trafilatura.extract(fragment, include_comments=False) if len(fragment) > 200 else None
    except (ValueError, TypeError, RecursionError):  # as in _from_html: the tags are dropped below
        text = None
    if not text:
        text = re.sub(r"<[^>]+>", " ", fragment)
        text = re.sub(r"[ \t]+", " ", text)
    import html as html_lib

    return html_lib.unescape(text).strip()


def _read_stdin(stream) -> Iterator[ReadResult]:
    where = "<stdin>"
    data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        content = decode(raw)
    except DetenteError as err:
        yield err.located(where)
        return
    stripped = content.lstrip()
    if stripped.startswith("{") or stripped.startswith("["):
        yield from _read_json_text(content, where)
    elif stripped.startswith("<"):
        if re.search(r"<(rss|feed)[\s>]", stripped[:2000]):
            yield from _read_feed(content, where)
        else:
            yield _from_html(content, where)
    else:
        yield _checked(where, text=content, origin=where)


def _read_url(url: str) -> Iterator[ReadResult]:
    import httpx

    try:
        response = httpx.get(url, follow_redirects=True, timeout=20.0,
                             headers={"User-Agent": "detente/0.1 (+https://github.com/detente)"})
        response.raise_for_status()
    except httpx.HTTPError as exc:
        yield DetenteError("E016", url=url, detail=str(exc) or type(exc).__name__)
        return
    content = response.text
    ctype = response.headers.get("content-type", "")
    if "xml" in ctype or re.search(r"<(rss|feed)[\s>]", content[:2000]):
        yield from _read_feed(content, url, url=url)
    else:
        yield _from_html(content, url, url=url)
