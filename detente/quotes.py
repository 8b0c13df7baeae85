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

from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from .actors import Mention
from .kb import KnowledgeBase, fold
from .model import Quote
from .persons import PersonAnalysis, PersonRecord
from .quotemarks import find_quotations

_DASHES = {"—", "–", "-", "--"}


@dataclass
class Speaker:
    name: str  # a person's name or an actor id
    kind: str  # "person" | "actor"
    actor: str | None  # the actor the speaker stands for
    token: int  # where in the text the speaker was found


class _Resolver:
    """Resolves a subject token to the person or actor it stands for."""

    def __init__(self, doc: Doc, people: PersonAnalysis, mentions: list[Mention], kb: KnowledgeBase):
        self.doc = doc
        self.people = people
        self.kb = kb
        lex = kb.lexicon
        self.person_pronouns = set(lex.get("person_pronouns", []))
        self.inst_pronouns = set(lex.get("institution_pronouns", []))
        self.anaphors = set(lex.get("institution_anaphors", []))
        self.documents = set(lex.get("document_nouns", []))
        self.mention_at: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: m.end - m.start):  # institutions (longer) win
            for t in range(m.start, m.end):
                self.mention_at.setdefault(t, m)
        for m in mentions:
            if m.kind == "institution":
                for t in range(m.start, m.end):
                    self.mention_at[t] = m
        self.mentions = mentions
        self.roles = {}
        for rec in people.records:
            for word in fold(" ".join(filter(None, [rec.role, rec.office.role if rec.office else None]))).split():
                self.roles.setdefault(word, []).append(rec)
        self.last_speaker: Speaker | None = None
        self.last_document_author: Speaker | None = None

    # -------------------------------------------------------------- public
    def resolve(self, token: Token, depth: int = 0) -> Speaker | None:
        doc = self.doc
        if depth > 3:
            return None
        low = token.lower_
        if low in ("who", "which", "that") and token.head.dep_ == "relcl":
            return self.resolve(token.head.head, depth + 1)
        rec = self.people.at(token.i)
        if rec is not None:
            return self._person(rec, token.i)
        if low in self.person_pronouns:
            return self._pronoun_person(token)
        if low in ("they", "them", "we"):
            return self._plural(token)
        if low in ("it", "its"):
            return self._it(token)
        # a person named inside the subject phrase: "the Director of ..., Andrey Kazantsev"
        for t in token.subtree:
            if t.dep_ == "relcl":
                break
            rec = self.people.at(t.i)
            if rec is not None and (t.i == token.i or t.dep_ in ("appos", "compound", "conj", "nsubj", "pobj", "poss")):
                if _officials_of(token):  # "Obama administration officials": the person's state
                    return self._actor(rec.affiliation, token.i) if rec.affiliation else None
                return self._person(rec, t.i)
        lemma = token.lemma_.lower()
        at = self.mention_at.get(token.i)
        if token.tag_ in ("NN", "NNP") and (lemma in self.roles or low in self.roles) and (
                at is None or at.kind == "institution"):
            described = self._described_person(token)  # "a Ukrainian opposition leader said", "the president said"
            if described is not None:
                return described
        m = at
        if m is None:
            for t in token.children:
                if t.dep_ in ("amod", "compound", "poss", "nmod") and t.i in self.mention_at:
                    m = self.mention_at[t.i]
                    break
        if m is not None and m.type in ("state", "region", "igo", "group"):
            return self._actor(m.actor, token.i)
        if m is not None and m.type == "org" and m.kind != "institution":
            return Speaker(m.actor, "actor", None, token.i)
        if lemma in self.roles or low in self.roles:
            return self._described_person(token)
        if lemma in self.anaphors:
            return self._anaphor(token)
        if lemma in self.documents:
            return self._document_author(token)
        if token.dep_ == "conj" and depth < 3:
            return self.resolve(token.head, depth + 1)
        return None

    # -------------------------------------------------------------- cases
    def _person(self, rec: PersonRecord, at: int) -> Speaker:
        return Speaker(rec.display, "person", rec.affiliation, at)

    def _actor(self, actor: str | None, at: int) -> Speaker | None:
        return Speaker(actor, "actor", actor, at) if actor else None

    def _pronoun_person(self, token: Token) -> Speaker | None:
        """'he' / 'she': the nearest person before who was a subject (the salient one), else the nearest."""
        doc = self.doc
        window_start = doc[max(token.sent.start - 1, 0)].sent.start if token.sent.start > 0 else 0
        window_start = doc[max(window_start - 1, 0)].sent.start if window_start > 0 else 0
        nearest = subject = None
        for rec in self.people.records:
            for s, e in rec.mentions:
                if s >= token.i:
                    continue
                if nearest is None or s > nearest[0]:
                    nearest = (s, rec)
                root = doc[s:e].root
                is_subject = root.dep_ in ("nsubj", "nsubjpass") or (
                    root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"))
                if is_subject and s >= window_start and (subject is None or s > subject[0]):
                    subject = (s, rec)
        best = subject or nearest
        if best is None:
            return None
        return self._person(best[1], best[0])

    def _plural(self, token: Token) -> Speaker | None:
        """'they': the group last spoken of; a group of named officials speaks for its first member's state."""
        doc = self.doc
        sent_start = token.sent.start
        for sent in reversed(list(doc[:sent_start].sents)[-2:] + [doc[sent_start:token.i]]):
            for t in reversed(list(sent)):
                if t.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "conj" for c in t.children):
                    rec = self.people.at(t.i)
                    if rec is not None and rec.affiliation:
                        return self._actor(rec.affiliation, t.i)
                    m = self.mention_at.get(t.i)
                    if m is not None and m.type in ("state", "igo", "group", "region"):
                        return self._actor(m.actor, t.i)
        return self._it(token)

    def _it(self, token: Token) -> Speaker | None:
        """'it said': the institution that spoke last, else the one last named as a subject."""
        if self.last_speaker and self.last_speaker.kind == "actor" and token.i - self.last_speaker.token < 200:
            return Speaker(self.last_speaker.name, "actor", self.last_speaker.actor, token.i)
        doc = self.doc
        start = doc[max(token.sent.start - 1, 0)].sent.start
        for t in reversed(doc[start:token.i]):
            if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in self.inst_pronouns:
                m = self.mention_at.get(t.i) or next(
                    (self.mention_at[c.i] for c in t.children if c.i in self.mention_at), None)
                if m is not None and m.type in ("state", "region", "igo", "group"):
                    return Speaker(m.actor, "actor", m.actor, token.i)
        return None

    def _described_person(self, token: Token) -> Speaker | None:
        """'the president said' (someone already named), 'a Ukrainian opposition leader said' (named next)."""
        candidates = self.roles.get(token.lemma_.lower()) or self.roles.get(token.lower_) or []
        owners = {self.mention_at[c.i].actor for c in token.children
                  if c.dep_ in ("poss", "amod", "compound") and c.i in self.mention_at}
        if owners:  # "Azerbaijan's president": the president of that state
            candidates = [r for r in candidates if r.affiliation in owners]
        indefinite = any(c.lower_ in ("a", "an") for c in token.children)
        if indefinite:
            after = [(s, r) for r in candidates for s, _ in r.mentions if s > token.i]
            if after:
                s, rec = min(after, key=lambda x: x[0])
                if s - token.i < 120:
                    return self._person(rec, s)
            return None
        before = [(s, r) for r in candidates for s, _ in r.mentions if s < token.i]
        if before:
            s, rec = max(before, key=lambda x: x[0])
            return self._person(rec, s)
        return None

    def _anaphor(self, token: Token) -> Speaker | None:
        """'the service said': the institution of that kind named before."""
        lemma = token.lemma_.lower()
        best = None
        for m in self.mentions:
            if m.kind == "institution" and m.key == lemma and m.start < token.i:
                best = m
        if best is not None:
            return self._actor(best.actor, token.i)
        return None

    def _document_author(self, token: Token) -> Speaker | None:
        """'The resolution ... calls for': whoever passed or issued the resolution mentioned before."""
        lemma = token.lemma_.lower()
        found_author = None
        for t in reversed(self.doc[:token.i]):
            if t.lemma_.lower() == lemma and t.dep_ in ("dobj", "nsubjpass"):
                verb = t.head
                subj = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
                if t.dep_ == "nsubjpass":
                    subj = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                if subj:
                    found = self.resolve(subj[0], depth=2)
                    if found is not None and found.kind == "actor":
                        found_author = found
                break
        if found_author is None:
            found_author = self.last_document_author  # "The original draft called for …": the same body
        if found_author is not None:
            self.last_document_author = found_author
            return Speaker(found_author.name, "actor", found_author.actor, token.i)
        return None


