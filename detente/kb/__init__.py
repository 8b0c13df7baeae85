"""The knowledge base: one loader for the data files beside this module.

``load()`` reads every file once per process (cached) and returns a
``KnowledgeBase``. Files are described in README.md here. Users extend the
packaged data by pointing ``DETENTE_KB_EXTRA`` at a folder holding files with the
same names and columns; their rows are read after the packaged ones.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import DetenteError

KB_DIR = Path(__file__).parent
# libyaml's loader when PyYAML was built with it: the pattern files load ten times faster.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# ---------------------------------------------------------------- records

@dataclass(frozen=True)
class Country:
    id: str
    type: str  # state | region
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[str, ...]
    parent: str | None
    un_status: str


@dataclass(frozen=True)
class Igo:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    founded: str | None
    defence_clause: str | None
    parent: str | None
    seats: tuple[str, ...] = ()

    @property
    def actor_id(self) -> str:
        """Organs act for their parent organization (the UNSC for the UN)."""
        return self.parent or self.id


@dataclass(frozen=True)
class Membership:
    igo: str
    member: str
    joined: str | None
    left: str | None
    note: str


@dataclass(frozen=True)
class Group:
    id: str
    kind: str
    aliases: tuple[str, ...]
    country: str | None
    patron: str | None


@dataclass(frozen=True)
class Organization:
    id: str
    kind: str
    aliases: tuple[str, ...]
    country: str | None


@dataclass(frozen=True)
class Agency:
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str


@dataclass(frozen=True)
class Office:
    name: str
    aliases: tuple[str, ...]
    surnames: tuple[str, ...]
    actor: str
    role: str
    start: str | None
    end: str | None

    def holds_on(self, date: str | None, slack_years: int = 0) -> bool:
        """Whether the term covers ``date`` (ISO), give or take ``slack_years``."""
        if not date:
            return False
        start = _date_floor(self.start) if self.start else "0000-01-01"
        end = _date_ceil(self.end) if self.end else "9999-12-31"
        if slack_years:
            start = _shift_years(start, -slack_years)
            if self.end:
                end = _shift_years(end, slack_years)
        return start <= date <= end


@dataclass(frozen=True)
class Role:
    title: str
    kind: str  # official | expert | party | org
    canonical: str


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    description: str


@dataclass(frozen=True)
class SurfaceForm:
    """One way an entity is written, as the gazetteer matches it."""
    text: str
    actor: str | None  # the actor id it stands for (a person's state for officials)
    type: str  # state | region | igo | group | org | person
    kind: str  # name | adjective | capital | seat | agency | official | surname
    sector: str | None = None
    key: str | None = None  # the record it came from (organ id, agency or person name)


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    igos: dict[str, Igo] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    groups: dict[str, Group] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    agencies: list[Agency] = field(default_factory=list)
    institution_nouns: dict[str, str] = field(default_factory=dict)
    offices: list[Office] = field(default_factory=list)
    roles: dict[str, Role] = field(default_factory=dict)
    cameo: dict[str, CameoCode] = field(default_factory=dict)
    quad_classes: list[tuple[str, str, int, str]] = field(default_factory=list)
    plover: dict[str, tuple[str, str]] = field(default_factory=dict)
    verbs: dict[str, Any] = field(default_factory=dict)
    nouns: dict[str, Any] = field(default_factory=dict)
    synsets: dict[str, list[str]] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    relation_patterns: dict[str, Any] = field(default_factory=dict)
    stance_cues: dict[str, Any] = field(default_factory=dict)
    lexicon: dict[str, Any] = field(default_factory=dict)

    # ------------------------------------------------------------ lookups
    def actor_type(self, actor_id: str) -> str | None:
        if actor_id in self.countries:
            return self.countries[actor_id].type
        if actor_id in self.igos:
            return "igo"
        if actor_id in self.groups:
            return "group"
        if actor_id in self.organizations:
            return "org"
        return None

    def actor_name(self, actor_id: str) -> str:
        for table in (self.countries, self.igos):
            if actor_id in table:
                return table[actor_id].name
        return actor_id

    def members_on(self, igo: str, date: str | None) -> set[str]:
        """States that are members of ``igo`` on ``date`` (all ever-members if no date)."""
        out = set()
        founded = self.igos[igo].founded if igo in self.igos else None
        for m in self.memberships:
            if m.igo != igo:
                continue
            if date is None:
                out.add(m.member)
                continue
            joined = m.joined or founded
            if joined and _date_floor(joined) > date:
                continue
            if m.left and _date_floor(m.left) <= date:
                continue
            out.add(m.member)
        return out

    def memberships_of(self, member: str, date: str | None) -> set[str]:
        return {igo for igo in {m.igo for m in self.memberships if m.member == member}
                if member in self.members_on(igo, date)}

    def offices_named(self, name: str) -> list[Office]:
        key = fold(name)
        return self._office_index().get(key, [])

    def _office_index(self) -> dict[str, list[Office]]:
        idx = self.__dict__.get("_office_idx")
        if idx is None:
            idx = {}
            for o in self.offices:
                for n in (o.name, *o.aliases):
                    idx.setdefault(fold(n), []).append(o)
            self.__dict__["_office_idx"] = idx
        return idx

    def offices_with_surname(self, surname: str) -> list[Office]:
        idx = self.__dict__.get("_surname_idx")
        if idx is None:
            idx = {}
            for o in self.offices:
                for s in o.surnames:
                    idx.setdefault(fold(s), []).append(o)
            self.__dict__["_surname_idx"] = idx
        return idx.get(fold(surname), [])

    def quad_class(self, code: str) -> int | None:
        root = code[:2]
        for lo, hi, quad, _name in self.quad_classes:
            if lo <= root <= hi:
                return quad
        return None

    def surface_forms(self) -> list[SurfaceForm]:
        """Every name the gazetteer should find, with what it stands for."""
        cached = self.__dict__.get("_forms")
        if cached is None:
            cached = _surface_forms(self)
            self.__dict__["_forms"] = cached
        return cached


# ---------------------------------------------------------------- text helpers

def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key ("Erdoğan" -> "erdogan")."""
    text = strip_accents(text).lower()
    text = re.sub(r"[^\w\s]", " ", text).replace("_", " ")
    return re.sub(r"\s+", " ", text).strip()


