"""detente: code political news into actors, quotes, CAMEO events, relations and stances.

    >>> import detente
    >>> doc = detente.code("Minsk called on Baku and Yerevan to show restraint.", date="2016-04-08")
    >>> [(e.source, e.target, e.cameo) for e in doc.events]
    [('BLR', 'AZE', '0256'), ('BLR', 'ARM', '0256')]

``Coder`` codes many texts with one loaded pipeline, parsing them in batches.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .errors import DetenteError
from .model import Article, CodedDocument

__version__ = "0.1.0"
__all__ = ["code", "Coder", "Article", "CodedDocument", "__version__"]


class Coder:
    """Codes articles with one spaCy pipeline (loaded once per process)."""

    def __init__(self, model: str | None = None, batch_size: int = 32) -> None:
        from .coding import nlp

        self.model = model
        self.batch_size = batch_size
        self.nlp = nlp.load(model)

    def code(self, text: str, id: str | None = None, date: str | None = None, url: str | None = None,
             title: str | None = None, source: str | None = None) -> CodedDocument:
        return next(iter(self.code_many([Article(text=text, id=id, date=date, url=url, title=title,
                                                 source=source)])))

    def code_many(self, articles: Iterable[Article | str | Mapping[str, Any]]) -> Iterator[CodedDocument]:
        """Coded documents in order. An article is a text, an ``Article``, or a dict with the keys
        of a JSON-lines input line (``text``; optional ``id``, ``url``, ``title``, ``date``,
        ``source``, ``language``; others are ignored, as the command line ignores them). One that
        cannot be coded (no text, over DETENTE_MAX_CHARS, a lone surrogate, an unusable date)
        raises ``DetenteError`` naming its place ("article 3") when its turn comes.

            >>> [d.id for d in Coder().code_many([{"id": "a1", "text": "Minsk called on Baku."}])]
            ['a1']
        """
        from .corpus.readers import check_size
        from .coding.pipeline import code_articles

        def checked(items: Iterable[Article | str | Mapping[str, Any]]) -> Iterator[Article]:
            for n, item in enumerate(items, 1):
                try:
                    article = _as_article(item)
                    check_size(article)
                except DetenteError as err:
                    raise (err if err.where else err.located(f"article {n}")) from None
                yield article

        yield from code_articles(checked(articles), model=self.model, batch_size=self.batch_size)


def _as_article(item: Article | str | Mapping[str, Any]) -> Article:
    from .corpus.readers import article_from_record

    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(text=item)
    if isinstance(item, Mapping):
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise DetenteError("E045")
        return article_from_record(dict(item), where=None)
    raise DetenteError("E046", kind=type(item).__name__)


_default: Coder | None = None


def code(text: str, id: str | None = None, date: str | None = None, url: str | None = None,
         title: str | None = None, source: str | None = None) -> CodedDocument:
    """Code one article's text into a CodedDocument."""
    global _default
    if _default is None:
        _default = Coder()
    return _default.code(text, id=id, date=date, url=url, title=title, source=source)
