"""Persons: every named person, with the role and affiliation the article gives.

Names come from the knowledge base of officials and from spaCy's PERSON
entities, cleaned of titles and of actor names the small model glues onto them
("Belarus Andrei Ravkov"). Mentions of one person are merged ("Kazantsev" after
"Andrey Kazantsev"). Roles and affiliations are read from the text around any
mention:

- a title before the name: "the Defense Minister of Belarus Andrei Ravkov",
  "Russia's UN Ambassador Vassily Nebenzia", "The BBC's Orla Guerin";
- an apposition after it: "Ahmed al-Assadi, a spokesman for the PMF";
- an apposition before it: "the director of the Risk Assessment Group (Kazakhstan), Dosim Satpayev";
- a copula: "al-Muhandis was the deputy commander of the Popular Mobilization Forces";
- a party in brackets: "Vitali Klitschko (UDAR)".

The knowledge base only fills what the text leaves out: the affiliation
(marked ``affiliation_source="kb"``) and ``kb_role``, never the text's ``role``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span as SpacySpan

from .actors import Mention
from .gazetteer import Match
from ..kb import KnowledgeBase, Office, fold
from ..model import Person
from .names import name_words, same_person

_CONNECTORS = {"of", "to", "for", "the", "'s", "’s", "and", "-", "a", "an", "at", "with", "on", "in"}
_KEPT_MODIFIERS = {"former", "acting", "deputy", "vice", "first", "interim", "outgoing", "incoming",
                   "caretaker", "ex", "self-proclaimed", "self-declared", "de", "facto", "chief", "senior"}
_BOUNDARY_PUNCT = {",", ".", ";", ":", "—", "–", '"', "“", "”", "«", "»", "!", "?", "[", "]"}
_EMPLOYER_PREPS = {"at", "with", "for", "from"}
_NAME_PARTICLES = {"al", "el", "bin", "ibn", "van", "von", "de", "da", "di", "le", "la", "du"}
_PARTICLE = re.compile(r"^(al|el|bin|ibn|van|von|de|da|di|le|la|du)[-‐ ]?[A-Z]")


@dataclass
class PersonRecord:
    words: list[str]  # folded name words of the fullest form seen
    display: str
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    strong: bool = False  # named in full, or confirmed by NER / the knowledge base
    role: str | None = None
    role_span: tuple[int, int] | None = None
    role_kind: str | None = None
    affiliation: str | None = None
    affiliation_source: str | None = None
    office: Office | None = None
    kb_name: str | None = None


@dataclass
class PersonAnalysis:
    records: list[PersonRecord]
    by_token: dict[int, int]  # token index -> record index

    def persons(self, doc: Doc) -> list[Person]:
        out = []
        for r in self.records:
            spans = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in r.mentions]
            role_span = None
            if r.role_span:
                s, e = r.role_span
                role_span = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
            out.append(Person(
                name=r.display, role=r.role, affiliation=r.affiliation,
                affiliation_source=r.affiliation_source, kb_name=r.kb_name,
                kb_role=r.office.role if r.office else None, spans=spans, role_span=role_span))
        return out

    def at(self, token_index: int) -> PersonRecord | None:
        i = self.by_token.get(token_index)
        return self.records[i] if i is not None else None


# ---------------------------------------------------------------- role lexicon matcher

class RoleMatcher:
    def __init__(self, nlp, kb: KnowledgeBase) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.kinds: dict[str, str] = {}
        patterns = []
        for role in kb.roles.values():
            for v in {role.title, role.title.replace("-", " ")}:
                for form in (v, _plural(v)):
                    patterns.append(nlp.make_doc(form))
                    self.kinds[fold(form)] = role.kind
        self.matcher.add("ROLE", patterns)

    def find(self, doc: Doc) -> list[tuple[int, int, str]]:
        spans = [SpacySpan(doc, s, e) for _, s, e in self.matcher(doc)]
        from spacy.util import filter_spans

        return [(sp.start, sp.end, self.kinds.get(fold(sp.text), "official")) for sp in filter_spans(spans)]


def _plural(title: str) -> str:
    """Naive English plural of a title's last word ("opposition leaders", "foreign ministers")."""
    head, _, last = title.rpartition(" ")
    if last.endswith(("s", "x", "sh", "ch")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith("man"):
        last = last[:-3] + "men"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def role_matcher(nlp, kb: KnowledgeBase) -> RoleMatcher:
    from .nlp import built_for

    return built_for(RoleMatcher, nlp, kb)




# ---------------------------------------------------------------- main entry

def find_persons(doc: Doc, matches: list[Match], mentions: list[Mention], roles: list[tuple[int, int, str]],
                 kb: KnowledgeBase, date: str | None) -> PersonAnalysis:
    ctx = _Context(doc, mentions, roles, kb, date)
    candidates = ctx.candidates(matches)
    records: list[PersonRecord] = []
    for start, end, strong, office_key in candidates:
        words = name_words(doc[start:end].text)
        if not words:
            continue
        target = None
        for rec in records:
            if same_person(words, rec.words) and (len(words) == 1 or len(rec.words) == 1 or
                                                  _compatible_full(words, rec.words)):
                target = rec
                break
        if target is None:
            if len(words) == 1 and not strong:
                continue
            target = PersonRecord(words, _display(doc, start, end), strong=strong)
            records.append(target)
        elif len(words) > len(target.words):
            target.words, target.display = words, _display(doc, start, end)
        target.strong = target.strong or strong
        target.mentions.append((start, end))
        if office_key and target.kb_name is None:
            target.kb_name = office_key
    records = _merge_fragments(_merge_surnames(records))
    for rec in records:
        ctx.link_kb(rec)
        ctx.read_role(rec)
    records = [r for r in records if not _lone_word(r)]
    ctx.share_plural_roles(records)
    ctx.plural_title_before_list(records)
    ctx.counterparts(records)
    ctx.share_list_affiliation(records)
    for rec in records:
        ctx.fill_from_kb(rec)
    ctx.staff_affiliation(records)
    ctx.home_state_affiliation(records)
    by_token = {}
    for i, rec in enumerate(records):
        rec.mentions.sort()
        for s, e in rec.mentions:
            for t in range(s, e):
                by_token[t] = i
    return PersonAnalysis(records, by_token)


def _compatible_full(a: list[str], b: list[str]) -> bool:
    return same_person(a, b)


def _display(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


def _merge_surnames(records: list[PersonRecord]) -> list[PersonRecord]:
    """Fold one-word persons into a fuller name met later ("Putin" ... "Vladimir Putin")."""
    full = [r for r in records if len(r.words) > 1]
    out = []
    for r in records:
        if len(r.words) == 1:
            matches = [f for f in full if same_person(r.words, f.words)]
            if len(matches) == 1:
                matches[0].mentions += r.mentions
                matches[0].kb_name = matches[0].kb_name or r.kb_name
                continue
        out.append(r)
    return out


_LIST_WORDS = {"of", "and", "'s", "’s", "both", "two", "three", "sides", "side", "respectively", "--"}


def _singular(title: str) -> str:
    """'prime ministers' -> 'prime minister' (the inverse of ``_plural``, for its regular forms)."""
    head, _, last = title.rpartition(" ")
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("men"):
        last = last[:-3] + "man"
    elif last.endswith(("ses", "xes", "shes", "ches")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return f"{head} {last}" if head else last


def _joined(ents) -> list[SpacySpan]:
    """Adjacent PERSON entities with nothing between are one name the NER cut in two
    ("Abed Rabbo" + "Mansour Hadi")."""
    out: list[SpacySpan] = []
    for ent in ents:
        if out and ent.label_ == "PERSON" and out[-1].label_ == "PERSON" and out[-1].end == ent.start:
            out[-1] = SpacySpan(ent.doc, out[-1].start, ent.end, label="PERSON")
            continue
        out.append(ent)
    return out


def _merge_fragments(records: list[PersonRecord]) -> list[PersonRecord]:
    """Fold a part of a fuller name into it: "Xi" or "Hamad" (the family or first name that opens
    "Xi Jinping", "Hamad bin Jassim al-Thani"), "Javad Zarif" (inside "Mohammad Javad Zarif")."""
    out = []
    for r in records:
        longer = [f for f in records if f is not r and len(f.words) > len(r.words) and _part_of(r.words, f.words)]
        if len(longer) == 1:
            longer[0].mentions += r.mentions
            longer[0].kb_name = longer[0].kb_name or r.kb_name
            longer[0].strong = longer[0].strong or r.strong
            continue
        out.append(r)
    return out


def _part_of(part: list[str], whole: list[str]) -> bool:
    if len(part) == 1:
        return part[0] == whole[0]
    n = len(part)
    return any(whole[i:i + n] == part for i in range(len(whole) - n + 1))


def _lone_word(rec: PersonRecord) -> bool:
    """A one-word name nothing confirms as a person (no title, no office holder of that surname, no
    fuller name in the text): "Warplanes", "Twitter", a town the NER took for a name."""
    return len(rec.words) == 1 and rec.office is None and rec.role is None


class _Context:
    def __init__(self, doc: Doc, mentions: list[Mention], roles, kb: KnowledgeBase, date: str | None):
        self.doc = doc
        self.kb = kb
        self.date = date
        self.lex = kb.lexicon
        self.honorifics = {h.lower().rstrip(".") for h in self.lex.get("honorifics", [])}
        self.modifiers = {m.lower() for m in self.lex.get("title_modifiers", [])}
        self.org_words = set(self.lex.get("org_words", []))
        self.actor_at: dict[int, Mention] = {}
        for m in mentions:
            if m.kind == "institution":
                continue
            for t in range(m.start, m.end):
                self.actor_at[t] = m
        self.role_at: dict[int, tuple[int, int, str]] = {}
        for r in roles:
            for t in range(r[0], r[1]):
                self.role_at[t] = r
        self.person_tokens: set[int] = set()
        self.org_end: dict[int, int] = {}
        for ent in doc.ents:
            if ent.label_ in ("ORG", "FAC"):
                for t in ent:
                    self.org_end[t.i] = ent.end

    # ------------------------------------------------------------ candidates
    def candidates(self, matches: list[Match]) -> list[tuple[int, int, bool, str | None]]:
        doc = self.doc
        found: list[tuple[int, int, bool, str | None]] = []
        taken: set[int] = set()
        for m in matches:
            if m.form.type != "person":
                continue
            if m.form.kind == "official":
                end = self._name_goes_on(m.end)
                found.append((m.start, end, True, m.form.key))
                taken.update(range(m.start, end))
        for ent in _joined(doc.ents):
            if ent.label_ != "PERSON" and not self._person_like(ent):
                continue
            cleaned = self._clean(ent.start, ent.end) if not self._place_surname(ent) else \
                self._clean_front(ent.start, ent.end)
            if cleaned is None:
                continue
            s, e = cleaned
            root = doc[s:e].root
            if root.dep_ in ("compound", "amod", "nmod") and root.head.i >= e and root.head.pos_ == "NOUN" \
                    and root.head.i not in self.role_at:
                continue  # "the EastMed pipeline", "Euro-Atlantic influence": a modifier, not a person
            if any(t in taken for t in range(s, e)):
                continue
            found.append((s, e, True, None))
            taken.update(range(s, e))
        for s, e in self._names_after_titles(taken):
            found.append((s, e, True, None))
            taken.update(range(s, e))
        for m in matches:  # surnames of office holders: "Lukashenko", "Nazarbayev"
            if m.form.type == "person" and m.form.kind == "surname" and not any(
                    t in taken for t in range(m.start, m.end)):
                if not doc[m.start].text[:1].isupper() or doc[m.start].ent_type_ in ("DATE", "TIME") \
                        or (m.end - m.start == 1 and doc[m.start].is_stop):
                    continue  # "He", "May": English words that are also surnames
                strong = self._surname_office(doc[m.start:m.end].text) is not None
                found.append((m.start, m.end, strong, None))
                taken.update(range(m.start, m.end))
        found.sort()
        self.person_tokens = taken
        return found

    def _name_goes_on(self, end: int) -> int:
        """A known name the text writes longer: "Hamad bin Jassim" + "al-Thani" (a PERSON entity
        running on past it with name words)."""
        doc = self.doc
        if end >= len(doc) or doc[end].ent_type_ != "PERSON" or doc[end].ent_iob_ == "B":
            return end
        last = end
        while end < len(doc) and doc[end].ent_iob_ == "I" and end not in self.actor_at and (
                doc[end].text[:1].isupper() or _PARTICLE.match(doc[end].text)
                or doc[end].text in ("-", "‐") or doc[end].lower_ in _NAME_PARTICLES):
            end += 1
            if doc[end - 1].text[:1].isupper():
                last = end
        return last

    def _place_surname(self, ent: SpacySpan) -> bool:
        """'Jim Jordan', 'Chuck Jordan': a given name before a one-word state name, in a PERSON entity,
        is a person whose surname is also a country."""
        doc = self.doc
        if ent.label_ != "PERSON" or len(ent) < 2:
            return False
        last, given = ent[-1], ent[-2]
        m = self.actor_at.get(last.i)
        return (m is not None and m.start == last.i and m.end == last.i + 1 and given.i not in self.actor_at
                and given.pos_ == "PROPN" and given.text[:1].isupper() and given.is_alpha
                and given.i not in self.role_at and given.lower_.rstrip(".") not in self.honorifics
                and not (last.i + 1 < len(doc) and doc[last.i + 1].lower_ in ("'s", "’s")))

    def _clean_front(self, start: int, end: int) -> tuple[int, int] | None:
        """Titles and honorifics off the front of a name that must keep its last word."""
        doc = self.doc
        while start < end - 2 and (doc[start].is_punct or doc[start].lower_.rstrip(".") in self.honorifics
                                   or start in self.role_at or doc[start].lower_ == "the"):
            start += 1
        return start, end

    def _clean(self, start: int, end: int) -> tuple[int, int] | None:
        """Trim titles, honorifics, actor names and punctuation off a PERSON entity."""
        doc = self.doc
        while start < end and (doc[start].i in self.actor_at or doc[start].is_punct or doc[start].tag_ == "VBG"
                               or doc[start].lower_.rstrip(".") in self.honorifics
                               or doc[start].i in self.role_at or doc[start].lower_ in ("the", "'s", "’s")):
            start += 1
        while end > start and (doc[end - 1].i in self.actor_at or doc[end - 1].is_punct
                               or doc[end - 1].lower_ in ("'s", "’s", "’", "'")):
            end -= 1
        if end <= start:
            return None
        titled = [i for i in range(start, end - 1) if i in self.role_at]
        if titled and all(doc[i].text[:1].isupper() for i in range(start, titled[-1] + 1)):
            start = titled[-1] + 1  # "Charlotte Mayor Jennifer Roberts": a place and a title glued on
        span = doc[start:end]
        if any(t.i in self.actor_at for t in span):
            return None
        if any(ch.isdigit() for ch in span.text) or not (span.text[:1].isupper() or _PARTICLE.match(span.text)):
            return None
        if len(span) > 6 or "\n" in span.text:
            return None
        letters = [ch for ch in span.text if ch.isalpha()]
        if len(letters) > 3 and all(ch.isupper() for ch in letters):
            return None  # "KHARTOUM", "NEW DELHI": a dateline, not a name
        if all(t.i in self.role_at for t in span):
            return None
        return start, end

    def _person_like(self, ent: SpacySpan) -> bool:
        """An ORG/NORP entity that is really a person's name ("Viktar Babaryka").

        The small model often tags unfamiliar names as ORG; a two-to-four-word run of
        capitalised words, without an organization word and not introduced by "the",
        is taken as a person."""
        if ent.label_ != "ORG":
            return False
        toks = [t for t in ent if t.text not in ("-",)]
        if not 2 <= len(toks) <= 4:
            return False
        if ent.start > 0 and self.doc[ent.start - 1].lower_ == "the" or toks[0].lower_ == "the":
            return False
        if any(t.i in self.actor_at for t in ent):
            return False
        for t in toks:
            if not (t.text[:1].isupper() and t.text[1:2].islower()) and not _PARTICLE.match(t.text):
                return False
            if t.text in self.org_words or not t.is_alpha and "-" not in t.text:
                return False
        return True

    def _names_after_titles(self, taken: set[int]) -> list[tuple[int, int]]:
        """Proper names the NER missed right after a title ("Defense Minister Andrei Ravkov")."""
        doc = self.doc
        out = []
        for (_start, e, _kind) in set(self.role_at.values()):
            i = e
            while i < len(doc) and (i in self.actor_at or doc[i].lower_ in ("of", "the", "to")):
                i += 1
            j = i
            while j < len(doc) and j - i < 4 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() \
                    and j not in self.actor_at and j not in taken and j not in self.role_at:
                j += 1
            if j - i >= 2 and (i == e or i in self.actor_at or i - 1 in self.actor_at):
                out.append((i, j))
        return out

    def _surname_office(self, surname: str) -> Office | None:
        offices = self.kb.offices_with_surname(surname)
        if not offices:
            return None
        if self.date:
            current = [o for o in offices if o.holds_on(self.date, slack_years=2)]
            people = {o.name for o in current}
            if len(people) == 1:
                return current[0]
            return None
        people = {o.name for o in offices}
        return offices[0] if len(people) == 1 else None

    # ------------------------------------------------------------ knowledge base
    def link_kb(self, rec: PersonRecord) -> None:
        offices: list[Office] = []
        if rec.kb_name:
            offices = self.kb.offices_named(rec.kb_name)
        if not offices and len(rec.words) > 1:
            offices = self.kb.offices_named(rec.display)
            if not offices:
                offices = [o for o in self.kb.offices_with_surname(rec.words[-1])
                           if same_person(rec.words, name_words(o.name))]
        if not offices and len(rec.words) == 1:
            office = self._surname_office(rec.words[0])
            offices = self.kb.offices_named(office.name) if office else []
        if not offices:
            return
        rec.kb_name = offices[0].name
        rec.office = _office_on(offices, self.date)

    def fill_from_kb(self, rec: PersonRecord) -> None:
        if rec.affiliation is None and rec.office is not None:
            rec.affiliation = rec.office.actor
            rec.affiliation_source = "kb"

    # ------------------------------------------------------------ roles
    def read_role(self, rec: PersonRecord) -> None:
        for s, e in sorted(rec.mentions):
            for reader in (self._title_before, self._apposition_after, self._apposition_before,
                           self._copula, self._bracket_after):
                found = reader(s, e)
                if not found:
                    continue
                role, role_span, kind, aff = found
                if role and rec.role is None:
                    rec.role, rec.role_span, rec.role_kind = role, role_span, kind
                if aff and rec.affiliation is None:
                    rec.affiliation, rec.affiliation_source = aff, "text"
            if rec.role and rec.affiliation:
                return

    def share_plural_roles(self, records: list[PersonRecord]) -> None:
        """'two opposition leaders, Vitali Klitschko (UDAR) and Oleh Tiahnybok': both are leaders."""
        doc = self.doc
        by_root = {}
        for rec in records:
            for s, e in rec.mentions:
                by_root[doc[s:e].root.i] = rec
        for rec in records:
            if rec.role:
                continue
            for s, e in rec.mentions:
                root = doc[s:e].root
                if root.dep_ == "conj" and root.head.i in by_root:
                    other = by_root[root.head.i]
                    if other.role and other.role_span and other.role_span[1] <= root.head.i:
                        rec.role, rec.role_span, rec.role_kind = other.role, other.role_span, other.role_kind
                        break

    def plural_title_before_list(self, records: list[PersonRecord]) -> None:
        """'the prime ministers of both sides -- Serbia's A and Kosovo's B', 'the two foreign
        ministers, A and B': a plural title naming the people listed right after it."""
        doc = self.doc
        for rec in records:
            if rec.role:
                continue
            for s, _e in rec.mentions:
                i, hops = s - 1, 0
                while i >= 0 and hops < 24 and i not in self.role_at and not doc[i].is_sent_start and (
                        i in self.actor_at or i in self.person_tokens or doc[i].is_punct
                        or doc[i].lower_ in _LIST_WORDS or doc[i].pos_ in ("DET", "NUM")):
                    i, hops = i - 1, hops + 1
                if i < 0 or i not in self.role_at:
                    continue
                start, end, kind = self.role_at[i]
                title = doc[start:end].text
                between = doc[end:s].text
                if _singular(title) == title or not any(p in between for p in ("--", "—", "–", ":", ",")):
                    continue
                rec.role, rec.role_span, rec.role_kind = _singular(title), (start, end), kind
                break

    def home_state_affiliation(self, records: list[PersonRecord]) -> None:
        """'embattled President X' in an article about one state: an official title with no state in
        the text and no office in the knowledge base belongs to the state the article is about (one
        state named clearly more often than any other)."""
        counts: dict[str, int] = {}
        seen: set[int] = set()
        for m in self.actor_at.values():
            if m.type == "state" and m.start not in seen:
                seen.add(m.start)
                counts[m.actor] = counts.get(m.actor, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return
        home = ranked[0][0]
        for rec in records:
            if rec.affiliation is None and rec.role and rec.role_kind in ("official", "party") and rec.office is None:
                rec.affiliation, rec.affiliation_source = home, "text"

    def counterparts(self, records: list[PersonRecord]) -> None:
        """'his Kyrgyz counterpart X', 'his Greek, Cypriot and French counterparts, A, B and C,
        respectively': the owner's title, and the state each demonym gives, in order."""
        doc = self.doc
        ordered = sorted((s, e, rec) for rec in records for s, e in rec.mentions)
        for s, _e, rec in ordered:
            if rec.role and rec.affiliation:
                continue
            sent = doc[s].sent
            i, hops = s - 1, 0
            while i > sent.start and hops < 16 and doc[i].lemma_.lower() != "counterpart" and (
                    doc[i].is_punct or doc[i].lower_ == "and" or i in self.person_tokens):
                i, hops = i - 1, hops + 1
            if doc[i].lemma_.lower() != "counterpart":
                continue
            listed = [r for s2, _, r in ordered if i < s2 < sent.end and (not doc[s2 - 1].text[:1].isalpha()
                                                                         or doc[s2 - 1].lower_ == "and" or s2 == i + 1)]
            states, j = [], i - 1
            while j >= sent.start and (j in self.actor_at or doc[j].is_punct or doc[j].lower_ == "and"):
                if j in self.actor_at:
                    m = self.actor_at[j]
                    states.insert(0, m.actor)
                    j = m.start - 1
                    continue
                j -= 1
            k = listed.index(rec) if rec in listed else -1
            aff = states[k] if 0 <= k < len(states) and len(states) == len(listed) else (
                states[0] if len(states) == 1 else None)
            owner = None
            for s2, _, r in ordered:
                if sent.start <= s2 <= j and r.role and r is not rec:
                    owner = r
            if rec.role is None and owner is not None:
                rec.role, rec.role_span, rec.role_kind = owner.role, owner.role_span, owner.role_kind
            if rec.affiliation is None and aff is not None:
                rec.affiliation, rec.affiliation_source = aff, "text"

    def staff_affiliation(self, records: list[PersonRecord]) -> None:
        """'Putin has a plan, spokesman Dmitry Peskov said': a spokesman or aide with no state in the
        text serves the state of the first person the sentence names before him."""
        doc = self.doc
        staff = set(self.lex.get("staff_title_words", []))
        firsts = sorted((s, rec) for rec in records for s, _ in rec.mentions)
        for rec in records:
            if rec.affiliation or not rec.role or not staff & set(fold(rec.role).split()):
                continue
            s = min(rec.mentions)[0]
            sent_start = doc[s].sent.start
            before = [r for k, r in firsts if sent_start <= k < s and r is not rec and r.affiliation
                      and self.kb.actor_type(r.affiliation) == "state"]
            if before:
                rec.affiliation, rec.affiliation_source = before[0].affiliation, "text"

    def share_list_affiliation(self, records: list[PersonRecord]) -> None:
        """'Turkish Foreign Minister A, Defence Minister B and Ambassador to NATO C': titled names
        listed after one that carries its state share that state."""
        doc = self.doc
        ends = {e: rec for rec in records for s, e in rec.mentions}
        for rec in sorted(records, key=lambda r: min(r.mentions)):
            if rec.affiliation or not rec.role or not rec.role_span:
                continue
            i = rec.role_span[0] - 1
            while i >= 0 and doc[i].lower_ in (",", "and"):
                i -= 1
            other = ends.get(i + 1) if i < rec.role_span[0] - 1 else None
            if other is not None and other is not rec and other.role and other.affiliation \
                    and other.affiliation_source == "text" and self.kb.actor_type(other.affiliation) == "state":
                rec.affiliation, rec.affiliation_source = other.affiliation, "text"

    def _country_anaphor(self, i: int) -> str | None:
        """'the country's Prime Minister': the state named last before."""
        doc = self.doc
        if doc[i].lower_ not in ("country", "nation") or i + 1 >= len(doc) or doc[i + 1].lower_ not in ("'s", "’s"):
            return None
        for j in range(i - 1, max(i - 300, -1), -1):
            m = self.actor_at.get(j)
            if m is not None and m.type == "state":
                return m.actor
        return None

    def _title_before(self, s: int, e: int):
        """Title words directly before the name."""
        doc = self.doc
        i = s - 1
        start = s
        # "Minister for Foreign Affairs and European Integration Tudor Ulianovschi": capitalised words
        # completing a title run up to the name
        j = i
        while j > i - 6 and j >= 0 and j not in self.role_at and j not in self.person_tokens and j not in self.actor_at \
                and (doc[j].text[:1].isupper() or doc[j].lower_ in ("and", "for", "of")) and not doc[j].is_sent_start:
            j -= 1
        if j < i and j >= 0 and j in self.role_at and doc[s - 1].text[:1].isupper():
            i = self.role_at[j][0] - 1
            start = self.role_at[j][0]
        while i >= 0:
            t = doc[i]
            nxt_in = start == i + 1
            if i in self.person_tokens:
                break
            if (i in self.role_at or i in self.actor_at or t.lower_ in self.modifiers
                    or (t.lower_.rstrip(".") in self.honorifics and nxt_in and i + 1 not in self.role_at)
                    or t.lower_ in ("of", "to", "the", "'s", "’s", "-", "pro", "anti")
                    or t.tag_ == "POS"  # the bare apostrophe of "Philippines' President"
                    or (t.lower_ in ("country", "nation") and doc[i + 1].lower_ in ("'s", "’s"))
                    or (t.lower_ == "and" and i > 0 and doc[i - 1].text[:1].isupper() and nxt_in)
                    or (t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ") and nxt_in
                        and (i + 1 in self.role_at or doc[i + 1].lower_ == "and"
                             or (doc[i + 1].text[:1].isupper() and i + 1 not in self.person_tokens)))
                    # "Russia's foreign ministry spokeswoman": lower-case modifiers of the title
                    or (t.pos_ in ("NOUN", "ADJ", "PROPN") and t.dep_ in ("compound", "amod") and nxt_in
                        and s > t.head.i > i)):
                start = i
                if t.is_sent_start:
                    break
                i -= 1
                continue
            break
        if start == s:
            return None
        return self._parse_role(start, s, name_start=s)

    def _apposition_after(self, s: int, e: int):
        doc = self.doc
        if e >= len(doc) or doc[e].text != ",":
            return None
        start = e + 1
        end = self._phrase_end(start)
        if end <= start:
            return None
        first_role = next((i for i in range(start, min(end, start + 7)) if i in self.role_at), None)
        if first_role is None:
            return None
        if doc[start].text[:1].isupper() and doc[start].pos_ == "PROPN" and start not in self.actor_at \
                and start not in self.role_at:
            return None  # a list of names, not an apposition
        return self._parse_role(start, end)

    def _apposition_before(self, s: int, e: int):
        doc = self.doc
        i = s - 1
        hops = 0
        while i >= 0 and doc[i].text != "," and hops < 6 and (doc[i].text[:1].isupper() or doc[i].lower_ == "of"):
            i -= 1
            hops += 1
        if i < 1 or doc[i].text != ",":
            return None
        end = i
        j = end - 1
        while j >= 0:
            t = doc[j]
            np_material = (t.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or t.text in ("(", ")", "-", "'s", "’s")
                           or t.lower_ in ("of", "to") or j in self.role_at or j in self.actor_at
                           or t.lower_ in self.modifiers)
            if not np_material or j in self.person_tokens:
                break
            if t.is_sent_start:
                j -= 1
                break
            j -= 1
        start = j + 1
        while start < end and doc[start].pos_ not in ("DET", "PROPN", "NOUN", "ADJ") \
                and start not in self.role_at and start not in self.actor_at:
            start += 1
        if end - start < 1 or not any(k in self.role_at for k in range(start, end)):
            return None
        before = doc[start - 1] if start > 0 else None
        name_root = doc[s:e].root
        if before is not None and before.pos_ == "ADP" and name_root.dep_ in ("nsubj", "nsubjpass") \
                and not (start > 1 and doc[start - 2].lower_ == "according"):
            return None  # "asked by EU leaders, Yatseniuk said": the name starts a new clause
        return self._parse_role(start, end)

    def _copula(self, s: int, e: int):
        doc = self.doc
        root = doc[s:e].root
        if root.dep_ != "nsubj" or root.head.lemma_ != "be":
            return None
        attrs = [c for c in root.head.children if c.dep_ == "attr" and c.i > root.i]
        if not attrs:
            return None
        attr = attrs[0]
        start, end = attr.left_edge.i, self._phrase_end(attr.i + 1, limit=attr.right_edge.i + 1)
        start = min(start, attr.i)
        if not any(k in self.role_at for k in range(start, end)):
            return None
        return self._parse_role(start, max(end, attr.i + 1))

    def _bracket_after(self, s: int, e: int):
        doc = self.doc
        if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 1].i in self.actor_at:
            m = self.actor_at[doc[e + 1].i]
            if m.end < len(doc) and doc[m.end].text == ")":
                return None, None, None, m.actor
        return None

    def _phrase_end(self, start: int, limit: int | None = None) -> int:
        doc = self.doc
        i = start
        depth = 0
        stop = min(limit or len(doc), start + 18, len(doc))
        first_role = None
        while i < stop:
            t = doc[i]
            if i in self.role_at:
                if first_role is None:
                    first_role = self.role_at[i]
                elif self.role_at[i] != first_role:
                    break  # a second title belongs to someone else ("... of former Prime Minister X")
            if t.text == "(":
                depth += 1
            elif t.text == ")":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and (t.text in _BOUNDARY_PUNCT or t.lower_ in ("who", "which", "that", "whose")
                                 or (t.pos_ in ("VERB", "AUX") and t.lower_ not in self.modifiers
                                     and i not in self.role_at and t.tag_ not in ("VBN",))
                                 or i in self.person_tokens):
                break
            i += 1
        while i > start and doc[i - 1].lower_ in _CONNECTORS:
            i -= 1
        return i

    def _org_name(self, start: int, end: int) -> str | None:
        """A capitalised organization name in [start, end): "the American Enterprise Institute"."""
        doc = self.doc
        while start < end and doc[start].lower_ == "the":
            start += 1
        if start >= end or not doc[start].text[:1].isupper():
            return None
        stop = end
        for i in range(start + 1, end):  # "... Institute in Washington": the place is not the name
            if doc[i].lower_ == "in":
                stop = i
                break
        return doc[start:stop].text or None

    # ------------------------------------------------------------ parsing a title phrase
    def _parse_role(self, start: int, end: int, name_start: int | None = None):
        """(role text, role token span, role kind, affiliation) from the tokens [start, end)."""
        doc = self.doc
        role_hits = sorted({self.role_at[i] for i in range(start, end) if i in self.role_at})
        if not role_hits:
            # "The BBC's Orla Guerin": a possessive actor or outlet right before the name
            if name_start is not None and name_start - 2 >= start and doc[name_start - 1].lower_ in ("'s", "’s") \
                    and name_start - 2 in self.actor_at:
                return None, None, None, self.actor_at[name_start - 2].actor
            return None
        head_start, head_end, kind = role_hits[0]
        # The affiliation: the first actor before the role head, unless it is only the subject
        # of an expert ("a China scholar") or qualified by pro-/anti-.
        aff = None
        role_start = start
        i = start
        while i < head_start:
            anaphor = self._country_anaphor(i) if aff is None else None
            if anaphor is not None:
                aff, role_start = anaphor, i + 2
                i += 2
                continue
            if i in self.actor_at:
                m = self.actor_at[i]
                qualified = i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("pro", "anti")
                possessive = m.end < len(doc) and (doc[m.end].lower_ in ("'s", "’s") or doc[m.end].tag_ == "POS")
                if aff is None and not qualified and (kind != "expert" or possessive or m.type == "org"):
                    aff = m.actor
                    role_start = m.end + (1 if possessive else 0)
                i = m.end
                continue
            i += 1
        while role_start < head_start and (doc[role_start].lower_ in ("the", "a", "an", "'s", "’s", "of", "to", "and")
                                           or doc[role_start].tag_ == "POS"
                                           or (doc[role_start].lower_ in self.modifiers
                                               and doc[role_start].lower_ not in _KEPT_MODIFIERS)):
            role_start += 1
        # Complements after the head: "of Belarus" (affiliation), "to the UN" (part of the title),
        # "at the Brookings Institution" (employer), "(Kazakhstan)" (affiliation).
        role_end = head_end
        j = head_end
        while j < end:
            t = doc[j]
            if t.text == "(":
                close = next((k for k in range(j + 1, min(end + 1, len(doc))) if doc[k].text == ")"), None)
                inside = [self.actor_at[k] for k in range(j + 1, close or j + 1) if k in self.actor_at]
                if inside and aff is None:
                    aff = inside[0].actor
                if close is None:
                    break
                j = close + 1
                continue
            prep = t.lower_
            if prep not in ("of", "to", "for", "at", "with", "from", "in", "on"):
                if j in self.role_at and j != head_start:
                    break
                if prep in ("and",) and j + 1 < end and doc[j + 1].text[:1].isupper():
                    role_end = j + 1
                    while role_end < end and doc[role_end].text[:1].isupper() and role_end not in self.actor_at:
                        role_end += 1  # "... Foreign Affairs and European Integration"
                j += 1
                continue
            # the noun phrase after the preposition
            k = j + 1
            while k < end and doc[k].text not in _BOUNDARY_PUNCT and k not in self.role_at:
                if self.org_end.get(k, k) > k + 1:  # inside a named organization: "Center for Health and Human Rights"
                    k = min(self.org_end[k], end)
                    continue
                if doc[k].lower_ in ("of", "to", "for", "at", "with", "from", "("):
                    break
                k += 1
            actors_in = [self.actor_at[x] for x in range(j + 1, k) if x in self.actor_at]
            state_like = [m for m in actors_in if m.type in ("state", "region", "igo", "group")]
            if prep in ("of", "for") and state_like and aff is None and (
                    len(actors_in) == (k - j - 1) or _only_actor_np(doc, j + 1, k, self.actor_at)):
                aff = state_like[0].actor  # "Defense Minister of Belarus", "spokesman for the PMF"
            elif prep in _EMPLOYER_PREPS | {"of"} and aff is None and actors_in and prep != "of":
                aff = actors_in[0].actor  # "fellow at the Brookings Institution"
            elif prep in _EMPLOYER_PREPS and aff is None and not actors_in:
                org = self._org_name(j + 1, k)
                if org and kind in ("expert", "org", "party"):
                    aff = org
                if prep in ("for",) and not org:
                    role_end = k
            elif prep in ("of", "to", "in", "on"):
                if prep == "of" and state_like and aff is None:
                    aff = state_like[0].actor
                elif prep == "of" and actors_in and actors_in[0].type == "state" and aff is not None:
                    pass
                else:
                    role_end = k
                    if prep == "of" and aff is None and actors_in:
                        aff = actors_in[0].actor
            if prep in _EMPLOYER_PREPS and aff is not None:
                break
            j = k
        if role_end <= role_start:
            return None
        role_text = doc[role_start:role_end].text.strip(" ,")
        return role_text or None, (role_start, role_end), kind, aff


def _only_actor_np(doc: Doc, start: int, end: int, actor_at: dict[int, Mention]) -> bool:
    return all(i in actor_at or doc[i].lower_ in ("the", "'s", "’s") for i in range(start, end))


def _office_on(offices: list[Office], date: str | None) -> Office:
    if date:
        current = [o for o in offices if o.holds_on(date)]
        if current:
            return current[0]
        past = [o for o in offices if (o.start or "") <= date]
        if past:
            return max(past, key=lambda o: o.start or "")
    return max(offices, key=lambda o: o.start or "")
