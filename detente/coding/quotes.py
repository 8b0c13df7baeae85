"""Quotes: direct quotations and reported statements, each with its speaker.

Direct quotations are found from the quotation marks (``quotemarks``) and
attributed from the parse around them:

- ``"…," X said`` / ``"…," said X`` / ``"…" — X``: the speech verb after the quotation;
- ``X said: "…"`` / ``X told reporters that "…"``: the speech verb governing it;
- ``According to X, "…"``;
- ``"…," Vitter demanded`` / ``"…!" exclaimed X``: any verb whose subject closes the quotation's
  clause (also when a ``?`` or ``!`` made spaCy end the sentence before the frame);
- ``X wrote:`` ending the paragraph before the quotation; ``Name, Outlet: "…"`` labels;
- a partial quotation inside a clause whose verb says, names or judges ("likened it to '…'");
- a quotation alone in its paragraph continues the previous speaker's quotation, or belongs to
  the speaker of the statement just before it in the same paragraph;
- a quotation split by "he said" is one quote.

A speaker the text only describes ("a spokesman for the company", "the daily") or names by a bare
surname is kept as written; a collective ("the leaders") speaks for the one international
organisation named around it. Titles ("Meet the Press") and terms that modify a noun ('a "phase
one" deal') are not quotations.

Reported statements (``direct=False``): ``X said that …``, ``according to X, …``,
``X stressed the need for …``. Speakers resolve to a person, to an actor when an
institution speaks ("the Ukrainian border service said"), and through pronouns
("According to him"), definite descriptions ("the president said", "the service
said") and relative pronouns ("Glyazev, who said that …").

    >>> [(q.speaker, q.text) for q in extract(doc_of('"This will never happen," Ravkov said.'), ...)]
    [('Andrei Ravkov', 'This will never happen')]
"""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from .docutil import evidence, sentence_index, sentence_of, sentences, source_text, text_of
from .context import DocumentContext
from .coref import Speaker
from ..kb import fold
from ..model import Quote
from .quotemarks import find_quotations, find_single_quotations

_DASHES = {"—", "–", "-", "--", "―"}
_OWNER_PREPS = {"of", "for", "at", "from", "with"}
_MARKS = {'"', "”", "»", "“", "''", "’", "„"}


# ------------------------------------------------------------------ attribution

