"""Persons in a Russian Doc: named as the text names them, in the nominative, without patronymic.

Names come from natasha's PER entities; each word is put back in the nominative with
pymorphy3 ("Джоном Керри" -> "Джон Керри", "Назарбаева" -> "Назарбаев"), a patronymic is
dropped ("Сергей Викторович Лавров" -> "Сергей Лавров"), and a surname-only mention joins the
fullest form with the same surname. The role is the title written just before the name
("глава МИД России Сергей Лавров") or just after it ("Лавров, министр иностранных дел"),
given in the nominative as ``kb/ru/roles.tsv`` writes it; the actor named with the title
(России, российский) is the affiliation. The knowledge base's officials are in Latin letters:
a name is linked to them by transliteration (iuliia's Wikipedia and BGN/PCGN schemes), which
fills ``kb_name`` and ``kb_role``, and the affiliation when the text gives none.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span

from ...actors import Mention
from ....kb import fold
from ....model import Person
from .kb import RuKnowledge

_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_NAME_TAGS = {"Name", "Surn", "Patr"}


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def nominative(word: str, case: str | None, gender: str | None = None) -> tuple[str, bool]:
    """(the word in the nominative, whether it is a patronymic)."""
    parts = word.split("-")
    if len(parts) > 1 and all(parts):  # Франком-Вальтером: each half inflects
        words = [nominative(p, case, gender) for p in parts]
        return "-".join(w for w, _ in words), False
    parses = _morph().parse(word)
    target = _CASES.get(case or "")
    if target == "nomn" and parses and not any(p.tag.case == "nomn" for p in parses) and "sing" in parses[0].tag:
        target = parses[0].tag.case  # the tagger said nominative of a word that cannot be one
    named = [p for p in parses if _NAME_TAGS & p.tag.grammemes and "sing" in p.tag
             and (target is None or p.tag.case == target)]
    if gender:
        g = {"Masc": "masc", "Fem": "femn"}.get(gender)
        named.sort(key=lambda p: 0 if g and (p.tag.gender == g or "ms-f" in p.tag) else 1)
    g = {"Masc": "masc", "Fem": "femn"}.get(gender or "")
    if any(p.tag.case == "nomn" and "sing" in p.tag and _NAME_TAGS & p.tag.grammemes
           and (not g or p.tag.gender == g or "ms-f" in p.tag) for p in parses):
        return word, any("Patr" in p.tag.grammemes for p in parses if p.tag.case == "nomn")
    if named:
        best = named[0]
        if "Patr" in best.tag.grammemes:
            return word, True
        if target in (None, "nomn"):
            return word, False
        form = best.inflect({"nomn"})
        return (_cap(form.word) if form else word), False
    if target in (None, "nomn"):
        return word, False
    same_case = [p for p in parses if p.tag.case == target and p.tag.POS == "NOUN"]
    return (_cap(same_case[0].normal_form) if same_case else word), False


def _cap(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


@dataclass
class RuPerson:
    name: str
    surname: str
    role: str | None = None
    canonical_role: str | None = None
    affiliation: str | None = None
    affiliation_source: str | None = None
    kb_name: str | None = None
    kb_role: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    tokens: list[tuple[int, int]] = field(default_factory=list)  # token spans of its mentions
    role_span: tuple[int, int] | None = None

    def as_model(self) -> Person:
        return Person(self.name, self.role, self.affiliation, self.affiliation_source, self.kb_name,
                      self.kb_role, self.spans, self.role_span)


class People:
    """The document's persons and where each is mentioned."""

    def __init__(self, doc: Doc, persons: list[RuPerson]) -> None:
        self.doc = doc
        self.persons = persons
        self.at: dict[int, RuPerson] = {}
        for p in persons:
            for s, e in p.tokens:
                for i in range(s, e):
                    self.at[i] = p

    def before(self, i: int, subject: bool = False) -> RuPerson | None:
        """The person mentioned last before token ``i`` (``subject``: as the subject of a clause,
        which is whom a later "он" most often means)."""
        best, where = None, -1
        for p in self.persons:
            for s, e in p.tokens:
                if where < s < i and (not subject or _is_subject(self.doc[s:e].root)):
                    best, where = p, s
        return best


def _is_subject(tok) -> bool:
    for _ in range(2):
        if tok.dep_.startswith("nsubj"):
            return True
        if tok.dep_ not in ("appos", "flat:name"):
            return False
        tok = tok.head
    return False


