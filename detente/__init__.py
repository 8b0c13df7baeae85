"""detente: code political news into actors, quotes, CAMEO events, relations and stances.

    >>> import detente
    >>> doc = detente.code("Minsk called on Baku and Yerevan to show restraint.", date="2016-04-08")
    >>> [(e.source, e.target, e.cameo) for e in doc.events]
    [('BLR', 'AZE', '0256'), ('BLR', 'ARM', '0256')]

``Coder`` codes many texts with one loaded pipeline, parsing them in batches.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .model import Article, CodedDocument

__version__ = "0.1.0"
__all__ = ["code", "Coder", "Article", "CodedDocument", "__version__"]


class Coder:
    """Codes articles with one spaCy pipeline (loaded once per process)."""

    def __init__(self, model: str | None = None, batch_size: int = 32) -> None:
        from . import nlp

        self.model = model
        self.batch_size = batch_size
        self.nlp = nlp.load(model)

    def code(self, text: str, id: str | None = None, date: str | None = None, url: str | None = None,
             title: str | None = None, source: str | None = None) -> CodedDocument:
        return next(iter(self.code_many([Article(text=text, id=id, date=date, url=url, title=title,
                                                 source=source)])))

    def code_many(self, articles: Iterable[Article | str]) -> Iterator[CodedDocument]:
        """Coded documents in order. A text that cannot be coded (over DETENTE_MAX_CHARS, a lone
        surrogate, an unusable date) raises ``DetenteError`` when its turn comes."""
        from .ingest import check_size
        from .pipeline import code_articles

        def checked(items: Iterable[Article | str]) -> Iterator[Article]:
            for a in items:
                article = a if isinstance(a, Article) else Article(text=a)
                check_size(article)
                yield article

        yield from code_articles(checked(articles), model=self.model, batch_size=self.batch_size)


_default: Coder | None = None


def code(text: str, id: str | None = None, date: str | None = None, url: str | None = None,
         title: str | None = None, source: str | None = None) -> CodedDocument:
    """Code one article's text into a CodedDocument."""
    global _default
    if _default is None:
        _default = Coder()
    return _default.code(text, id=id, date=date, url=url, title=title, source=source)
