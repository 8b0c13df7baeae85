"""From an article to a coded document: the stages, in order, on one parsed text.

    parse -> gazetteer -> actors -> persons -> quotes -> conflicts -> events -> relations -> stances

Each stage is a function of the stages before it; none reaches back. What the stages after the
persons all read (the parse, mentions, people, the one reference resolver, the sentence index) is
built once, as a ``context.DocumentContext``.
"""
from __future__ import annotations

import os
import re
import traceback
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from . import actors as actors_stage
from .. import kb as kb_module
from . import nlp as nlp_module
from . import persons as persons_stage
from . import conflicts as conflicts_stage
from . import events as events_stage
from . import quotes as quotes_stage
from . import relations as relations_stage
from . import stances as stances_stage
from .context import document_context
from ..dates import document_date
from .docutil import set_source_text
from .gazetteer import for_pipeline
from ..errors import DetenteError
from ..model import Article, CodedDocument


def code_parsed(doc: Doc, article: Article, nlp=None, explain: bool = False) -> CodedDocument:
    """Code one article whose text spaCy has parsed into ``doc``."""
    nlp = nlp or nlp_module.load()
    kb = kb_module.load()
    set_source_text(doc, article.text)  # facts quote the article, not the parser's copy
    ref_date, date_source = document_date(article.date, article.date_source, article.url, article.text)
    matches = for_pipeline(nlp, kb).find(doc)
    mentions = actors_stage.find_mentions(doc, matches, kb)
    roles = persons_stage.role_matcher(nlp, kb).find(doc)
    people = persons_stage.find_persons(doc, matches, mentions, roles, kb, ref_date)
    actor_list, org_list = actors_stage.actor_list(doc, mentions, kb)
    ctx = document_context(doc, kb, ref_date, mentions, people)  # built once, read by every stage below
    quotes = quotes_stage.extract(ctx)
    conflicts = conflicts_stage.finder_for(nlp, kb).find(doc, mentions, ref_date, people)
    events, explanations = events_stage.code_events(ctx, conflicts, explain=explain)
    relations, kb_relations = relations_stage.extract(ctx, events, conflicts)
    if explain:
        stances, stance_notes = stances_stage.explained(ctx, events, conflicts, quotes, relations)
    else:
        stances, stance_notes = stances_stage.extract(ctx, events, conflicts, quotes, relations), None

    coded = CodedDocument(
        id=article.id, date=ref_date, date_source=date_source, text=article.text, url=article.url,
        title=article.title, source=article.source, hash=article.hash, reference_date=ref_date,
        actors=actor_list, organizations=org_list, persons=people.persons(doc), quotes=quotes,
        events=events, explanations=explanations, conflicts=[c.as_model() for c in conflicts],
        relations=relations, kb_relations=kb_relations, stances=stances,
        stance_explanations=stance_notes,
    )
    return coded


# Quotation marks the small English model parses poorly, swapped (one character for one,
# so offsets do not move) for the curly marks it knows.
_PARSE_MARKS = str.maketrans({"«": "“", "»": "”", "„": "“", "‟": "“"})


# spaCy's tokenizer peels prefixes and suffixes off a space-free chunk one at a time, in time
# quadratic in its length: a run of 3,500 "(" or quotation marks takes it 2 s, the parser as much
# again. In the parser's copy, the last of every PUNCT_RUN such marks in a row becomes a space (one
# character for one: offsets, and the facts cut from the original text, are unchanged).
PUNCT_RUN = 32
_LONG_PUNCT_RUN = re.compile(r"[^\w\s]{%d}" % PUNCT_RUN)


def text_for_parsing(text: str) -> str:
    text = text.translate(_PARSE_MARKS)
    return _LONG_PUNCT_RUN.sub(lambda m: m.group()[:-1] + " ", text)


def code_articles(articles: Iterable[Article], model: str | None = None, batch_size: int = 32,
                  explain: bool = False) -> Iterator[CodedDocument]:
    """Code many articles, in order: English ones with one spaCy pipeline, parsing in batches;
    an article of another language (``Article.language``) with its language pack."""
    for batch in _batches(articles, batch_size):
        yield from _code_batch(batch, model, batch_size, explain, keep_going=False)


def code_each(articles: Iterable[Article], model: str | None = None, batch_size: int = 32,
              explain: bool = False) -> Iterator[CodedDocument | DetenteError]:
    """``code_articles`` for runs over many inputs: an article a stage fails on comes out as its
    error (E025, naming the article), and the articles after it are still coded."""
    for batch in _batches(articles, batch_size):
        yield from _code_batch(batch, model, batch_size, explain, keep_going=True)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _code_batch(batch: list[Article], model: str | None, batch_size: int, explain: bool,
                keep_going: bool) -> Iterator[CodedDocument | DetenteError]:
    from .lang import detect, forced

    for a in batch:  # articles that did not come through ingest's checks (detente.code, Coder)
        if a.language is None:
            a.language = forced() or detect(a.text)
    english = [a for a in batch if not in_pack(a)]
    parsed = iter(())
    nlp = None
    if english:  # the English pipeline is loaded only when an English article comes
        nlp = nlp_module.load(model)
        parsed = nlp.pipe(((text_for_parsing(a.text), a) for a in english), as_tuples=True, batch_size=batch_size)
    for article in batch:
        try:
            if in_pack(article):
                yield code_in_pack(article)
            else:
                doc, _ = next(parsed)
                yield code_parsed(doc, article, nlp, explain=explain)
        except DetenteError as err:
            if not keep_going:
                raise
            yield err.located(article.origin or article.id)
        except Exception as exc:  # noqa: BLE001 - a bug in a stage: reported with its article, the run goes on
            if not keep_going:
                raise
            yield coding_failure(exc).located(article.origin or article.id)


def coding_failure(exc: Exception) -> DetenteError:
    """E025 for an exception a stage raised, with where it was raised (for the bug report; the REST
    API keeps that in its log)."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {os.path.basename(frame.filename)}:{frame.lineno}" if frame else ""
    return DetenteError("E025", detail=f"{type(exc).__name__}: {exc}{where}")


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
