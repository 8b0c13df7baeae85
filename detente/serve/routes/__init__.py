"""The API's routes, one module per resource; each holds a ``router`` that ``app.py`` includes."""
