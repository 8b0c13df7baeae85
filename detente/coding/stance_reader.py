"""Positions stated in the text, read clause by clause on the parse (for ``stances.py``).

A cue word of ``kb/stance_cues.yaml`` (``clause_cues``) states a position: its holder is the
subject of the clause it heads or sits in, with every conjunct ("Turkey and Iran denounced the
deal": both), the agent of a passive, the possessor or demonym of a cue noun ("Iran's backing",
"Turkish mediators"), or the speaker of the quotation it is in ("We must stand united against
..."); the party it is aimed at is its object, read through act nouns to their owners::

    "Germany and France were against MAP for Ukraine and Georgia."
    -> DEU against:UKR, DEU against:GEO, FRA against:UKR, FRA against:GEO

A multi-word neutral phrase ("called for restraint on both sides") gives its clause's subjects a
neutral position. An act noun with no owner named ("found the air strike justified") points at the
act of the dispute the article is about (``ACT``); "Yemeni rebels" point at the armed opponents of
Yemen's government (``REBELS + "YEM"``), which only an issue can name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from .coref import ACTING_TYPES, Resolver
from .docutil import evidence, lemmas, sentences
from ..kb import KnowledgeBase
from .modality import ModalityReader
from ..model import Quote

ACT = "@act"  # the disputed act of the article's central dispute
# Where a judging word stands to its verb of judging ("called it a provocation", "described it as illegal").
_COMPLEMENTS = ("oprd", "attr", "acomp", "xcomp", "ccomp", "pobj", "amod", "dobj", "npadvmod")
REBELS = "@rebels:"  # + state id: that state's armed opponents


@dataclass
class Evidence:
    """One piece of what an actor said or did that shows where it stands."""
    actor: str
    position: str  # neutral | side:X | against:X (X may be ACT or REBELS+state)
    weight: float
    kind: str  # clause | quote | phrase | event | both_sides | pressure | relation | implied
    cue: str
    text: str
    span: tuple[int, int] | None
    stated: bool = True  # the holder's own statement or act, not someone else's account of it
    names: frozenset[str] = frozenset()  # actors its sentence names (ties an untargeted neutral to an issue)
    via: str | None = None  # read as a position toward the focal actor from one toward this critic of it
    at: int | None = None  # where the cue word is (character offset)
    toward: tuple[str, ...] = ()  # whom a neutral appeal is addressed to ("urged India and Pakistan to ...")

    @property
    def target(self) -> str | None:
        return self.position.split(":", 1)[1] if ":" in self.position else None


def phrase_key(p: str) -> str:
    """A cue phrase as it is looked for in a sentence's lemma string."""
    return " " + " ".join(re.findall(r"[\w']+|[^\w\s]", str(p).lower())) + " "


def kind_of_word(words_by_kind: dict | None) -> dict[str, str]:
    """A cue list written as {kind: [words]}, read as word -> kind."""
    return {str(word).lower(): kind for kind, words in (words_by_kind or {}).items() for word in words}


