"""Relations and stances in a Russian Doc, from the cues of ``kb/ru/cues.yaml`` and the events.

Relations: a sentence holding a cue lemma ties the actors it names (member_of: states to an
organization; ally_of, partner_of, hostile_to: the states with each other, or with the speaker's
state when a quotation says "наш союзник"); a state and an organization it belongs to on the
article's date, named in one sentence, are member_of (implied).
Stances: an actor's counted events toward another (supports, helps -> side; accuses, sanctions,
attacks -> against), appeals for restraint and words of neutrality (нейтралитет, воздержался).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ...actors import Mention
from ....model import Event, Relation, Stance
from .kb import RuKnowledge
from .persons import People


def _states(sent: Span, mentions: list[Mention], types=("state", "region", "group")) -> list[Mention]:
    out, seen = [], set()
    for m in mentions:
        if sent.start <= m.start < sent.end and m.type in types and m.acts and m.actor not in seen:
            seen.add(m.actor)
            out.append(m)
    return out


def _cue_at(sent: Span, cues: list[str], names: set[int] = frozenset()) -> str | None:
    """The first cue (one or more lemmas) the sentence holds outside actor names."""
    lemmas = [t.lemma_ if t.i not in names else "" for t in sent]
    for cue in cues:
        words = cue.split()
        for k in range(len(lemmas) - len(words) + 1):
            if lemmas[k:k + len(words)] == words:
                return cue
    return None


def extract(doc: Doc, people: People, mentions: list[Mention], ru: RuKnowledge, date: str | None,
            events: list[Event], quotes=()) -> tuple[list[Relation], list[Stance]]:
    return _relations(doc, mentions, ru, date, quotes), _stances(doc, mentions, ru, events)


def _speaker_actor(sent: Span, quotes) -> str | None:
    for q in quotes:
        if q.direct and q.speaker_actor and any(s < sent.end_char and sent.start_char < e for s, e in q.spans):
            return q.speaker_actor
    return None


def _relations(doc: Doc, mentions: list[Mention], ru: RuKnowledge, date: str | None, quotes) -> list[Relation]:
    cues = ru.cues.get("relations", {})
    context = set(ru.cues.get("membership_context", []))
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()

    def add(source: str, kind: str, target: str, sent: Span, cue: str, stated: bool = True) -> None:
        key = (source, kind, target) if kind == "member_of" else (*sorted((source, target)), kind)
        if source == target or key in seen:
            return
        seen.add(key)
        out.append(Relation(source, kind, target, stated, sent.text.strip(), (sent.start_char, sent.end_char), cue))

    names = {i for m in mentions for i in range(m.start, m.end)}
    for sent in doc.sents:
        states = _states(sent, mentions)
        igos = _states(sent, mentions, ("igo",))
        cue = _cue_at(sent, cues.get("member_of", []), names)
        for igo in igos:
            members = ru.base.members_on(igo.actor, date)
            for s in states:
                if s.type != "state":
                    continue
                if cue and (s.actor in members or not ru.base.memberships_of(s.actor, None)):
                    add(s.actor, "member_of", igo.actor, sent, cue)
                elif s.actor in members and context & {t.lemma_ for t in sent}:
                    add(s.actor, "member_of", igo.actor, sent, "(knowledge base)", stated=False)
        for kind in ("ally_of", "partner_of", "hostile_to"):
            cue = _cue_at(sent, cues.get(kind, []), names)
            if not cue:
                continue
            actors = [m.actor for m in sorted(states + igos, key=lambda m: m.start)
                      if m.type in ("state", "igo")]  # in text order
            igo_ids = {m.actor for m in igos}
            speaker = _speaker_actor(sent, quotes)
            if speaker and speaker not in actors and any(t.lemma_ in ("наш", "мы") for t in sent):
                actors.insert(0, speaker)
            for i, a in enumerate(actors):
                for b in actors[i + 1:]:
                    if not (a in igo_ids and b in igo_ids):  # two organizations named side by side
                        add(a, kind, b, sent, cue)
    return out


def _stances(doc: Doc, mentions: list[Mention], ru: RuKnowledge, events: list[Event]) -> list[Stance]:
    conf = ru.cues.get("stances", {})
    side, against = tuple(conf.get("side_roots", [])), tuple(conf.get("against_roots", []))
    out: dict[tuple[str, str], Stance] = {}

    def add(actor: str, position: str, text: str, span, cue: str) -> None:
        key = (actor, position)
        if key not in out:
            target = position.split(":")[1] if ":" in position else None
            issue = f"relations with {ru.base.actor_name(target)}" if target else "the dispute the article is about"
            out[key] = Stance(actor, issue, position, 0.6)
        out[key].evidence.append({"text": text, "span": list(span), "cue": cue, "position": position})

    for e in events:
        if not e.counts:
            continue
        if ru.actor_type(e.target) == "igo" and e.cameo not in conf.get("neutral_codes", []):
            continue  # a side is taken between parties; backing an organization's efforts is not one
        if e.cameo in conf.get("neutral_codes", []):
            add(e.source, "neutral", e.text, e.span, e.cameo)
        elif e.cameo.startswith(side):
            add(e.source, f"side:{e.target}", e.text, e.span, e.cameo)
        elif e.cameo.startswith(against):
            add(e.source, f"against:{e.target}", e.text, e.span, e.cameo)
    neutral = set(conf.get("neutral", []))
    for tok in doc:
        if tok.lemma_ not in neutral:
            continue
        sent = tok.sent
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        actors = []
        at = {i: m for m in mentions for i in range(m.start, m.end) if m.acts and m.type != "org"}
        for s in subj:
            actors += [at[t.i].actor for t in [s, *s.conjuncts] if t.i in at]
        if not actors and tok.pos_ == "VERB":
            actors = [m.actor for m in _states(sent, mentions) if m.start > tok.i]
        if not actors:
            head = tok.head  # "основываясь на политике нейтралитета": the subject of the clause
            while head.i != head.head.i and head.pos_ != "VERB":
                head = head.head
            for h in (head, head.head):
                for c in h.children:
                    if c.dep_ == "nsubj" and c.i in at:
                        actors.append(at[c.i].actor)
                if actors:
                    break
        for a in dict.fromkeys(actors):
            add(a, "neutral", sent.text.strip(), (sent.start_char, sent.end_char), tok.lemma_)
    return list(out.values())
