"""Stances: where each actor stands toward the parties of the conflicts and disputes of an article.

The issues are the conflicts the article is about (``conflicts``: a war, a crisis, a trade war),
else its central dispute: whoever did the gravest act of force, or the actor most others act
against, with its partners on one side and its critics on the other; else the actors that several
others back or oppose in so many words (a membership bid, a deal, a resolution's sponsor).

For each issue every actor's evidence is weighed (weights in ``kb/stance_cues.yaml``):

- its events toward a party: appeals for restraint, talks or settlement, mediation are neutral
  (an appeal to one side only is pressure on it); consultations with both sides are neutral;
  praise, support and aid are ``side:PARTY``; disapproval, sanctions, force are ``against:PARTY``;
- what it says or does in so many words, read on the parse (``stance_reader``): "denounced the
  deal between Israel and the UAE", "voted in favour of the resolution" (its sponsor's side),
  "found the air strike justified" (the striker's side), "called for restraint on both sides";
- the ties the article states ("a brotherly and friendly country for Kazakhstan").

A party's own fighting is not a stance; what it says it will do to the other side is. In a dispute
over one actor's act, a position toward its critics is a position toward the actor ("praised the
League's decision" to suspend Syria: against Syria). Support for both opposing sides is
equidistance; positions that favour the same side ("backed Azerbaijan", "condemned Armenia") are one
alignment, and the best-supported alignment wins, each sentence counting once. Its share of the
evidence is the confidence; ``explained`` records why each stance was or was not given.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from .conflicts import ConflictHit, Sided, running_between
from .context import DocumentContext
from .coref import ACTING_TYPES, Resolver
from .docutil import sentences
from ..kb import KnowledgeBase
from ..model import Event, Quote, Relation, Stance
from .stance_reader import ACT, REBELS, ClauseReader, Evidence


@dataclass
class Issue(Sided):
    name: str
    sides: list[list[str]]
    focal: bool = False  # a dispute over one actor's act: side 0 is the actor and its partners
    how: str = "named conflict"
    own_words: bool = False  # its parties' positions stated in so many words count (they are what it is about)
    supporters: dict[str, int] = field(default_factory=dict)  # known backers of a side: positions may aim at them
    joint: set[str] = field(default_factory=set)  # partners in the focal actor's act, less opposed than it
    victims: set[str] = field(default_factory=set)  # those the focal actor coerced, when its coercion is the issue
    conflict_id: str | None = None  # the knowledge-base conflict it is, or is part of, if any
    pair: tuple[str, str] | None = None  # who stands against whom in a dispute the article does not name
    armed: bool = False  # ...and whether it is fighting

    def aimed_side(self, actor: str) -> int | None:
        """The side a position toward ``actor`` is a position toward: a party's, or the side a known
        backer of it supports ("China condemned the US": the side the US backs)."""
        side = self.side_of(actor)
        return self.supporters.get(actor) if side is None else side


@dataclass
class Judgement:
    """One issue's stances and why the others were not given (for ``--explain``)."""
    issue: Issue
    stances: list[Stance] = field(default_factory=list)
    dropped: list[tuple[str, str, Evidence]] = field(default_factory=list)  # (actor, reason, evidence)

    def explain(self, mentioned: set[str]) -> dict:
        given = [{"actor": s.actor, "position": s.position, "confidence": s.confidence,
                  "evidence": [f"{e['kind']} '{e['cue']}': {e['text']}" for e in s.evidence]} for s in self.stances]
        holders = {s.actor for s in self.stances}
        not_given = []
        for actor, reason, ev in self.dropped:
            not_given.append({"actor": actor, "position": ev.position, "reason": reason,
                              "evidence": f"{ev.kind} '{ev.cue}': {ev.text}",
                              "has_stance": actor in holders})
        sides = " vs ".join(", ".join(s) or "-" for s in self.issue.sides)
        spoke = holders | {actor for actor, _, _ in self.dropped} | set(self.issue.parties)
        return {"issue": self.issue.name, "how": self.issue.how, "sides": sides, "given": given,
                "not_given": not_given, "no_evidence": sorted(mentioned - spoke)}


