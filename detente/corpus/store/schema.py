"""The store's tables and their migrations: ``TABLES`` is the one description of every table
(column, DuckDB type; the first column is the row's id); a store at schema version k runs
``MIGRATIONS[k:]`` when it is opened."""
from __future__ import annotations

from collections.abc import Callable


DEFAULT_DB = "detente.duckdb"
DEFAULT_DEDUP_DAYS = 2
Rows = dict[str, list[tuple]]


# table -> [(column, DuckDB type)]; the first column is the row's id.
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("hash", "VARCHAR"), ("id", "VARCHAR"), ("url", "VARCHAR"), ("title", "VARCHAR"),
        ("date", "DATE"), ("source", "VARCHAR"), ("text", "VARCHAR"), ("language", "VARCHAR"),
        ("origin", "VARCHAR"), ("model_schema", "INTEGER"), ("reference_date", "VARCHAR"),
        ("sentence_starts", "INTEGER[]"), ("extra", "VARCHAR"), ("coded_at", "TIMESTAMP"),
    ],
    "actors": [
        ("row_id", "VARCHAR"), ("doc_hash", "VARCHAR"), ("seq", "INTEGER"), ("list", "VARCHAR"),
        ("actor_id", "VARCHAR"), ("type", "VARCHAR"), ("name", "VARCHAR"), ("sectors", "VARCHAR[]"),
        ("n_mentions", "INTEGER"), ("extra", "VARCHAR"),
    ],
    "mentions": [
        ("row_id", "VARCHAR"), ("doc_hash", "VARCHAR"), ("actor_row", "VARCHAR"), ("actor_id", "VARCHAR"),
        ("type", "VARCHAR"), ("seq", "INTEGER"), ("start_char", "INTEGER"), ("end_char", "INTEGER"),
        ("text", "VARCHAR"),
    ],
    "persons": [
        ("row_id", "VARCHAR"), ("doc_hash", "VARCHAR"), ("seq", "INTEGER"), ("name", "VARCHAR"),
        ("role", "VARCHAR"), ("affiliation", "VARCHAR"), ("affiliation_source", "VARCHAR"),
        ("kb_name", "VARCHAR"), ("kb_role", "VARCHAR"), ("spans", "INTEGER[][]"),
        ("start_char", "INTEGER"), ("end_char", "INTEGER"), ("role_start", "INTEGER"), ("role_end", "INTEGER"),
        ("extra", "VARCHAR"),
    ],
    "quotes": [
        ("row_id", "VARCHAR"), ("doc_hash", "VARCHAR"), ("seq", "INTEGER"), ("text", "VARCHAR"),
        ("speaker", "VARCHAR"), ("direct", "BOOLEAN"), ("speaker_type", "VARCHAR"), ("speaker_actor", "VARCHAR"),
        ("cue", "VARCHAR"), ("start_char", "INTEGER"), ("end_char", "INTEGER"), ("spans", "INTEGER[][]"),
        ("speaker_start", "INTEGER"), ("speaker_end", "INTEGER"), ("cue_start", "INTEGER"), ("cue_end", "INTEGER"),
        ("extra", "VARCHAR"),
    ],
    "event_mentions": [
        ("mention_id", "VARCHAR"), ("doc_hash", "VARCHAR"), ("seq", "INTEGER"), ("event_id", "VARCHAR"),
        ("source", "VARCHAR"), ("target", "VARCHAR"), ("cameo", "VARCHAR"), ("base", "VARCHAR"),
        ("root", "VARCHAR"), ("name", "VARCHAR"), ("goldstein", "DOUBLE"), ("quad_class", "INTEGER"),
        ("plover_type", "VARCHAR"), ("plover_mode", "VARCHAR"),
        ("event_date", "VARCHAR"),  # the date the coder gave the event, as written in the JSON form
        ("date", "DATE"),  # the date used for de-duplication: the event's date, else the article's
        ("negated", "BOOLEAN"), ("hypothetical", "BOOLEAN"), ("counted", "BOOLEAN"),
        ("source_person", "VARCHAR"), ("target_person", "VARCHAR"),
        ("source_sector", "VARCHAR"), ("target_sector", "VARCHAR"),
        ("text", "VARCHAR"), ("start_char", "INTEGER"), ("end_char", "INTEGER"),
        ("source_start", "INTEGER"), ("source_end", "INTEGER"), ("target_start", "INTEGER"), ("target_end", "INTEGER"),
        ("trigger", "VARCHAR"), ("trigger_start", "INTEGER"), ("trigger_end", "INTEGER"), ("pattern", "VARCHAR"),
        ("sentence_id", "INTEGER"), ("in_lead", "BOOLEAN"), ("extra", "VARCHAR"),
    ],
    "events": [
        ("event_id", "VARCHAR"), ("global_id", "BIGINT"), ("source", "VARCHAR"), ("target", "VARCHAR"),
        ("cameo", "VARCHAR"), ("base", "VARCHAR"), ("root", "VARCHAR"), ("name", "VARCHAR"),
        ("quad_class", "INTEGER"), ("goldstein", "DOUBLE"), ("first_date", "DATE"), ("last_date", "DATE"),
        ("num_mentions", "INTEGER"), ("num_sources", "INTEGER"), ("num_articles", "INTEGER"),
        ("source_url", "VARCHAR"), ("first_mention", "VARCHAR"), ("first_doc", "VARCHAR"),
        ("is_root", "BOOLEAN"), ("source_sector", "VARCHAR"), ("target_sector", "VARCHAR"),
    ],
    "relations": [
        ("row_id", "VARCHAR"), ("doc_hash", "VARCHAR"), ("seq", "INTEGER"), ("source", "VARCHAR"),
        ("type", "VARCHAR"), ("target", "VARCHAR"), ("stated", "BOOLEAN"), ("text", "VARCHAR"),
        ("cue", "VARCHAR"), ("start_char", "INTEGER"), ("end_char", "INTEGER"), ("extra", "VARCHAR"),
    ],
    "conflicts": [
        ("row_id", "VARCHAR"), ("doc_hash", "VARCHAR"), ("seq", "INTEGER"), ("name", "VARCHAR"),
        ("parties", "VARCHAR[]"), ("spans", "INTEGER[][]"), ("extra", "VARCHAR"),
    ],
    "stances": [
        ("row_id", "VARCHAR"), ("doc_hash", "VARCHAR"), ("seq", "INTEGER"), ("actor", "VARCHAR"),
        ("issue", "VARCHAR"), ("position", "VARCHAR"), ("confidence", "DOUBLE"),
        ("evidence", "VARCHAR"),  # JSON list of {"text", "span", "cue", "position"}
        ("extra", "VARCHAR"),
    ],
    "errors": [
        ("error_id", "VARCHAR"), ("origin", "VARCHAR"), ("line", "INTEGER"), ("code", "VARCHAR"),
        ("message", "VARCHAR"), ("first_seen", "TIMESTAMP"), ("time", "TIMESTAMP"), ("seen", "INTEGER"),
    ],
}
TABLES["kb_relations"] = list(TABLES["relations"])


# Tables whose rows come from one document (``document_rows``), in write order.
DOCUMENT_TABLES = ["documents", "actors", "mentions", "persons", "quotes", "event_mentions",
                   "relations", "kb_relations", "conflicts", "stances"]
PRIMARY_KEYS = {"documents": "hash", "events": "event_id", "errors": "error_id"}


def _create(table: str) -> str:
    cols = []
    for name, type_ in TABLES[table]:
        pk = " PRIMARY KEY" if PRIMARY_KEYS.get(table) == name else ""
        cols.append(f'"{name}" {type_}{pk}')
    return f"CREATE TABLE {table} ({', '.join(cols)})"


def _migration_1(con) -> None:
    """The first schema: every table of TABLES."""
    for table in TABLES:
        con.execute(_create(table))


# Ordered; a store at version k runs MIGRATIONS[k:] when it is opened, each in a transaction.
MIGRATIONS: list[Callable] = [_migration_1]
SCHEMA_VERSION = len(MIGRATIONS)
