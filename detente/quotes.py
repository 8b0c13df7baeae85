"""Quotes: direct quotations and reported statements, each with its speaker.

Direct quotations are found from the quotation marks (``quotemarks``) and
attributed from the parse around them:

- ``"…," X said`` / ``"…," said X`` / ``"…" — X``: the speech verb after the quotation;
- ``X said: "…"`` / ``X told reporters that "…"``: the speech verb governing it;
- ``According to X, "…"``;
- a quotation alone in its paragraph continues the previous speaker's quotation;
- a quotation split by "he said" is one quote.

Reported statements (``direct=False``): ``X said that …``, ``according to X, …``,
``X stressed the need for …``. Speakers resolve to a person, to an actor when an
institution speaks ("the Ukrainian border service said"), and through pronouns
("According to him"), definite descriptions ("the president said", "the service
said") and relative pronouns ("Glyazev, who said that …").

    >>> [(q.speaker, q.text) for q in extract(doc_of('"This will never happen," Ravkov said.'), ...)]
    [('Andrei Ravkov', 'This will never happen')]
"""
from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan, Token

from .docutil import evidence, sentence_of, sentences, source_text, text_of
from .actors import Mention
from .coref import Resolver, Speaker
from .kb import KnowledgeBase
from .model import Quote
from .persons import PersonAnalysis
from .quotemarks import find_quotations, find_single_quotations

_DASHES = {"—", "–", "-", "--"}


# ------------------------------------------------------------------ attribution

