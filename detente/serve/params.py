"""What requests carry: query parameters shared by the routes, and the article a POST sends."""
from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from pydantic import BaseModel, Field

from .settings import MAX_LIMIT, Settings


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]


Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]


ActorParam = Annotated[str | None, Query(max_length=200, description="An actor's id, name or alias (ARM, Armenia); "
                                                                     "404 when none is known.")]


DateFrom = Annotated[str | None, Query(alias="from", max_length=10, description="First date, YYYY-MM-DD.")]


DateTo = Annotated[str | None, Query(alias="to", max_length=10, description="Last date, YYYY-MM-DD.")]


class ArticleIn(BaseModel):
    """An article to code: its text and what is known about it."""
    text: str = Field(..., min_length=1, description="The article text (plain text).")
    id: str | None = Field(None, max_length=300, description="Your id for it (default: from its content hash).")
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=2000)
    date: str | None = Field(None, max_length=40, description="Publication date, YYYY-MM-DD.")
    source: str | None = Field(None, max_length=300, description="The outlet.")


def _article(body: ArticleIn, origin: str):
    from ..corpus.readers import article_from_record, check_text

    article = article_from_record(body.model_dump(), origin)
    check_text(article)
    return article


def _settings(request: Request) -> Settings:
    return request.app.state.settings
