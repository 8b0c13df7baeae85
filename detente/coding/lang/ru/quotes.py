"""Quotations and reported speech in a Russian Doc, with their speakers.

Russian news quotes in «ёлочки» (nested „лапки“) or straight marks, and frames a quotation
with a dash after it («…», — сказал Лукашенко), a dash inside it («…, — подчеркнул президент. —
…»), a colon before it (Лавров заявил: «…»), a speech verb it depends on (заявил о
необходимости «…»; сказал, что встреча открывает «…») or "по словам X". Reported speech is
the "что" clause of a speech verb (заявил, что …), a sentence closed by a speech verb (…,
заявил глава МИД Сергей Лавров) or what follows "по словам X,". A speaker is a person (named,
a pronoun, or a title standing for a person named before: "госсекретарь США сообщил"), or an
actor (an institution: "пресс-служба российского МИД" -> RUS). Cue words: ``kb/ru/lexicon.yaml``.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ...actors import Mention
from ....model import Quote
from .kb import RuKnowledge
from .persons import People, RuPerson, _title_at

_OPEN = {"«", "„"}
_CLOSE = {"»", "“", "”"}
_DASH = "—–−-"
_FRAME_AFTER = re.compile(r"^\s*[,.!?…]*\s*[—–−-]+\s*")
_INNER_FRAME = re.compile(r"([,.!?…])\s+[—–−-]\s+([^«»\"]{3,160}?(?:«[^»]*»[^«»\"]{0,60}?)?)[.,]\s+[—–−-]\s+")


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Outermost quotations (contents without the marks), nesting handled, never across a paragraph.

    >>> [t[s:e] for t in ['Он сказал: «Это „Град“, а не мир».'] for s, e in quotation_spans(t)]
    ['Это „Град“, а не мир.']
    """
    out, stack = [], []
    for i, ch in enumerate(text):
        if ch == "\n":
            stack = []
            continue
        if ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE or ch == '"':
            if ch == '"' and _opens(text, i, bool(stack)):
                stack.append(i)
                continue
            if stack:
                start = stack.pop()
                if not stack:
                    out.append((start + 1, i))
    return out