class ClauseReader:
    def __init__(self, doc: Doc, kb: KnowledgeBase, cues: dict, resolver: Resolver, quotes: list[Quote]) -> None:
        self.doc, self.kb, self.resolver = doc, kb, resolver
        clause = cues.get("clause_cues") or {}
        self.cue_kind = kind_of_word({kind: clause.get(kind, []) for kind in ("against", "side", "neutral")})
        self.prep_cues: dict[str, tuple[str, set[str]]] = {}  # verb -> (kind, prepositions)
        for kind, verbs in (cues.get("prep_cues") or {}).items():
            for verb, preps in verbs.items():
                self.prep_cues[str(verb).lower()] = (kind, set(preps))
        self.membership_nouns = set(cues.get("membership_nouns", []))
        self.patient_nouns = set(cues.get("patient_nouns", []))
        self.quarrel_nouns = set(cues.get("quarrel_nouns", []))
        self.judging = kind_of_word(cues.get("judging_words"))
        self.judging_verbs = set(cues.get("judging_verbs", []))
        self.doing_verbs = set(cues.get("doing_verbs", []))
        self.decision_nouns = set(cues.get("decision_nouns", []))
        self.negated_kind = kind_of_word(cues.get("negated_cues"))
        self.neutral_phrases = [phrase_key(p) for p in cues.get("neutral_phrases", [])]
        self.object_preps = set(cues.get("object_preps", []))
        self.owner_preps = set(cues.get("owner_preps", []))
        self.act_nouns = set(cues.get("act_nouns", []))
        self.proposal_nouns = set(cues.get("proposal_nouns", []))
        self.proposal_verbs = set(cues.get("proposal_verbs", []))
        self.rebel_nouns = set(cues.get("rebel_nouns", []))
        self.people_nouns = set(cues.get("people_nouns", []))
        self.member_nouns = set(cues.get("member_nouns", []))
        self.relational_nouns = set(cues.get("relational_nouns", []))
        self.grievance_nouns = set(cues.get("grievance_nouns", []))
        self.governing_verbs = set(cues.get("governing_verbs", []))
        self.speech = set(kb.lexicon.get("speech_verbs", []))
        weights = cues.get("weights") or {}
        self.weight = {k: float(v) for k, v in weights.items()}
        self.modality = ModalityReader(kb)
        # direct quotations and who speaks them: first-person subjects inside are the speaker
        self.quoted: list[tuple[int, int, str]] = []
        for q in quotes:
            actor = q.speaker_actor if q.speaker_type == "person" else q.speaker
            if actor and kb.actor_type(actor) in ACTING_TYPES:
                for s, e in (q.spans or ([q.span] if q.span else [])):
                    self.quoted.append((s, e, actor))
        self._proposers: dict[str, list[str]] = {}

    # -------------------------------------------------------------- public
    def quarrels(self) -> set[tuple[frozenset[str], tuple[int, int]]]:
        """Pairs of actors a sentence says are quarrelling ("tension between Russia and Belarus"), with
        the sentence's span."""
        out = set()
        for sent in sentences(self.doc):
            for tok in sent:
                if tok.lemma_.lower() not in self.quarrel_nouns:
                    continue
                for prep in tok.children:
                    if prep.dep_ == "prep" and prep.lower_ == "between":
                        pair = [a for o in prep.children if o.dep_ == "pobj" for a in self.parties_in(o)
                                if not a.startswith("@")]
                        if len(pair) == 2:
                            out.add((frozenset(pair), (sent.start_char, sent.end_char)))
        return out

    def read(self) -> list[Evidence]:
        out: list[Evidence] = []
        for sent in sentences(self.doc):
            names = frozenset(m.actor for t in sent if (m := self.resolver.mention_at.get(t.i)) is not None)
            for tok in sent:
                judged = self._judging(tok, sent, names)
                if judged:
                    out += judged
                    continue
                kind = self._kind(tok)
                if kind is not None:
                    out += self._cue(tok, kind, sent, names)
                elif tok.lemma_.lower() in self.grievance_nouns:
                    out += self._grievance(tok, sent, names)
            out += self._phrases(sent, names)
        return out

    # -------------------------------------------------------------- cue words
    def _kind(self, tok: Token) -> str | None:
        if tok.pos_ not in ("VERB", "NOUN", "ADJ", "ADP", "AUX", "PROPN"):
            return None
        if tok.dep_ == "amod":
            return None  # "the armed group", "a backed candidate": a description, not an act of the clause's subject
        if tok.pos_ == "VERB" and tok.lemma_.lower() in self.prep_cues:
            kind, preps = self.prep_cues[tok.lemma_.lower()]
            if any(c.dep_ == "prep" and c.lower_ in preps for c in tok.children):
                return kind
        for form in lemmas(tok):
            if form in self.cue_kind or form in self.negated_kind:
                if tok.pos_ == "ADP" and form != "against":
                    return None
                return self.cue_kind.get(form, "")
        return None

    def _cue(self, tok: Token, kind: str, sent: SpacySpan, names: frozenset[str]) -> list[Evidence]:
        if self._denied(tok, appeal=kind == "neutral"):
            # "does not recognise": opposition; "would not intervene": neutrality; "would not support",
            # "refused to condemn", "deny that Tehran arms": nothing
            kind = next((self.negated_kind[f] for f in lemmas(tok) if f in self.negated_kind), "")
        if not kind:
            return []
        holders = self.holders(tok)
        if not holders:
            return []
        speaker = self._speaker_at(tok.idx)
        text, span = evidence(self.doc, sent.start_char, sent.end_char)  # the article's own words
        parties = self.targets(tok) if kind != "neutral" else []
        out = []
        said_by = self._said_by(tok)
        for h in holders:
            # a quotation or reported speech states its speaker's position; what it says of others is the
            # speaker's account of them, not their statement; a narrated act is the actor's own
            own = speaker == h or (said_by is not None and h in said_by)
            ev_kind = "quote" if own else "clause"
            stated = own or (speaker is None and (said_by is None or not said_by))
            # what a third party reports of the holder toward another ("a UN report said Rwanda supports the
            # M23") is an account of the holder's act; what a party reports of its adversary is not
            reporters = set(said_by or ()) | ({speaker} if speaker else set())
            weight = self.weight.get(ev_kind, 1.0)
            if kind == "neutral":
                out.append(Evidence(h, "neutral", weight, ev_kind, tok.lemma_.lower(), text, span, stated, names,
                                    at=tok.idx, toward=self._addressees(tok, h)))
            else:
                out += [Evidence(h, f"{kind}:{p}", weight, ev_kind, tok.lemma_.lower(), text, span,
                                 stated or bool(reporters) and h not in reporters and p not in reporters, names,
                                 at=tok.idx) for p in parties if p != h]
        return out

    # -------------------------------------------------------------- grievances
    def _grievance(self, tok: Token, sent: SpacySpan, names: frozenset[str]) -> list[Evidence]:
        """An actor that speaks of another's force against itself ("Yerevan said a fresh Azerbaijani attack on
        Armenia was likely") accuses it: a position against the one it names as the attacker."""
        speaker = self._speaker_at(tok.idx)
        said = self._said_by(tok)
        speakers = [speaker] if speaker else (said or [])
        if not speakers or any(c.dep_ == "neg" for c in tok.children):
            return []
        victims = [p for prep in tok.children if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "of")
                   for o in prep.children if o.dep_ == "pobj" for p in self.parties_in(o)]
        authors = [a for a in self._owners(tok) if a not in victims]
        text, span = evidence(self.doc, sent.start_char, sent.end_char)  # the article's own words
        return [Evidence(s, f"against:{a}", self.weight.get("quote", 1.0), "quote", tok.lemma_.lower(), text,
                         span, True, names, at=tok.idx)
                for s in speakers if s in victims for a in authors if a != s]

    # -------------------------------------------------------------- judging words
    def _judging(self, tok: Token, sent: SpacySpan, names: frozenset[str]) -> list[Evidence]:
        """"called the raid a violation", "described the deal as illegal", "the strike was unjustified,
        Iraq said": a position toward the owner of what is judged, held by whoever judges it."""
        kind = self.judging.get(tok.lemma_.lower())
        if kind is None or tok.pos_ not in ("ADJ", "NOUN", "VERB"):
            return []
        head = tok.head
        if head.lower_ == "as" and head.dep_ == "prep":  # "described the deal as illegal"
            head = head.head
        judged: list[Token] = []
        verb = None
        if head.lemma_.lower() in self.judging_verbs and tok.dep_ in _COMPLEMENTS:
            verb = head
            judged = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass") and c is not tok]
            judged += [c for c in tok.children if c.dep_ == "nsubj"]  # "found [the strike justified]"
        elif head.lemma_.lower() == "be" and tok.dep_ in ("acomp", "attr"):  # "the strike was illegal"
            verb = head
            judged = [c for c in head.children if c.dep_ == "nsubj"]
        if verb is None or not judged or self._denied(tok if tok.pos_ == "VERB" else verb):
            return []
        targets = [p for j in judged for p in self.parties_in(j)]
        holders = self._judges(verb)
        speaker = self._speaker_at(tok.idx)
        text, span = evidence(self.doc, sent.start_char, sent.end_char)  # the article's own words
        out = []
        for h in holders:
            ev_kind = "quote" if speaker == h else "clause"
            out += [Evidence(h, f"{kind}:{p}", self.weight.get(ev_kind, 1.0), ev_kind, tok.lemma_.lower(), text,
                             span, True, names, at=tok.idx) for p in dict.fromkeys(targets) if p != h]
        return out

    def _judges(self, verb: Token) -> list[str]:
        """Who judges: the subject of the verb of judging, else of the verb of saying above it, else the
        speaker of the quotation."""
        node = verb
        for _ in range(4):
            subj = [c for c in node.children if c.dep_ == "nsubj"]
            if subj and (node.lemma_.lower() in self.judging_verbs or node.lemma_.lower() in self.speech):
                return self._actors(subj[0])
            if node.head.i == node.i:
                break
            node = node.head
        speaker = self._speaker_at(verb.idx)
        return [speaker] if speaker else []

    def _denied(self, tok: Token, appeal: bool = False) -> bool:
        """Whether the cue is negated, or (unless it is what an appeal asks for: "urged them to exercise
        restraint") only hypothetical."""
        if any(c.dep_ == "neg" or c.lower_ in ("no", "never") for c in tok.children):
            return True
        if tok.dep_ in ("xcomp", "acl", "relcl") and any(c.dep_ == "neg" or c.lower_ == "no"
                                                         for c in tok.head.children):
            return True  # "refused to", "had no grounds to intervene"
        head = tok
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and head.dep_ not in ("ROOT",):
            head = head.head
        if head.pos_ not in ("VERB", "AUX"):
            return False
        mod = self.modality.of(head)
        return mod.negated or (mod.hypothetical and not appeal)

    # -------------------------------------------------------------- who holds the position
    def holders(self, tok: Token) -> list[str]:
        node = tok
        for _ in range(8):  # "... as part of efforts to defuse tension": up to the clause's subject
            if node.pos_ in ("NOUN", "PROPN") and node is tok and tok.lemma_.lower() not in self.patient_nouns:
                owners = self._owners(node)
                if owners:
                    return owners  # "Iran's backing", "Turkish mediators"
            if node is tok and node.dep_ == "pcomp" and node.head.dep_ == "prep" and \
                    not any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
                done_by = [c for c in node.head.head.children if c.dep_ == "dobj"]
                if done_by and self._actors(done_by[0]):
                    # "accused Rwanda of backing the rebels": Rwanda backs them (by the accuser's account)
                    return self._actors(done_by[0])
            kids = list(node.children)
            agent = [g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agent:
                return self._actors(agent[0])
            subj = [c for c in kids if c.dep_ == "nsubj"]
            if subj:
                found = self._actors(subj[0])
                if found or node is not tok or not self._small_clause(node):
                    return found
                # "found the strike justified" (parsed as a clause "the strike justified"): the finder
            if node.dep_ == "relcl":  # "Turkey, which has good relations with both"
                found = self._actors(node.head)
                if found:
                    return found
            if node.head.i == node.i:
                break
            node = node.head
        speaker = self._speaker_at(tok.idx)
        return [speaker] if speaker else []

    def _actors(self, subj: Token) -> list[str]:
        speaker = self._speaker_at(subj.idx)
        if speaker and subj.lower_ in ("we", "i", "us"):
            return [speaker]
        if subj.lower_ in ("it", "they") and subj.dep_ == "nsubj":
            said = self._said_by(subj.head)  # "Israel said it would ...": it is the one who said so
            if said:
                return said
        if subj.lower_ in ("they", "them"):
            group = [a for a, _ in self.resolver.group(subj)]
            if group:
                return group
        found: list[str] = []
        subj = self._described(subj)
        for t in [subj, *_conjuncts(subj)]:
            t = self._described(t)
            if t.lemma_.lower() in self.member_nouns and t.i not in self.resolver.mention_at:
                continue  # "European Union member countries": not the Union
            hit = self.resolver.actor_of(t)
            if hit is None:  # "the army of Guinea", "the government of Syria"
                hit = next((self.resolver.actor_of(o) for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                            for o in c.children if o.dep_ == "pobj" and o.i in self.resolver.mention_at), None)
            if hit is None:  # "a Saudi-led coalition": the leader ("Russian-backed separatists" are not Russia)
                hit = next((self.resolver.actor_of(o) for c in t.children if c.dep_ == "amod" and c.lemma_ == "lead"
                            for o in c.children if o.i in self.resolver.mention_at), None)
            if hit and hit[0] not in found:
                found.append(hit[0])
        return found

    def _described(self, t: Token) -> Token:
        """"NATO ally Turkey", "U.S. foe Iran" (however parsed): the name after the tie noun."""
        doc = self.doc
        at = self.resolver.mention_at
        if t.lemma_.lower() in self.relational_nouns and t.i + 1 < len(doc) and (t.i + 1) in at:
            return doc[t.i + 1]
        m = at.get(t.i)
        if m is not None and m.end + 1 < len(doc) and doc[m.end].lemma_.lower() in self.relational_nouns \
                and m.end + 1 in at:
            return doc[m.end + 1]
        return t

    def _addressees(self, tok: Token, holder: str) -> tuple[str, ...]:
        """Whom the appeal a neutral cue sits in is addressed to: the object of the verb whose subject
        holds it ("China urged India and Pakistan to exercise restraint")."""
        node = tok
        for _ in range(6):
            if any(c.dep_ == "nsubj" for c in node.children):
                found = [a for c in node.children if c.dep_ in ("dobj", "dative") for a in self.parties_in(c)]
                return tuple(dict.fromkeys(a for a in found if a != holder and not a.startswith("@")))
            if node.head.i == node.i:
                break
            node = node.head
        return ()

    def _owners(self, noun: Token) -> list[str]:
        """Actors a noun belongs to: possessor, demonym or name modifier ("Russia's aggression",
        "the Turkish-Libyan deal", "Trump's order" -> his state)."""
        out: list[str] = []
        for c in noun.children:
            if c.dep_ not in ("poss", "amod", "compound", "nmod"):
                continue
            for t in [c, *_conjuncts(c)]:
                m = self.resolver.mention_at.get(t.i)
                actor = m.actor if m is not None and m.type in ACTING_TYPES else None
                if actor is None and (self.resolver.people.at(t.i) or t.lower_ in ("its", "their", "his", "her")):
                    hit = self.resolver.actor_of(t)
                    actor = hit[0] if hit else None
                if actor and actor not in out:
                    out.append(actor)
        return out

    @staticmethod
    def _small_clause(tok: Token) -> bool:
        """A cue complementing a verb of judging ("found it justified", "deemed the deal illegal")."""
        return tok.dep_ in ("ccomp", "xcomp", "oprd") and tok.head.pos_ in ("VERB", "AUX")

    # -------------------------------------------------------------- whom it is aimed at
    def targets(self, cue: Token) -> list[str]:
        objects: list[Token] = []
        kids = list(cue.children)
        if cue.pos_ in ("VERB", "AUX"):
            passive = any(c.dep_ == "auxpass" for c in kids)
            objects += [c for c in kids if c.dep_ == ("nsubjpass" if passive else "dobj")]
            if self._small_clause(cue):
                objects += [c for c in kids if c.dep_ == "nsubj" and not self._actors(c)]
            if not objects:  # the small model misparses a named object ("backed Azerbaijan" as npadvmod)
                objects += [c for c in kids if c.dep_ in ("npadvmod", "dative", "oprd") and c.i > cue.i
                            and c.i in self.resolver.mention_at]
        elif cue.pos_ == "ADJ" and cue.dep_ in ("oprd", "acomp", "ccomp", "xcomp", "amod"):
            # "found the air strike justified", "the justified strike"
            objects += [c for c in cue.head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c is not cue]
            if cue.dep_ == "amod":
                objects.append(cue.head)
        elif cue.pos_ == "ADP":
            objects += [c for c in kids if c.dep_ == "pobj"]
        only = self.prep_cues.get(cue.lemma_.lower(), (None, None))[1] if cue.pos_ == "VERB" else None
        if cue.lemma_.lower() in self.patient_nouns:  # "came to Japan's defence": Japan
            objects += [c for c in kids if c.dep_ == "poss"]
        for prep in kids:
            if prep.dep_ == "prep" and prep.lower_ in (only or self.object_preps):
                objects += [c for c in prep.children if c.dep_ == "pobj"]
        if cue.lower_ in ("favor", "favour") and cue.head.dep_ == "prep":
            pass  # "in favour of X": X is the object of "of", read above
        out: list[str] = []
        for o in objects:
            for p in self.parties_in(o):
                if p not in out:
                    out.append(p)
        return out

    def parties_in(self, tok: Token, depth: int = 0) -> list[str]:
        out: list[str] = []
        for t in [tok, *_conjuncts(tok)]:
            for p in self._party(t, depth):
                if p not in out:
                    out.append(p)
        return out

    def _party(self, t: Token, depth: int) -> list[str]:
        lemma = t.lemma_.lower()
        if lemma in self.rebel_nouns or lemma in self.people_nouns:
            owners = self._owners(t)
            if lemma in self.rebel_nouns:  # "Yemeni rebels": Yemen's armed opponents; "the M23 rebels": M23
                return [REBELS + a if self.kb.actor_type(a) == "state" else a for a in owners
                        if self.kb.actor_type(a) in ("state", "group")]
            return []  # "the Syrian people" are not the Syrian state
        rulers = self._rulers(t)
        if rulers:
            return rulers
        if t.i in self.resolver.mention_at or self.resolver.people.at(t.i):
            hit = self.resolver.actor_of(t)
            return [hit[0]] if hit else []
        if t.lower_ in ("it", "this", "that") and t.pos_ == "PRON":
            return [ACT]
        owners = self._owners(t)
        if lemma in self.membership_nouns or lemma in self.proposal_nouns:
            # "EU membership for Serbia": the applicant; "a UNSC resolution": its sponsor, not the forum
            owners = [a for a in owners if self.kb.actor_type(a) != "igo"]
        if owners:
            return owners
        if depth < 3:
            for prep in t.children:
                if prep.dep_ == "prep" and prep.lower_ in self.owner_preps:
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            owners += self.parties_in(pobj, depth + 1)
            for acl in t.children:  # "the resolution proposed by Moldova"
                if acl.dep_ == "acl":
                    owners += [a for c in acl.children if c.dep_ == "agent"
                               for g in c.children if g.dep_ == "pobj" for a in self.parties_in(g, depth + 1)]
        if owners:
            return owners
        if lemma in self.proposal_nouns:
            owners = self.proposer(lemma)
            if owners:
                return owners
        if lemma in self.act_nouns:
            return self._act_owner(t) or [ACT]
        if lemma in self.decision_nouns:
            return self._previous_subject(t)
        return []

    def _rulers(self, t: Token) -> list[str]:
        """Who governs what a cue is aimed at ("recognise Taliban-governed Afghanistan", "the state ruled by the
        junta"): recognising or backing it is a position toward its rulers."""
        out: list[str] = []
        for verb in t.children:
            if verb.dep_ not in ("amod", "acl") or verb.lemma_.lower() not in self.governing_verbs:
                continue
            who = [c for c in verb.children if c.dep_ in ("npadvmod", "compound", "nmod")]
            who += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            for w in who:
                out += [a for a in self._actors(w) if a not in out]
        return out

    def _previous_subject(self, t: Token) -> list[str]:
        """The actor the sentence before was about ("The OAS suspended Honduras. Chavez praised the
        decision": the OAS)."""
        sents = sentences(self.doc)
        k = next((i for i, s in enumerate(sents) if s.start <= t.i < s.end), 0)
        if k == 0:
            return []
        root = sents[k - 1].root
        subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        return self._actors(subj[0]) if subj else []

    def _act_owner(self, t: Token) -> list[str]:
        """"the raid" after "Colombian troops raided a camp": whoever the article last said did that act
        (a verb of the same lemma with a subject, or the same noun with an owner)."""
        lemma = t.lemma_.lower()
        for prior in reversed(self.doc[:t.i]):
            if prior.lemma_.lower() != lemma:
                continue
            if prior.pos_ == "VERB":
                subj = [c for c in prior.children if c.dep_ == "nsubj"]
                found = self._actors(subj[0]) if subj else []
            else:  # "Russia's strike", or "Chinese warships held drills": the one who held them
                found = self._owners(prior)
                if not found and prior.dep_ == "dobj" and prior.head.lemma_.lower() in self.doing_verbs:
                    subj = [c for c in prior.head.children if c.dep_ == "nsubj"]
                    found = self._actors(subj[0]) if subj else []
                elif not found and prior.dep_ == "pobj" and prior.head.lower_ in ("in", "with", "through") \
                        and prior.head.head.pos_ == "VERB":
                    # "seized power in a coup", "killed him in an airstrike" (not a passive's victim)
                    subj = [c for c in prior.head.head.children if c.dep_ == "nsubj"]
                    found = self._actors(subj[0]) if subj else []
            if found:
                return found
        return []

    def proposer(self, lemma: str) -> list[str]:
        """Who proposed, submitted or drafted the proposal the article calls by ``lemma``."""
        if lemma not in self._proposers:
            found: list[str] = []
            for t in self.doc:
                if t.lemma_.lower() != lemma or t.head.lemma_.lower() not in self.proposal_verbs:
                    continue
                verb = t.head
                if t.dep_ == "nsubjpass":
                    holders = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                elif t.dep_ == "dobj":
                    holders = [c for c in verb.children if c.dep_ == "nsubj"]
                else:
                    continue
                for h in holders:
                    found += [a for a in self._actors(h) if a not in found]
                if found:
                    break
            self._proposers[lemma] = found
        return self._proposers[lemma]

    # -------------------------------------------------------------- phrases
    def _phrases(self, sent: SpacySpan, names: frozenset[str]) -> list[Evidence]:
        toks = list(sent)
        lem = [t.lemma_.lower() for t in toks]
        low = [t.lower_ for t in toks]
        lemma_text = " " + " ".join(lem) + " "
        word_text = " " + " ".join(low) + " "
        out: list[Evidence] = []
        seen: set[str] = set()
        for p in self.neutral_phrases:
            for text in (lemma_text, word_text):
                where = text.find(p)
                if where < 0:
                    continue
                tok = toks[min(len(text[:where].split()), len(toks) - 1)]
                if self._denied(tok, appeal=True) and "not" not in p and "no" not in p.split():
                    break
                for h in self.holders(tok):
                    if h not in seen:
                        seen.add(h)
                        kind = "quote" if self._speaker_at(tok.idx) else "phrase"
                        out.append(Evidence(h, "neutral", self.weight.get(kind, 1.0), kind, p.strip(),
                                            *evidence(self.doc, sent.start_char, sent.end_char), True, names,
                                            toward=self._addressees(tok, h)))
                break
        return out

    # -------------------------------------------------------------- helpers
    def _speaker_at(self, char: int) -> str | None:
        for s, e, actor in self.quoted:
            if s <= char < e:
                return actor
        return None

    def _said_by(self, tok: Token) -> list[str] | None:
        """The actors whose reported speech a cue is in ("Israel said it would ...", "..., saying it was
        targeting the Houthis"); None when it is in no one's reported speech."""
        node = tok
        for _ in range(5):
            head = node.head
            if node.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in self.speech:
                speakers = [c for c in head.children if c.dep_ == "nsubj"]
                if not speakers and head.dep_ in ("advcl", "conj", "xcomp"):  # "..., saying it was ..."
                    speakers = [c for c in head.head.children if c.dep_ == "nsubj"]
                return self._actors(speakers[0]) if speakers else []
            if head.i == node.i:
                break
            node = head
        return None


def _conjuncts(tok: Token) -> list[Token]:
    """The tokens coordinated after ``tok`` ("the US, Romania and Ukraine")."""
    out: list[Token] = []
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        t = stack.pop(0)
        out.append(t)
        stack += [c for c in t.children if c.dep_ == "conj"]
    return out