def extract(ctx: DocumentContext, events: list[Event], conflicts: list[ConflictHit], quotes: list[Quote],
            relations: list[Relation]) -> list[Stance]:
    """The stances of the article."""
    return explained(ctx, events, conflicts, quotes, relations)[0]


def explained(ctx: DocumentContext, events: list[Event], conflicts: list[ConflictHit], quotes: list[Quote],
              relations: list[Relation]) -> tuple[list[Stance], list[dict]]:
    """The stances of the article, and per issue why each stance was or was not given."""
    doc, mentions, kb = ctx.doc, ctx.mentions, ctx.kb
    cues = kb.stance_cues
    resolver = ctx.resolver.for_stage()
    reader = ClauseReader(doc, kb, cues, resolver, quotes)
    said = reader.read()
    quarrels = reader.quarrels()
    issues = _issues(doc, conflicts, events, said, kb, quarrels)
    weigh = _Weigher(doc, kb, cues, resolver)
    out: list[Stance] = []
    notes: list[dict] = []
    mentioned = {m.actor for m in mentions if m.type in ACTING_TYPES}
    for issue in issues:
        judgement = weigh.judge(issue, events, said, relations, quarrels, only=len(issues) == 1)
        out += judgement.stances
        notes.append(judgement.explain(mentioned))
    if not issues:
        notes.append({"issue": None, "how": "no conflict named, no act of force, no actor backed or opposed by "
                      "two others: no issue to take a position on", "sides": "", "given": [], "not_given": [],
                      "no_evidence": []})
    return out, notes


# ------------------------------------------------------------------ issues
def _lead_end(doc: Doc) -> int:
    """Where the lead (the first two sentences) ends."""
    sents = sentences(doc)
    return sents[min(1, len(sents) - 1)].end_char if sents else 0


def _issues(doc: Doc, conflicts: list[ConflictHit], events: list[Event], said: list[Evidence],
            kb: KnowledgeBase, quarrels: set = frozenset()) -> list[Issue]:
    usable = [c for c in conflicts if len(c.sides) >= 2 and c.mentioned_parties]
    named = [c for c in usable if c.how != "implied"]
    pressure = [str(c) for c in kb.stance_cues.get("one_sided_pressure_codes", [])]
    focal = None if named else _focal_issue(events, said, kb, pressure)
    if focal is not None and any(focal.sides[0][0] in c.parties for c in usable):
        focal = None  # the dispute is one of the conflicts already
    issues = [Issue(c.name, c.sides, how=f"conflict found by {c.how}", conflict_id=c.id,
                    supporters={a: side for side, backers in c.supporters.items() for a in backers
                                if a not in c.parties})
              for c in usable if c.how != "implied" or focal is None]
    if focal is not None:
        issues.append(focal)
    if not issues and quarrels:
        # "amid continuing tensions between Armenia and Azerbaijan": the quarrel the article names first
        pair, _ = min(quarrels, key=lambda q: q[1])
        a, b = sorted(pair)
        issues.append(Issue(f"dispute between {kb.actor_name(a)} – {kb.actor_name(b)}", [[a], [b]], pair=(a, b),
                            how="a tension or quarrel between the two named"))
    if not issues:
        contested = _contested(said, kb, _lead_end(doc))
        if contested:
            names = ", ".join(kb.actor_name(a) for a in contested)
            issues.append(Issue(f"positions on {names}", _opposed_sides(contested, said), own_words=True,
                                how="backed or opposed by two actors or more, or by one in the lead"))
    if not issues:
        pair = _appealed_pair(said, events, [str(c) for c in kb.stance_cues.get("neutral_codes", [])])
        if pair:
            names = " – ".join(kb.actor_name(a) for a in pair)
            issues.append(Issue(f"dispute between {names}", [[pair[0]], [pair[1]]], pair=pair,
                                how="an appeal for restraint or talks addressed to both"))
    _identify(issues, events, kb)
    return issues


