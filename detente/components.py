"""``import detente.components`` registers the "detente" spaCy factory (``nlp.add_pipe("detente")``).

The component is ``detente/coding/components.py``; this module keeps the documented import working.
"""
from .coding import components as _component  # noqa: F401  (importing it registers the factory)
