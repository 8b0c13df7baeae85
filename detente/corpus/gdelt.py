"""GDELT 2.0 column lists, in the order of the published files.

Sources: "The GDELT Event Database Data Format Codebook V2.0" (2015-02-19), section
"Event table" (61 fields) and section "Mentions table" (16 fields); "The GDELT Global
Knowledge Graph (GKG) Data Format Codebook V2.1" for the GKG conventions our per-article
table follows. Field names are the codebook's; GDELT 2.0 calls the second event field
``Day`` (``SQLDATE`` in GDELT 1.0).
"""
from __future__ import annotations

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]

EVENT_COLUMNS: list[str] = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *[f"Actor1{c}" for c in _ACTOR],
    *[f"Actor2{c}" for c in _ACTOR],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"Actor1Geo_{c}" for c in _GEO],
    *[f"Actor2Geo_{c}" for c in _GEO],
    *[f"ActionGeo_{c}" for c in _GEO],
    "DATEADDED", "SOURCEURL",
]
assert len(EVENT_COLUMNS) == 61

MENTION_COLUMNS: list[str] = [
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]
assert len(MENTION_COLUMNS) == 16

# detente's GKG-style per-article table (not GDELT's 27 GKG 2.1 fields: those we cannot fill are
# left out, and Quotations carry their speakers). Item and field delimiters: see export.py.
GKG_COLUMNS: list[str] = [
    "GKGRECORDID", "DATE", "SourceCommonName", "DocumentIdentifier", "Title", "Themes", "Locations",
    "V2Locations", "Persons", "Organizations", "Actors", "Quotations", "Events", "Tone",
]

# CAMEO type code for an IGO actor (CAMEO actor codebook, "IGO: inter-governmental organization").
IGO_TYPE = "IGO"
MENTION_TYPE_WEB = 1  # GDELT MentionType 1 = WEB
