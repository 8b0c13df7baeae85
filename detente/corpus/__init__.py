"""The corpus: many articles read, coded, stored, asked and exported.

Takes files, folders, feeds, URLs and stdin (``readers.py``) and the coding of one article
(``detente.pipeline``); gives a DuckDB store (``store/``: tables, writing, de-duplication of
events, reading), filled by ``ingest.py`` (worker processes, one transaction per batch) or by the
Spark job (``spark.py``, same rows), ready questions and read-only SQL over it (``query.py``,
with ``resolve.py`` for the names users give actors and conflicts), and exports
(``export.py``: JSON lines, Parquet, GDELT events/mentions/GKG with ``gdelt.py``, ``geo.py``
and ``tone.py``). Never imports serving, the analyses or the command line.
"""
