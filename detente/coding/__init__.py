"""The coding of one article: text in, ``CodedDocument`` out.

Takes an ``Article`` (text, date, id) and the knowledge base; gives a ``CodedDocument`` with every
fact's character spans. ``pipeline.py`` runs the stages in order over one spaCy parse
(``nlp.py``): ``gazetteer`` (names the knowledge base knows) → ``actors`` → ``persons`` →
``context`` (the one reading of the document every later stage shares) → ``quotes`` →
``conflicts`` → ``events`` (with ``event_patterns``, ``event_clauses``, ``event_parties``,
``event_emit``, ``event_dates``, ``event_records``) → ``relations`` (with ``relation_phrases``,
``memberships``) → ``stances`` (with ``stance_reader``). Their shared helpers:
``coref`` (what "he" or "the ministry" stands for), ``modality`` (negation, conditions, purpose),
``patterns`` (the event pattern language), ``names``, ``quotemarks``, ``docutil`` (spans and
sentences); dates are read by ``detente/dates.py``. ``lang/`` holds the packs of languages other
than English; ``components.py`` makes the whole as a spaCy pipeline component. Never imports the
corpus, the analyses, serving or the command line.
"""
