"""The coded document: plain dataclasses and their JSON form.

The JSON shape follows ../shared/eval/SCHEMA.md (id, date, actors, persons, quotes,
relations, events, stances) and adds, for every fact, the character spans of its
evidence in the article text as ``[start, end]`` pairs (``text[start:end]``).
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from .dates import parse_date
from .errors import DetenteError

SCHEMA_VERSION = 1

Span = tuple[int, int]


def content_hash(text: str) -> str:
    """Stable identity of an article's text (the store's idempotency key)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_unicode(value: str | None, field_name: str) -> None:
    """Raise E035 if the string holds a lone surrogate: JSON can carry one ("\\ud800"), Python
    keeps it, but it has no UTF-8 form, so it can be neither hashed nor stored."""
    if value is None or value.isascii():
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise DetenteError("E035", field=field_name, char=ord(value[exc.start]), index=exc.start) from None


@dataclass
class Article:
    text: str
    id: str | None = None
    url: str | None = None
    title: str | None = None
    date: str | None = None  # ISO date, YYYY-MM-DD
    source: str | None = None
    origin: str | None = None  # file, URL or "<stdin>" the article was read from
    language: str | None = None  # "ru" when a language pack codes it; None: English (detente.lang)
    date_source: str | None = None  # where the date came from (dates.DATE_SOURCES); "given" by default

    def __post_init__(self) -> None:
        """Every way in (readers, Python API, REST API) builds an Article: its strings are checked
        here, and its date is read by the one date parser (an unusable date is an E036 error)."""
        for name in ("text", "id", "url", "title", "source"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                value = str(value)
                setattr(self, name, value)
            check_unicode(value, name)
        self.date = parse_date(self.date)
        if self.date and not self.date_source:
            self.date_source = "given"
        if not self.id:
            self.id = "doc-" + content_hash(self.text)[:16]

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass
class Actor:
    id: str
    type: str  # state | igo | group | region | org
    name: str
    spans: list[Span] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)  # CAMEO sectors seen (GOV, MIL, ...)


@dataclass
class Person:
    name: str
    role: str | None = None
    affiliation: str | None = None
    affiliation_source: str | None = None  # "text" | "kb"
    kb_name: str | None = None
    kb_role: str | None = None
    spans: list[Span] = field(default_factory=list)
    role_span: Span | None = None


@dataclass
class Quote:
    text: str
    speaker: str | None
    direct: bool = True
    speaker_type: str | None = None  # "person" | "actor" | None
    speaker_actor: str | None = None  # the actor the speaker stands for
    cue: str | None = None  # the speech verb ("said", "according to")
    span: Span | None = None  # the quotation (without marks) or reported content
    spans: list[Span] = field(default_factory=list)  # all pieces of a split quote
    speaker_span: Span | None = None
    cue_span: Span | None = None


@dataclass
class Event:
    source: str
    target: str
    cameo: str
    text: str
    span: Span
    root: str = ""
    base: str = ""
    name: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    date: str | None = None
    negated: bool = False
    hypothetical: bool = False
    source_person: str | None = None
    target_person: str | None = None
    source_span: Span | None = None
    target_span: Span | None = None
    trigger: str | None = None  # the verb or noun that fired
    trigger_span: Span | None = None
    pattern: str | None = None  # "lemma: pattern" that matched

    @property
    def counts(self) -> bool:
        """Whether the event belongs in the list analysts count."""
        return not (self.negated or self.hypothetical)


@dataclass
class Relation:
    source: str
    type: str  # member_of | ally_of | partner_of | hostile_to | party_to
    target: str
    stated: bool = True  # False: implied by the text rather than said outright
    text: str | None = None
    span: Span | None = None
    cue: str | None = None
    conflict_id: str | None = None  # party_to: the knowledge-base conflict the target names (``Conflict.id``)


@dataclass
class Stance:
    actor: str
    issue: str
    position: str  # neutral | side:XXX | against:XXX
    confidence: float = 0.5
    evidence: list[dict[str, Any]] = field(default_factory=list)  # {"text","span","cue","position"}
    conflict_id: str | None = None  # the knowledge-base conflict the issue is (``Conflict.id``)


@dataclass
class Conflict:
    name: str
    parties: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    id: str | None = None  # the knowledge-base conflict's id (kb/conflicts.yaml); None: named only by the article
    start: str | None = None  # its dates in the knowledge base
    end: str | None = None