def _identify(issues: list[Issue], events: list[Event], kb: KnowledgeBase) -> None:
    """A dispute the article does not name is part of the knowledge-base conflict of its two parties
    running when its events happen ("Israel – Palestine: threaten occupation" in 2020: the
    Israeli-Palestinian conflict), so that stances on it are gathered with the others on that conflict."""
    date = max((e.date for e in events if e.counts and e.date), default=None)
    for issue in issues:
        if issue.conflict_id is None and issue.pair:
            entry = running_between(kb, *issue.pair, date, fighting=issue.armed)
            if entry is not None:  # --explain says so
                issue.conflict_id = entry["id"]
                issue.how += f"; part of the {entry['name']} ({entry.get('start') or '?'} to {entry.get('end') or 'now'})"


def _opposed_sides(contested: list[str], said: list[Evidence]) -> list[list[str]]:
    """Contested actors that oppose one another in so many words are two sides ("Beijing condemned the
    visit" of the US Speaker); otherwise they are one."""
    for ev in said:
        a, b = ev.actor, ev.target
        if ev.position.startswith("against:") and a in contested and b in contested and a != b:
            rest = [c for c in contested if c not in (a, b)]
            return [[b, *rest], [a]]
    return [contested]


def _appealed_pair(said: list[Evidence], events: list[Event], appeal_codes: list[str]) -> tuple[str, str] | None:
    """Two actors an appeal for restraint or talks is addressed to ("urged India and Pakistan to ...")."""
    for ev in said:
        if ev.position == "neutral" and len(ev.toward) == 2:
            return ev.toward[0], ev.toward[1]
    addressed: dict[tuple, list[str]] = defaultdict(list)
    for e in events:
        key = (e.source, e.span)
        if e.counts and any(e.cameo.startswith(c) for c in appeal_codes) and e.target not in addressed[key]:
            addressed[key].append(e.target)
    pairs = [targets for targets in addressed.values() if len(targets) == 2]
    return (pairs[0][0], pairs[0][1]) if pairs else None