class QuoteFinder:
    def __init__(self, doc: Doc, people: PersonAnalysis, mentions: list[Mention], kb: KnowledgeBase):
        self.doc = doc
        self.kb = kb
        lex = kb.lexicon
        self.speech = set(lex.get("speech_verbs", []))
        self.naming = set(lex.get("naming_verbs", []))
        self.scare_max = int(lex.get("scare_quote_max_words", 4))
        self.topic_preps = set(lex.get("topic_prepositions", []))
        self.object_verbs = set(lex.get("statement_object_verbs", []))
        self.resolver = Resolver(doc, people, mentions, kb)

    # -------------------------------------------------------------- direct
    def direct(self) -> list[Quote]:
        doc, text = self.doc, text_of(self.doc)
        raw = find_quotations(text)
        single = set(find_single_quotations(text, raw))
        raw = sorted(raw + list(single))
        quotes: list[Quote] = []
        prev: tuple[Quote, int] | None = None  # the last quote and the char offset where its frame ends
        for start, end in raw:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not span.text.strip():
                continue
            speaker, cue = self._attribute(start, end, span)
            content = _strip(text, start, end)
            if content[0] == content[1]:
                continue  # only commas and spaces between the marks: nothing was said
            n_words = len(text[content[0]:content[1]].split())
            if n_words <= self.scare_max and span.root.dep_ == "pobj" and span.root.head.lower_ in self.topic_preps:
                continue  # "commented on the 'trade war'": a topic, not the speaker's words
            if speaker is None and (start, end) in single:
                continue  # a word in single marks, or an apostrophe: quoted speech needs a speaker
            if speaker is None:
                standalone = self._standalone(start, end)
                if standalone and prev is not None and prev[0].speaker and start - prev[1] < 600:
                    speaker = Speaker(prev[0].speaker, prev[0].speaker_type, prev[0].speaker_actor, -1)
                    cue = None
                elif n_words <= self.scare_max or not standalone:
                    continue  # a scare quote, a title or a term, not speech
            q = Quote(text=source_text(doc)[content[0]:content[1]], speaker=speaker.name if speaker else None, direct=True,
                      speaker_type=speaker.kind if speaker else None,
                      speaker_actor=speaker.actor if speaker else None,
                      cue=cue.text if cue is not None else None, span=content, spans=[content],
                      speaker_span=self._span_of(speaker.token) if speaker and speaker.token >= 0 else None,
                      cue_span=(cue.idx, cue.idx + len(cue)) if cue is not None else None)
            if prev is not None and self._continues(prev, q, start):
                merged = prev[0]
                merged.text = merged.text.rstrip(" ,") + " " + q.text
                merged.spans.append(content)
                merged.span = (merged.span[0], content[1])
                prev = (merged, end)
                continue
            if speaker is not None:
                self.resolver.last_speaker = speaker
            quotes.append(q)
            prev = (q, end)
        return quotes

    def _span_of(self, i: int) -> tuple[int, int]:
        """The speaker's whole name (or actor mention) around token i."""
        doc = self.doc
        start = end = i
        rec = self.resolver.people.at(i)
        if rec is not None:
            start, end = next(((s, e - 1) for s, e in rec.mentions if s <= i < e), (i, i))
        elif i in self.resolver.mention_at:
            m = self.resolver.mention_at[i]
            start, end = m.start, m.end - 1
        return doc[start].idx, doc[end].idx + len(doc[end])

    def _standalone(self, start: int, end: int) -> bool:
        """The quotation fills its sentence(s): nothing but punctuation around it."""
        text = text_of(self.doc)
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start - 1]
        before = before[before.rfind(".") + 1:] if "." in before else before
        after_end = text.find("\n", end)
        after = text[end + 1:after_end if after_end >= 0 else len(text)]
        after = after.split(".")[0] if after.strip()[:1] not in ("“", '"') else ""
        return not before.strip(" “\"'") and not after.strip(" .,”\"'")

    def _continues(self, prev: tuple[Quote, int], q: Quote, start: int) -> bool:
        """'"…," he said. "…"': the second part of a split quotation, in the same paragraph."""
        p, frame_end = prev
        if q.speaker is not None and (q.speaker != p.speaker or q.cue is not None):
            return False
        if p.speaker is None:
            return False
        between = text_of(self.doc)[p.spans[-1][1]:start]
        if "\n" in between:
            return False
        return p.cue is not None and len(between) < 250 and between.strip(" \"“”,.") != ""

    def _attribute(self, start: int, end: int, span: SpacySpan) -> tuple[Speaker | None, Token | None]:
        doc = self.doc
        q_tokens = set(range(span.start, span.end))
        first_sent = sentence_of(doc[span.start])
        last_sent = sentence_of(doc[max(span.end - 1, span.start)])
        # a speech verb governing the quotation
        for t in [span.root, *span.root.ancestors]:
            if t.i in q_tokens:
                continue
            if self._is_speech(t) or t.lemma_.lower() in self.naming:
                speaker = self._subject_of(t)
                if speaker is not None:
                    return speaker, t
        # 1. after the closing mark, in the sentence where the quotation ends
        after = [t for t in last_sent if t.i >= span.end and t.idx >= end]
        after = [t for t in after if t.text not in ('"', "”", "»", "“")]
        if after and after[0].text in _DASHES and len(after) > 1:
            # '"…" — Vladimir Putin': a dash and the speaker's name
            speaker = self.resolver.resolve(after[1])
            if speaker is None:
                speaker = next((self.resolver.resolve(t) for t in after[1:6] if self.resolver.people.at(t.i)), None)
            if speaker is not None:
                return speaker, after[0]
        found = self._speech_in(after, q_tokens, prefer_first=True)
        if found:
            return found
        # 2. before the opening mark, in the sentence where it starts
        before = [t for t in first_sent if t.i < span.start and t.idx < start]
        # "according to X, "…""
        acc = self._according(before)
        if acc is not None:
            return acc
        found = self._speech_in(before, q_tokens, prefer_first=False)
        if found:
            return found
        # "X justified the strike: "…"": a quotation after a colon speaks for the clause's subject
        if before and doc[before[-1].i].text == ":" or (before and text_of(doc)[start - 3:start - 1].strip() == ":"):
            root = sentence_of(before[0]).root
            speaker = self._subject_of(root)
            if speaker is not None:
                return speaker, root
        return None, None

    def _speech_in(self, tokens: list[Token], q_tokens: set[int], prefer_first: bool):
        order = tokens if prefer_first else list(reversed(tokens))
        for t in order:
            if t.i in q_tokens or not self._is_speech(t):
                continue
            speaker = self._subject_of(t)
            if speaker is not None:
                return speaker, t
        return None

    def _is_speech(self, t: Token) -> bool:
        return t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in self.speech

    def _according(self, tokens: list[Token]):
        for t in tokens:
            if t.lower_ == "according" and t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "to":
                objs = [c for c in self.doc[t.i + 1].children if c.dep_ == "pobj"]
                if objs:
                    after = objs[0].right_edge.i + 1
                    if after + 1 < len(self.doc) and self.doc[after].text == "," and self.resolver.people.at(after + 1):
                        rec = self.resolver.people.at(after + 1)  # "According to the director, Dosim Satpayev, …"
                        return Speaker(rec.display, "person", rec.affiliation, after + 1), t
                    speaker = self.resolver.resolve(objs[0])
                    if speaker is not None:
                        return speaker, t
        return None

    def _subject_of(self, verb: Token, depth: int = 0) -> Speaker | None:
        if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_ in ("quote", "cite"):
            objs = [c for c in verb.head.head.children if c.dep_ == "dobj"]  # "quoted the guard as saying"
            if objs:
                return self.resolver.resolve(objs[0])
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not c.is_punct]
        agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent:  # "described by UN officials as …"
            return self.resolver.resolve(agent[0])
        if subj and subj[0].dep_ == "nsubj":
            return self.resolver.resolve(subj[0])
        # participles and conjoined verbs share the main verb's subject: "…, saying that …"
        if depth < 3 and verb.dep_ in ("advcl", "conj", "xcomp", "pcomp", "acl") and verb.head.pos_ in ("VERB", "AUX"):
            return self._subject_of(verb.head, depth + 1)
        if depth < 3 and verb.dep_ == "pcomp" and verb.head.head.pos_ == "VERB":
            return self._subject_of(verb.head.head, depth + 1)
        if depth == 0 and verb.dep_ in ("acl", "relcl") and sentence_of(verb).root.i != verb.i:
            # a misparsed speech verb ("Mitsotakis speaking to the think tank called it …"):
            # the sentence's subject is the best guess
            root = sentence_of(verb).root
            subj = [c for c in root.children if c.dep_ == "nsubj"]
            if subj and subj[0].i < verb.i:
                return self.resolver.resolve(subj[0])
        return None

    # -------------------------------------------------------------- reported
    def reported(self, direct: list[Quote]) -> list[Quote]:
        doc = self.doc
        quoted = [s for q in direct for s in q.spans]
        out: list[Quote] = []
        seen: set[tuple[int, int]] = set()
        for sent in sentences(doc):
            for t in sent:
                found = None
                if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                    found = self._reported_according(t)
                elif self._is_speech(t):
                    found = self._reported_verb(t)
                if not found:
                    continue
                speaker, (cs, ce) = found
                if ce - cs < 12 or (cs, ce) in seen:
                    continue
                overlap = sum(max(0, min(ce, qe) - max(cs, qs)) for qs, qe in quoted)
                if overlap > 0.5 * (ce - cs):
                    continue  # the statement is a direct quotation already
                if any(min(ce, e) - max(cs, s) > 0.5 * min(ce - cs, e - s) for s, e in seen):
                    continue  # the same statement, reached from another verb
                seen.add((cs, ce))
                text, span = evidence(doc, cs, ce)
                out.append(Quote(text=text, speaker=speaker.name, direct=False,
                                 speaker_type=speaker.kind, speaker_actor=speaker.actor, cue=t.text,
                                 span=span, spans=[span],
                                 speaker_span=self._span_of(speaker.token) if speaker.token >= 0 else None,
                                 cue_span=(t.idx, t.idx + len(t))))
        return out

    def _reported_verb(self, verb: Token):
        speaker = self._subject_of(verb)
        if speaker is None:
            return None
        comp = [c for c in verb.children if c.dep_ in ("ccomp",)]  # after, or before: "X, he said"
        if comp:
            c = comp[0]
            start = c.left_edge.i
            while start < c.i and self.doc[start].dep_ == "mark":
                start += 1
            return speaker, self._char_range(start, c.right_edge.i + 1)
        lemma = verb.lemma_.lower()
        if verb.dep_ == "parataxis" and verb.i > verb.head.i and not comp:
            # "Kyiv's allies have promised more air defence, he said": the clause before the comma
            head = verb.head
            start = head.left_edge.i
            end = verb.left_edge.i
            while end > start and self.doc[end - 1].is_punct:
                end -= 1
            if end - start >= 3:
                return speaker, self._char_range(start, end)
        if lemma not in self.object_verbs:
            return None
        objs = [c for c in verb.children if c.dep_ in ("dobj", "prep", "xcomp", "advcl") and c.i > verb.i]
        # "called on Baku and Yerevan to show restraint": the addressees are not the statement
        if any(o.dep_ in ("xcomp", "advcl") for o in objs):
            objs = [o for o in objs if not (o.dep_ == "prep" and o.lower_ in ("on", "upon"))]
        objs = [o for o in objs if o.dep_ != "advcl" or any(g.lower_ == "to" for g in o.children)]
        if objs and lemma not in ("say", "tell", "add", "report", "write"):
            first = objs[0]
            last = max(o.right_edge.i for o in objs)
            return speaker, self._char_range(first.left_edge.i, last + 1)
        return None

    def _reported_according(self, t: Token):
        doc = self.doc
        to = doc[t.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            return None
        speaker = self.resolver.resolve(objs[0])
        if speaker is None:
            return None
        sent = sentence_of(t)
        pp_end = max(objs[0].right_edge.i, to.i) + 1
        if pp_end < sent.end and doc[pp_end].text == ",":
            pp_end += 1
        named = self.resolver.people.at(pp_end) if pp_end < sent.end else None
        if named is not None:  # "According to the director of X, Dosim Satpayev, …"
            end_of_name = max(e for s, e in named.mentions if s <= pp_end < e)
            if end_of_name < sent.end and doc[end_of_name].text == ",":
                speaker = Speaker(named.display, "person", named.affiliation, pp_end)
                pp_end = end_of_name + 1
        if t.i == sent.start or (t.i - sent.start <= 2):
            start, end = pp_end, sent.end
        else:
            start, end = sent.start, t.i
        return speaker, self._char_range(start, end)

    def _char_range(self, start: int, end: int) -> tuple[int, int]:
        doc = self.doc
        if start >= len(doc):  # "… according to Russia" ends the text: nothing follows it
            return len(text_of(doc)), len(text_of(doc))
        end = min(end, sentence_of(doc[start]).end)  # never past the statement's own sentence
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        while start < end and (doc[start].is_punct or doc[start].lower_ in ("that",)):
            start += 1
        if end <= start:
            return (doc[start].idx, doc[start].idx)
        return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The quotation without surrounding spaces and a trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def extract(doc: Doc, people: PersonAnalysis, mentions: list[Mention], kb: KnowledgeBase) -> list[Quote]:
    """Direct quotations and reported statements, in text order."""
    finder = QuoteFinder(doc, people, mentions, kb)
    direct = finder.direct()
    reported = finder.reported(direct)
    return sorted(direct + reported, key=lambda q: q.span[0] if q.span else 0)
