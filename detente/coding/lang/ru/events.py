"""CAMEO events in a Russian Doc, from the patterns of ``kb/ru/events.yaml`` over UD syntax.

A trigger is a verb or noun lemma with patterns; the source is the verb's subject (an official
acts for his state; "он" is the person last named as a subject), for a passive or a participle
the instrumental agent, for a noun trigger the subject of the verb it depends on; the target is
found along the pattern's dependency paths. Coordination gives one event per pair
("обвинил Россию, Казахстан и США" -> three). "не" on the trigger negates it, "если" makes it
hypothetical: neither counts.

    >>> [(e.source, e.target, e.cameo) for e in code_events(parse("Турция поддерживает Азербайджан."), ...)]
    [('TUR', 'AZE', '051')]
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...actors import ACTOR_TYPES, Mention
from ....model import Event
from .dates import event_date
from .kb import RuKnowledge
from .persons import People

_PREP_FORMS = {"со": "с", "во": "в", "ко": "к", "обо": "о", "подо": "под"}
_UD_SUBTYPES = {"pass", "name", "relcl", "agent", "poss", "tmod", "npmod"}


@dataclass
class Party:
    actor: str
    token: Token
    person: str | None = None


class _Finder:
    def __init__(self, doc: Doc, people: People, mentions: list[Mention], ru: RuKnowledge) -> None:
        self.doc, self.people, self.ru = doc, people, ru
        self.mention_at: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: m.end - m.start):  # the longest (institution) wins
            for i in range(m.start, m.end):
                self.mention_at[i] = m
        self.pronouns = set(ru.lexicon.get("person_pronouns", []))
        self.we = set(ru.lexicon.get("we_pronouns", []))
        self.quoted: list[tuple[int, int, str]] = []  # direct quotations and their speaker's actor

    def speaking_for(self, tok: Token) -> str | None:
        """The actor "мы" stands for inside a quotation: the speaker's."""
        for s, e, actor in self.quoted:
            if s <= tok.idx < e:
                return actor
        return None

    def parties(self, tok: Token, places: bool = False) -> list[Party]:
        """The actors a noun phrase stands for, one per coordinated member."""
        out: list[Party] = []
        for t in [tok, *tok.conjuncts]:
            party = self._one(t, places, 0)
            if party and all(p.actor != party.actor for p in out):
                out.append(party)
        return out

    def _one(self, tok: Token, places: bool, depth: int) -> Party | None:
        person = self.people.at.get(tok.i)
        if person is None and tok.lemma_ in self.pronouns and tok.pos_ == "PRON":
            person = self.people.before(tok.i, subject=True) or self.people.before(tok.i)
        if person is not None and person.affiliation:
            return Party(person.affiliation, tok, person.name)
        if tok.lemma_ in self.we and self.speaking_for(tok):
            return Party(self.speaking_for(tok), tok)
        m = self.mention_at.get(tok.i)
        if m is not None and m.type in ACTOR_TYPES and (m.acts or places):
            return Party(m.actor, tok)
        if depth >= 2:
            return None
        for child in tok.children:
            if child.dep_ in ("amod", "appos", "flat:name", "flat") or (child.dep_ == "nmod" and not _prep(child)):
                party = self._one(child, places, depth + 1)
                if party:
                    return party
        return None

    def subject(self, verb: Token) -> Token | None:
        for _ in range(3):
            subj = [c for c in verb.children if c.dep_ == "nsubj"]
            if subj:
                return subj[0]
            if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
                verb = verb.head
            else:
                break
        return None