def find_persons(doc: Doc, mentions: list[Mention], ru: RuKnowledge, date: str | None) -> People:
    found: list[RuPerson] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        ent = _trim(ent, mentions)
        if ent is None:
            continue
        words = []
        case = _span_case(ent)
        for tok in ent:
            if not tok.is_alpha and "-" not in tok.text:
                continue
            word, patronymic = nominative(tok.text, case or (tok.morph.get("Case") or [None])[0],
                                          (tok.morph.get("Gender") or [None])[0])
            if not patronymic:
                words.append(word)
        if not words:
            continue
        name = " ".join(words)
        person = RuPerson(name, _surname(words))
        person.spans.append((ent.start_char, ent.end_char))
        person.tokens.append((ent.start, ent.end))
        _role(doc, ent, person, mentions, ru)
        found.append(person)
    merged = [p for p in _merge(found) if len(p.name.split()) > 1 or _looks_like_name(p.name)]
    for p in merged:
        _link(p, ru, date)
    return People(doc, merged)


_CASE_BACK = {v: k for k, v in _CASES.items()}


def _span_case(ent: Span) -> str | None:
    """The case of a whole name, from its surname when the surname shows it unambiguously
    ("Ерланом Идрисовым": Идрисовым can only be instrumental, whatever the tagger said)."""
    last = ent[-1]
    cases = {p.tag.case for p in _morph().parse(last.text) if _NAME_TAGS & p.tag.grammemes and "sing" in p.tag}
    if len(cases) == 1:
        return _CASE_BACK.get(cases.pop())
    return None


def _trim(ent: Span, mentions: list[Mention]) -> Span | None:
    """Drop leading words that are actor names (the NER sometimes takes "США Джон Керри")."""
    taken = {i for m in mentions for i in range(m.start, m.end) if m.kind != "institution"}
    start = ent.start
    while start < ent.end and start in taken:
        start += 1
    return ent.doc[start:ent.end] if start < ent.end else None


def _looks_like_name(word: str) -> bool:
    """A one-word PER entity is a person only if the dictionary can read it as a name or at least as
    an animate noun ("Минэнергопром", an agency's short name, is neither)."""
    return any(_NAME_TAGS & p.tag.grammemes or "anim" in p.tag for p in _morph().parse(word))


def _surname(words: list[str]) -> str:
    # "Абдалла II": a regnal number is not a surname
    if len(words) > 1 and re.fullmatch(r"[IVXLC]+", words[-1]):
        return words[-2]
    return words[-1]


def _merge(found: list[RuPerson]) -> list[RuPerson]:
    """One person per surname, named by the fullest form."""
    out: list[RuPerson] = []
    for p in sorted(found, key=lambda p: -len(p.name.split())):
        same = next((q for q in out if _same_surname(q.surname, p.surname)
                     and (len(p.name.split()) == 1 or p.name.split()[0][0] == q.name.split()[0][0])), None)
        if same is None:
            out.append(p)
            continue
        same.spans += p.spans
        same.tokens += p.tokens
        if same.role is None and p.role:
            same.role, same.canonical_role, same.role_span = p.role, p.canonical_role, p.role_span
        if same.affiliation is None and p.affiliation:
            same.affiliation, same.affiliation_source = p.affiliation, p.affiliation_source
    out.sort(key=lambda p: min(p.spans))
    for p in out:
        p.spans.sort()
        p.tokens.sort()
    return out


