"""What a user's name for an actor or a conflict stands for: the one place every command-line
option and API parameter that takes an actor or a conflict resolves it.

An actor is given by its id ("ARM", "NATO"), its name or an alias ("Armenia", "the Kremlin",
"Daesh"), resolved as the knowledge base resolves names in articles (the same surface forms the
gazetteer matches, names before seats, capitals and adjectives); a store adds the actors it holds
that the knowledge base does not know. A conflict is given by the name, an alias or the id of a
knowledge-base conflict ("Karabakh war" -> Nagorno-Karabakh conflict), or by the name an article
gave a conflict the knowledge base does not list. A name nobody knows is a ``DetenteError`` (E037,
E021) whose message says what to do; the command line exits non-zero on it, the API answers 404.

    >>> actor("Armenia"), actor("arm"), actor("the Kremlin")
    ('ARM', 'ARM', 'RUS')
"""
from __future__ import annotations

import re
from typing import Any

from ..errors import DetenteError
from ..kb import KnowledgeBase, fold, load

# How surely a written form names an actor: an id or a name before a seat of power, a capital
# or an adjective ("Georgian" is also a language). Officials' names are persons, not actors.
_FORM_RANK = {"name": 1, "igo_seat": 2, "seat": 2, "agency": 3, "capital": 4, "adjective": 5}


def _actor_index(kb: KnowledgeBase) -> dict[str, dict[int, set[str]]]:
    """Folded form -> rank -> actor ids, built once per knowledge base."""
    index = kb.__dict__.get("_resolve_idx")
    if index is None:
        index = {}

        def add(text: str, actor: str, rank: int) -> None:
            index.setdefault(fold(text), {}).setdefault(rank, set()).add(actor)

        for table in (kb.countries, kb.groups, kb.organizations):
            for key in table:
                add(key, key, 0)
        for igo in kb.igos.values():
            add(igo.id, igo.actor_id, 0)
        for form in kb.surface_forms():
            rank = _FORM_RANK.get(form.kind)
            if rank is not None and form.actor:
                add(form.text, form.actor, rank)
        kb.__dict__["_resolve_idx"] = index
    return index


def actor(text: str, kb: KnowledgeBase | None = None, store: Any = None) -> str:
    """The actor id ``text`` stands for. ``store`` (an open ``Store``) adds the actors it holds
    by id or stored name. Raises E037 when nothing is known by that name, E038 when the name is
    ambiguous (two states called "Congo")."""
    kb = kb or load()
    key = fold(text or "")
    index = _actor_index(kb)
    if key not in index and key.startswith("the "):  # "the Kremlin", "the United States"
        key = key[4:]
    by_rank = index.get(key)
    if by_rank:
        best = by_rank[min(by_rank)]
        if len(best) == 1:
            return next(iter(best))
        raise DetenteError("E038", name=text, ids=", ".join(f"{a} ({kb.actor_name(a)})" for a in sorted(best)))
    if store is not None:
        found = _stored_actor(store, text)
        if found:
            return found
    raise DetenteError("E037", name=text)


def _stored_actor(store: Any, text: str) -> str | None:
    """An actor the store holds under this id or name (case ignored), the id first."""
    rows = store.con.execute("""
        SELECT actor_id FROM actors WHERE lower(actor_id) = lower(?) OR lower(name) = lower(?)
        GROUP BY actor_id ORDER BY (lower(actor_id) = lower(?)) DESC, count(*) DESC, actor_id LIMIT 1""",
                             [text, text, text]).fetchall()
    return rows[0][0] if rows else None


# ------------------------------------------------------------------ conflicts

def kb_conflict(text: str, kb: KnowledgeBase | None = None) -> dict | None:
    """The knowledge-base conflict a user means, or None: its name, an alias or its id
    ("Karabakh war", "nagorno-karabakh-conflict"); else the first (the main one, as
    conflicts.yaml orders them) fought in the place the text names and named after it ("Ukraine"
    -> war in Ukraine, not the Russia-Ukraine trade war); else the first fought there; else the
    first with a name or alias holding the text as words."""
    kb = kb or load()
    q = fold(text or "")
    if not q:
        return None
    for entry in kb.conflicts:
        if q == fold(entry["id"]) or any(fold(str(n)) == q for n in names_of(entry)):
            return entry
    place = _place(q, kb)
    word = re.compile(rf"\b{re.escape(q)}")  # "Mali" is not in "Somali civil war"
    fought_there = [e for e in kb.conflicts if place and place in [str(x) for x in e.get("location") or []]]
    named = [e for e in kb.conflicts if any(word.search(fold(n)) for n in names_of(e))]
    # fought there and named after it ("Syria": the Syrian civil war, not the war against the
    # Islamic State fought there too), else fought there, else named after it
    both = [e for e in fought_there if e in named]
    return next(iter(both or fought_there or named), None)


def _place(key: str, kb: KnowledgeBase) -> str | None:
    by_rank = _actor_index(kb).get(key)
    if not by_rank:
        return None
    best = by_rank[min(by_rank)]
    return next(iter(best)) if len(best) == 1 else None


def names_of(entry: dict) -> list[str]:
    """A knowledge-base conflict's name and aliases."""
    return [str(entry["name"]), *(str(a) for a in entry.get("aliases") or [])]


def conflict(text: str, docs: list[dict] | None = None, kb: KnowledgeBase | None = None) -> tuple[dict | None, str]:
    """The conflict ``text`` names: (its knowledge-base entry, its name), or (None, the name an
    article gave it) for a conflict the knowledge base does not list but a document of ``docs``
    names as such. Raises E021 when neither knows it."""
    entry = kb_conflict(text, kb)
    if entry is not None:
        return entry, str(entry["name"])
    q = fold(text or "")
    for d in docs or []:
        for c in d.get("conflicts") or []:
            if q and fold(str(c.get("name") or "")) == q:
                return None, str(c["name"])
    raise DetenteError("E021", name=text)
