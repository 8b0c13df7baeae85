"""The fuzz suite's quick profile (part of `make test`): generated documents of every kind
(tests/fuzzing.py) go through the Python API without an exception, each within 5 s, and every
fact's text is the article's text at its span. The long profile is `make fuzz`
(benchmarks/fuzz.py, 10,000 documents)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

import fuzzing

QUICK_EXAMPLES = 150  # about 10 s; derandomized, so `make test` checks the same documents every run


@settings(max_examples=QUICK_EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(doc=fuzzing.documents())
def test_generated_documents_code_cleanly(coder, doc):
    outcome = fuzzing.run_one(coder, doc)
    assert not outcome.failed, outcome.report(doc)


def test_generators_cover_every_kind():
    """The strategies draw what they claim: lone surrogates, quotation marks, many newlines, HTML."""
    from hypothesis import Phase

    seen = {"surrogate": 0, "quote": 0, "newlines": 0, "html": 0, "according": 0}

    @settings(max_examples=300, database=None, derandomize=True, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(text=fuzzing.texts())
    def draw(text):
        seen["surrogate"] += any(0xD800 <= ord(c) <= 0xDFFF for c in text)
        seen["quote"] += any(c in text for c in "«»„“”‹›「")
        seen["newlines"] += text.count("\n") >= 1000
        seen["html"] += "<" in text and ">" in text
        seen["according"] += "According to" in text

    draw()
    assert all(seen.values()), seen
