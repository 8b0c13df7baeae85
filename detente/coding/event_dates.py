"""When an event happened: the date its sentence places it on, else the article's reference date.

``EventDates`` is a part of the event stage's run (``events._Run``): it reads ``ec`` and ``date``.
"""
from __future__ import annotations

from spacy.tokens import Token

from .. import dates
from .docutil import sentence_of


class EventDates:
    def _date(self, trigger: Token) -> str | None:
        """The date the sentence places the event on, else the article's. An event noun's own date
        comes first ("the 1998 strike", "Tuesday's attack", "the strike in 2008"), then that of the
        clause whose verb carries the event ("met on Tuesday", "attacked in 2008", "two years ago").
        A date tied to another word ("signed the 2015 deal") or after a preposition that does not
        place the event at it ("since 2014", "before the 2008 vote") is not the event's."""
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        anchors = [trigger, verb] if verb is not trigger else [verb]
        ents = [e for e in sentence_of(trigger).ents if e.label_ == "DATE"]
        for anchor in anchors:
            for ent in ents:
                if self._places(ent.root, anchor):
                    resolved = dates.resolve(ent.text, self.date)
                    if resolved:
                        return resolved
        return self.date

    def _places(self, root: Token, anchor: Token) -> bool:
        """Whether a date phrase (its head word) places the anchor word: its own dependent, or the
        object of a placing preposition ("in", "on", "during") attached to it."""
        if root.head.i == anchor.i and root.i != anchor.i:
            return True
        prep = root.head
        return (root.dep_ == "pobj" and prep.head.i == anchor.i and prep.dep_ == "prep"
                and prep.lower_ in self.ec.date_preps)

