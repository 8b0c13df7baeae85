"""Generated documents for the fuzz suite, and the check each of them must pass.

Hypothesis strategies draw documents of every kind that has broken a text pipeline somewhere:
random Unicode (lone surrogates included), control characters, right-to-left and zero-width
marks, quotation marks of every language, unbalanced and nested quotes, thousands of newlines,
HTML, news-like sentences built from the knowledge base's countries, capitals, organizations,
titles and office holders, and mutations of the example articles' sentences; with dates good,
odd and impossible. ``run_one`` codes one of them through the Python API and says what went
wrong: an exception (a clear ``DetenteError`` refusal of a lone surrogate, an oversized text or
an unusable date is not one), more than ``MAX_SECONDS``, or a fact whose text is not the text at
its span (``CodedDocument.span_problems``).

Used by ``tests/test_fuzz.py`` (the quick profile, part of ``make test``) and by
``benchmarks/fuzz.py`` (the long profile, ``make fuzz``).
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

from detente.errors import DetenteError

ROOT = Path(__file__).resolve().parents[1]
MAX_SECONDS = 5.0
# Documents are at most a long news article: spaCy's parse time grows with the text (here about
# 1 s per 10,000 characters of one endless sentence), so no time bound holds for any length.
MAX_CHARS = 20_000
# Clear refusals the API owes such input: a lone surrogate (E035), a text over DETENTE_MAX_CHARS
# (E004), an unusable date (E036).
REFUSALS = {"E004", "E035", "E036"}

SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]
CONTROLS = [chr(c) for c in range(32) if c not in (9, 10, 13)] + ["\x7f", "\x85", "\r", "\t", "\x0b", "\x0c"]
MARKS = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
         "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u00ad", "\u2028", "\u2029", "\u00a0", "\u3000",
         "\u0301", "\ufffd"]
QUOTE_MARKS = ['"', "'", "“", "”", "„", "‟", "«", "»", "‹", "›", "‘", "’", "‚", "‛", "「", "」", "『", "』",
               "〝", "〞", "＂", "＇"]
QUOTE_PAIRS = [("“", "”"), ("„", "“"), ("«", "»"), ("»", "«"), ("‹", "›"), ("„", "”"), ('"', '"'), ("‘", "’"),
               ("「", "」"), ("«\u00a0", "\u00a0»"), ("‚", "‘"), ("＂", "＂")]
SEPARATORS = [" ", "  ", "\n", "\n\n", "\r\n", "\t", " \n ", "\u00a0", "\u2029", "\n\n\n\n"]
TAGS = ["<p>", "</p>", "<br>", "<div class=\"x\">", "</div>", "<script>alert(1)</script>", "<b>", "</b>",
        "&amp;", "&nbsp;", "&#x201C;", "&#xD800;", "<!-- c -->", "<a href=\"javascript:x\">", "</a>", "<"]
DATES_GOOD = ["2016-04-08", "2020-01-01", "2016-04-08T10:00:00Z", "2016-4-8", "April 8, 2016", "8 April 2016",
              "Fri, 08 Apr 2016 10:00:00 GMT", "２０１６-０４-０８", "20160408", "2016/04/08"]
DATES_BAD = ["2016-02-30", "2016-13-01", "0001-01-01", "9999-12-31", "yesterday", "2016", "04/08/2016", "-",
             "2016-04-08Tnonsense", "\ud800", "9" * 50]
RELATIVE = ["yesterday", "today", "tomorrow", "on Monday", "last Friday", "on Sunday", "last night",
            "on April 8", "on 8 April", "on December 31, 9999", "on February 30, 2016"]


@functools.cache
def vocabulary() -> dict[str, list[str]]:
    """Names and words to build news-like sentences, all from the knowledge base."""
    from detente import kb as kb_module

    kb = kb_module.load()
    countries = list(kb.countries.values())
    return {
        "actor": sorted({c.name for c in countries} | {a for c in countries for a in c.aliases[:1]}
                        | {i.name for i in kb.igos.values()} | set(kb.igos)),
        "capital": sorted({cap for c in countries for cap in c.capitals}),
        "adjective": sorted({a for c in countries for a in c.adjectives}),
        "title": sorted({r.title for r in kb.roles.values()}),
        "person": sorted({o.name for o in kb.offices}),
        "verb": sorted(v for v in kb.verbs if " " not in v),
        "speech": sorted(kb.lexicon.get("speech_verbs", [])),
        "conflict": sorted({c["name"] for c in kb.conflicts if c.get("name")}),
    }


def _word(kind: str) -> st.SearchStrategy[str]:
    return st.sampled_from(vocabulary()[kind])


@st.composite
def news_sentence(draw) -> str:
    """One sentence of political news (or a broken piece of one)."""
    A, B = draw(_word("actor")), draw(_word("actor"))
    who = draw(st.one_of(_word("actor"), _word("capital"),
                         st.builds(lambda a, t, p: f"{a} {t} {p}", _word("adjective"), _word("title"), _word("person")),
                         st.builds(lambda t, a: f"the {t} of {a}", _word("title"), _word("actor")),
                         st.builds(lambda a: f"the {a} foreign ministry", _word("adjective"))))
    verb, speech, when = draw(_word("verb")), draw(_word("speech")), draw(st.sampled_from(RELATIVE))
    opening, closing = draw(st.sampled_from(QUOTE_PAIRS))
    said = f"{speech}s" if not speech.endswith("s") else speech
    template = draw(st.sampled_from([
        f"{who} will {verb} {B} {when}.",
        f"{who} refused to {verb} {B}, and {A} did not {verb} {who} either.",
        f"{who} called on {A} and {B} to {verb} the {draw(_word('conflict'))}.",
        f"According to {who}, {A} would {verb} {B}.",
        f"According to {who}",
        f"{B} attacked {A} {when}, according to {who}.",
        f"{opening}We will {verb} {B},{closing} {who} said.",
        f"{opening}We will {verb} {B},{closing} said {who}. {opening}And {A} too.{closing}",
        f"{who} said: {opening}{A} must {verb} {B}.{closing}",
        f"{who} {said} that {A} had to {verb} {B} {when}",
        f"{opening}{opening}Nested {A}{closing} is {verb},{closing} {who} told reporters.",
        f"{opening}{A} will never {verb} {B}",
        f"{who} — {opening}{verb}{closing}",
        f"{A}–{B} talks in {draw(_word('capital'))} {when}: {who} {said} {verb}.",
        f"{who}, who {said} that {A} was {verb}ing {B}, left.",
        f"{who} {said} {opening},{closing} and {opening} , {closing} and {opening}{closing} {when}.",
        f"{who} {said}  that\n{A}   would\t{verb}  {B}  {when} .",
    ]))
    return template


@st.composite
def sentences_from_examples(draw) -> str:
    """A sentence of the repository's example articles, mutated: cut, doubled, spliced, or with a
    piece of another kind put in."""
    pool = example_sentences()
    s = draw(st.sampled_from(pool))
    op = draw(st.sampled_from(["keep", "cut", "delete", "splice", "insert", "according", "swap"]))
    i = draw(st.integers(0, len(s)))
    j = draw(st.integers(i, len(s)))
    if op == "cut":
        return s[:i]
    if op == "delete":
        return s[:i] + s[j:]
    if op == "splice":
        return s[:i] + draw(st.sampled_from(pool))[j % 40:]
    if op == "insert":
        return s[:i] + draw(st.sampled_from(QUOTE_MARKS + MARKS + CONTROLS + SURROGATES + TAGS)) + s[i:]
    if op == "according":
        return s[:i].rstrip() + " According to " + draw(_word("actor"))
    if op == "swap":
        return s[:i] + s[j:] + " " + s[i:j]
    return s


@functools.cache
def example_sentences() -> list[str]:
    texts = []
    for path in sorted((ROOT / "examples").glob("*")):
        if path.suffix == ".txt":
            texts.append(path.read_text(encoding="utf-8"))
        elif path.suffix == ".json":
            texts.append(json.loads(path.read_text(encoding="utf-8")).get("text", ""))
    pieces = [p.strip() for t in texts for p in re.split(r"(?<=[.!?\"”])\s+", t)]
    return [p for p in pieces if len(p) > 20] or ["Minsk called on Baku and Yerevan to show restraint."]


def _noise() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(QUOTE_MARKS), st.sampled_from(MARKS), st.sampled_from(CONTROLS),
                     st.sampled_from(TAGS), st.sampled_from(SEPARATORS))


@st.composite
def noisy(draw, base: st.SearchStrategy[str]) -> str:
    """Noise characters put into a text at random places."""
    text = draw(base)
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(text)))
        text = text[:i] + draw(_noise()) + text[i:]
    return text


def _joined(parts: st.SearchStrategy[str], max_parts: int = 8) -> st.SearchStrategy[str]:
    return st.builds(lambda ps, seps: "".join(p + s for p, s in zip(ps, seps)),
                     st.lists(parts, min_size=1, max_size=max_parts),
                     st.lists(st.sampled_from(SEPARATORS), min_size=max_parts, max_size=max_parts))


# Any code point but lone surrogates (those come in one kind of text of their own, as the API refuses
# such a text as a whole).
_ANY_CHAR = st.one_of(st.characters(), st.sampled_from(CONTROLS + MARKS + QUOTE_MARKS))


def texts() -> st.SearchStrategy[str]:
    """Article texts of every kind, up to MAX_CHARS characters."""
    return _texts().map(lambda text: text[:MAX_CHARS])


def _texts() -> st.SearchStrategy[str]:
    news = _joined(st.one_of(news_sentence(), sentences_from_examples()))
    return st.one_of(
        st.text(_ANY_CHAR, max_size=300),  # random Unicode
        news,
        noisy(news),
        _joined(st.one_of(news_sentence(), st.text(_ANY_CHAR, max_size=40), st.sampled_from(QUOTE_MARKS))),
        st.builds(lambda n, s, m: "\n" * n + s + "\n" * m, st.integers(0, 3000), news, st.integers(0, 3000)),
        st.builds(lambda a, b: "".join(f"{t}{p}" for t, p in zip(a, b)), st.lists(st.sampled_from(TAGS), max_size=12),
                  st.lists(news_sentence(), max_size=12)),  # HTML
        st.builds(lambda s, n: (s + " ") * n, news_sentence(), st.integers(1, 60)),  # long and repetitive
        st.builds(lambda o, s, c: o + s + c, st.sampled_from(QUOTE_MARKS), news, st.sampled_from(QUOTE_MARKS + [""])),
        st.builds(lambda s, i, c: s[:i] + c + s[i:], news_sentence(), st.integers(0, 200), st.sampled_from(SURROGATES)),
        # one piece repeated: runs of marks, an endless word, "According to" chains, brackets
        st.builds(lambda p, n: p * n,
                  st.sampled_from(QUOTE_MARKS + MARKS + ["According to ", "x", "—", "(", ". ", "said ", "\u05d0", ", "]),
                  st.integers(1, 4000)),
    )


def weighted(*choices: tuple[int, st.SearchStrategy]) -> st.SearchStrategy:
    """One of the strategies, drawn with these weights (``st.one_of`` draws them evenly)."""
    pool = [strategy for weight, strategy in choices for _ in range(weight)]
    return st.integers(0, len(pool) - 1).flatmap(lambda i: pool[i])


_NEWS_DATES = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(str)


def documents() -> st.SearchStrategy[dict]:
    """``{"text", "date", "title"}`` as a caller of ``detente.code`` gives them."""
    return st.fixed_dictionaries({
        "text": texts(),
        # mostly usable dates and titles (about 1 in 10 refused each), so that most documents are coded
        "date": weighted((6, st.none()), (4, st.sampled_from(DATES_GOOD)), (8, _NEWS_DATES),
                         (1, st.sampled_from(DATES_BAD)), (1, st.text(_ANY_CHAR, max_size=12))),
        "title": weighted((6, st.none()), (6, news_sentence()), (6, st.text(_ANY_CHAR, max_size=30)),
                          (1, st.sampled_from(SURROGATES))),
    })


@dataclass
class Outcome:
    """What coding one generated document did."""
    seconds: float = 0.0
    exception: str | None = None  # a crash: type, message and where
    violations: list[str] = field(default_factory=list)  # span-invariant breaks
    refused: str | None = None  # the DetenteError code of a clear refusal

    @property
    def slow(self) -> bool:
        return self.seconds > MAX_SECONDS

    @property
    def failed(self) -> bool:
        return bool(self.exception or self.violations or self.slow)

    def report(self, doc: dict) -> str:
        what = self.exception or ("; ".join(self.violations[:3]) if self.violations else f"{self.seconds:.1f} s")
        shown = repr(doc)
        return f"{what}\n  document: {shown if len(shown) < 800 else shown[:400] + ' ... ' + shown[-400:]}"


def run_one(coder, doc: dict) -> Outcome:
    """Code one document with ``coder`` (a ``detente.Coder``) and check the result."""
    out = Outcome()
    started = time.perf_counter()
    try:
        coded = coder.code(doc["text"], date=doc.get("date"), title=doc.get("title"))
        out.violations = coded.span_problems()
        json.dumps(coded.to_dict(include_text=True), ensure_ascii=False).encode("utf-8")  # storable as it is
    except DetenteError as err:
        if err.code in REFUSALS:
            out.refused = err.code
        else:
            out.exception = f"DetenteError {err.message}"
    except Exception as exc:  # noqa: BLE001 - what the fuzz suite is here to find
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        out.exception = f"{type(exc).__name__}: {exc} at {Path(frame.filename).name}:{frame.lineno}"
    out.seconds = time.perf_counter() - started
    return out


def poisoned_corpus(path: Path, n_good: int) -> list[str]:
    """Write a JSON-lines corpus of ``n_good`` good articles with, spread among them, one line of
    every kind that once stopped or broke an ingest, and three good articles ending in "According
    to Russia". Returns the ids that must be stored (the 8 poisoned lines must become errors:
    2 x E035, 3 x E036, 2 x E006, 1 x E007)."""
    states = sorted(c.name for c in _countries() if c.type == "state")
    good = []
    for i in range(n_good):
        a, b = states[i % len(states)], states[(7 * i + 3) % len(states)]
        good.append(json.dumps({"id": f"good-{i}", "date": "2016-04-08",
                                "text": f"{a} and {b} signed trade agreement number {i} on Monday, "
                                        f"the foreign ministry of {a} said."}))
    poisoned = [
        '{"id": "sur-text", "text": "Minsk called on Baku \\ud800 to talk."}',
        '{"id": "sur-title", "title": "\\udc80", "text": "Minsk called on Yerevan to talk again today."}',
        json.dumps({"id": "feb-30", "date": "2016-02-30", "text": "Russia attacked Ukraine yesterday again."}),
        json.dumps({"id": "year-9999", "date": "9999-12-31", "text": "Russia attacked Ukraine on Monday again."}),
        json.dumps({"id": "full-width", "date": "２０１６-１３-０１", "text": "Russia attacked Ukraine on Friday."}),
        "[" * 50_000,
        '{"id": "huge-number", "text": "x", "date": ' + "1" * 5000 + "}",
        json.dumps({"id": "no-text", "text": None}),
    ]
    according = [json.dumps({"id": f"according-{k}", "text": f"Talks in Baku went on for {k + 2} hours. "
                                                              "According to Russia"}) for k in range(3)]
    extra = poisoned + according
    step = max(1, n_good // (len(extra) + 1))
    lines = []
    for i, line in enumerate(good):
        lines.append(line)
        if i % step == step - 1 and extra:
            lines.append(extra.pop(0))
    lines += extra
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [f"good-{i}" for i in range(n_good)] + [f"according-{k}" for k in range(3)]


def _countries():
    from detente import kb as kb_module

    return kb_module.load().countries.values()
