"""The event coder's knowledge, compiled once per knowledge base and shared by all documents: the
pattern books of verbs and event nouns (``kb/verbs.yaml``, ``kb/nouns.yaml``) and the word lists
the coding of a clause reads."""
from __future__ import annotations

from ..kb import KnowledgeBase, read_tsv
from .modality import ModalityReader
from .patterns import PatternBook


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