class QuoteFinder:
    def __init__(self, ctx: DocumentContext):
        doc, kb = ctx.doc, ctx.kb
        self.doc = doc
        self.kb = kb
        lex = kb.lexicon
        self.speech = set(lex.get("speech_verbs", []))
        self.naming = set(lex.get("naming_verbs", []))
        self.scare_max = int(lex.get("scare_quote_max_words", 4))
        self.topic_preps = set(lex.get("topic_prepositions", []))
        self.object_verbs = set(lex.get("statement_object_verbs", []))
        self.view_verbs = self.speech | self.naming | set(lex.get("view_verbs", []))
        self.collective_nouns = set(lex.get("collective_speaker_nouns", []))
        self.thought = set(lex.get("thought_verbs", []))
        self.talk = set(lex.get("talk_verbs", []))
        self.conditional = set(lex.get("conditional_marks", []))
        self.question_verbs = set(lex.get("question_verbs", []))
        self.pair_nouns = set(lex.get("pair_nouns", []))
        self.title_words = {w for title in kb.roles for w in title.split()} | {
            fold(h.rstrip(".")) for h in lex.get("honorifics", [])}
        # a speaker named by surname only is the person named in full before
        self.resolver = ctx.resolver.for_stage(surnames=True)
        self.quoted: set[int] = set()  # tokens of the quotation being attributed
        self.governed = False  # whether a speech or naming verb governs it
        self.raw: list[tuple[int, int]] = []  # every quotation's character span

    # -------------------------------------------------------------- direct
    def direct(self) -> list[Quote]:
        doc, text = self.doc, text_of(self.doc)
        raw = find_quotations(text)
        single = set(find_single_quotations(text, raw))
        raw = sorted(raw + list(single))
        self.raw = self.resolver.quoted_chars = raw
        quotes: list[Quote] = []
        prev: tuple[Quote, int] | None = None  # the last quote and the char offset where its frame ends
        for start, end in raw:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not span.text.strip():
                continue
            speaker, cue = self._attribute(start, end, span)
            outer = next((q for q in quotes if q.speaker and q.span[0] < start and end <= q.span[1]), None)
            if outer is not None:  # a quotation inside a quotation: the one quoting it speaks it
                speaker, cue = Speaker(outer.speaker, outer.speaker_type, outer.speaker_actor, -1), None
            content = _strip(text, start, end)
            if content[0] == content[1]:
                continue  # only commas and spaces between the marks: nothing was said
            n_words = len(text[content[0]:content[1]].split())
            if n_words <= self.scare_max and span.root.dep_ == "pobj" and span.root.head.lower_ in self.topic_preps:
                continue  # "commented on the 'trade war'": a topic, not the speaker's words
            if (_term(span) or _title_like(span)) and not self._standalone(start, end):
                continue  # 'a "phase one" deal', 'a "skinny" deal': a name or term modifying a noun
            if speaker is None and (start, end) in single:
                continue  # a word in single marks, or an apostrophe: quoted speech needs a speaker
            if speaker is None:
                standalone = self._standalone(start, end)
                found = self._paragraph_speaker(start, span) if standalone else None
                if found is not None and prev is not None and prev[0].speaker == found[0].name \
                        and start - prev[1] < 600:
                    found = None  # the same speaker goes on: a continuation of the quotation before
                if found is not None:
                    speaker, cue = found
                elif standalone and prev is not None and prev[0].speaker and start - prev[1] < 600:
                    speaker = Speaker(prev[0].speaker, prev[0].speaker_type, prev[0].speaker_actor, -1)
                    cue = None
                elif self.governed:
                    pass  # someone unnamed says or calls it ("what it calls '…'"): a quotation all the same
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
        self.quoted = set()
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

    def _paragraph_speaker(self, start: int, span: SpacySpan):
        """'…, Schiff said. "…"': a quotation standing as its own sentence after a statement in the same
        paragraph is that statement's speaker's; so is one after a sentence about a named person."""
        doc, text = self.doc, text_of(self.doc)
        para_start = text.rfind("\n", 0, start) + 1
        if not text[para_start:start].strip(" \"“'"):
            return None
        k = sentence_index(doc[span.start])
        prev = sentences(doc)[k - 1] if k > 0 else None
        if prev is None or prev.start_char < para_start or prev.end > span.start:
            return None
        found = self._speech_in([t for t in prev if t.i < span.start], self.quoted, prefer_first=False)
        if found:
            return found
        subj = [c for c in prev.root.children if c.dep_ == "nsubj" and not self._inside_quotation(c)]
        if subj:
            named = self.resolver.resolve(subj[0])
            if named is not None and named.kind == "person":
                return named, None
        return None

    def _inside_quotation(self, token: Token) -> bool:
        return any(s <= token.idx < e for s, e in self.raw)

    def _continues(self, prev: tuple[Quote, int], q: Quote, start: int) -> bool:
        """'"…," he said. "…"': the second part of a split quotation, in the same paragraph."""
        p, frame_end = prev
        same_frame = q.cue_span is not None and q.cue_span == p.cue_span and \
            p.spans[-1][1] <= q.cue_span[0] < start  # '"…," he said, "…"': the frame between the pieces
        if q.speaker is not None and (q.speaker != p.speaker or (q.cue is not None and not same_frame)):
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
        self.quoted = q_tokens  # a name inside the quotation never speaks it
        first_sent = sentence_of(doc[span.start])
        named = self._name_before_dashes(start, self._after(end, span))
        if named is not None:
            return named, None
        # a speech verb governing the quotation: a named speaker first, up the whole chain
        # ("Holm said the advertisement 'suggests' …" is Holm's), else the nearest described one
        governing = [t for t in [span.root, *span.root.ancestors] if t.i not in q_tokens
                     and (self._is_speech(t) or t.lemma_.lower() in self.naming or self._talks(t))]
        self.governed = bool(governing)
        if governing and governing[0].lemma_.lower() in self.thought:  # "X said, most people believe '…'"
            governing += [t for t in first_sent if t.dep_ == "parataxis" and t.i not in q_tokens
                          and self._is_speech(t) and t.lemma_.lower() not in self.thought]
        # a verb of thought under a verb of speech does not speak: the reporter does
        governing = [t for k, t in enumerate(governing) if t.lemma_.lower() not in self.thought
                     or not any(self._is_speech(u) and u.lemma_.lower() not in self.thought for u in governing[k + 1:])]
        weak = None  # a pronoun's antecedent: taken only when no verb up the chain has a named subject
        for describe in (False, True):
            for t in governing:
                speaker = self._subject_of(t, describe=describe)
                if speaker is None:
                    continue
                if _pronoun_subject(t) and not describe:
                    weak = weak or (speaker, t)
                    continue
                return speaker, t
            if weak is not None:
                return weak
            if not describe:  # a named speaker of a nearer speech verb before the quotation beats a
                # described subject further up ("The spot concludes with footage of Trump saying, '…'")
                found = self._speech_in([t for t in first_sent if t.i < span.start and t.idx < start
                                         and t.i > (governing[0].i if governing else -1)], q_tokens, False, False)
                if found and governing:
                    return found
        # 1. after the closing mark, to the end of the clause that follows it
        after = self._after(end, span)
        dash = self._dash_name(end, after)
        if dash is not None:
            return dash
        found = self._speech_in(after, q_tokens, prefer_first=True)
        if found:
            return found
        found = self._frame_after(end, after, q_tokens)
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
        # "X justified the strike: "…"": a quotation after a colon speaks for the clause's subject;
        # "He wrote:" closing the paragraph before speaks for the quotation that opens the next one
        colon = self._colon_before(start, before)
        if colon is not None:
            root = sentence_of(colon).root
            speaker = self._speech_in([t for t in sentence_of(colon) if t.i < colon.i], q_tokens, False)
            if speaker:
                return speaker
            speaker = self._subject_of(root, describe=True)
            if speaker is not None:
                return speaker, root
            label = self._label(colon)
            if label is not None:
                return label, None
        # a partial quotation inside a clause: "Reid has gone after Trump as a 'human leech'"
        return self._clause_subject(span, q_tokens), None

    def _after(self, end: int, span: SpacySpan) -> list[Token]:
        """Tokens after the closing mark to the end of their sentence; a '?' or '!' closing the
        quotation ends spaCy's sentence, so the frame then lies in the next one ('"…?" he asked')."""
        doc, text = self.doc, text_of(self.doc)
        last_sent = sentence_of(doc[max(span.end - 1, span.start)])
        nxt = next((t for t in doc[span.end:span.end + 4] if t.idx >= end and t.text not in _MARKS), None)
        if nxt is None or "\n" in text[end:nxt.idx]:
            return []
        sent = sentence_of(nxt)
        dash = (text[end:nxt.idx] + nxt.text).strip(" ”\"’'")[:1] in _DASHES  # '…”― Name': glued to the mark
        if sent.start != last_sent.start and not (nxt.text[:1].islower() or nxt.text in _DASHES or dash
                                                  or text[end - 1:end] in ("?", "!", ",")):
            return []
        tokens = [t for t in sent if t.i >= nxt.i]
        if dash and len(tokens) == 1 and sent.end < len(doc) and "\n" not in text[nxt.idx:doc[sent.end].idx]:
            tokens += list(sentence_of(doc[sent.end]))  # spaCy ended the sentence at the dash
        return tokens

    def _name_before_dashes(self, start: int, after: list[Token]) -> Speaker | None:
        """'including Mitt Romney -- "…" -- and Fred Goldberg': a quotation set off by dashes right
        after a person's name is that person's."""
        text = text_of(self.doc)
        head = text[:start].rstrip(" \"“'‘„«")
        if not head or head[-1] not in "—–-―" or not after or after[0].text not in _DASHES:
            return None
        head = head.rstrip("—–-― ")
        span = self.doc.char_span(len(head) - 1, len(head), alignment_mode="expand")
        if span is None or self.resolver.people.at(span[-1].i) is None:
            return None
        return self.resolver.resolve(span[-1])

    def _dash_name(self, end: int, after: list[Token]):
        """'"…" — Vladimir Putin': a dash and the speaker's name (an unknown name is read as written)."""
        if not after:
            return None
        if not (after[0].text in _DASHES or after[0].text.lstrip("”\"’'")[:1] in _DASHES):
            return None
        names = after[1:6]
        speaker = self.resolver.resolve(after[1]) if len(after) > 1 else None
        if speaker is None:
            speaker = next((self.resolver.resolve(t) for t in names if self.resolver.people.at(t.i)), None)
        if speaker is None:
            run = []
            for t in names:
                if not (t.text[:1].isupper() or (run and t.text == ".")) or t.is_sent_start and run:
                    break
                run.append(t)
            if run and any(t.pos_ == "PROPN" for t in run) and all(t.i not in self.resolver.mention_at for t in run):
                speaker = Speaker(self.doc[run[0].i:run[-1].i + 1].text.rstrip(". "), "person", None, run[0].i)
        return (speaker, after[0]) if speaker is not None else None

    def _frame_after(self, end: int, after: list[Token], q_tokens: set[int]):
        """'"…," Vitter demanded' / '"…!" exclaimed the senator': a subject and any verb closing the
        clause the quotation opens, the verb-agnostic frame of reported speech."""
        text = text_of(self.doc)
        gap = text[end:end + 3].lstrip("\"”»’' ")
        if not (text[end - 1:end] in (",", "?", "!") or gap[:1] == ","):
            return None
        words = [t for t in after if not t.is_punct][:7]
        for k, verb in enumerate(words):
            if verb.pos_ not in ("VERB", "AUX") or verb.i in q_tokens:
                continue
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not c.is_punct]
            if not subj:
                # a misparsed frame ('"…," Tulsa police Chief Chuck Jordan said'): the person named
                # between the quotation and the verb
                named = [t for t in words[:k] if self.resolver.people.at(t.i) is not None]
                if named:
                    return self.resolver.resolve(named[-1]), verb
                continue  # a name misread as a verb ("Tulsa"): look further
            s = subj[0]
            before_verb = words[:k]
            if s.i > verb.i:  # inverted: the verb first, its subject right after ('exclaimed X')
                if k != 0:
                    break
            elif any(t.i not in {x.i for x in s.subtree} and t.dep_ not in ("advmod", "aux", "neg")
                     for t in before_verb):
                break
            speaker = self.resolver.resolve(s) or self._described(s)
            if speaker is not None:
                return speaker, verb
            break
        return None

    def _colon_before(self, start: int, before: list[Token]) -> Token | None:
        """The colon introducing the quotation: in its sentence, or ending the paragraph before."""
        doc, text = self.doc, text_of(self.doc)
        before = [t for t in before if t.text not in _MARKS and not t.is_space]
        if before and before[-1].text == ":":
            return before[-1]
        if before and text[start - 3:start - 1].strip() == ":":
            return next((t for t in reversed(before) if t.text == ":"), None)
        if before:
            return None
        head = text[:start].rstrip(" \"“„«'\n\t")
        if not head.endswith(":") or not text[len(head):start].count("\n"):
            return None
        colon = doc.char_span(len(head) - 1, len(head), alignment_mode="expand")
        return colon[-1] if colon is not None and colon[-1].text.endswith(":") else None

    def _label(self, colon: Token) -> Speaker | None:
        """'Name, Outlet: "…"' or 'WALLACE: …': a short name label before the colon."""
        sent = sentence_of(colon)
        head = [t for t in sent if t.i < colon.i]
        if not 1 <= len(head) <= 8 or not head[0].text[:1].isupper():
            return None
        name_end = next((t.i for t in head if t.text == ","), colon.i)
        speaker = self.resolver.resolve(self.doc[head[0].i:name_end].root)
        if speaker is not None:
            return speaker
        toks = self.doc[head[0].i:name_end]
        if all(t.text[:1].isupper() or t.text == "." for t in toks) and any(t.pos_ == "PROPN" for t in toks):
            return Speaker(toks.text, "person", None, toks.start)
        return None

    def _collective(self, token: Token) -> Speaker | None:
        """'the leaders said in a declaration' at a NATO summit: the organisation they speak for."""
        if token.lemma_.lower() not in self.collective_nouns or token.i in self.quoted:
            return None
        body = self._nearby_igo(token)
        return Speaker(body, "actor", body, token.i) if body is not None else None

    def _nearby_igo(self, token: Token) -> str | None:
        """The one international organisation named in this sentence, the two before or the next."""
        k = sentence_index(token)
        sents = sentences(self.doc)
        lo, hi = sents[max(k - 2, 0)].start, sents[min(k + 1, len(sents) - 1)].end
        found = {m.actor for m in self.resolver.mentions if lo <= m.start < hi and m.type == "igo"}
        return found.pop() if len(found) == 1 else None

    def _clause_subject(self, span: SpacySpan, q_tokens: set[int]) -> Speaker | None:
        """The subject of the clause that holds a partial quotation, when its verb expresses a view
        ("likened the rules to '…'", "admires him as a '…'"); never for a title or a name."""
        if _title_like(span):
            return None
        for t in span.root.ancestors:
            if t.i in q_tokens:
                continue
            if t.pos_ in ("VERB", "AUX"):
                if t.lemma_.lower() not in self.view_verbs:
                    return None
                return self._subject_of(t, describe=True)
        return None

    def _described(self, token: Token) -> Speaker | None:
        """A speaker the text names only by a description or a bare name the persons stage did not
        take: "a spokesman for Disney" (Disney), "the daily", "Podesta". Pronouns stay unresolved."""
        if token.pos_ not in ("NOUN", "PROPN") or token.i in self.quoted or token.lower_ in self.resolver.person_pronouns:
            return None
        phrase = [t for t in token.subtree if t.i <= token.i or t.dep_ in ("prep", "pobj", "compound", "amod")]
        if any(t.i in self.quoted for t in phrase):
            return None
        collective = self._collective(token)
        if collective is not None:
            return collective
        for t in phrase:
            m = self.resolver.mention_at.get(t.i)
            if m is not None and m.type in ("state", "region", "igo", "group", "org"):
                acting = m.type != "org"
                return Speaker(m.actor, "actor", m.actor if acting else None, token.i)
        first, last = token.left_edge.i, token.i
        for t in token.rights:  # "a spokesman for the campaign", not "the leaders in a declaration"
            if t.i == last + 1 and (t.dep_ == "compound" or t.lower_ in _OWNER_PREPS):
                # to the end of the owner's name, not through its apposition ("…, a division of …")
                aside = {y.i for x in t.subtree if x.dep_ == "appos" for y in x.subtree}
                last = max(x.i for x in t.subtree if not x.is_punct and x.i not in aside)
        words = self.doc[first:last + 1]
        if len(words) > 8 or "\n" in words.text:
            return None
        phrase_text = words.text.strip(" ,\"'<>“”")
        if token.pos_ == "PROPN" and token.text[:1].isupper():
            name = [t for t in words if t.i <= token.i]
            while len(name) > 1 and (fold(name[0].text.rstrip(".")) in self.title_words
                                     or name[0].i in self.resolver.mention_at):
                name = name[1:]  # "Charlotte Mayor Jennifer Roberts" is Jennifer Roberts
            return Speaker(self.doc[name[0].i:name[-1].i + 1].text, "person", None, token.i)
        return Speaker(phrase_text, "description", None, token.i)

    def _speech_in(self, tokens: list[Token], q_tokens: set[int], prefer_first: bool, describe: bool = True):
        order = tokens if prefer_first else list(reversed(tokens))
        for t in order:
            if t.i in q_tokens or not self._is_speech(t):
                continue
            speaker = self._subject_of(t, describe=describe)
            if speaker is not None:
                return speaker, t
        return None

    def _talks(self, t: Token) -> bool:
        """'talked about', 'went on about': a verb of talking, phrasal ones with their particle."""
        lemma = t.lemma_.lower()
        return t.pos_ == "VERB" and (lemma in self.talk or any(
            c.dep_ == "prt" and f"{lemma} {c.lower_}" in self.talk for c in t.children))

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

    def _subject_of(self, verb: Token, depth: int = 0, describe: bool = False) -> Speaker | None:
        """The speaker of a speech verb; with ``describe``, an unresolved subject is kept as written
        (direct quotations need a speaker phrase, reported speech a named one)."""
        if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_ in ("quote", "cite"):
            objs = [c for c in verb.head.head.children if c.dep_ == "dobj"]  # "quoted the guard as saying"
            if objs:
                return self.resolver.resolve(objs[0])
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not c.is_punct]
        if not subj:  # "Kenya had earlier accused …": the subject hung on the auxiliary
            subj = [g for c in verb.children if c.dep_ == "aux" for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
        # two subjects from a misparse ("Tulsa police Chief Chuck Jordan said"): the one naming a person
        subj.sort(key=lambda c: not any(self.resolver.people.at(x.i) for x in c.subtree))
        agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent:  # "described by UN officials as …"
            return self.resolver.resolve(agent[0])
        if subj and (subj[0].i in self.quoted or self._inside_quotation(subj[0])):
            return None  # a name inside a quotation never speaks it
        if subj and subj[0].dep_ == "nsubj":
            found = self.resolver.resolve(subj[0]) or self._collective(subj[0])
            return found if found is not None or not describe else self._described(subj[0])
        head = verb.head
        before = self.doc[verb.i - 1] if verb.i > 0 else None
        if verb.tag_ == "VBG" and before is not None and before.dep_ == "pobj" and self.resolver.people.at(before.i):
            return self.resolver.resolve(before)  # "footage of Clinton asking, '…'": Clinton asks
        if verb.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ == "NOUN" and verb.i == head.i + 1:
            # "The original draft called for '…'" misread as one noun phrase: the noun is the subject
            found = self.resolver.resolve(head) or self._collective(head)
            return found if found is not None or not describe else self._described(head)
        if verb.dep_ == "conj" and head.dep_ == "ccomp" and self._is_speech(verb) and self._is_speech(head.head):
            # "Ankara said the deal was X and accused Y of …": a reporting verb joined to the reported
            # clause is the reporter's
            return self._subject_of(head.head, depth + 1, describe)
        # participles and conjoined verbs share the main verb's subject: "…, saying that …"
        if depth < 3 and verb.dep_ in ("advcl", "conj", "xcomp", "pcomp", "acl") and verb.head.pos_ in ("VERB", "AUX"):
            return self._subject_of(verb.head, depth + 1, describe)
        if depth < 3 and verb.dep_ == "pcomp" and verb.head.head.pos_ == "VERB":
            return self._subject_of(verb.head.head, depth + 1, describe)
        if verb.tag_ == "VBG" and verb.i > 0 and self.resolver.people.at(verb.i - 1) is not None:
            return self.resolver.resolve(self.doc[verb.i - 1])  # "footage of Clinton asking, '…'"
        if depth == 0 and verb.dep_ in ("acl", "relcl") and sentence_of(verb).root.i != verb.i \
                and verb.head.lemma_.lower() not in self.resolver.documents:  # "vetoed a resolution calling
            # for …": the resolution calls, not the subject of the sentence
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
                if self._labels_a_quotation(t, cs, ce, quoted):
                    continue  # "described the strikes as 'regrettable'": the quotation is the statement
                if any(min(ce, e) - max(cs, s) > 0.5 * min(ce - cs, e - s) for s, e in seen):
                    continue  # the same statement, reached from another verb
                seen.add((cs, ce))
                text, span = evidence(doc, cs, ce)
                speakers = [speaker] + (self._co_speakers(t) if t.lower_ != "according" else [])
                for k, sp in enumerate(speakers):
                    if sp.name in [x.name for x in speakers[:k]]:
                        continue
                    out.append(Quote(text=text, speaker=sp.name, direct=False,
                                     speaker_type=sp.kind, speaker_actor=sp.actor, cue=t.text,
                                     span=span, spans=[span],
                                     speaker_span=self._span_of(sp.token) if sp.token >= 0 else None,
                                     cue_span=(t.idx, t.idx + len(t))))
        return out

    def _co_speakers(self, verb: Token) -> list[Speaker]:
        """Every party of a joint statement: "The EU and NATO called for restraint", "the two
        countries announced they agreed to …" (the two states named together before)."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and not self._inside_quotation(c)), None)
        if subj is None:
            return []
        found = [self.resolver.resolve(c) for c in subj.conjuncts]
        count, _ = self.resolver.counted(subj)
        if count and subj.lemma_.lower() in self.pair_nouns:
            group = self.resolver.pair(subj, self.pair_nouns) if count == 2 else []
            found += [Speaker(a, "actor", a, i) for a, i in group or self.resolver.named_together(subj, count)]
        return [sp for sp in found if sp is not None]

    def _labels_a_quotation(self, verb: Token, cs: int, ce: int, quoted: list[tuple[int, int]]) -> bool:
        """A naming verb's object and the quoted label it gets ("condemned the strikes as an 'act of
        war'"): nothing is reported beyond the direct quotation that ends it."""
        text = text_of(self.doc)
        for qs, qe in quoted:
            if cs <= qs <= qe <= ce and len(text[qe:ce].split()) <= 3:
                head = text[cs:qs].strip(" \"“'‘").split()
                naming = verb.lemma_.lower() in self.naming or "as" in [w.lower() for w in head[-3:]]
                return naming and len(head) <= 8
        return False

    def _reported_verb(self, verb: Token):
        if verb.head.lemma_.lower() in self.question_verbs and any(
                c.dep_ == "mark" and c.lower_ in self.conditional for c in verb.children):
            return None  # "asked if he thought that …": a question, not a statement
        if verb.lemma_.lower() in self.naming and any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in verb.children):
            return None  # "what they called a ceasefire": a name given inside a noun phrase
        speaker = self._subject_of(verb) or self._named_subject(verb) or next(iter(self._co_speakers(verb)), None)
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

    def _actor_in(self, token: Token) -> Speaker | None:
        """'according to reports from the ministry of internal affairs of Belarus': the first state,
        organisation or group named inside the source phrase."""
        for t in token.subtree:
            m = self.resolver.mention_at.get(t.i)
            if m is not None and m.type in ("state", "region", "igo", "group"):
                return Speaker(m.actor, "actor", m.actor, t.i)
        return None

    def _named_subject(self, verb: Token) -> Speaker | None:
        """'Business Insider reported that …': a subject the NER names (an organisation or a person the
        persons stage did not keep) is a named speaker as written."""
        subj = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN" and c.ent_type_ in ("ORG", "PERSON")
                and not self._inside_quotation(c)]
        if not subj:
            return None
        ent = next((e for e in self.doc.ents if e.start <= subj[0].i < e.end), None)
        if ent is None or len(ent) > 6:
            return None
        return Speaker(ent.text, "person" if ent.label_ == "PERSON" else "actor", None, subj[0].i)

    def _reported_according(self, t: Token):
        doc = self.doc
        to = doc[t.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            return None
        speaker = self.resolver.resolve(objs[0]) or self._actor_in(objs[0])
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


def _pronoun_subject(verb: Token) -> bool:
    return any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in verb.children)


def _term(span: SpacySpan) -> bool:
    """The quotation only modifies a noun outside it ('the "phase one" deal')."""
    root = span.root
    return (len(span) <= 4 and root.dep_ in ("compound", "amod", "nmod", "nummod") and root.head.i >= span.end
            and root.head.pos_ in ("NOUN", "PROPN"))


def _title_like(span: SpacySpan) -> bool:
    """'Meet the Press', 'Game of Thrones', 'American Skin': every word capitalised but the small ones."""
    words = [t for t in span if t.is_alpha]
    if not words or len(words) > 10 or span.text.rstrip()[-1:] in ".?!":
        return False
    content = [t for t in words if not t.is_stop or t.i == words[0].i]
    return words[0].text[:1].isupper() and all(t.text[:1].isupper() for t in content) and \
        (len(words) > 1 or not words[0].is_sent_start) and any(not t.is_stop for t in words)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The quotation without surrounding spaces and a trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def extract(ctx: DocumentContext) -> list[Quote]:
    """Direct quotations and reported statements, in text order."""
    finder = QuoteFinder(ctx)
    direct = finder.direct()
    reported = finder.reported(direct)
    return sorted(direct + reported, key=lambda q: q.span[0] if q.span else 0)