def _focal_issue(events: list[Event], said: list[Evidence], kb: KnowledgeBase, pressure: list[str]) -> Issue | None:
    """The central dispute: the actor two or more others oppose (by their acts, by appeals to yield,
    or in so many words), the one opposed by most; else whoever did the gravest act of force (or of
    coercion) in the article."""
    counted = [e for e in events if e.counts and e.source != e.target]
    # an appeal made to several actors at once ("urging them to stick to the ceasefire") presses no one
    appeals: dict[tuple, set[str]] = defaultdict(set)
    for e in counted:
        if any(e.cameo.startswith(c) for c in pressure):
            appeals[(e.source, e.span)].add(e.target)
    # those who act together, each toward the other (agree, sign, cooperate: roots 03-08), are no opponents
    # of one another short of force
    coop = {(e.source, e.target) for e in counted if "03" <= e.root <= "08"}
    together_in = {frozenset(pair) for pair in coop if pair[::-1] in coop}
    opponents: dict[str, set[str]] = defaultdict(set)
    aimed: dict[tuple, set[str]] = defaultdict(set)  # one act of opposition and all it is aimed at
    for e in counted:
        if frozenset((e.source, e.target)) in together_in and e.root < "18":
            continue
        if e.root >= "10" or (any(e.cameo.startswith(c) for c in pressure) and len(appeals[(e.source, e.span)]) == 1):
            opponents[e.target].add(e.source)
            aimed[(e.source, e.span)].add(e.target)
    aimed_with: dict[str, set[str]] = defaultdict(set)  # "against MAP for Ukraine and Georgia": one act, two owners
    by_statement: dict[tuple, set[str]] = defaultdict(set)
    for ev in said:
        target = ev.target
        if ev.stated and ev.position.startswith("against:") and not target.startswith("@") and target != ev.actor:
            opponents[target].add(ev.actor)
            by_statement[(ev.actor, ev.cue, ev.span)].add(target)
            aimed[(ev.actor, ev.span)].add(target)
    together: dict[frozenset, set[str]] = defaultdict(set)
    for (holder, _, _), targets in by_statement.items():
        if len(targets) > 1:
            together[frozenset(targets)].add(holder)
    for targets, holders in together.items():
        if len(holders) >= 2:  # a claim of one critic does not make two actors one side
            for t in targets:
                aimed_with[t] |= targets - {t}
    grave = [e for e in events if e.counts and e.root >= "15" and e.goldstein is not None and e.source != e.target]
    force = [e for e in grave if e.root >= "18"] or grave
    forceful = {e.source for e in force}
    # an act aimed at two together ("condemned the deal between Turkey and Libya") counts half for each: who
    # is the focus is told by what is aimed at it alone ("called on Turkey to halt its drilling")
    pressed: dict[str, float] = defaultdict(float)
    for targets in aimed.values():
        for t in targets:
            pressed[t] += 1 / len(targets)
    contested = [(len(v), a in forceful, pressed[a], a) for a, v in opponents.items() if len(v) >= 2]
    if contested:
        focal = max(contested)[-1]
        how = f"opposed by {len(opponents[focal])} actors"
        gravest_only = False
    elif force:
        gravest_force = min(force, key=lambda e: e.goldstein)
        focal = gravest_force.source
        how = f"gravest act of force or coercion: {gravest_force.trigger} ({gravest_force.cameo})"
        gravest_only = True
    else:
        return None
    # those it used force against (or, when its coercion is what the dispute is about, coerced: a show of
    # force, a blockade; short of those it acts together with. Cutting ties or leaving is no coercion of them)
    coerced = gravest_only and tuple(kb.stance_cues.get("coercion_roots", []))
    hit = {e.target for e in force if e.source == focal and (e.root >= "18" or coerced and e.root in coerced
                                                              and frozenset((focal, e.target)) not in together_in)}
    # a target that fought back, or made a truce or deal with it, is the other party of a conflict
    mutual = {e.source for e in counted
              if e.target == focal and e.source in hit and (e.root >= "18" or e.root in ("03", "08"))}
    if mutual:
        names = " – ".join(kb.actor_name(a) for a in [focal, *sorted(mutual)])
        return Issue(f"{names}: fighting", [[focal], sorted(mutual)], how="force used by both sides, or a truce",
                     pair=(focal, sorted(mutual)[0]), armed=True)
    acts = [e for e in counted if e.source == focal]
    cooperating = {e.target for e in acts if e.root <= "08"} | aimed_with.get(focal, set())
    # whom the focal actor itself opposes in so many words ("Beijing condemned the visit" of the US Speaker)
    verbal = {str(c) for c in kb.stance_cues.get("verbal_against_roots", [])}
    opposes = {e.target for e in acts if e.root in verbal} | \
        {ev.target for ev in said if ev.actor == focal and ev.stated and ev.position.startswith("against:")
         and not ev.target.startswith("@")}
    # when its own coercion is what the dispute is about, those it opposes are the other side
    sources = (opponents.get(focal, set()) | hit | ((opposes - cooperating) if gravest_only else set())) - {focal}
    partners = sorted(cooperating - sources - {focal})
    rank = {a: (len(opponents.get(a, ())), pressed[a]) for a in [focal, *partners]}
    joint = {p for p in partners if frozenset((focal, p)) in together_in and rank[p] < rank[focal]}
    pair, armed = None, False
    if acts:
        gravest = min(acts, key=lambda e: (e.goldstein if e.goldstein is not None else 0))
        name = f"{kb.actor_name(focal)} – {kb.actor_name(gravest.target)}: {(gravest.name or gravest.cameo).lower()}"
        pair, armed = (focal, gravest.target), gravest.root >= "18"
    else:
        name = f"actions of {kb.actor_name(focal)}"
    # critics that act against the focal actor, and it against them in turn, by deeds rather than words (they
    # quit, it suspended them), are the other party of a quarrel: their narrated acts are no more a stance than
    # its own, only what either says counts
    deeds = {str(c) for c in kb.stance_cues.get("against_roots", [])} - verbal
    answered = {e.target for e in acts if e.root in deeds} & \
        {e.source for e in counted if e.target == focal and e.root in deeds}
    if answered and not gravest_only:
        # one who acts together with every one of them (a pact of the three) is of their side
        actors = {a for pair in together_in for a in pair} - answered - {focal, *partners}
        bloc = {a for a in actors if len(answered) >= 2 and all(frozenset((a, m)) in together_in for m in answered)}
        return Issue(name, [[focal, *partners], sorted(answered | bloc)], how="hostile acts both ways", pair=pair,
                     armed=armed)
    # the focal actor and those it cooperates with form one side; their critics the other
    return Issue(name, [[focal, *partners], sorted(sources)], focal=True, how=how, joint=joint,
                 victims=hit if coerced else set(), pair=pair, armed=armed)


