"""From a fired pattern to events: the modality of the act (negated, hypothetical, announced as
an intent), the target a place or the article's conflict gives when none is named, the code a
target changes (seizing a capital is taking territory), the statements whose target is their
content ("accused Ukraine of shelling"), and the events dropped as references back or echoes.

``Emitter`` is a part of the event stage's run (``events._Run``).
"""
from __future__ import annotations

from spacy.tokens import Token

from .docutil import evidence, lemmas, sentence_of
from .event_records import Coded, Party, SentenceNotes
from .modality import misparsed_main_verb
from ..model import Event

# Dependents of a verb that carry what a statement is about: an event inside them is the
# content of that statement ("accused Ukraine of shelling"), not a separate event.
_CONTENT_DEPS = {"dobj", "prep", "xcomp", "ccomp", "pcomp", "pobj", "attr", "oprd", "acl", "relcl"}
# Roots of statements about other actions (appeals, intents, demands, accusations, rejections,
# threats): an action inside what they say is their content.
_CLAIM_ROOTS = {"01", "02", "03", "10", "11", "12", "13"}
_ASSASSINATION = "186"


class Emitter:
    def _emit(self, trigger: Token, pattern_desc: str, code: str, sources: list[Party], targets: list[Party],
              notes: SentenceNotes) -> None:
        modality = self.ec.modality.of(trigger)
        negated, hypothetical = modality.negated, modality.hypothetical
        if modality.announced and not negated:
            code = self._intent_code(code) or code
            if code[:2] >= "09":  # a conflict action announced is not done: hypothetical
                hypothetical = True
        status = "negated" if negated else "hypothetical" if hypothetical else "coded"
        fired = {"trigger": trigger.text, "pattern": pattern_desc, "code": code, "status": status,
                 "depth": _depth(trigger)}
        notes.fired.append(fired)
        if not targets and len(sources) >= 2 and code.startswith(self.ec.reciprocal_codes):
            # "The presidents of Russia, Kazakhstan and Belarus signed a treaty": with each other
            self._emit_pairs(trigger, pattern_desc, code, sources, negated, hypothetical, notes)
            return
        if not targets and code[:2] in ("14", "18", "19", "20"):
            # "a protest in Beijing", "struck militant camps in Pakistan": against the state where it happened
            # (force only when the place is named as a country: "at Baghdad airport" says where, not whom)
            targets = [t for t in self._protest_place(trigger, countries_only=code[:2] != "14")
                       if t.actor not in {s.actor for s in sources}]
            if targets:
                pattern_desc += " (target: where it took place)"
        if not targets and sources and self.conflict_parties and self._about_conflict(trigger) \
                and not (pattern_desc.endswith("(verb alone)") and any(c.dep_ == "dobj" for c in trigger.children)):
            targets = self._conflict_targets(sources, code, trigger, pattern_desc.endswith("alone)"))
            if targets:
                pattern_desc += " (target: the parties of the conflict)"
        if not sources:
            fired["status"] = "no source"
            notes.notes.append(f"{trigger.text}: pattern '{pattern_desc}' ({code}) fired, but no source actor")
            return
        if not targets:
            fired["status"] = "no target"
            notes.notes.append(f"{trigger.text}: pattern '{pattern_desc}' ({code}) fired, but no target actor")
            if code[:2] in _CLAIM_ROOTS and not code.startswith("016"):
                # a statement whose content may name the target (see _embedded); a denial is not aimed
                # at what it denies ("denied supporting the rebels")
                self.pending.append((trigger, pattern_desc, code, sources, negated, hypothetical, fired))
            return
        when = self._date(trigger)
        made = []
        for s in sources:
            for t in targets:
                own_code = self._targeted(trigger, self._code_for(t, code), t)
                t = self._victim(t, own_code)
                if s.actor == t.actor:
                    notes.notes.append(f"{trigger.text}: {s.actor} acts on itself: not an event")
                    continue
                ev = self._event(trigger, pattern_desc, own_code, s, t, negated, hypothetical, when)
                self.found.append(Coded(ev, trigger))
                made.append(f"{s.actor}→{t.actor}" + (f" as {ev.cameo}" if ev.cameo != code else ""))
                if code.startswith(self.ec.mutual_codes):
                    # "Lavrov spoke by phone with his Kyrgyz counterpart": the call is Kyrgyzstan's too
                    self.found.append(Coded(self._event(trigger, pattern_desc + " (mutual)", code, t, s, negated,
                                                         hypothetical, when), trigger))
                    made.append(f"{t.actor}→{s.actor} (mutual)")
        if not made:
            fired["status"] = "self"
        else:
            notes.notes.append(f"{trigger.text}: pattern '{pattern_desc}' → {code} {', '.join(sorted(set(made)))} "
                               f"({status})")

    def _emit_pairs(self, trigger, pattern_desc, code, parties, negated, hypothetical, notes) -> None:
        when = self._date(trigger)
        made = []
        for s in parties:
            for t in parties:
                if s.actor != t.actor:
                    self.found.append(Coded(self._event(trigger, pattern_desc + " (each with the others)", code, s,
                                                         t, negated, hypothetical, when), trigger))
                    made.append(f"{s.actor}→{t.actor}")
        notes.notes.append(f"{trigger.text}: pattern '{pattern_desc}' → {code} {', '.join(made)} (reciprocal)")

    def _protest_place(self, trigger: Token, countries_only: bool = False) -> list[Party]:
        preps = ("in",) if countries_only else ("in", "outside", "near", "at")
        for t in trigger.subtree:
            if t.dep_ == "prep" and t.lower_ in preps:
                places: list[Party] = []
                for g in t.subtree:
                    m = self.mention_at.get(g.i)
                    if m is None or m.type not in ("state", "region") or m.actor in [p.actor for p in places]:
                        continue
                    if countries_only and m.kind not in ("name",):
                        continue
                    places.append(Party(m.actor, g.i))
                if places:
                    return places
        return []

    def _conflict_targets(self, sources: list[Party], code: str, trigger: Token, bare: bool) -> list[Party]:
        """In an article about a two-sided conflict, an action with no named target: a party
        acts on the other side; anyone else's appeal is addressed to both parties."""
        parties = self.conflict_parties
        source_actors = {s.actor for s in sources}
        if source_actors & set(parties):
            if "10" <= code[:2] <= "17":  # a party's demands, refusals, threats, sanctions; violence needs a named target
                return [Party(a, trigger.i) for a in parties if a not in source_actors]
            return []
        if code[:2] <= "05" and self._speaks_of_conflict(trigger) and not bare:
            return [Party(a, trigger.i) for a in parties]
        return []

    def _speaks_of_conflict(self, trigger: Token) -> bool:
        return any(t.lemma_.lower() in self.ec.conflict_refs for t in sentence_of(trigger))

    def _about_conflict(self, trigger: Token) -> bool:
        """The sentence speaks of the conflict, or names one of its parties."""
        sent = sentence_of(trigger)
        parties = set(self.conflict_parties)
        for t in sent:
            if t.lemma_.lower() in self.ec.conflict_refs:
                return True
            hit = self.mention_at.get(t.i)
            if hit is not None and hit.actor in parties:
                return True
            rec = self.people.at(t.i)
            if rec is not None and rec.affiliation in parties:
                return True
        return False

    def _targeted(self, trigger: Token, code: str, t: Party) -> str:
        """Killing a named person is an assassination (CAMEO 186: "kill a targeted individual"),
        whatever the weapon ("killed Soleimani in an airstrike")."""
        if t.person and code[:2] in ("18", "19") and set(lemmas(trigger)) & self.ec.killing_verbs:
            return _ASSASSINATION
        return code

    def _code_for(self, t: Party, code: str) -> str:
        """The code a target makes of a pattern's: seizing a capital or a region is taking territory
        (192), not property (1711) ("the rebels seized the capital, Sanaa"); withdrawing from an
        organisation is leaving it (160), not a military withdrawal (0874)."""
        m = self.mention_at.get(t.token)
        if code.startswith("171") and m is not None and (m.kind == "capital" or m.type == "region"):
            return "192"
        if code.startswith("087") and self.kb.actor_type(t.actor) == "igo":
            return "160"
        return code

    def _victim(self, t: Party, code: str) -> Party:
        """Occupying or annexing a region is done to the state it belongs to."""
        if code.startswith("192"):
            country = self.kb.countries.get(t.actor)
            if country is not None and country.type == "region" and country.parent:
                return Party(country.parent, t.token, t.person)
        return t

    def _intent_code(self, code: str) -> str | None:
        for prefix, intent in self.ec.intents:
            if code.startswith(prefix):
                return intent
        return None

    def _embedded(self, coded: list[Coded], notes: SentenceNotes) -> None:
        """An action only accused of, demanded or appealed for is the content of that statement
        ("accused Ukraine of shelling", "called for an investigation into the killing"); a
        statement with no target of its own is aimed at its content's target ("threatened to
        open a criminal case against a Russian tycoon")."""
        for trigger, desc, code, sources, negated, hypothetical, fired in self.pending:
            inner = [c for c in coded if _governs_content(trigger, c.trigger)]
            targets = []
            own = {s.actor for s in sources}
            for c in inner:
                # "threatened to open a case against X": X; "warned that Ukraine's signing ...": Ukraine
                who = c.event.target if c.event.source in own else c.event.source
                person = c.event.target_person if c.event.source in own else c.event.source_person
                if who not in [t.actor for t in targets]:
                    targets.append(Party(who, c.trigger.i, person))
            made = []
            for s in sources:
                for t in targets:
                    if s.actor != t.actor:
                        ev = self._event(trigger, desc + " (target from its content)", code, s, t, negated,
                                         hypothetical, self._date(trigger))
                        self.found.append(Coded(ev, trigger))
                        coded.append(self.found[-1])
                        made.append(f"{s.actor}→{t.actor}")
            if made:
                fired["status"] = "coded"
                notes.notes.append(f"{trigger.text}: pattern '{desc}' → {code} {', '.join(made)} (target from "
                                   "what it is about)")
        verbal = [c for c in coded if c.event.root in _CLAIM_ROOTS and c.trigger.pos_ in ("VERB", "AUX", "NOUN")]
        for inner in coded:
            if inner.event.hypothetical or inner.trigger.dep_ in ("amod", "compound"):
                continue  # a participle describing a thing ("a Russian-brokered deal") is not claimed
            for outer in verbal:
                if outer is inner or outer.trigger.i == inner.trigger.i:
                    continue
                if _governs_content(outer.trigger, inner.trigger):
                    inner.event.hypothetical = True
                    notes.notes.append(f"{inner.trigger.text}: only the content of '{outer.trigger.text}' "
                                       f"({outer.event.cameo}): not counted on its own")
                    break

    def _event(self, trigger, pattern_desc, code, s: Party, t: Party, negated, hypothetical, when) -> Event:
        doc = self.doc
        sent = sentence_of(trigger)
        cameo = self.kb.cameo.get(code)
        plover = self.kb.plover.get(code, ("", ""))
        text, span = evidence(doc, sent.start_char, sent.end_char)
        return Event(
            source=s.actor, target=t.actor, cameo=code, text=text,
            span=span, root=code[:2], base=code[:3],
            name=cameo.name if cameo else None, goldstein=cameo.goldstein if cameo else None,
            quad_class=self.kb.quad_class(code), plover_type=plover[0] or None, plover_mode=plover[1] or None,
            date=when, negated=negated, hypothetical=hypothetical, source_person=s.person, target_person=t.person,
            source_span=(doc[s.token].idx, doc[s.token].idx + len(doc[s.token])),
            target_span=(doc[t.token].idx, doc[t.token].idx + len(doc[t.token])),
            trigger=trigger.text, trigger_span=(trigger.idx, trigger.idx + len(trigger)), pattern=pattern_desc)

    def _drop_references(self, coded: list[Coded]) -> list[Coded]:
        """'the agreement', 'this deal' after the agreement was told: a reference back to an event
        already coded in an earlier sentence, not a new one."""
        seen: dict[tuple, int] = {}
        out = []
        for c in coded:
            key = (c.event.source, c.event.target, c.event.base)
            t = c.trigger
            definite = t.pos_ in ("NOUN", "PROPN") and any(
                d.dep_ in ("det", "poss") and d.lower_ in ("the", "this", "that", "its", "their") for d in t.children)
            first = seen.get(key)
            if definite and c.event.counts and first is not None and sentence_of(t).start > first:
                continue
            if c.event.counts:
                seen.setdefault(key, sentence_of(t).start)
            out.append(c)
        return out

    def _drop_echoes(self, coded: list[Coded]) -> list[Event]:
        """A noun event that only repeats its verb's event ("reached an agreement with X": reach and
        agreement, the same root) is dropped; distinct actions in one sentence both stay ("flew to
        Ankara for talks with X": a visit and negotiations)."""
        by_trigger = {(c.trigger.i, _echo_key(c)) for c in coded}
        out = []
        for c in coded:
            t = c.trigger
            head = t.head if t.dep_ in ("dobj", "pobj", "attr", "nsubjpass") else None
            if head is not None and head.pos_ == "ADP":
                head = head.head
            if head is not None and head.i != t.i and t.pos_ in ("NOUN", "PROPN") and (head.i, _echo_key(c)) in by_trigger:
                continue
            out.append(c.event)
        return out


def _depth(token: Token) -> int:
    """How far a token is from its sentence's root (the main verb is 0)."""
    depth = 0
    while token.head.i != token.i and depth < 50:  # spaCy makes a new Token each time: compare indices
        token, depth = token.head, depth + 1
    return depth


def _governs_content(outer: Token, inner: Token) -> bool:
    """Whether ``inner`` lies in the content of ``outer`` (its object, complement or clause)."""
    node = inner
    for _ in range(8):
        if node.head.i == node.i or node.dep_ == "advcl" and node.head.i != outer.i and any(
                g.dep_ == "mark" for g in node.children):
            return False  # "after Trump paused aid": the circumstances, not the content
        if misparsed_main_verb(node):
            return False  # "asked X to send tanks and urged Y": not the content of "asked"
        if node.head.i == outer.i:
            return node.dep_ in _CONTENT_DEPS
        node = node.head
    return False


def _echo_key(c: Coded) -> tuple:
    return c.event.source, c.event.target, c.event.base, c.event.negated or c.event.hypothetical