def _prep(tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ == "case":
            return _PREP_FORMS.get(c.lemma_, c.lemma_)
    return None


def _step(tok: Token, step: str) -> list[Token]:
    if step == "acc":
        return [t for t in tok.subtree if t.i != tok.i and "Acc" in t.morph.get("Case") and _prep(t) is None
                and t.dep_ not in ("ccomp", "advcl", "acl", "acl:relcl", "parataxis")]
    if step == "head":
        return [tok.head] if tok.head.i != tok.i else []
    dep, _, prep = step.partition(":")
    if prep in _UD_SUBTYPES:
        return [c for c in tok.children if c.dep_ == step]
    out = []
    for c in tok.children:
        if c.dep_.split(":")[0] != dep:
            continue
        if prep == "-" and _prep(c) is not None:
            continue
        if prep and prep != "-" and _prep(c) != prep:
            continue
        out.append(c)
    return out


def _follow(tok: Token, path: str) -> list[Token]:
    current = [tok]
    for step in path.split("/"):
        current = [n for t in current for n in _step(t, step)]
    return current


def _is_passive(tok: Token) -> bool:
    return "Pass" in tok.morph.get("Voice") or (tok.dep_ in ("amod", "acl") and "Part" in tok.morph.get("VerbForm"))


def _negated(tok: Token) -> bool:
    for t in (tok, tok.head if tok.dep_ == "xcomp" else None):
        if t is not None and any(c.lower_ == "не" for c in t.children if c.dep_ == "advmod"):
            return True
    return False


def _hypothetical(tok: Token) -> bool:
    for t in (tok, tok.head):
        if any(c.lower_ in ("если", "чтобы") for c in t.children if c.dep_ == "mark"):
            return True
    return False


def code_events(doc: Doc, people: People, mentions: list[Mention], ru: RuKnowledge, date: str | None,
                quotes=()) -> list[Event]:
    f = _Finder(doc, people, mentions, ru)
    f.quoted = [(s, e, q.speaker_actor) for q in quotes if q.direct and q.speaker_actor for s, e in q.spans]
    verbs = ru.events.get("verbs", {})
    nouns = ru.events.get("nouns", {})
    events: list[Event] = []
    seen: set[tuple] = set()
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX"):
            patterns = verbs.get(tok.lemma_, [])
        elif tok.pos_ == "NOUN":
            patterns = nouns.get(tok.lemma_, [])
        else:
            continue
        for pat in patterns:
            coded = _apply(f, tok, pat, ru, date)
            if not coded:
                continue
            for e in coded:
                key = (e.source, e.target, e.base, e.span)
                if key not in seen:
                    seen.add(key)
                    events.append(e)
            break
    return _drop_noun_echoes(events)


def _sources(f: _Finder, tok: Token) -> list[Party]:
    if tok.pos_ == "NOUN":
        head = tok.head
        while head.i != head.head.i and head.pos_ not in ("VERB",) and head.i != tok.i:
            head = head.head
        if head.pos_ == "VERB":
            subj = f.subject(head)
            if subj is not None:
                found = f.parties(subj)
                if found:
                    return found
        for c in tok.children:
            if c.dep_ == "amod" or (c.dep_ == "nmod" and not _prep(c)):
                found = f.parties(c)
                if found:
                    return found
        return []
    if _is_passive(tok):
        agents = [c for c in tok.children if c.dep_.startswith("obl") and _prep(c) is None
                  and "Ins" in c.morph.get("Case")]
        return [p for a in agents for p in f.parties(a)]
    subj = f.subject(tok)
    return f.parties(subj) if subj is not None else []


def _apply(f: _Finder, tok: Token, pat: dict, ru: RuKnowledge, date: str | None) -> list[Event]:
    if pat.get("object"):
        objects = [c for c in tok.children if c.dep_ == "obj"]
        if _is_passive(tok):
            objects += [tok.head] if tok.dep_ in ("amod", "acl") else [c for c in tok.children if c.dep_ == "nsubj:pass"]
        if not any(o.lemma_ in pat["object"] for o in objects):
            return []
    # "with" words: in the trigger's phrase, or after it in the sentence (a parse can cut the phrase off)
    if pat.get("object_is_actor") and not any(f.parties(c, places=True) for c in tok.children
                                              if c.dep_ in ("obj", "xcomp")):
        return []
    if pat.get("with") and not any(c.lemma_ in pat["with"] for c in [*tok.subtree, *tok.sent[tok.i - tok.sent.start:]]):
        return []
    sources = _sources(f, tok)
    if not sources:
        return []
    targets: list[Party] = []
    for path in pat.get("target", []):
        for t in _follow(tok, path):
            targets += [p for p in f.parties(t, places=bool(pat.get("places"))) if all(p.actor != x.actor for x in targets)]
        if targets:
            break
    if not targets and pat.get("mutual") and len(sources) > 1:
        targets = sources
    if not targets:
        return []
    code = str(pat["code"])
    negated, hypothetical = _negated(tok), _hypothetical(tok)
    out = []
    for s in sources:
        for t in targets:
            if s.actor == t.actor:
                continue
            out.append(_event(f, tok, code, s, t, negated, hypothetical, date))
            if pat.get("both"):
                out.append(_event(f, tok, code, t, s, negated, hypothetical, date))
    return out


def _event(f: _Finder, trigger: Token, code: str, s: Party, t: Party, negated: bool, hypothetical: bool,
           date: str | None) -> Event:
    kb = f.ru.base
    sent = trigger.sent
    cameo = kb.cameo.get(code)
    plover = kb.plover.get(code, ("", ""))
    return Event(
        source=s.actor, target=t.actor, cameo=code, text=sent.text.strip(), span=(sent.start_char, sent.end_char),
        root=code[:2], base=code[:3], name=cameo.name if cameo else None,
        goldstein=cameo.goldstein if cameo else None, quad_class=kb.quad_class(code),
        plover_type=plover[0] or None, plover_mode=plover[1] or None,
        date=event_date(trigger, date, f.ru.lexicon.get("date_prepositions", ())), negated=negated,
        hypothetical=hypothetical, source_person=s.person, target_person=t.person,
        source_span=(s.token.idx, s.token.idx + len(s.token)), target_span=(t.token.idx, t.token.idx + len(t.token)),
        trigger=trigger.text, trigger_span=(trigger.idx, trigger.idx + len(trigger)),
        pattern=f"{'noun ' if trigger.pos_ == 'NOUN' else ''}{trigger.lemma_}: {code}")


def _drop_noun_echoes(events: list[Event]) -> list[Event]:
    """A noun event repeating a verb event of the same sentence and pair ("ввели санкции против
    России": ввести and санкция) is dropped."""
    verb_keys = {(e.span, e.source, e.target, e.root) for e in events if e.pattern and not _is_noun_pattern(e)}
    return [e for e in events if not (_is_noun_pattern(e) and (e.span, e.source, e.target, e.root) in verb_keys)]


def _is_noun_pattern(e: Event) -> bool:
    return bool(e.pattern) and e.pattern.startswith("noun ")
