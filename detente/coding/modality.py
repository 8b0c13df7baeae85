"""Whether a verb's action happened: negated, hypothetical, or only announced.

"would not interfere" is negated and hypothetical, "refused to send" negated, "may impose"
hypothetical, "if Sudan fails" hypothetical, "will visit" and "plans to visit" announced.
The word lists are in kb/lexicon.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .docutil import lemmas
from ..kb import KnowledgeBase


FINITE = ("VBD", "VBZ", "VBP")  # past and present tense forms (not infinitives or participles)


def misparsed_main_verb(token: Token) -> bool:
    """A finite verb hung on an infinitive as its coordinate ("asked Germany to send tanks and
    urged Poland ..."): the small model's misparse of a main clause, which shares nothing with
    the infinitive (not its modality, subject or place inside a statement)."""
    return token.dep_ == "conj" and token.tag_ in FINITE and token.head.tag_ == "VB"


@dataclass(frozen=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False
    announced: bool = False


class ModalityReader:
    def __init__(self, kb: KnowledgeBase) -> None:
        lex = kb.lexicon
        self.modals = set(lex.get("hypothetical_modals", []))
        self.future = set(lex.get("future_auxiliaries", []))
        self.backshift = set(lex.get("backshift_verbs", []))
        self.negating = set(lex.get("negating_governors", []))
        self.intending = set(lex.get("intent_governors", []))
        self.requesting = set(lex.get("request_governors", []))
        self.conditional = set(lex.get("conditional_marks", []))
        self.hypothetical_adjectives = set(lex.get("hypothetical_adjectives", []))
        self.permission = set(lex.get("permission_verbs", []))
        self.light_verbs = set(lex.get("light_verbs", []))
        self.purpose_marks = tuple(lex.get("purpose_marks", []))
        self.documents = set(lex.get("document_nouns", []))

    def of(self, trigger: Token) -> Modality:
        """The modality of the action a verb (or the event noun it governs) expresses."""
        verb = trigger
        if trigger.pos_ in ("NOUN", "PROPN"):
            # an event noun takes the modality of a light verb that carries it ("may impose sanctions",
            # "will launch an attack"), not of any clause it sits in ("if Trump agrees to Beijing's demands")
            if trigger.head.pos_ in ("VERB", "AUX") and set(lemmas(trigger.head)) & self.light_verbs:
                verb = trigger.head
            else:
                return Modality(False, self._only_possible(trigger), False)
        negated = hypothetical = announced = False
        would = would_condition = False  # "would": hypothetical, unless a past reporting verb makes it a reported "will"
        node, depth = verb, 0
        if self._purpose(verb):
            hypothetical = True  # "met in order to reach a deal": the goal, not what was done
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if infinitive and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            hypothetical = True  # "plans to attack", "a bid to join": what a plan is for
        if infinitive and verb.dep_ == "advcl" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in self.documents for c in verb.head.children):
            hypothetical = True  # "passed a resolution to boost aid": what the text is for, not done
        while node is not None and depth < 4:
            kids = list(node.children)
            if any(c.dep_ == "neg" for c in kids):
                negated = True
            for c in kids:
                word = c.lower_
                if c.dep_ in ("aux", "auxpass"):
                    if word == "would":
                        would = True
                    elif word in self.modals or c.lemma_.lower() in self.modals:
                        hypothetical = True
                    elif word in self.future or c.lemma_.lower() in self.future:
                        announced = True
                if c.dep_ == "mark" and word in self.conditional:
                    hypothetical = True
                if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in self.conditional for g in c.children):
                    would_condition = True
            if node.dep_ == "xcomp" and node.head.pos_ in ("VERB", "AUX", "ADJ"):
                governor = set(lemmas(node.head))
                if governor & self.negating:
                    negated = True
                elif governor & self.requesting:
                    hypothetical = True  # "asked Berlin to send tanks": only requested
                elif governor & self.intending and any(c.dep_ == "dobj" and c.i < node.i for c in node.head.children):
                    hypothetical = True  # "wants Kyiv to abandon ...": wished of someone else, not announced
                elif governor & self.intending or node.head.lower_ in ("ready", "willing", "going", "set", "due") \
                        or (node.head.lemma_ == "be" and node.head.pos_ == "AUX" and node.tag_ == "VB"):
                    # "were to hold talks": scheduled
                    announced = True
                node, depth = node.head, depth + 1
                continue
            if node.dep_ == "conj" and node.head.pos_ in ("VERB", "AUX"):
                if misparsed_main_verb(node):
                    break
                # coordinated verbs share their auxiliaries: "would not interfere and send"
                node, depth = node.head, depth + 1
                continue
            if node.dep_ in ("ccomp", "advcl", "xcomp", "csubj") and node.head.i != node.i:
                head = node.head
                if would and not would_condition and node.dep_ == "ccomp" and head.tag_ == "VBD" \
                        and set(lemmas(head)) & self.backshift:
                    would, announced = False, True  # "announced it would free": a reported "will free"
                if node.dep_ == "ccomp" and set(lemmas(head)) & self.intending and not (
                        set(lemmas(head)) & {"say", "tell"}):
                    if any(c.dep_ == "nsubj" for c in node.children) and any(
                            c.dep_ == "nsubj" for c in head.children):
                        hypothetical = True  # "Beijing wants Trump to eliminate the tariffs": Trump has not
                    else:
                        announced = True
                # "It's unlikely that they want to support Armenia": only a possibility
                if any(c.dep_ == "acomp" and c.lower_ in self.hypothetical_adjectives for c in head.children) \
                        or head.lower_ in self.hypothetical_adjectives:
                    hypothetical = True
                # "didn't allow Minsk to start a new gas war": the permitted action did not happen
                if set(lemmas(head)) & self.permission and any(c.dep_ == "neg" for c in head.children):
                    negated = True
            break
        return Modality(negated, hypothetical or would, announced)

    def _only_possible(self, noun: Token) -> bool:
        """'a fresh attack was very likely', 'made a peace treaty impossible': an event noun said
        to be only possible (or impossible) did not happen."""
        if noun.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return False
        head = noun.head
        near = [head] + [c for c in head.children if c.dep_ in ("acomp", "oprd", "ccomp", "xcomp", "attr")]
        return any(t.lower_ in self.hypothetical_adjectives for t in near)

    def _purpose(self, verb: Token) -> bool:
        """'in order to reach', 'so as to reach', 'so that they can': a purpose clause."""
        if verb.dep_ not in ("advcl", "xcomp", "ccomp", "acl"):
            return False
        before = " ".join(t.lower_ for t in verb.doc[max(verb.left_edge.i - 2, 0):verb.i])
        return any(mark in before for mark in self.purpose_marks)