def conflict_id(name: str) -> str:
    """A conflict's id, from its name unless conflicts.yaml gives one: "war in Ukraine" -> "war-in-ukraine"."""
    return fold(name).replace(" ", "-")


def strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O")


def _date_floor(d: str) -> str:
    parts = d.split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts)


def _date_ceil(d: str) -> str:
    parts = d.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-31"
    return d


def _shift_years(d: str, years: int) -> str:
    y = int(d[:4]) + years
    return f"{max(y, 0):04d}{d[4:]}"


def date_floor(d: str | None) -> str | None:
    return _date_floor(d) if d else None


def date_ceil(d: str | None) -> str | None:
    return _date_ceil(d) if d else None


def in_period(date: str, start: str | None, end: str | None) -> bool:
    """Whether an ISO date falls within [start, end] (partial dates allowed, open ends)."""
    return (not start or _date_floor(str(start)) <= date) and (not end or date <= _date_ceil(str(end)))


# ---------------------------------------------------------------- reading

def _kb_dirs() -> list[Path]:
    dirs = [KB_DIR]
    extra = os.environ.get("DETENTE_KB_EXTRA")
    if extra:
        dirs += [Path(p) for p in extra.split(os.pathsep) if p]
    return dirs


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip()) if value else ()


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of every ``name`` file (glob allowed) in the KB folders, header-keyed."""
    rows: list[dict[str, str]] = []
    for folder in _kb_dirs():
        for path in sorted(folder.glob(name)):
            rows.extend(_read_one_tsv(path))
    return rows


def _read_one_tsv(path: Path) -> list[dict[str, str]]:
    rows = []
    header: list[str] | None = None
    with path.open(encoding="utf-8", newline="") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if len(cells) < len(header):
                cells += [""] * (len(header) - len(cells))
            elif len(cells) > len(header):
                raise DetenteError("E013", file=str(path), line=n,
                                   detail=f"{len(cells)} fields, header has {len(header)}")
            rows.append({k: v.strip() for k, v in zip(header, cells)})
    return rows


def read_yaml(name: str) -> dict[str, Any]:
    """``name`` from every KB folder, later folders' top-level keys merged over earlier ones."""
    merged: dict[str, Any] = {}
    for folder in _kb_dirs():
        path = folder / name
        if not path.exists():
            continue
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or {}
        except yaml.YAMLError as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", -1) + 1
            raise DetenteError("E013", file=str(path), line=line, detail=str(exc).splitlines()[0]) from None
        for key, value in data.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            elif isinstance(value, list) and isinstance(merged.get(key), list):
                merged[key] = merged[key] + value
            else:
                merged[key] = value
    return merged


def _none(v: str) -> str | None:
    return v or None


