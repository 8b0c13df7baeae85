"""Serving: the REST API and the web dashboard over a store (FastAPI).

Takes a DuckDB store (read-only unless ingest is allowed) and HTTP requests; gives JSON answers
and the dashboard's pages. ``app.py`` builds the app (``create_app(Settings(...))``) from
``settings.py``, ``middleware.py`` (body limit, security headers, answer cache), ``database.py``
(cursors, cached aggregates), ``responses.py`` (JSON and errors), ``params.py`` and ``reads.py``
(what the routes share) and ``routes/`` (one module per resource); ``web/`` holds the bundled
HTML, JavaScript and CSS.
"""