def _officials_of(token: Token) -> bool:
    return token.lemma_.lower() in ("official", "administration", "government", "spokesman",
                                    "spokeswoman", "spokesperson", "aide", "adviser", "advisor")


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
        self.resolver = _Resolver(doc, people, mentions, kb)

    # -------------------------------------------------------------- direct
    def direct(self) -> list[Quote]:
        doc, text = self.doc, self.doc.text
        raw = find_quotations(text)
        quotes: list[Quote] = []
        prev: tuple[Quote, int] | None = None  # the last quote and the char offset where its frame ends
        for start, end in raw:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not span.text.strip():
                continue
            speaker, cue = self._attribute(start, end, span)
            content = _strip(text, start, end)
            n_words = len(text[content[0]:content[1]].split())
            if n_words <= self.scare_max and span.root.dep_ == "pobj" and span.root.head.lower_ in self.topic_preps:
                continue  # "commented on the 'trade war'": a topic, not the speaker's words
            if speaker is None:
                standalone = self._standalone(start, end)
                if standalone and prev is not None and prev[0].speaker and start - prev[1] < 600:
                    speaker = Speaker(prev[0].speaker, prev[0].speaker_type, prev[0].speaker_actor, -1)
                    cue = None
                elif n_words <= self.scare_max or not standalone:
                    continue  # a scare quote, a title or a term, not speech
            q = Quote(text=text[content[0]:content[1]], speaker=speaker.name if speaker else None, direct=True,
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
        t = self.doc[i]
        return t.idx, t.idx + len(t)

    def _standalone(self, start: int, end: int) -> bool:
        """The quotation fills its sentence(s): nothing but punctuation around it."""
        text = self.doc.text
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
        between = self.doc.text[p.spans[-1][1]:start]
        if "\n" in between:
            return False
        return p.cue is not None and len(between) < 250 and between.strip(" \"“”,.") != ""

    def _attribute(self, start: int, end: int, span: SpacySpan) -> tuple[Speaker | None, Token | None]:
        doc = self.doc
        q_tokens = set(range(span.start, span.end))
        first_sent = doc[span.start].sent
        last_sent = doc[max(span.end - 1, span.start)].sent
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
        # a speech verb governing the quotation
        for t in [span.root, *span.root.ancestors]:
            if t.i in q_tokens:
                continue
            if self._is_speech(t) or t.lemma_.lower() in self.naming:
                speaker = self._subject_of(t)
                if speaker is not None:
                    return speaker, t
        found = self._speech_in(before, q_tokens, prefer_first=False)
        if found:
            return found
        # "X justified the strike: "…"": a quotation after a colon speaks for the clause's subject
        if before and doc[before[-1].i].text == ":" or (before and doc.text[start - 3:start - 1].strip() == ":"):
            root = before[0].sent.root
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
        if depth == 0 and verb.dep_ in ("acl", "relcl") and verb.sent.root.i != verb.i:
            # a misparsed speech verb ("Mitsotakis speaking to the think tank called it …"):
            # the sentence's subject is the best guess
            root = verb.sent.root
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
        for sent in doc.sents:
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
                text = doc.text[cs:ce]
                out.append(Quote(text=" ".join(text.split()), speaker=speaker.name, direct=False,
                                 speaker_type=speaker.kind, speaker_actor=speaker.actor, cue=t.text,
                                 span=(cs, ce), spans=[(cs, ce)],
                                 speaker_span=self._span_of(speaker.token) if speaker.token >= 0 else None,
                                 cue_span=(t.idx, t.idx + len(t))))
        return out

    def _reported_verb(self, verb: Token):
        speaker = self._subject_of(verb)
        if speaker is None:
            return None
        comp = [c for c in verb.children if c.dep_ in ("ccomp",) and c.i > verb.i]
        if comp:
            c = comp[0]
            start = c.left_edge.i
            while start < c.i and self.doc[start].dep_ == "mark":
                start += 1
            return speaker, self._char_range(start, c.right_edge.i + 1)
        lemma = verb.lemma_.lower()
        objs = [c for c in verb.children if c.dep_ in ("dobj", "prep", "xcomp") and c.i > verb.i]
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
        sent = t.sent
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