def _contested(said: list[Evidence], kb: KnowledgeBase, lead_end: int) -> list[str]:
    """Actors that two or more others back or oppose in so many words (a bid, a deal, a sponsor), or
    that one other does in the lead, which says what the article is about ("The OAS suspended X")."""
    holders: dict[str, set[str]] = defaultdict(set)
    in_lead: set[str] = set()
    for ev in said:
        target = ev.target
        if target and not target.startswith("@") and ev.stated and ev.actor != target:
            holders[target].add(ev.actor)
            if ev.span and ev.span[0] < lead_end and ev.position.startswith("against:"):
                in_lead.add(target)
    return sorted(a for a, h in holders.items() if (len(h) >= 2 or a in in_lead)
                  and kb.actor_type(a) in ("state", "igo", "group", "region"))


# ------------------------------------------------------------------ weighing
class _Weigher:
    def __init__(self, doc: Doc, kb: KnowledgeBase, cues: dict, resolver: Resolver) -> None:
        self.doc = doc
        self.resolver = resolver
        self.kb = kb
        self.cues = cues
        self.neutral_codes = [str(c) for c in cues.get("neutral_codes", [])]
        self.pressure_codes = [str(c) for c in cues.get("one_sided_pressure_codes", [])]
        self.both_codes = [str(c) for c in cues.get("both_sides_codes", [])]
        self.side_codes = [str(c) for c in cues.get("side_codes", [])]
        self.against_roots = {str(c) for c in cues.get("against_roots", [])}
        self.coercion_roots = {str(c) for c in cues.get("coercion_roots", [])}
        self.leaving_roots = {str(c) for c in cues.get("leaving_roots", [])}
        self.weights = {k: float(v) for k, v in (cues.get("weights") or {}).items()}
        self.speech = set(kb.lexicon.get("speech_verbs", []))
        self.not_the_state = set(cues.get("people_nouns", [])) | set(cues.get("rebel_nouns", []))

    def _w(self, kind: str) -> float:
        return self.weights.get(kind, 1.0)

    def judge(self, issue: Issue, events: list[Event], said: list[Evidence], relations: list[Relation],
              quarrels: set, only: bool) -> Judgement:
        j = Judgement(issue)
        items: dict[str, list[Evidence]] = defaultdict(list)
        # who said it, by the clause reading of each cue word: an event read off the same word with
        # another source is a misreading of the holder ("NATO ally Norway condemned": Norway)
        holders_at: dict[int, set[str]] = defaultdict(set)
        for ev in said:
            if ev.at is not None:
                holders_at[ev.at].add(ev.actor)
        # "Tension between Russia and Belarus rose as Moscow warned ... and Minsk threatened ...": hostility
        # both ways in one sentence is a quarrel of the two, not a position on this issue
        hostile = {(e.source, e.target, e.span) for e in events if e.counts and e.root in self.against_roots}
        hostile |= {(a, b, span) for pair, span in quarrels for a in pair for b in pair if a != b}
        for ev in self._from_events(issue, events) + said + self._from_relations(issue, relations, events):
            if ev.kind in ("event", "pressure", "both_sides") and ev.at is not None and holders_at.get(ev.at) \
                    and ev.actor not in holders_at[ev.at]:
                j.dropped.append((ev.actor, "the clause reading of the same words names another holder", ev))
                continue
            if self._quarrel(issue, ev, hostile):
                j.dropped.append((ev.actor, f"a quarrel of its own with {ev.target} in this sentence", ev))
                continue
            placed, reason = self._place(issue, ev, only)
            if placed is None:
                j.dropped.append((ev.actor, reason, ev))
            else:
                items[ev.actor].append(placed)
        j.stances = self._combine(issue, items, j)
        return j

    @staticmethod
    def _quarrel(issue: Issue, ev: Evidence, hostile: set) -> bool:
        return ev.position.startswith("against:") and issue.side_of(ev.actor) is None \
            and (ev.target, ev.actor, ev.span) in hostile

    # -------------------------------------------------------------- events
    def _from_events(self, issue: Issue, events: list[Event]) -> list[Evidence]:
        out: list[Evidence] = []
        counted = [e for e in events if e.counts and e.source != e.target]
        # sides each actor appeals to or consults: both sides is even-handedness, one side pressure
        appealed: dict[str, set[int]] = defaultdict(set)
        consulted: dict[str, set[int]] = defaultdict(set)
        for e in counted:
            side = issue.aimed_side(e.target)
            if side is None:
                continue
            if self._is(e, self.neutral_codes):
                appealed[e.source].add(side)
            if self._is(e, self.both_codes) or self._is(e, self.neutral_codes):
                consulted[e.source].add(side)
        for e in counted:
            t_side = issue.aimed_side(e.target)
            if t_side is None or self._aimed_at_people(e):
                continue
            if e.root in self.leaving_roots and self.kb.actor_type(e.target) == "igo":
                continue  # quitting or freezing a membership is no position toward the organisation
            s_side = issue.side_of(e.source)
            if issue.focal and s_side != 0:
                s_side = None  # the critics of a disputed act are no party to it
            cue = f"{e.trigger} ({e.cameo})"
            before = len(out)
            if self._is(e, self.neutral_codes) and s_side is None:
                if len(appealed[e.source]) == 1 and len(issue.sides) > 1 and self._is(e, self.pressure_codes):
                    out.append(Evidence(e.source, f"against:{e.target}", self._w("pressure"), "pressure",
                                        cue + ", one side only",
                                        e.text, e.span))
                else:
                    out.append(Evidence(e.source, "neutral", self._w("event"), "event", cue, e.text, e.span,
                                        names=frozenset({e.target})))
            elif self._is(e, self.both_codes) and s_side is None:
                if len(consulted[e.source]) >= 2:
                    out.append(Evidence(e.source, "neutral", self._w("both_sides"), "both_sides",
                                        cue + ", with both sides", e.text, e.span, names=frozenset({e.target})))
            elif self._is(e, self.side_codes):
                out.append(Evidence(e.source, f"side:{e.target}", self._w("event"), "event", cue, e.text, e.span,
                                    stated=s_side is None))
            elif e.root in self.against_roots or e.target in issue.victims and e.root in self.coercion_roots:
                # a party's fighting is not a stance; what it says it will do to the other side is, and so is
                # the coercion short of force an article's dispute is about ("held drills around Taiwan")
                stated = s_side is None or self._stated_event(e) or \
                    (e.target in issue.victims and e.source == issue.sides[0][0] and e.root in self.coercion_roots)
                out.append(Evidence(e.source, f"against:{e.target}", self._w("event"), "event", cue, e.text, e.span,
                                    stated=stated))
            for ev in out[before:]:
                ev.at = e.trigger_span[0] if e.trigger_span else None
        if issue.focal:  # those the focal actor used force against stand against it, when the article reports
            focal = issue.sides[0][0]  # the force (not when it is an example in someone's speech)
            for e in counted:
                if e.source == focal and e.root >= "18" and not self._in_speech(e):
                    out.append(Evidence(e.target, f"against:{focal}", self._w("implied"), "implied",
                                        f"target of {e.cameo}",
                                        e.text, e.span))
        return out

    def _aimed_at_people(self, e: Event) -> bool:
        """"Support for the Syrian people" is not support for the Syrian state, nor "backing the Yemeni
        rebels" for Yemen's (the clause reader names the rebels)."""
        if not e.target_span:
            return False
        span = self.doc.char_span(*e.target_span, alignment_mode="expand")
        if span is None:
            return False
        head = span.root if span.root.pos_ in ("NOUN", "PROPN") else span.root.head
        return head.lemma_.lower() in self.not_the_state

    @staticmethod
    def _is(e: Event, codes: list[str]) -> bool:
        return any(e.cameo.startswith(c) for c in codes)

    def _in_speech(self, e: Event) -> bool:
        """Whether an event is told inside someone's reported speech ("No country should feel emboldened by
        Russia's annexation of Crimea, Obama said")."""
        if not e.trigger_span or self.doc is None:
            return False
        tok = self.doc.char_span(*e.trigger_span, alignment_mode="expand")
        node = tok.root if tok is not None else None
        for _ in range(6):
            if node is None or node.head.i == node.i:
                return False
            if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in self.speech:
                return True
            node = node.head
        return False

    def _stated_event(self, e: Event) -> bool:
        """Whether a party's act was reported as its own statement ("Israel said it would ..."),
        not as someone else's account of it ("an opposition leader said that by staging a trade war
        Russia ...")."""
        if not e.trigger_span:
            return False
        tok = self.doc.char_span(*e.trigger_span, alignment_mode="expand")
        if tok is None:
            return False
        node = tok.root
        for _ in range(4):
            if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in self.speech:
                speakers = [c for c in node.head.children if c.dep_ == "nsubj"]
                found = self.resolver.actor_of(speakers[0]) if speakers else None
                return found is None or found[0] == e.source  # an unnamed speaker: its own
            if node.head.i == node.i:
                break
            node = node.head
        return False

    # -------------------------------------------------------------- relations
    def _from_relations(self, issue: Issue, relations: list[Relation], events: list[Event]) -> list[Evidence]:
        out = []
        for r in relations:
            if not r.stated or r.type not in ("ally_of", "partner_of", "hostile_to"):
                continue
            if r.type != "hostile_to" and _broken_in_its_sentence(r, events):
                continue  # "declared his separation from longstanding ally X": an alliance left, no backing
            for a, b in ((r.source, r.target), (r.target, r.source)):
                if issue.side_of(b) is None or issue.side_of(a) is not None:
                    continue
                position = f"{'against' if r.type == 'hostile_to' else 'side'}:{b}"
                out.append(Evidence(a, position, self._w("relation"), "relation", r.type, r.text or "", r.span))
        return out

    # -------------------------------------------------------------- placing one piece of evidence
    def _place(self, issue: Issue, ev: Evidence, only: bool) -> tuple[Evidence | None, str]:
        holder_side = issue.side_of(ev.actor)
        if ev.position == "neutral":
            if holder_side is not None:
                return None, "a party of the issue is not neutral on it"
            if not only and not (ev.names & set(issue.parties)):
                return None, "its sentence names no party of this issue"
            return ev, ""
        kind, target = ev.position.split(":", 1)
        if target == ACT:
            if not issue.focal:
                return None, "aimed at an act, and this issue is no dispute over one actor's act"
            target = issue.sides[0][0]
        elif target.startswith(REBELS):
            state = target[len(REBELS):]
            target = self._rebels(issue, state)
            if target is None:
                return None, f"aimed at rebels of {state}, whom this issue does not name"
        target_side = issue.aimed_side(target)
        if target_side is None:
            return None, f"{target} is no party of this issue"
        if issue.side_of(target) is None and ev.kind not in ("clause", "quote"):
            return None, f"{target} only backs a side: a position toward it must be stated in so many words"
        if target == ev.actor:
            return None, "aimed at itself"
        # the parties of a conflict, and the actor whose act is disputed, hold no stance on it but their
        # stated hostility to the other side; the critics of a disputed act stand where they say
        if holder_side is not None and (not issue.focal or holder_side == 0):
            if holder_side == target_side:
                return None, "aimed at its own side"
            if kind == "side":
                return None, "a party backing the other side is not read as a position"
            statements = ("event", "quote") + (("clause",) if issue.focal or issue.own_words else ())
            if not ev.stated or ev.kind not in statements:
                return None, "a party's hostility to the other side counts only as its own statement"
        if issue.focal and target_side != 0 and holder_side != 0 and target not in issue.victims:
            # a position toward the focal actor's critics is a position toward the focal actor (not toward
            # those it coerced: backing them is a position of its own)
            flipped = "against" if kind == "side" else "side"
            return replace(ev, position=f"{flipped}:{issue.sides[0][0]}", via=target), ""
        return replace(ev, position=f"{kind}:{target}"), ""

    def _rebels(self, issue: Issue, state: str) -> str | None:
        own = issue.side_of(state)
        if own is None:
            return None
        for side in issue.sides:
            for a in side:
                if issue.side_of(a) != own and self.kb.actor_type(a) == "group":
                    return a
        return None

    # -------------------------------------------------------------- combining
    @staticmethod
    def _alignment(issue: Issue, position: str) -> str:
        """Which way a position leans: toward one side of a two-sided issue, or neutral."""
        if position == "neutral":
            return "neutral"
        kind, target = position.split(":", 1)
        side = issue.aimed_side(target)
        if len(issue.sides) == 2 and side is not None:
            return f"for side {side if kind == 'side' else 1 - side}"
        return f"{kind} side {side}"

    def _combine(self, issue: Issue, items: dict[str, list[Evidence]], j: Judgement) -> list[Stance]:
        out = []
        for actor, evs in items.items():
            # what a sentence says of the focal actor itself outweighs what it is read to say of a critic
            direct = {ev.span for ev in evs if ev.via is None}
            for ev in [ev for ev in evs if ev.via is not None and ev.span in direct]:
                evs.remove(ev)
                j.dropped.append((actor, f"the same sentence states a position toward {ev.position.split(':')[1]} "
                                         f"directly", ev))
            if issue.focal:
                # an act of the focal actor and a partner together ("denounced the deal between Turkey and
                # Libya"): the position is toward the one whose act the dispute is about
                focal = issue.sides[0][0]
                at_focal = {ev.span for ev in evs if ev.position == f"against:{focal}"}
                for ev in [ev for ev in evs if ev.span in at_focal and ev.position.startswith("against:")
                           and ev.target in issue.joint]:
                    evs.remove(ev)
                    j.dropped.append((actor, f"aimed at {ev.target} together with {focal}, whose act is disputed",
                                      ev))
            if not evs:
                continue
            # one sentence read twice (as an event and as a clause) is one piece of evidence
            strongest: dict[tuple, float] = {}
            for ev in evs:
                key = (ev.position, ev.span)
                strongest[key] = max(strongest.get(key, 0.0), ev.weight)
            scores: dict[str, float] = defaultdict(float)
            for (position, _), w in strongest.items():
                scores[position] += w
            # support for both opposing sides is equidistance
            sided = {p: w for p, w in scores.items() if p.startswith("side:")}
            merged: set[str] = set()
            if len({issue.aimed_side(p.split(":", 1)[1]) for p in sided} - {None}) >= 2:
                scores["neutral"] += sum(sided.values())
                for p in sided:
                    del scores[p]
                merged = set(sided)
            # positions that favour the same side ("backed Azerbaijan", "condemned Armenia") are one
            # alignment; the alignment with most evidence wins, and each of its positions with enough
            # evidence of its own is reported. One sentence aimed at three parties of a side leans that
            # way once, not three times.
            by_span: dict[tuple, float] = {}
            for (position, span), w in strongest.items():
                key = ("neutral" if position in merged else self._alignment(issue, position), span)
                by_span[key] = max(by_span.get(key, 0.0), w)
            leaning: dict[str, float] = defaultdict(float)
            for (alignment, _), w in by_span.items():
                leaning[alignment] += w
            winner, weight = max(leaning.items(), key=lambda kv: (kv[1], kv[0] == "neutral"))
            total = sum(leaning.values())
            top = max(w for p, w in scores.items() if self._alignment(issue, p) == winner)
            share = float(self.cues.get("secondary_share", 0.5))
            positions = sorted((p for p, w in scores.items()
                                if self._alignment(issue, p) == winner and w >= share * top), key=lambda p: -scores[p])
            for ev in evs:
                if ev.position not in positions:
                    j.dropped.append((actor, f"outweighed: {', '.join(positions)} "
                                             f"({weight:.2f} of {total:.2f})", ev))
            for pos in positions:
                evidence = [{"position": ev.position, "kind": ev.kind, "cue": ev.cue, "text": ev.text,
                             "span": list(ev.span) if ev.span else None} for ev in evs if ev.position == pos]
                out.append(Stance(actor, issue.name, pos, round(weight / total, 2) if total else 0.0, evidence,
                                  conflict_id=issue.conflict_id))
        return sorted(out, key=lambda s: (-s.confidence, s.actor))


def _broken_in_its_sentence(r: Relation, events: list[Event]) -> bool:
    """Whether an event of the same sentence reduces or breaks relations between the two (CAMEO 16)."""
    if r.span is None:
        return False
    return any(e.root == "16" and {e.source, e.target} == {r.source, r.target} and e.span is not None
               and e.span[0] <= r.span[0] < e.span[1] for e in events)
