"""From an article to a coded document: the stages, in order, on one parsed text.

    parse -> gazetteer -> actors -> persons -> quotes -> conflicts -> events -> relations -> stances

Each stage is a function of the stages before it; none reaches back.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from . import actors as actors_stage
from . import kb as kb_module
from . import nlp as nlp_module
from . import persons as persons_stage
from . import conflicts as conflicts_stage
from . import events as events_stage
from . import quotes as quotes_stage
from . import relations as relations_stage
from . import stances as stances_stage
from .dates import reference_date
from .gazetteer import for_pipeline
from .model import Article, CodedDocument


def code_parsed(doc: Doc, article: Article, nlp=None, explain: bool = False) -> CodedDocument:
    """Code one article whose text spaCy has parsed into ``doc``."""
    nlp = nlp or nlp_module.load()
    kb = kb_module.load()
    ref_date = article.date or reference_date(article.text)
    matches = for_pipeline(nlp, kb).find(doc)
    mentions = actors_stage.find_mentions(doc, matches, kb)
    roles = persons_stage.role_matcher(nlp, kb).find(doc)
    people = persons_stage.find_persons(doc, matches, mentions, roles, kb, ref_date)
    actor_list, org_list = actors_stage.actor_list(doc, mentions, kb)
    quotes = quotes_stage.extract(doc, people, mentions, kb)
    conflicts = conflicts_stage.finder_for(nlp, kb).find(doc, mentions, ref_date, people)
    events, explanations = events_stage.code_events(doc, people, mentions, kb, ref_date, conflicts,
                                                    explain=explain)
    relations, kb_relations = relations_stage.extract(doc, people, mentions, kb, ref_date, events, conflicts)
    if explain:
        stances, stance_notes = stances_stage.explained(doc, people, mentions, kb, events, conflicts, quotes, relations)
    else:
        stances, stance_notes = stances_stage.extract(doc, people, mentions, kb, events, conflicts, quotes, relations), None

    coded = CodedDocument(
        id=article.id, date=article.date, text=article.text, url=article.url, title=article.title,
        source=article.source, hash=article.hash, reference_date=ref_date,
        actors=actor_list, organizations=org_list, persons=people.persons(doc), quotes=quotes,
        events=events, explanations=explanations, conflicts=[c.as_model() for c in conflicts],
        relations=relations, kb_relations=kb_relations, stances=stances,
        stance_explanations=stance_notes,
    )
    return coded


# Quotation marks the small English model parses poorly, swapped (one character for one,
# so offsets do not move) for the curly marks it knows.
_PARSE_MARKS = str.maketrans({"«": "“", "»": "”", "„": "“", "‟": "“"})


def text_for_parsing(text: str) -> str:
    return text.translate(_PARSE_MARKS)


def code_articles(articles: Iterable[Article], model: str | None = None, batch_size: int = 32,
                  explain: bool = False) -> Iterator[CodedDocument]:
    """Code many articles, in order: English ones with one spaCy pipeline, parsing in batches;
    an article of another language (``Article.language``) with its language pack."""
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _code_batch(batch, model, batch_size, explain)
            batch = []
    if batch:
        yield from _code_batch(batch, model, batch_size, explain)


def _code_batch(batch: list[Article], model: str | None, batch_size: int, explain: bool) -> Iterator[CodedDocument]:
    from .lang import detect, forced

    for a in batch:  # articles that did not come through ingest's checks (detente.code, Coder)
        if a.language is None:
            a.language = forced() or detect(a.text)
    english = [a for a in batch if not in_pack(a)]
    parsed = iter(())
    if english:  # the English pipeline is loaded only when an English article comes
        nlp = nlp_module.load(model)
        pairs = ((text_for_parsing(a.text), a) for a in english)
        parsed = (code_parsed(doc, a, nlp, explain=explain)
                  for doc, a in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size))
    for article in batch:
        yield code_in_pack(article) if in_pack(article) else next(parsed)


def in_pack(article: Article) -> bool:
    """Whether a language pack, not the English pipeline, codes this article."""
    return bool(article.language) and article.language != "en"


def code_in_pack(article: Article) -> CodedDocument:
    """Code an article with its language's pack (imported on first use)."""
    return analyse_in_pack(article)[1]


def analyse_in_pack(article: Article) -> tuple[Doc, CodedDocument]:
    """The parsed Doc and the coded document of an article its language's pack codes."""
    from .lang import pack

    return pack(article.language).analyse(article)
