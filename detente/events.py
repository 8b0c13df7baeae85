"""Events: who did what to whom, coded in CAMEO (with Goldstein, QuadClass and PLOVER).

For every verb whose lemma has patterns in ``kb/verbs.yaml`` (and every event noun
in ``kb/nouns.yaml``), the words it governs are matched against its patterns; the
source is its subject (the agent of a passive, the possessor of a noun), the
target the actor the pattern points at, each resolved to a state, IGO, group or
region (an official stands for his state). Negated and hypothetical actions are
kept but flagged; future cooperative actions become "express intent" codes; an
action only claimed, demanded or appealed for by another event ("accused Ukraine
of shelling") is not counted on its own. Every sentence gets an explanation of
what was found and why nothing was coded.

    >>> [(e.source, e.target, e.cameo) for e in code_events(context_of(nlp("Minsk called on Baku "
    ...     "and Yerevan to show restraint.")))[0]]
    [('BLR', 'AZE', '0256'), ('BLR', 'ARM', '0256')]
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from . import dates
from .conflicts import ConflictHit
from .context import DocumentContext
from .coref import ACTING_TYPES
from .docutil import evidence, lemmas, sentence_of, sentences
from .kb import KnowledgeBase, read_tsv
from .modality import FINITE, ModalityReader, misparsed_main_verb
from .model import Event
from .patterns import PatternBook, best_match

# Dependents of a verb that carry what a statement is about: an event inside them is the
# content of that statement ("accused Ukraine of shelling"), not a separate event.
_CONTENT_DEPS = {"dobj", "prep", "xcomp", "ccomp", "pcomp", "pobj", "attr", "oprd", "acl", "relcl"}
# Roots of statements about other actions (appeals, intents, demands, accusations, rejections,
# threats): an action inside what they say is their content.
_CLAIM_ROOTS = {"01", "02", "03", "10", "11", "12", "13"}
# Prepositions that attach the actors a noun phrase is about ("position on Sudan").
_INSIDE_PREPS = {"of", "between", "by", "from", "on", "against", "toward", "towards", "with", "to"}
_ASSASSINATION = "186"


@dataclass
class Party:
    actor: str
    token: int
    person: str | None = None


@dataclass
class SentenceNotes:
    index: int
    sentence: str
    span: tuple[int, int]
    actors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fired: list[dict] = field(default_factory=list)  # every pattern that matched, and what came of it


class EventCoder:
    """The compiled pattern tables and word lists (one per knowledge base, shared by documents)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.verbs = PatternBook(kb.verbs, kb.synsets)
        self.nouns = PatternBook(kb.nouns, kb.synsets)
        lex = kb.lexicon
        self.modality = ModalityReader(kb)
        # the last words of two-word noun keys ("arms sale" -> "sale"): only these nouns need their compounds read
        self.compound_heads = {key.split()[-1] for key in self.nouns.raw if " " in key}
        self.pair_nouns = set(lex.get("pair_nouns", []))
        self.subject_control = set(lex.get("subject_control_verbs", []))
        self.killing_verbs = set(lex.get("killing_verbs", []))
        self.attack_anaphors = set(lex.get("attack_anaphors", []))
        self.speech = set(lex.get("speech_verbs", []))
        self.mediation = set(lex.get("mediation_participles", []))
        self.conflict_refs = set(lex.get("conflict_references", []))
        self.light_verbs = set(lex.get("light_verbs", []))
        self.mutual_codes = tuple(lex.get("mutual_codes", []))
        self.reciprocal_codes = tuple(lex.get("reciprocal_codes", []))
        self.list_heads = set(lex.get("list_heads", []))
        self.counterparts = set(lex.get("counterpart_nouns", []))
        self.person_pairs = set(lex.get("person_pair_nouns", []))
        # "the country", "the bloc": definite nouns that refer back to a state or an organisation
        self.anaphors = set(lex.get("state_anaphors", [])) | set(lex.get("igo_anaphors", []))
        self.saying = set(lex.get("judgement_speech_verbs", []))
        self.copular = dict(lex.get("copular_prepositions", {}))
        self.gatherings = set(lex.get("gathering_nouns", []))
        # "the deal" may take up "the agreement" told before: words of one class refer to each other
        self.agreement_words = {w for w in kb.synsets.get("AGREEMENT", []) if " " not in w}
        self.judgements = [(set(kb.synsets.get(name, [])), code)
                           for name, code in (("NEGJUDGE", "111"), ("POSJUDGE", "051"))]
        self.documents = set(lex.get("document_nouns", []))
        self.stative = set(lex.get("stative_participles", []))
        self.exclusion = set(lex.get("exclusion_verbs", []))
        self.intransitive = set(lex.get("intransitive_event_verbs", []))
        self.requesting = set(lex.get("request_governors", []))
        self.time_preps = set(lex.get("event_time_prepositions", []))
        self.date_preps = set(lex.get("date_prepositions", []))
        self.travel_verbs = set(lex.get("travel_verbs", []))
        self.adverbial_preps = set(lex.get("adverbial_prepositions", []))
        self.intents = sorted(((r["code_prefix"], r["intent_code"]) for r in read_tsv("cameo_intents.tsv")),
                              key=lambda x: -len(x[0]))