def _opens(text: str, i: int, inside: bool) -> bool:
    """Whether a straight mark opens (a word follows it and no word precedes it)."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() or prev in ".,!?…":
        return False
    if nxt.isalnum() or nxt in "«„\"":
        return True
    return not inside


class _Context:
    def __init__(self, doc: Doc, people: People, mentions: list[Mention], ru: RuKnowledge) -> None:
        self.doc, self.people, self.ru = doc, people, ru
        self.speech = set(ru.lexicon.get("speech_verbs", []))
        self.reported = set(ru.lexicon.get("reported_verbs", []))
        self.pronouns = set(ru.lexicon.get("person_pronouns", []))
        self.according = [tuple(x) for x in ru.lexicon.get("according_to", [])]
        self.actor_at: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: m.end - m.start):  # institutions (longer) win
            for i in range(m.start, m.end):
                self.actor_at[i] = m

    def speaker(self, tok: Token | None) -> tuple[str | None, str | None, str | None, Token | None]:
        """(name or actor id, 'person' | 'actor', the person's actor, the token) a subject stands for."""
        if tok is None:
            return None, None, None, None
        person = self.people.at.get(tok.i)
        if person is None:
            for child in tok.subtree:  # "президент Казахстана Нурсултан Назарбаев": the name is inside
                if child.i in self.people.at and child.dep_ in ("appos", "flat:name", "nmod"):
                    person = self.people.at[child.i]
                    break
        if person is None and tok.lemma_ in self.pronouns:
            person = self.people.before(tok.i, subject=True) or self.people.before(tok.i)
        if person is None and _title_at(self.doc, tok.i, self.ru):
            person = self._titled(tok)
        if person is not None:
            return person.name, "person", person.affiliation, tok
        m = self.actor_at.get(tok.i)
        if m is None:
            for child in tok.children:
                if child.i in self.actor_at and child.dep_ in ("amod", "nmod"):
                    m = self.actor_at[child.i]
                    break
        if m is not None and m.type in ("state", "igo", "region", "group"):
            return m.actor, "actor", m.actor, tok
        return None, None, None, None

    def _titled(self, tok: Token) -> RuPerson | None:
        """A title standing for a person named before ("президент", "госсекретарь США")."""
        hit = _title_at(self.doc, tok.i, self.ru)
        before = [p for p in self.people.persons if p.tokens[0][0] < tok.i]
        same = [p for p in before if p.role == hit[1]]
        return (same or before or [None])[-1]

    def subject(self, verb: Token) -> Token | None:
        """The subject of a verb, or of the verb it shares it with (coordination, gerund, infinitive)."""
        for _ in range(3):
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
            if subj:
                return subj[0]
            if verb.dep_ in ("conj", "xcomp", "advcl", "ccomp") and verb.head.i != verb.i:
                verb = verb.head
            else:
                break
        return None

    def according_to(self, sent: Span, limit: int) -> Token | None:
        """The noun after "по словам" / "по мнению" ... in ``sent`` before token ``limit``."""
        toks = [t for t in sent if t.i < limit]
        for k in range(len(toks) - 2):
            if (toks[k].lemma_, toks[k + 1].lemma_) in self.according:
                return toks[k + 2]
            if (toks[k].lemma_, toks[k + 2].lemma_) in self.according and toks[k + 1].lemma_ in self.pronouns:
                return toks[k + 1]  # "по его словам"
        return None

    def speech_frame(self, toks: list[Token]) -> tuple:
        """The speaker of a frame of tokens holding a speech verb (", — сказал Путин")."""
        for t in toks:
            if t.lemma_ in self.speech and t.pos_ in ("VERB", "AUX"):
                found = self.speaker(self.subject(t))
                if found[0]:
                    return found + (t,)
        for t in toks:  # "приводит «Интерфакс» слова Лукашенко": the person named in the frame
            if t.i in self.people.at:
                p = self.people.at[t.i]
                return p.name, "person", p.affiliation, t, None
        for t in toks:
            if t.lemma_ in self.pronouns:
                found = self.speaker(t)
                if found[0]:
                    return found + (None,)
        return None, None, None, None, None


def extract(doc: Doc, people: People, mentions: list[Mention], ru: RuKnowledge) -> list[Quote]:
    ctx = _Context(doc, people, mentions, ru)
    text = doc.text
    quotes: list[Quote] = []
    taken: list[tuple[int, int]] = []
    last: Quote | None = None
    min_words = int(ru.lexicon.get("min_quote_words", 3))
    for start, end in quotation_spans(text):
        body = text[start:end]
        spans = [(start, end)]
        who = (None, None, None, None, None)
        inner = _INNER_FRAME.search(body)
        if inner and _has_speech_verb(doc, ctx, start + inner.start(2), start + inner.end(2)):
            frame_toks = _tokens(doc, start + inner.start(2), start + inner.end(2))
            who = ctx.speech_frame(frame_toks)
            spans = [(start, start + inner.start(1)), (start + inner.end(), end)]
        if not who[0]:
            who = _speaker_after(doc, ctx, end)
        if not who[0]:
            who = _speaker_before(doc, ctx, start)
        n_words = len(re.findall(r"\w+", body))
        if not who[0] and last is not None and _continues(text, last, start):
            who = (last.speaker, last.speaker_type, last.speaker_actor, None, None)
        if n_words < min_words or (not who[0] and n_words < 6):
            continue
        quote_text = " ".join(text[s:e].strip(" ,") for s, e in spans)
        q = Quote(quote_text, who[0], True, who[1], who[2], cue=_lower(who[4]), span=(start, end),
                  spans=spans, speaker_span=_tok_span(who[3]), cue_span=_tok_span(who[4]))
        quotes.append(q)
        taken.append((start, end))
        last = q
    quotes += _reported(doc, ctx, taken)
    return quotes


def _lower(tok: Token | None) -> str | None:
    return tok.lower_ if tok is not None else None


def _tok_span(tok: Token | None):
    return (tok.idx, tok.idx + len(tok)) if tok is not None else None


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    return [t for t in doc if start <= t.idx < end and not t.is_space]


def _has_speech_verb(doc: Doc, ctx: _Context, start: int, end: int) -> bool:
    return any(t.lemma_ in ctx.speech for t in _tokens(doc, start, end))


def _speaker_after(doc: Doc, ctx: _Context, end: int) -> tuple:
    """«…», — сказал X.  /  «…» - так X подвел итоги."""
    text = doc.text
    m = _FRAME_AFTER.match(text[end + 1:end + 12])
    if not m:
        return None, None, None, None, None
    frame_start = end + 1 + m.end()
    stop = len(text)
    for pat in (". ", ".\n", "\n", " – ", " — ", " − ", " - "):
        k = text.find(pat, frame_start)
        if 0 <= k < stop:
            stop = k
    return ctx.speech_frame(_tokens(doc, frame_start, stop))


def _speaker_before(doc: Doc, ctx: _Context, start: int) -> tuple:
    """X заявил: «…» / X заявил о необходимости «…» / по словам X, «…» / сказал, что … «…»."""
    first = next((t for t in doc if t.idx >= start), None)
    if first is None:
        return None, None, None, None, None
    sent = first.sent
    # a speech verb the quotation depends on
    tok = first
    for _ in range(8):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.lemma_ in ctx.speech and tok.i < first.i:
            found = ctx.speaker(ctx.subject(tok))
            if found[0]:
                return found + (tok,)
    noun = ctx.according_to(sent, first.i)
    if noun is not None:
        found = ctx.speaker(noun)
        if found[0]:
            return found + (None,)
    before = [t for t in sent if t.i < first.i]
    if before and before[-1].text in (":", "«", '"') or (len(before) > 1 and before[-2].text == ":"):
        # "…, предоставленные источником в МИД Узбекистана: «…»"
        frame = ctx.speech_frame(before)
        if frame[0]:
            return frame
        for t in reversed(before):
            found = ctx.speaker(t)
            if found[0]:
                return found + (None,)
    for t in before:  # a speech verb anywhere before it in the sentence ("Вместе с тем, отмечает президент, «…")
        if t.lemma_ in ctx.speech and t.pos_ == "VERB":
            found = ctx.speaker(ctx.subject(t))
            if found[0]:
                return found + (t,)
    return None, None, None, None, None


def _continues(text: str, last: Quote, start: int) -> bool:
    """A quotation opening the paragraph right after the previous quotation's one goes on with its speaker."""
    between = text[last.span[1]:start]
    return between.count("\n\n") <= 1 and len(between) < 400 and text[:start].rstrip(" «\"„").endswith("\n")


def _reported(doc: Doc, ctx: _Context, taken: list[tuple[int, int]]) -> list[Quote]:
    """Reported speech: "заявил, что …", "…, заявил X.", "по словам X, …"."""
    out: list[Quote] = []
    inside = lambda a, b: any(s <= a and b <= e + 1 for s, e in taken)  # noqa: E731
    overlaps = lambda a, b: any(s < b and a < e for s, e in taken)  # noqa: E731
    for tok in doc:
        if tok.lemma_ not in ctx.reported or tok.pos_ != "VERB" or inside(tok.idx, tok.idx + 1):
            continue
        who = ctx.speaker(ctx.subject(tok))
        if not who[0]:
            continue
        clause = next((c for c in tok.children if c.dep_ in ("ccomp",) and c.i > tok.i
                       and any(m.lower_ in ("что", "чтобы") for m in c.children if m.dep_ == "mark")), None)
        if clause is not None:
            toks = [t for t in clause.subtree if t.lower_ not in ("что",) or t.i != clause.left_edge.i]
            span = _clean(doc, toks)
        elif tok.dep_ in ("parataxis",) and tok.head.i < tok.i:
            # "<statement>, заявил X."
            head = tok.head
            toks = [t for t in head.subtree if t.i < tok.i and not (t.i in [x.i for x in tok.subtree])]
            span = _clean(doc, toks)
        else:
            continue
        if span is None or overlaps(*span) and inside(*span):
            continue
        out.append(Quote(doc.text[span[0]:span[1]], who[0], False, who[1], who[2], cue=tok.lower_, span=span,
                         spans=[span], speaker_span=_tok_span(who[3]), cue_span=_tok_span(tok)))
    for sent in doc.sents:  # "по словам X, <what X said>"
        noun = ctx.according_to(sent, sent.end)
        if noun is None or any(s < sent.end_char and sent.start_char < e for s, e in taken):
            continue
        who = ctx.speaker(noun)
        if not who[0]:
            continue
        comma = next((t for t in sent if t.i > noun.i and t.text == ","), None)
        if comma is None:
            continue
        span = _clean(doc, [t for t in sent if t.i > comma.i])
        if span and not any(q.span == span for q in out):
            out.append(Quote(doc.text[span[0]:span[1]], who[0], False, who[1], who[2], cue="по словам",
                             span=span, spans=[span], speaker_span=_tok_span(noun)))
    return out


def _clean(doc: Doc, toks: list[Token]) -> tuple[int, int] | None:
    toks = sorted((t for t in toks if not t.is_space), key=lambda t: t.i)
    while toks and (toks[0].is_punct or toks[0].lower_ == "что"):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if len(toks) < 3:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])
