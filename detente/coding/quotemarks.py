"""Find quotations in raw text: pair opening and closing quotation marks.

Straight ("), curly (“ ”), low-9 („), angle (« ») double marks and the typewriter pair
('' … '', two apostrophes, as the New York Times prints them) are paired by
their surroundings (an opening mark follows a space or a bracket, a closing one
precedes a space or punctuation). A quotation never runs past the end of its
paragraph, unless the next paragraph opens with a quotation mark (the
newspaper convention for a quotation over several paragraphs), and never runs
longer than ``MAX_QUOTE_CHARS``: a stray or unbalanced mark is dropped instead
of swallowing the rest of the article.

    >>> [text[s:e] for s, e in find_quotations('He said: "No." Then "yes," she said.')]
    ['No.', 'yes,']
"""
from __future__ import annotations

OPENERS = {"“", "„", "«", "‟"}
CLOSERS = {"”", "»"}
STRAIGHT = {'"', "＂"}
MAX_QUOTE_CHARS = 4000

_LEFT_OPEN_CONTEXT = set(" \t\n\r([{—–-/:;,") | {"\u00a0"}


TYPEWRITER = "''"  # two apostrophes standing for one double mark


def _marks(text: str) -> list[tuple[int, int]]:
    """(position, length) of every double quotation mark; a typewriter pair is one mark of length 2."""
    out = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPENERS or ch in CLOSERS or ch in STRAIGHT:
            out.append((i, 1))
        elif text.startswith(TYPEWRITER, i) and not text.startswith(TYPEWRITER, i + 2):
            out.append((i, 2))
            i += 2
            continue
        i += 1
    return out


def _role(text: str, i: int, length: int = 1) -> str:
    """'open', 'close' or 'either' for the mark at position i."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + length] if i + length < len(text) else " "
    if ch in OPENERS:
        # a curly opening mark glued to the end of a word is a mis-typed closer
        return "close" if (prev.isalnum() or prev in ".,!?") and not nxt.isalnum() else "open"
    if ch in CLOSERS:
        return "open" if prev in _LEFT_OPEN_CONTEXT and nxt.isalnum() else "close"
    if length == 2 and prev.isalnum() and nxt.isalnum():
        return "none"  # two apostrophes inside a word are not a quotation mark
    if prev in _LEFT_OPEN_CONTEXT or prev in OPENERS:
        if nxt.isspace() or nxt == "":
            return "either"
        return "open"
    if nxt.isspace() or nxt in ".,;:!?)]}—–-" or i + length >= len(text):
        return "close"
    return "either"


def find_quotations(text: str) -> list[tuple[int, int]]:
    """Character spans of quotation contents (without the marks), in order."""
    out: list[tuple[int, int]] = []
    open_at: int | None = None  # where the open quotation's content starts
    outer: list[int] = []  # quotations still open around the open one ("… the question: “…?” …")
    for i, length in _marks(text):
        role = _role(text, i, length)
        if role == "none":
            continue
        if open_at is not None:
            nl = text.rfind("\n", outer[0] if outer else open_at, i)
            if nl >= 0:
                if role in ("open", "either") and not text[nl:i].strip() and not outer:
                    # a new paragraph opening with a mark: the quotation goes on over paragraphs
                    _emit(out, text, open_at, nl)
                    open_at = i + length
                    continue
                open_at, outer = None, []  # the quotation did not close in its paragraph: a stray mark
        if open_at is None:
            if role in ("open", "either"):
                open_at = i + length
            continue
        if role in ("close", "either"):
            _emit(out, text, open_at, i)
            open_at = outer.pop() if outer else None
        else:  # another opening mark: a quotation inside this one, or this one's mark was stray
            outer.append(open_at)  # (a stray one never closes and is dropped with its paragraph)
            open_at = i + length
    return sorted(out)


def _emit(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while end > start and text[end - 1].isspace():
        end -= 1
    if 0 < end - start <= MAX_QUOTE_CHARS and text[start:end].strip():
        out.append((start, end))


SINGLE_OPEN = {"‘", "'"}
SINGLE_CLOSE = {"’", "'"}
MAX_SINGLE_QUOTE_CHARS = 1500


def find_single_quotations(text: str, taken: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Quotations in single marks, as British news writes them (‘We are ready,’ she said).

    A single mark is also an apostrophe ("Russia’s", "don't", "the Russians’ view"), so only a
    mark at the start of a word opens and only one ending a word before a space or punctuation
    closes, within one paragraph; callers keep such a quotation only when a speaker is found."""
    out: list[tuple[int, int]] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch in SINGLE_OPEN and (prev.isspace() or prev in "([“\"—–-") and (nxt.isalnum() or nxt in "…["):
            j = i + 1
            while j < n and j - i <= MAX_SINGLE_QUOTE_CHARS and text[j] != "\n":
                c = text[j]
                after = text[j + 1] if j + 1 < n else " "
                if c in SINGLE_CLOSE and not text[j - 1].isspace() and (after.isspace() or after in ".,;:!?)—–-\"”"):
                    if not any(s <= i < e or s < j <= e for s, e in taken):
                        _emit(out, text, i + 1, j)
                    i = j
                    break
                j += 1
        i += 1
    return out