@lru_cache(maxsize=1)
def load() -> KnowledgeBase:
    kb = KnowledgeBase()
    for r in read_tsv("countries.tsv"):
        kb.countries[r["id"]] = Country(
            r["id"], r["type"], r["name"], _split(r["aliases"]), _split(r["adjectives"]),
            _split(r["capitals"]), _split(r["seats"]), _none(r.get("parent", "")), r.get("un_status", ""))
    for r in read_tsv("igos.tsv"):
        kb.igos[r["id"]] = Igo(r["id"], r["name"], _split(r["aliases"]), r.get("kind", ""),
                               _none(r.get("founded", "")), _none(r.get("defence_clause", "")),
                               _none(r.get("parent", "")), _split(r.get("seats", "")))
    kb.memberships = [Membership(r["igo"], r["member"], _none(r["joined"]), _none(r["left"]), r.get("note", ""))
                      for r in read_tsv("igo_members.tsv")]
    for r in read_tsv("groups.tsv"):
        kb.groups[r["id"]] = Group(r["id"], r["kind"], _split(r["aliases"]), _none(r["country"]),
                                   _none(r.get("patron", "")))
    for r in read_tsv("organizations.tsv"):
        kb.organizations[r["id"]] = Organization(r["id"], r["kind"], _split(r["aliases"]), _none(r["country"]))
    kb.agencies = [Agency(r["name"], _split(r["aliases"]), r["country"], r["sector"])
                   for r in read_tsv("agencies.tsv")]
    kb.institution_nouns = {r["noun"].lower(): r["sector"] for r in read_tsv("institution_nouns.tsv")}
    kb.offices = [Office(r["name"], _split(r["aliases"]), _split(r["surname"]), r["actor"], r["role"],
                         _none(r["start"]), _none(r["end"]))
                  for r in read_tsv("officials*.tsv")]
    for r in read_tsv("roles.tsv"):
        kb.roles[fold(r["title"])] = Role(r["title"], r["kind"], r.get("canonical") or r["title"])
    for r in read_tsv("cameo.tsv"):
        kb.cameo[r["code"]] = CameoCode(r["code"], r["name"], float(r["goldstein"] or 0), r.get("description", ""))
    kb.quad_classes = [(r["root_from"].zfill(2), r["root_to"].zfill(2), int(r["quad"]), r["name"])
                       for r in read_tsv("quad_classes.tsv")]
    kb.plover = {r["cameo"]: (r["plover_type"], r["plover_mode"]) for r in read_tsv("cameo_plover.tsv")}
    verbs = read_yaml("verbs.yaml")
    nouns = read_yaml("nouns.yaml")
    kb.synsets = {**verbs.get("synsets", {}), **nouns.get("synsets", {})}
    kb.verbs = verbs.get("verbs", {})
    kb.nouns = nouns.get("nouns", {})
    kb.conflicts = read_yaml("conflicts.yaml").get("conflicts", [])
    for c in kb.conflicts:  # the identity stances and party_to carry across articles
        c["id"] = str(c.get("id") or conflict_id(str(c["name"])))
    kb.relation_patterns = read_yaml("relation_patterns.yaml")
    kb.stance_cues = read_yaml("stance_cues.yaml")
    kb.lexicon = read_yaml("lexicon.yaml")
    return kb


# ---------------------------------------------------------------- gazetteer forms

def _variants(name: str, accents: bool = True) -> set[str]:
    """Ways news writes ``name``: as given, hyphens as spaces, without accents, "Al-" capitalised."""
    out = {name}
    if "-" in name:
        out.add(name.replace("-", " "))
    if accents:
        out |= {strip_accents(v) for v in list(out)}
    for v in list(out):
        m = re.match(r"^(al|el|as|ad|an|ar|at|az|ash|ath)([- ])(.*)$", v)
        if m:
            out.add(m.group(1).capitalize() + m.group(2) + m.group(3))
    return {v for v in out if v.strip()}


def _surface_forms(kb: KnowledgeBase) -> list[SurfaceForm]:
    forms: list[SurfaceForm] = []

    def add(names, actor, type_, kind, sector=None, key=None, accents=True):
        for name in names:
            for v in _variants(name, accents):
                forms.append(SurfaceForm(v, actor, type_, kind, sector, key))

    for c in kb.countries.values():
        add((c.name, *c.aliases), c.id, c.type, "name")
        add(c.adjectives, c.id, c.type, "adjective")
        add(c.capitals, c.id, c.type, "capital", "GOV", accents=False)
        add(c.seats, c.id, c.type, "seat", "GOV")
    for g in kb.igos.values():
        add((g.name, *g.aliases), g.actor_id, "igo", "name", "IGO", key=g.id)
        add(g.seats, g.actor_id, "igo", "igo_seat", "IGO", key=g.id, accents=False)
    for g in kb.groups.values():
        add((g.id, *g.aliases), g.id, "group", "name", key=g.id)
    for o in kb.organizations.values():
        add((o.id, *o.aliases), o.id, "org", "name", key=o.id)
    for a in kb.agencies:
        add((a.name, *a.aliases), a.country, kb.actor_type(a.country) or "state", "agency", a.sector, key=a.name)
    # Places whose names contain a state's name ("Latin America"): matched so that the longer,
    # non-actor name wins over the state inside it.
    add(kb.lexicon.get("places_not_actors", []), None, "place", "place")
    for o in kb.offices:
        add((o.name, *o.aliases), o.actor, "person", "official", key=o.name)
        add(o.surnames, o.actor, "person", "surname", key=o.name)
    return forms