@dataclass
class CodedDocument:
    id: str
    date: str | None  # given, else found (date_source says where): the date every fact is read on
    text: str
    date_source: str | None = None  # given | url | page | dateline | text (dates.DATE_SOURCES)
    url: str | None = None
    title: str | None = None
    source: str | None = None
    hash: str | None = None
    language: str = "en"
    reference_date: str | None = None  # the date offices and treaties are read on (inferred if undated)
    actors: list[Actor] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    organizations: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # the events that count (analysts count these)
    uncounted_events: list[Event] = field(default_factory=list)  # negated or hypothetical ones
    relations: list[Relation] = field(default_factory=list)
    kb_relations: list[Relation] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    explanations: list[dict[str, Any]] | None = None
    stance_explanations: list[dict[str, Any]] | None = None  # per issue: stances given and not given, and why

    def __post_init__(self) -> None:
        """Events that do not count, wherever given, go to ``uncounted_events``: ``events`` holds
        only what the JSON form's "events" holds."""
        if any(not e.counts for e in self.events) or any(e.counts for e in self.uncounted_events):
            everything = self.events + self.uncounted_events
            self.events = [e for e in everything if e.counts]
            self.uncounted_events = [e for e in everything if not e.counts]

    @property
    def all_events(self) -> list[Event]:
        """Counted events, then uncounted ones (negated, hypothetical)."""
        return self.events + self.uncounted_events

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        """The JSON form (SCHEMA.md keys first). Events that do not count
        (negated, hypothetical) are listed under ``uncounted_events``, as in the Python object."""
        d: dict[str, Any] = {
            "id": self.id,
            "date": self.date,
            "date_source": self.date_source,
            "url": self.url,
            "title": self.title,
            "source": self.source,
            "hash": self.hash,
            "language": self.language,
            "reference_date": self.reference_date,
            "schema_version": SCHEMA_VERSION,
            "actors": [_plain(a) for a in self.actors],
            "persons": [_plain(p) for p in self.persons],
            "organizations": [_plain(o) for o in self.organizations],
            "quotes": [_plain(q) for q in self.quotes],
            "relations": [_plain(r, _OPTIONAL) for r in self.relations],
            "kb_relations": [_plain(r, _OPTIONAL) for r in self.kb_relations],
            "events": [_plain(e) for e in self.events],
            "uncounted_events": [_plain(e) for e in self.uncounted_events],
            "conflicts": [_plain(c, _OPTIONAL) for c in self.conflicts],
            "stances": [_plain(s, _OPTIONAL) for s in self.stances],
        }
        if self.explanations is not None:
            d["explanations"] = self.explanations
        if self.stance_explanations is not None:
            d["stance_explanations"] = self.stance_explanations
        if include_text:
            d["text"] = self.text
        return d

    def span_problems(self) -> list[str]:
        """Where the document breaks its span contract (empty: none). Every fact's text is the
        article's text at its span (``text[start:end]``), without surrounding whitespace; a quote
        split by "he said" has one span per piece and its text is the pieces joined by a space.
        Every other span (actors, persons, speakers, triggers) lies inside the text and is not empty."""
        text, out = self.text, []

        def check(kind: str, fact_text: str | None, span: Span | None, pieces: list[Span] | None = None) -> None:
            if span is None:
                return
            start, end = span
            if not 0 <= start < end <= len(text):
                out.append(f"{kind}: span {list(span)} is empty or outside the text ({len(text)} characters)")
                return
            if fact_text is None:
                return
            parts = pieces if pieces and len(pieces) > 1 else [span]
            expected = " ".join(text[a:b] for a, b in parts)
            if fact_text != expected:
                out.append(f"{kind}: text {fact_text[:60]!r} is not the text at its span {expected[:60]!r}")
            elif expected != expected.strip():
                out.append(f"{kind}: span {list(span)} starts or ends with whitespace")

        for q in self.quotes:
            check("quote", q.text, q.span, q.spans)
            for piece in q.spans:
                check("quote piece", None, piece)
            check("quote speaker", None, q.speaker_span)
            check("quote cue", q.cue, q.cue_span)
        for e in self.all_events:
            check(f"event {e.cameo}", e.text, e.span)
            check("event trigger", e.trigger, e.trigger_span)
            check("event source", None, e.source_span)
            check("event target", None, e.target_span)
        for r in self.relations:
            check(f"relation {r.type}", r.text, r.span)
        for st in self.stances:
            for ev in st.evidence:
                span = ev.get("span")
                check(f"stance evidence {st.actor}", ev.get("text"), tuple(span) if span else None)
        for kind, items in (("actor", self.actors), ("organization", self.organizations), ("person", self.persons),
                            ("conflict", self.conflicts)):
            for item in items:
                for span in item.spans:
                    check(kind, None, span)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any], text: str = "") -> "CodedDocument":
        """Rebuild a document from its JSON form (as written by ``to_dict``)."""
        events = [_build(Event, e) for e in d.get("events", [])]
        events += [_build(Event, e) for e in d.get("uncounted_events", [])]
        return cls(
            id=d["id"], date=d.get("date"), date_source=d.get("date_source"), text=d.get("text", text), url=d.get("url"),
            title=d.get("title"), source=d.get("source"), hash=d.get("hash"),
            language=d.get("language", "en"), reference_date=d.get("reference_date"),
            actors=[_build(Actor, a) for a in d.get("actors", [])],
            persons=[_build(Person, p) for p in d.get("persons", [])],
            organizations=[_build(Actor, o) for o in d.get("organizations", [])],
            quotes=[_build(Quote, q) for q in d.get("quotes", [])],
            events=events,
            relations=[_build(Relation, r) for r in d.get("relations", [])],
            kb_relations=[_build(Relation, r) for r in d.get("kb_relations", [])],
            conflicts=[_build(Conflict, c) for c in d.get("conflicts", [])],
            stances=[_build(Stance, s) for s in d.get("stances", [])],
            explanations=d.get("explanations"), stance_explanations=d.get("stance_explanations"),
        )


# Keys written only when they hold something: a conflict's knowledge-base id and dates, and the id
# on stances and party_to relations (most relations, and issues that are no known conflict, have none).
_OPTIONAL = ("id", "start", "end", "conflict_id")


def _plain(obj: Any, optional: tuple[str, ...] = ()) -> dict[str, Any]:
    d = {k: v for k, v in asdict(obj).items() if not (k in optional and v is None)}
    for k, v in d.items():
        if isinstance(v, tuple):
            d[k] = list(v)
        elif isinstance(v, list):
            d[k] = [list(x) if isinstance(x, tuple) else x for x in v]
    return d


_SPAN_FIELDS = {"span", "role_span", "speaker_span", "cue_span", "source_span",
                "target_span", "trigger_span"}


def _build(cls: type, d: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    kwargs = {}
    for k, v in d.items():
        if k not in names:
            continue
        if k in _SPAN_FIELDS and v is not None:
            v = tuple(v)
        elif k == "spans" and v is not None:
            v = [tuple(x) for x in v]
        kwargs[k] = v
    return cls(**kwargs)