def _same_surname(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def _title_at(doc: Doc, start: int, ru: RuKnowledge):
    """The longest title whose lemmas start at token ``start``: (end, title, canonical)."""
    best = None
    for lemmas, title, _kind, canonical in ru.titles:
        end = start + len(lemmas)
        if end <= len(doc) and tuple(t.lemma_ for t in doc[start:end]) == lemmas:
            if best is None or end > best[0]:
                best = (end, title, canonical)
    return best


def _role(doc: Doc, ent: Span, person: RuPerson, mentions: list[Mention], ru: RuKnowledge) -> None:
    actor_at = {i: m for m in mentions if m.kind != "institution" and m.acts for i in range(m.start, m.end)}
    # Before the name: [actor adjective] title [genitive or prepositional words, actors] Name
    # ("генеральный секретарь организации Андерс Фог Расмуссен", "посол Туркменистана в России ...")
    for start in range(ent.start - 1, max(-1, ent.start - 8), -1):
        hit = _title_at(doc, start, ru)
        if hit and hit[0] <= ent.start and all(_modifier(t) for t in doc[hit[0]:ent.start]):
            between = [actor_at[x] for x in range(hit[0], ent.start) if x in actor_at]
            _set_role(doc, person, start, hit, between, actor_at)
            if person.affiliation is None:
                _organ_of_state_named_before(doc, person, doc[hit[0]:ent.start], actor_at, ru)
            return
        if not _modifier(doc[start]) and not hit:
            break
    # After the name: "Name, title [actor]"
    j = ent.end
    if j < len(doc) and doc[j].text == ",":
        j += 1
        k = j
        while k < len(doc) and k in actor_at and k - j < 3:
            k += 1
        hit = _title_at(doc, k, ru)
        if hit:
            after = [actor_at[x] for x in range(hit[0], min(hit[0] + 4, len(doc))) if x in actor_at]
            _set_role(doc, person, k, hit, [actor_at[x] for x in range(j, k)] + after[:1], actor_at)


def _organ_of_state_named_before(doc: Doc, person: RuPerson, words: Span, actor_at, ru: RuKnowledge) -> None:
    """"представитель внешнеполитического ведомства": an organ named without its state belongs to
    the state of the organ named last before it in the sentence ("МИД Казахстана готовит заявление,
    ... сообщил официальный представитель внешнеполитического ведомства")."""
    organs = ru.lexicon.get("institution_nouns", {})
    if not any(t.lemma_ in organs for t in words):
        return
    for i in range(words.start - 1, words.sent.start - 1, -1):
        m = actor_at.get(i)
        ancestors = list(doc[i].ancestors)[:3] if m is not None else []
        if m is not None and m.type == "state" and any(a.lemma_ in organs for a in ancestors):
            person.affiliation, person.affiliation_source = m.actor, "text"
            return


def _modifier(tok) -> bool:
    """A word that may stand between a title and the name (no punctuation, no verb)."""
    return tok.pos_ in ("NOUN", "PROPN", "ADJ", "ADP", "DET", "NUM") and tok.dep_ != "ROOT"


def _set_role(doc: Doc, person: RuPerson, start: int, hit, near: list[Mention], actor_at) -> None:
    end, title, canonical = hit
    person.role, person.canonical_role = title, canonical or None
    person.role_span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
    inside = [actor_at[x] for x in range(start, end) if x in actor_at]
    before = [actor_at[start - 1]] if start > 0 and start - 1 in actor_at and actor_at[start - 1].kind == "adjective" else []
    for m in near + inside + before:
        if m.type in ("state", "igo", "region", "group"):
            person.affiliation, person.affiliation_source = m.actor, "text"
            return


def _skeleton(latin: str) -> str:
    """A consonant skeleton that survives transliteration schemes (Shtaynmayer ~ Steinmeier)."""
    s = fold(latin).replace("kh", "k").replace("w", "v").replace("ph", "f").replace("j", "y")
    s = re.sub(r"[aeiouyh'’\s-]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


@lru_cache(maxsize=1)
def _skeleton_index(ru: RuKnowledge) -> dict[str, list]:
    idx: dict[str, list] = {}
    for o in ru.base.offices:
        for s in o.surnames:
            idx.setdefault(_skeleton(s), []).append(o)
    return idx


def transliterate(text: str) -> list[str]:
    """Latin spellings of a Cyrillic name under the schemes news commonly uses."""
    import iuliia

    out = []
    for schema in (iuliia.WIKIPEDIA, iuliia.BGN_PCGN, iuliia.ICAO_DOC_9303):
        t = schema.translate(text)
        if t not in out:
            out.append(t)
    return out


def _link(person: RuPerson, ru: RuKnowledge, date: str | None) -> None:
    """Link to the knowledge base's office holders through transliteration."""
    spellings = transliterate(person.surname)
    candidates = []
    fuzzy = False
    for s in spellings:
        candidates += ru.base.offices_with_surname(s)
    if not candidates:
        key = _skeleton(spellings[0])
        idx = _skeleton_index(ru)
        close = [key] if key in idx else []
        if not close and len(key) >= 3:
            close = difflib.get_close_matches(key, list(idx), n=3, cutoff=0.8)
        for c in close:
            candidates += idx[c]
        fuzzy = True
    else:
        fuzzy = False
    if not candidates:
        return
    given = person.name.split()[0] if len(person.name.split()) > 1 else None
    if given:  # a given name that agrees is preferred (Dzhon ~ John: skeletons "dzn", "jn" differ)
        initial = _skeleton(transliterate(given)[0])[:1]
        agreeing = [o for o in candidates if any(_skeleton(n)[:1] == initial for n in (o.name, *o.aliases))]
        candidates = agreeing or ([] if fuzzy else candidates)
    dated = [o for o in candidates if o.holds_on(date)] or [o for o in candidates if o.holds_on(date, 1)]
    if date is None:  # an undated text: the holder's latest term
        dated = sorted(candidates, key=lambda o: o.start or "", reverse=True)
    if not dated:
        return
    if person.canonical_role:
        dated.sort(key=lambda o: 0 if fold(o.role) == fold(person.canonical_role) else 1)
    office = dated[0]
    person.kb_name, person.kb_role = office.name, office.role
    if person.affiliation is None:
        person.affiliation, person.affiliation_source = office.actor, "kb"
