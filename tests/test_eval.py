"""Accuracy against the shared gold (skipped when ../shared is absent)."""
import json


from conftest import EVAL, shared_or_skip


def test_seed_article_against_its_gold(coder, scorer):
    text = shared_or_skip(EVAL / "seed-karabakh-2016.txt").read_text(encoding="utf-8")
    gold = json.loads((EVAL / "gold" / "seed-karabakh-2016.json").read_text(encoding="utf-8"))
    pred = coder.code(text, id="seed-karabakh-2016").to_dict()
    s = scorer.score(gold, pred)
    assert s["actors"]["f1"] == 1.0
    assert s["persons"]["f1"] >= 0.9 and s["person_role_acc"] >= 0.8 and s["person_affiliation_acc"] >= 0.8
    assert s["quotes"]["f1"] >= 0.9 and s["quotes_attribution_acc"] == 1.0


def test_dev_set_thresholds(dev_set, dev_predictions, scorer):
    results = [scorer.score(gold, dev_predictions[gold["id"]]) for _, gold in dev_set]
    total = scorer.combine(results)
    assert total["actors"]["f1"] >= 0.90
    assert total["persons"]["f1"] >= 0.98 and total["persons"]["p"] >= 0.98
    assert total["person_role_acc"] >= 0.93 and total["person_affiliation_acc"] >= 0.90
    assert total["quotes"]["f1"] >= 0.95 and total["quotes_attribution_acc"] >= 0.97
    assert total["reported"]["f1"] >= 0.80


def test_seed_events_relations_stances(coder, scorer):
    text = shared_or_skip(EVAL / "seed-karabakh-2016.txt").read_text(encoding="utf-8")
    gold = json.loads((EVAL / "gold" / "seed-karabakh-2016.json").read_text(encoding="utf-8"))
    pred = coder.code(text, id="seed-karabakh-2016").to_dict()
    s = scorer.score(gold, pred)
    assert s["events"]["tp"] == len(gold["events"])  # all six gold events found
    assert s["stances"]["tp"] == len(gold["stances"]) and s["stances"]["pred"] == len(gold["stances"])
    assert s["relations"]["tp"] >= 7 and s["relations"]["pred"] - s["relations"]["tp"] <= 3


def test_dev_set_events_relations_stances(dev_set, dev_predictions, scorer):
    """The figures reached so far on the 36 dev articles (issue 11 raises them to its bars:
    events F1 0.60 with code accuracy 0.65, relations 0.60, stances 0.55)."""
    results = [scorer.score(gold, dev_predictions[gold["id"]]) for _, gold in dev_set]
    total = scorer.combine(results)
    assert total["events"]["f1"] >= 0.61 and total["event_code_acc"] >= 0.70
    assert total["relations"]["f1"] >= 0.75
    assert total["stances"]["f1"] >= 0.79


def test_russian_set_thresholds(coder, scorer):
    """The Russian pack's figures on the 17 articles of ../shared/eval/ru (issue 16's bars, raised
    to the figures reached: actors 0.99, persons 1.0, quotes 0.93 with attribution 0.96, events
    0.40, relations 0.54, stances 0.40)."""
    import pytest

    pytest.importorskip("natasha")
    from detente.corpus.readers import article_from_record

    folder = shared_or_skip(EVAL / "ru" / "articles")
    pairs = [(json.loads(f.read_text(encoding="utf-8")),
              json.loads((EVAL / "ru" / "gold" / f.name).read_text(encoding="utf-8")))
             for f in sorted(folder.glob("*.json")) if (EVAL / "ru" / "gold" / f.name).exists()]
    predictions = {d.id: d.to_dict() for d in coder.code_many([article_from_record(a, "ru") for a, _ in pairs])}
    total = scorer.combine([scorer.score(gold, predictions[gold["id"]]) for _, gold in pairs])
    assert len(pairs) >= 17
    assert total["actors"]["f1"] >= 0.99 and total["persons"]["f1"] >= 0.99
    assert total["person_affiliation_acc"] >= 0.85
    assert total["quotes"]["f1"] >= 0.93 and total["quotes_attribution_acc"] >= 0.96
    assert total["events"]["f1"] >= 0.40 and total["relations"]["f1"] >= 0.54 and total["stances"]["f1"] >= 0.40
