"""Analyses over many coded documents, and their pictures.

Takes coded documents as plain dicts (from a store or a folder of JSON files); gives alignment
on a conflict, alliance commitments and the actor network (``analyses.py``), drawn as PNG or
HTML (``plots.py``) in the dashboard's colours (``sides.py``). Never imports serving or the
command line.
"""
