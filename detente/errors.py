"""User-facing error messages, numbered, in one place.

Every problem a user can cause (bad file, bad setting, bad query) is raised as a
``DetenteError`` carrying one of these messages, so the command line prints one
line naming the file and the problem instead of a traceback.
"""
from __future__ import annotations


class Messages:
    E001 = "file is empty"
    E002 = "file looks binary (it holds NUL or control bytes), not text"
    E003 = "file is not valid UTF-8 text (byte {offset}: {detail}); re-save it as UTF-8"
    E004 = "article text is {size:,} characters, over the limit of {limit:,} (set DETENTE_MAX_CHARS to raise it)"
    E005 = "text does not look like English (only {ratio:.0%} of its words are common English words); detente codes English and Russian news (--language forces one)"
    E006 = "line {line}: not valid JSON ({detail})"
    E007 = "line {line}: a JSON article needs a non-empty \"text\" field"
    E008 = "no such file or folder"
    E009 = "unsupported file type {suffix!r}: use .txt, .html, .json, .jsonl, .rss, .atom or .xml"
    E010 = "spaCy pipeline {name!r} is not installed: pip install it, or set DETENTE_SPACY_MODEL to an installed English pipeline"
    E011 = "not a feed: feedparser found no entries ({detail})"
    E012 = "could not extract article text from the HTML"
    E013 = "knowledge-base file {file}: line {line}: {detail}"
    E014 = "JSON document is neither an article object nor a list of articles"
    E015 = "text has no words to code"
    E016 = "could not fetch {url}: {detail}"
    E017 = "database {path} is not a detente store (or is from a newer version): {detail}"
    E018 = "query failed: {detail}"
    E019 = "only read-only SQL (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN) is allowed here"
    E020 = "folder {path} holds no coded documents (*.json written by `detente code --out`)"
    E021 = "unknown conflict {name!r}: known conflicts are listed by `detente analyse conflicts`"
    E022 = "date {value!r} is not a date (use YYYY-MM-DD)"
    E023 = "database {path} is in use by another process ({detail}); wait for it to finish or use another --db"
    E024 = "no store at {path}: create one with `detente ingest PATH... --db {path}`"
    E025 = "coding failed ({detail}); this is a bug in detente: please report it with the article"
    E026 = "unknown export format {value!r}: use jsonl, parquet, gdelt-events, gdelt-mentions or gkg"
    E027 = "unknown period {value!r}: use day, week, month or year"
    E028 = "a coding worker process died ({detail}); the batches it held were not stored: run the same ingest again to resume"
    E029 = "folder {path} holds no Parquet tables of a detente store (documents.parquet is missing)"
    E030 = "--out {path}: {detail}"
    E031 = "pyspark is not installed: pip install 'detente[spark]' (Apache Spark 4; it needs Java 17)"
    E032 = ("Spark could not start ({detail}); it needs Java 17 "
            "(apt-get install openjdk-17-jre-headless, or set JAVA_HOME)")
    E033 = "{detail}"
    E034 = "output exists: remove it, choose another OUTPUT, or use --overwrite"
    E035 = ("{field} holds a lone surrogate (U+{char:04X} at character {index:,}), which is not Unicode text "
            "(often a JSON \\uD800-style escape without its pair): repair the source")
    E036 = ("date {value} is not a usable date ({detail}): give YYYY-MM-DD (or an ISO date-time, "
            "'April 8, 2016', '8 April 2016'), or leave it out")
    E037 = ("no actor is known as {name!r}: give an id, name or alias of the knowledge base "
            "(ARM, Armenia, the Kremlin) or of the store (`detente query actors` lists them)")
    E038 = "{name!r} names several actors: {ids}; give one of these ids"
    # (E039-E044 are unused: numbers kept apart while branches were merged.)
    E045 = ("an article dict needs a non-empty \"text\" string (its other keys, all optional: id, url, title, "
            "date, source, language)")
    E046 = "an article is a text (str), an Article or a dict with a \"text\" key, not {kind}"
    E047 = "folder holds no articles (files ending {suffixes}; Markdown files are read only when named)"
    E048 = ("Parquet export writes one file per table into a folder: name it with --out FOLDER "
            "(for example --out {example})")
    E049 = "speaker {value!r} has no word in it: give a name or a surname (Lavrov, Sergei Lavrov)"


class DetenteError(Exception):
    """A problem with the user's input or settings, explained in one line."""

    def __init__(self, code: str, where: str | None = None, **details: object) -> None:
        self.code = code
        self.where = where
        self.details = details
        template = getattr(Messages, code)
        self.problem = template.format(**details) if details else template
        super().__init__(self.message)

    @property
    def message(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.problem} [{self.code}]"

    def located(self, where: str) -> "DetenteError":
        """The same error, attributed to a file or URL."""
        return DetenteError(self.code, where, **self.details)