def coder_for(kb: KnowledgeBase) -> EventCoder:
    from .nlp import built_for

    return built_for(_event_coder, None, kb)


def _event_coder(_nlp, kb: KnowledgeBase) -> EventCoder:
    return EventCoder(kb)




def code_events(ctx: DocumentContext, conflicts: list[ConflictHit] | None = None,
                explain: bool = False) -> tuple[list[Event], list[dict] | None]:
    """Events of the document (counted and uncounted), and per-sentence explanations if asked."""
    run = _Run(ctx, conflicts or [])
    return run.events(), run.explanations() if explain else None


@dataclass
class _Coded:
    event: Event
    trigger: Token


class _Run:
    def __init__(self, ctx: DocumentContext, conflicts: list[ConflictHit]):
        self.doc = ctx.doc
        self.kb = ctx.kb
        self.ec = coder_for(ctx.kb)
        self.date = ctx.date
        self.people = ctx.people
        self.resolver = ctx.resolver.for_stage()
        self.mention_at = self.resolver.mention_at
        self.conflict_parties = _core_parties(conflicts)
        self.notes: list[SentenceNotes] = []
        self.found: list[_Coded] = []
        self.pending: list[tuple] = []  # statements that fired without a target, in this sentence

    # -------------------------------------------------------------- actors
    def party(self, token: Token) -> Party | None:
        """The event-level actor a token stands for (a state, IGO, group or region)."""
        found = self.resolver.actor_of(token)
        return Party(found[0], token.i, person=found[1]) if found else None

    def expand(self, token: Token) -> list[Party]:
        """The actors a token stands for, with its coordinated ones ("Baku and Yerevan")."""
        numbered = self._numbered(token)
        if numbered:
            return numbered
        pair = [Party(a, i) for a, i in self.resolver.pair(token, self.ec.pair_nouns)]
        if pair:
            return pair
        if token.lower_ in ("they", "them"):
            group = [Party(a, i) for a, i in self.resolver.group(token)]
            if group:
                return group
        p = self.party(token)
        if p is None and token.lemma_.lower() in self.ec.gatherings and any(c.lower_ == "the" for c in token.children) \
                and not any(c.dep_ == "prep" for c in token.children):
            group = self._named_together_before(token)  # "the conclusions of the summit": those who gathered
            if group:
                return group
        if p is None and token.lemma_.lower() in self.ec.counterparts:
            # "his counterparts in both countries", "his counterpart from Kenya": the states named
            found = [q for c in token.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "from")
                     for g in c.children if g.dep_ == "pobj" for q in self.expand(g)]
            if found:
                return found
        if p is None and token.pos_ == "NOUN" and token.lemma_.lower() in self.ec.list_heads:
            listed = self._listed(token)
            if listed:
                return listed
            if token.tag_ == "NNS" and any(c.lower_ in ("the", "these", "those", "all") for c in token.children):
                group = self._named_together_before(token)  # "the ministers", "these countries"
                if group:
                    return group
        out = [p] if p else []
        if p is not None and token.i not in self.mention_at:
            # "US and British activists": the actor came from a modifier; its coordinated ones act too
            for c in token.children:
                if c.dep_ in ("amod", "nmod", "compound") and c.i < token.i:
                    out += [q for g in c.conjuncts for q in [self.party(g)]
                            if q is not None and q.actor not in [o.actor for o in out]]
        for c in token.children:
            if c.dep_ == "conj" or self._listed_apposition(token, c):
                out += [q for q in self.expand(c) if q.actor not in [o.actor for o in out]]
        return out

    def _named_together_before(self, token: Token) -> list[Party]:
        """The group of two or more actors a coordinated subject named before."""
        group = [Party(a, i) for a, i in self.resolver.group(token)]
        return group if len(group) >= 2 else []

    def _numbered(self, token: Token) -> list[Party]:
        """'the two men', 'both leaders': the last two persons named, each for his state; 'the three
        countries', 'all three': the last three states named together."""
        count, alone = self.resolver.counted(token)
        if alone:  # "All three were suspended"
            return [Party(a, i) for a, i in self.resolver.named_together(token, count)]
        if count is None:
            return []
        lemma = token.lemma_.lower()
        if lemma in self.ec.person_pairs and count == 2:
            seen: list[Party] = []
            for rec in sorted(self.people.records, key=lambda r: -max((s for s, _ in r.mentions if s < token.i),
                                                                       default=-1)):
                starts = [s for s, _ in rec.mentions if s < token.i]
                if starts and rec.affiliation and rec.affiliation not in [p.actor for p in seen] \
                        and self.kb.actor_type(rec.affiliation) in ACTING_TYPES:
                    seen.append(Party(rec.affiliation, max(starts), rec.display))
                if len(seen) == 2:
                    return seen
            return []
        if count >= 3 and (lemma in self.ec.pair_nouns or lemma in self.ec.list_heads):
            return [Party(a, i) for a, i in self.resolver.named_together(token, count)]
        return []

    def _listed(self, noun: Token) -> list[Party]:
        """'ten countries, including Canada, Georgia and Estonia': the actors the list spells out."""
        out: list[Party] = []
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("including", "like") or (
                    c.dep_ == "amod" and c.lower_ == "such" and c.head.i == noun.i):
                heads = [g for g in c.children if g.dep_ == "pobj"]
                if c.lower_ == "such":  # "such as": "as" hangs on "such"
                    heads = [g for a in c.children if a.lower_ == "as" for g in a.children if g.dep_ == "pobj"]
                # "the foreign ministers of Germany and Poland" among them: the states inside a listed phrase
                out += [q for g in heads for q in (self.expand(g) or self.inside(g)) if q.actor not in [o.actor for o in out]]
        return out

    def _listed_apposition(self, head: Token, c: Token) -> bool:
        """Whether ``c`` is a list item parsed as an apposition. In "The US, Russia, and Switzerland
        met" the small model often hangs the second name on the first as an apposition, the rest
        coordinated under either. A named apposition with a coordination around it is a list item;
        a description ("Lavrov, the foreign minister") is not."""
        if c.dep_ != "appos" or (c.i not in self.mention_at and self.people.at(c.i) is None):
            return False
        return any(g.dep_ == "conj" for g in c.children) or any(g.dep_ == "conj" and g.i > c.i for g in head.children)

    def inside(self, token: Token) -> list[Party]:
        """Actors named inside a noun phrase that is not one itself: "the memoranda between Turkey
        and Libya", "Russia's invasion", "the presidents of Russia, Kazakhstan and Belarus"."""
        out: list[Party] = []
        for c in token.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < token.i:
                if c.pos_ == "PRON":
                    continue  # "reverse its position": the possessor is the actor itself
                out += self.expand(c)
            elif c.dep_ == "prep" and c.lower_ in _INSIDE_PREPS:
                for g in c.children:
                    if g.dep_ == "pobj":
                        out += self.expand(g) or self.inside(g)
            elif c.dep_ in ("relcl", "acl"):  # "the strike, which was approved by President Trump"
                for a in c.children:
                    if a.dep_ == "agent":
                        out += [p for g in a.children if g.dep_ == "pobj" for p in self.expand(g)]
        return _unique(out)

    def _mention_end(self, seq: list[Token]):
        index = {t.i: k for k, t in enumerate(seq)}

        def is_actor(token: Token) -> int | None:
            m = self.mention_at.get(token.i)
            if m is not None and m.type in ACTING_TYPES:
                last = m.end - 1
                while last >= token.i and last not in index:
                    last -= 1
                return index.get(last, index[token.i]) + 1
            rec = self.people.at(token.i)
            if rec is not None and rec.affiliation and self.kb.actor_type(rec.affiliation) in ACTING_TYPES:
                k = index[token.i]
                while k + 1 < len(seq) and self.people.at(seq[k + 1].i) is rec:
                    k += 1
                return k + 1
            if token.pos_ == "PRON" and token.lower_ in ("him", "her", "them", "it", "us"):
                return index[token.i] + 1 if self.party(token) else None
            if token.lemma_.lower() in self.ec.pair_nouns and self.resolver.pair(token, self.ec.pair_nouns):
                return index[token.i] + 1
            if token.lemma_.lower() in self.ec.counterparts and self.expand(token):
                return index[token.i] + 1
            if token.pos_ in ("NOUN", "NUM") and self._numbered(token):
                return index[token.i] + 1
            if token.lemma_.lower() in self.ec.anaphors and self.party(token):
                return index[token.i] + 1
            return None

        return is_actor

    # -------------------------------------------------------------- main loop
    def events(self) -> list[Event]:
        for si, sent in enumerate(sentences(self.doc)):
            notes = SentenceNotes(si + 1, sent.text.strip(), (sent.start_char, sent.end_char))
            tokens = list(sent)  # spaCy makes a new Token object at every access: make them once
            actors_here = sorted({m.actor for t in tokens for m in [self.mention_at.get(t.i)]
                                  if m is not None and m.type in ACTING_TYPES})
            actors_here += sorted({f"{r.display} ({r.affiliation})" for t in tokens for r in [self.people.at(t.i)]
                                   if r is not None and r.affiliation})
            notes.actors = actors_here
            before = len(self.found)
            self.pending = []
            unmatched: list[str] = []
            sayings = []
            for tok in tokens:
                if tok.pos_ in ("VERB", "AUX"):
                    self._verb(tok, notes, unmatched)
                    if tok.lemma_.lower() in self.ec.saying:
                        sayings.append(tok)
                if self._is_event_noun(tok):
                    self._noun(tok, notes)
                if tok.lower_ in self.ec.mediation and tok.dep_ in ("amod", "acl"):
                    self._brokered(tok, notes)
            for tok in sayings:  # after the sentence's acts are coded: a judged act's author is its target
                self._judgement(tok, notes)
            self._embedded(self.found[before:], notes)
            if not any(c.event.counts for c in self.found[before:]):
                notes.notes.append("no event: " + self._why_not(actors_here, notes, unmatched))
            self.notes.append(notes)
        return _dedup(self._drop_echoes(self._drop_references(self.found)))

    def _why_not(self, actors_here: list[str], notes: SentenceNotes, unmatched: list[str]) -> str:
        """The main reason a sentence gave no counted event."""
        if not actors_here:
            return "no actor named in this sentence"
        statuses = [f["status"] for f in notes.fired]
        if "negated" in statuses:
            return "the action is negated"
        if "hypothetical" in statuses:
            return "the action is hypothetical: a possibility, a condition, a request or only a claim"
        if "no target" in statuses:
            return "a pattern fired but no target actor was found"
        if "no source" in statuses:
            return "a pattern fired but no source actor was found"
        if "self" in statuses:
            return "an actor acting on itself"
        if unmatched:
            return "no pattern for the verbs " + ", ".join(sorted(set(unmatched)))
        if any("pattern(s)" in n for n in notes.notes):
            return "no pattern of its verbs matched the words around them"
        return "no verb or event noun with a pattern here"

    def explanations(self) -> list[dict]:
        return [{"index": n.index, "sentence": n.sentence, "span": list(n.span), "actors": n.actors,
                 "notes": n.notes, "fired": n.fired} for n in self.notes]

    def _is_event_noun(self, tok: Token) -> bool:
        if tok.pos_ not in ("NOUN", "PROPN", "VERB"):
            return False
        if tok.pos_ == "PROPN" and tok.i in self.mention_at:
            return False  # a word of an actor's name ("Popular Mobilization Forces"), not an event
        if tok.pos_ == "VERB" and not (tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "dobj", "pobj")):
            return False
        if tok.lemma_.lower() in self.ec.nouns or tok.lower_ in self.ec.nouns:
            return True
        return tok.lemma_.lower() in self.ec.compound_heads and self._noun_key(tok) is not None

    def _noun_key(self, tok: Token) -> str | None:
        """The longest nouns.yaml key ending in this noun ("arms sale" before "sale")."""
        for c in sorted((c for c in tok.children if c.dep_ == "compound" and c.i < tok.i), key=lambda c: c.i):
            key = f"{c.lemma_.lower()} {tok.lemma_.lower()}"
            if key in self.ec.nouns:
                return key
        for key in (tok.lemma_.lower(), tok.lower_):
            if key in self.ec.nouns:
                return key
        return None

    # -------------------------------------------------------------- verbs
    def _verb_keys(self, verb: Token) -> list[str]:
        forms = lemmas(verb)
        keys = [f"{f} {c.lower_}" for f in forms for c in verb.children if c.dep_ == "prt"]
        if "be" in forms:
            # "Germany and France were against ...": a copula with a stance preposition is its verb
            keys += [self.ec.copular.get(c.lower_) for c in verb.children
                     if c.dep_ == "prep" and c.lower_ in self.ec.copular]
        if verb.i >= 2 and self.doc[verb.i - 1].text == "-":  # "de-escalate", "test-fire"
            keys += [f"{self.doc[verb.i - 2].lower_}-{f}" for f in forms]
        return keys + list(forms)

    def _verb(self, verb: Token, notes: SentenceNotes, unmatched: list[str]) -> None:
        key_used = next((k for k in self._verb_keys(verb) if k in self.ec.verbs), None)
        if key_used is None:
            lemma = verb.lemma_.lower()
            if lemma not in self.ec.speech and lemma not in ("be", "have", "do") and verb.pos_ == "VERB":
                unmatched.append(lemma)
            return
        patterns = self.ec.verbs.get(key_used)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        seq = self._governed(verb)
        passive_object = self._passive_object(verb) if passive else []
        if passive:
            # "the deal, which was signed by ...": the passive subject is the verb's object
            seq = passive_object + seq
        elif verb.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in verb.children) \
                and verb.head.i < verb.i and verb.head.pos_ == "NOUN":
            # "the tariffs the US put in place": the noun the clause describes is its object
            seq = [t for t in self.doc[verb.head.left_edge.i:verb.head.i + 1]] + seq
        is_actor = self._mention_end(seq)
        result = best_match(patterns, seq, is_actor)
        bare = next((p for p in patterns if not p.elements), None)
        if bare is not None and key_used in self.ec.intransitive and any(
                c.dep_ in ("dobj", "ccomp") for c in verb.children):
            bare = None  # "has demonstrated its resolve" shows something; "demonstrated" alone protests
        if result is None and bare is None:
            if key_used not in ("be", "have", "do", "get", "make", "take", "give", "come", "go"):
                notes.notes.append(f"{verb.text}: none of the {len(patterns)} pattern(s) of '{key_used}' matched")
            return
        pattern = result.pattern if result else bare
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        victim = passive and result is not None and bool(result.targets) and {
            t.i for t in passive_object} >= set(result.targets)
        if passive and not agents and result is not None and (result.targets or pattern.has_target) and not victim:
            # "Russian troops have been deployed to Nagorno-Karabakh": the troops' state acts
            # (unless the pattern found its target in the subject: "a commander was killed in the strike")
            subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
            sources = [p for s in subj for p in (self.expand(s) or self.inside(s))]
        else:
            sources = self._sources(verb, passive)
        if result and result.targets:
            targets = [p for t in result.targets for p in self.expand(self.doc[t])]
        else:
            # the actors inside a non-actor object count for statements ("denounced the memoranda
            # between Turkey and Libya"), not for deeds ("demonstrates the closeness of both sides")
            targets = self._default_targets(verb, passive, look_inside=pattern.code[:2] <= "13")
            if not targets and result is not None:
                targets = self._topic_targets(seq[result.end - 1], statement=pattern.code[:2] <= "13")
            clause = verb.head.head if verb.head.pos_ == "ADP" else verb.head  # "..., with Turkey acting as"
            if not targets and pattern.code.startswith("045") and clause.i != verb.i and clause.pos_ in ("VERB", "AUX"):
                # "Israel and Syria held talks, with Turkey acting as a mediator": between the clause's actors
                targets = self._sources(clause, any(c.dep_ == "nsubjpass" for c in clause.children))
            if not targets and verb.dep_ in ("advcl", "xcomp") and verb.head.pos_ == "VERB":
                # "sent planes to Kyrgyzstan to deliver aid": the errand's target is where it was sent
                targets = [p for c in verb.head.children if c.dep_ in ("dative", "prep") and c.lower_ in ("to", "into")
                           for g in c.children if g.dep_ == "pobj" for p in self.expand(g)]
        self._emit(verb, f"{key_used}: {pattern.text or '(verb alone)'}", pattern.code, sources, targets, notes)

    def _topic_targets(self, last: Token, statement: bool) -> list[Party]:
        """The actors of the thing a pattern matched, when it names no target itself: "seized the
        capital, Sanaa" (its apposition); for statements also those inside it ("called for a
        peaceful resolution of the conflict between Armenia and Azerbaijan")."""
        noun = last.head if last.pos_ == "ADP" else last
        named = [p for c in noun.children if c.dep_ == "appos" for p in self.expand(c)]
        if named or not statement:
            return named
        return self.inside(noun)

    def _judgement(self, verb: Token, notes: SentenceNotes) -> None:
        """'X said the decision was illegal', 'Y said the strike was justified': a statement that
        judges an actor or an act condemns (111) or praises (051) it; the act's author is the target."""
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None:
                continue
            # the verdict words: the predicate and its modifiers ("was a gross violation", "null and void"),
            # not the phrases hung on it ("united against Russia's aggression")
            verdict = [t for c in clause.children if c.dep_ in ("acomp", "attr", "oprd")
                       for t in [c, *c.children] if t.dep_ not in ("prep", "relcl", "acl", "ccomp")]
            if clause.tag_ in ("VBN", "JJ"):
                verdict.append(clause)  # "was justified": the participle is the verdict
            verdict += [c for c in clause.children if c.dep_ == "advmod" and c.lower_.endswith("ly")]
            words = {t.lower_ for t in verdict} | {t.lemma_.lower() for t in verdict}
            words |= {w[:-2] for w in words if w.endswith("ly")}  # "illegally" judges as "illegal" does
            phrase = " ".join(t.lower_ for t in sorted(verdict, key=lambda t: t.i))
            code = next((code for terms, code in self.ec.judgements
                         if words & terms or any(" " in term and term in phrase for term in terms)), None)
            if code is None:
                continue
            authors = [Party(c.event.source, c.trigger.i, c.event.source_person) for c in self.found
                       if c.trigger.i == subject.i and c.event.source != c.event.target]
            targets = self.expand(subject) or _unique(authors) or self.inside(subject) or self._antecedent(subject)
            if not targets:
                continue  # a judgement of nothing named ("we must stand united") is no event
            self._emit(verb, f"{verb.lemma_}: (judgement of what it speaks of)", code,
                       self._sources(verb, False), targets, notes)

    def _passive_object(self, verb: Token) -> list[Token]:
        subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not subj:
            return []
        head = subj[0]
        if head.lower_ in ("which", "that", "who") and verb.dep_ == "relcl":
            head = verb.head
            return [t for t in self.doc[head.left_edge.i:head.i + 1]]
        return [t for t in head.subtree if t.i < verb.i]

    def _governed(self, verb: Token) -> list[Token]:
        """The words after a verb that its patterns are matched against: its dependents, without
        its subject, its particle, scene-setting phrases ("after the strike") and clauses of their
        own ("concluded that the agreement is void", "agreed to spend ..., after Trump paused aid").
        An infinitive ("pushing Ukraine to become part of", "wants Kyiv to abandon") completes the
        verb and is kept."""
        out: list[Token] = []
        # "demanded that Russia release the sailors": what is asked for is the request's content
        requested = bool(set(lemmas(verb)) & self.ec.requesting)

        def collect(tok: Token) -> None:
            if tok.dep_ in ("parataxis", "relcl") or (tok.dep_ in ("ccomp", "advcl") and any(
                    g.dep_ in ("nsubj", "nsubjpass", "mark") for g in tok.children) and not _infinitive(tok)
                    and not (requested and tok.dep_ == "ccomp" and tok.head.i == verb.i)):
                return
            out.append(tok)
            for c in tok.children:
                collect(c)

        for c in verb.children:
            if c.i < verb.i or c.dep_ in ("nsubj", "nsubjpass", "csubj", "prt"):
                continue
            if c.dep_ == "prep" and c.lower_ in self.ec.adverbial_preps:
                continue
            collect(c)
        return sorted((t for t in out if t.i > verb.i), key=lambda t: t.i)

    def _sources(self, verb: Token, passive: bool, depth: int = 0) -> list[Party]:
        if set(lemmas(verb)) & self.ec.stative:
            # "delegations have been engaged in talks", "the powers involved in talks": a state, not a
            # passive action: the subject (or the noun described) does it
            if verb.dep_ == "acl":
                return self.expand(verb.head)
            if passive and not any(c.dep_ == "agent" for c in verb.children):
                return [p for c in verb.children if c.dep_ == "nsubjpass" for p in (self.expand(c) or self.inside(c))]
        if passive:
            agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agents:
                return [p for a in agents for p in (self.expand(a) or self.inside(a))]
            if set(lemmas(verb)) & self.ec.exclusion:
                # "All three were suspended from ECOWAS": the organisation excludes its member
                bodies = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
                          for g in c.children if g.dep_ == "pobj" for p in self.expand(g)
                          if self.kb.actor_type(p.actor) == "igo"]
                if bodies:
                    return bodies
            # "al-Muhandis, who was also killed in the airstrike": whoever carried out that airstrike
            means = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during", "by")
                     for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in self.ec.attack_anaphors]
            return self._antecedent(means[0]) if means else []
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "expl") and not c.is_punct]
        if not subj:
            # "Kyrgyzstan had earlier on Saturday accused ...": the small model hangs the subject on
            # the auxiliary before the verb
            subj = [g for c in verb.children if c.dep_ == "aux" and c.i < verb.i
                    for g in c.children if g.dep_ == "nsubj"]
        if subj:
            return self.expand(subj[0]) or self.inside(subj[0])
        if misparsed_main_verb(verb):
            # "asked Germany to send tanks and urged Poland": its subject is that of the finite verb above
            head = verb.head
            while head.dep_ != "ROOT" and head.tag_ not in FINITE and head.head.i != head.i:
                head = head.head
            return self._sources(head, any(c.dep_ == "nsubjpass" for c in head.children), depth + 1) \
                if depth < 3 and head.tag_ in FINITE else []
        if verb.dep_ == "xcomp" and not set(lemmas(verb.head)) & self.ec.subject_control:
            # "urged Poland to help Kyiv": the object of the governing verb does the infinitive's action
            obj = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
            found = (self.expand(obj[0]) or self.inside(obj[0])) if obj else []
            if found:
                return found
        # "by staging a trade war, Putin ...": a gerund after a preposition (pcomp) takes the
        # subject of the verb the preposition hangs on
        head = verb.head.head if verb.dep_ == "pcomp" else verb.head
        if depth < 3 and verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acl") and head.pos_ in (
                "VERB", "AUX"):
            return self._sources(head, any(c.dep_ == "nsubjpass" for c in head.children), depth + 1)
        if verb.dep_ == "relcl":
            return self.expand(verb.head)
        if verb.dep_ == "acl" and verb.head.lemma_.lower() in self.ec.documents:
            # "the OSCE issued a statement praising the deal": whoever issued the statement
            document = verb.head
            if document.dep_ == "dobj" and document.head.pos_ in ("VERB", "AUX") and depth < 3:
                return self._sources(document.head, False, depth + 1)
            found = self.party(document)
            return [found] if found else []
        return []

    def _default_targets(self, verb: Token, passive: bool, look_inside: bool = True) -> list[Party]:
        """The target of a pattern without $: the object (the subject of a passive), or the
        actors named inside the object ("denounced the memoranda between Turkey and Libya")."""
        if passive:
            subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
            return [p for s in subj for p in (self.expand(s) or self.inside(s))]
        objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj", "attr", "oprd")]
        if set(lemmas(verb)) & self.ec.requesting:
            # "demanded that Russia release the sailors": the one asked is the clause's subject
            objs += [g for c in verb.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "nsubj"]
        for o in objs:
            found = self.expand(o) or (self.inside(o) or self._antecedent(o) if look_inside else [])
            if found:
                return found
        return []

    def _antecedent(self, noun: Token) -> list[Party]:
        """'called the border agreement null and void': the actors of the agreement named before
        ("the maritime border agreement between Turkey and Libya")."""
        if noun.pos_ != "NOUN" or not any(c.lower_ in ("the", "this", "that") for c in noun.children):
            return []
        k = sentences(self.doc).index(sentence_of(noun))
        start = sentences(self.doc)[max(k - 5, 0)].start
        lemma = noun.lemma_.lower()
        same = self.ec.agreement_words if lemma in self.ec.agreement_words else {lemma}
        for t in reversed(self.doc[start:noun.i]):
            if t.lemma_.lower() in same and t.pos_ == "NOUN":
                # "called the tariffs dumb": whoever imposed the tariffs named before
                authors = [c.event for c in self.found if c.event.counts and (
                    c.trigger.i == t.i or (t.head.i == c.trigger.i and t.dep_ in ("dobj", "nsubjpass")))]
                if authors:
                    seen: list[Party] = []
                    for e in authors:
                        if e.source not in [p.actor for p in seen]:
                            seen.append(Party(e.source, t.i, e.source_person))
                    return seen
                found = self.inside(t)
                if found:
                    return found
            if t.lemma_.lower() == lemma and t.pos_ == "VERB":
                # "Lukashenko released 14 activists ... leaders hailed the release": who did it
                doers = self._sources(t, any(c.dep_ == "nsubjpass" for c in t.children))
                if doers:
                    return doers
        if lemma in self.ec.attack_anaphors:
            # "condemned the attack" after "US forces killed Soleimani in an airstrike": the attack is
            # the last act of force told before, and whoever did it is the target
            force = [c for c in self.found if c.event.counts and c.event.root >= "18" and start <= c.trigger.i < noun.i]
            if force:
                e = force[-1].event
                span = self.doc.char_span(*e.source_span, alignment_mode="expand") if e.source_span else None
                return [Party(e.source, span.start if span is not None else force[-1].trigger.i, e.source_person)]
        return []

    # -------------------------------------------------------------- nouns
    def _noun(self, noun: Token, notes: SentenceNotes) -> None:
        key = self._noun_key(noun)
        if key is None:
            return
        patterns = self.ec.nouns.get(key)
        seq = [t for t in noun.subtree if t.i > noun.i]
        is_actor = self._mention_end(seq)
        result = best_match(patterns, seq, is_actor)
        bare = next((p for p in patterns if not p.elements), None)
        general = bare or (min(patterns, key=lambda p: p.size) if patterns else None)
        # "fighting between Azerbaijani and Armenian forces": each side against the other
        between = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"]
        if between and general is not None:
            sides: list[Party] = []
            for t in between[0].subtree:
                p = self.party(t) if (t.i in self.mention_at or self.people.at(t.i)) else None
                if p is not None and p.actor not in [x.actor for x in sides]:
                    sides.append(p)
            if len(sides) >= 2:
                code = result.pattern.code if result else general.code
                for a in sides:
                    self._emit(noun, f"{key}: between", code, [a], [b for b in sides if b.actor != a.actor], notes)
                return
        if result is None and bare is None:
            return
        pattern = result.pattern if result else bare
        targets = [p for t in result.targets for p in self.expand(self.doc[t])] if result and result.targets else []
        sources = self._noun_sources(noun)
        if not targets and result is None and not sources:
            return
        self._emit(noun, f"{key}: {pattern.text or '(noun alone)'}", pattern.code, sources, targets, notes)

    def _noun_sources(self, noun: Token) -> list[Party]:
        for c in noun.children:
            if c.dep_ == "poss":
                found = self.expand(c)
                if found:
                    return found
        for c in noun.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i:
                m = self.mention_at.get(c.i)
                if m is not None and m.type in ACTING_TYPES:
                    return [Party(m.actor, c.i)]
        for c in noun.children:
            if c.dep_ in ("prep", "agent") and c.lower_ == "by":
                found = [p for g in c.children if g.dep_ == "pobj" for p in self.expand(g)]
                if found:
                    return found
        head = noun.head
        if noun.dep_ in ("dobj", "pobj", "attr") and head.pos_ in ("VERB", "AUX", "ADP"):
            verb = head if head.pos_ != "ADP" else head.head
            timed = head.pos_ == "ADP" and head.lower_ in self.ec.time_preps  # "over a recent visit to X, Putin ..."
            # "came to Geneva for talks with X": the traveller's own talks
            purpose = head.pos_ == "ADP" and head.lower_ == "for" and set(lemmas(verb)) & self.ec.travel_verbs
            if verb.pos_ in ("VERB", "AUX") and (set(lemmas(verb)) & self.ec.light_verbs or timed or purpose):
                return self._sources(verb, any(c.dep_ == "nsubjpass" for c in verb.children))
        return []

    def _brokered(self, participle: Token, notes: SentenceNotes) -> None:
        """'a Russian-brokered peace deal': the broker mediates between the deal's parties (045)."""
        brokers = [p for c in participle.children for p in self.expand(c)
                   if c.dep_ in ("npadvmod", "compound", "amod", "nmod")]
        # "the talks, mediated by the US": the agent
        brokers += [p for c in participle.children if c.dep_ == "agent"
                    for g in c.children if g.dep_ == "pobj" for p in self.expand(g)]
        if not brokers:
            return
        deal = participle.head
        parties = self.inside(deal)
        if not parties and deal.dep_ in ("pobj", "dobj"):
            verb = deal.head if deal.head.pos_ in ("VERB", "AUX") else deal.head.head
            if verb.pos_ in ("VERB", "AUX"):
                parties = self._sources(verb, False)
        parties = [p for p in parties if p.actor not in [b.actor for b in brokers]]
        if parties:
            self._emit(participle, f"{participle.lower_}: (mediator)", "045", brokers, parties, notes)

    # -------------------------------------------------------------- output
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
                self.found.append(_Coded(ev, trigger))
                made.append(f"{s.actor}→{t.actor}" + (f" as {ev.cameo}" if ev.cameo != code else ""))
                if code.startswith(self.ec.mutual_codes):
                    # "Lavrov spoke by phone with his Kyrgyz counterpart": the call is Kyrgyzstan's too
                    self.found.append(_Coded(self._event(trigger, pattern_desc + " (mutual)", code, t, s, negated,
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
                    self.found.append(_Coded(self._event(trigger, pattern_desc + " (each with the others)", code, s,
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

    def _embedded(self, coded: list[_Coded], notes: SentenceNotes) -> None:
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
                        self.found.append(_Coded(ev, trigger))
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

    def _drop_references(self, coded: list[_Coded]) -> list[_Coded]:
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

    def _drop_echoes(self, coded: list[_Coded]) -> list[Event]:
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

    def _intent_code(self, code: str) -> str | None:
        for prefix, intent in self.ec.intents:
            if code.startswith(prefix):
                return intent
        return None

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


def _unique(parties: list[Party]) -> list[Party]:
    out: list[Party] = []
    for p in parties:
        if p.actor not in [o.actor for o in out]:
            out.append(p)
    return out


def _depth(token: Token) -> int:
    """How far a token is from its sentence's root (the main verb is 0)."""
    depth = 0
    while token.head.i != token.i and depth < 50:  # spaCy makes a new Token each time: compare indices
        token, depth = token.head, depth + 1
    return depth


def _infinitive(verb: Token) -> bool:
    """"to abandon" in "wants Kyiv to abandon": the small model parses it as a clause of its own
    (ccomp, with Kyiv as its subject), but it completes the verb before it."""
    return verb.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
        and not any(c.dep_ == "mark" for c in verb.children)


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


def _core_parties(conflicts: list[ConflictHit]) -> list[str]:
    """The first named party of each side of the article's main conflict (the one named most)."""
    for c in sorted(conflicts, key=lambda c: -c.salience):
        mentioned = list(c.mentioned_parties)
        sides = [[a for a in side if a in mentioned] for side in c.sides]
        firsts = [s[0] for s in sides if s]
        if len(firsts) >= 2:
            return firsts
    return []


def _echo_key(c: _Coded) -> tuple:
    return c.event.source, c.event.target, c.event.base, c.event.negated or c.event.hypothetical


def _dedup(events: list[Event]) -> list[Event]:
    """One event per (source, target, code root, trigger); the most specific pattern wins."""
    best: dict[tuple, Event] = {}
    for e in events:
        key = (e.source, e.target, e.root, e.trigger_span, e.negated or e.hypothetical)
        cur = best.get(key)
        if cur is None or len(e.cameo) > len(cur.cameo):
            best[key] = e
    return sorted(best.values(), key=lambda e: (e.span[0], e.trigger_span[0] if e.trigger_span else 0))
