"""What the parts of the event stage hand each other: an actor of an event (with the word that
names it), the notes on one sentence (what ``--explain`` shows), and an event coded with the word
that triggered it."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..model import Event


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


@dataclass
class Coded:
    event: Event
    trigger: Token

