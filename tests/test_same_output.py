"""benchmarks/same_output.py: the comparison that shows a change left the output byte-identical."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "same_output", Path(__file__).resolve().parents[1] / "benchmarks" / "same_output.py")
same_output = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(same_output)


def _record(doc: dict, name: str = "a.txt") -> dict:
    return {"input": name, "mode": "plain", "doc": doc}


def test_first_difference_names_the_key_path():
    a = {"events": [{"cameo": "042", "source": "FRA"}, {"cameo": "036"}], "id": "x"}
    b = {"events": [{"cameo": "042", "source": "FRA"}, {"cameo": "037"}], "id": "x"}
    assert same_output.first_difference(a, a) is None
    assert same_output.first_difference(a, b) == "events[1].cameo"
    assert same_output.first_difference({"q": [1]}, {"q": [1, 2]}) == "q (length 1 vs 2)"
    assert same_output.first_difference({"q": 1}, {"r": 1}) == "q"
    assert same_output.first_difference({"n": 1}, {"n": 1.0}) == "n"  # 1 and 1.0 are written differently


def test_compare_counts_the_same_and_reports_the_first_difference():
    same, first = same_output.compare([_record({"x": 1}), _record({"y": [1]}, "b.json")],
                                      [_record({"x": 1}), _record({"y": [2]}, "b.json")])
    assert same == 1
    assert first.startswith("b.json [plain] differs at doc.y[0]: 1 -> 2")
    same, first = same_output.compare([_record({"x": 1})], [_record({"x": 1}), _record({"x": 2})])
    assert same == 1 and "only in after" in first


def test_dump_writes_one_sorted_line_per_document_and_mode(tmp_path):
    src = tmp_path / "mine.txt"
    src.write_text("Paris condemned the attack on the embassy in Kabul.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    same_output.dump([str(src)], str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["mode"] for line in lines] == ["plain", "explain"]
    record = json.loads(lines[0])
    assert lines[0] == json.dumps(record, ensure_ascii=False, sort_keys=True)
    assert same_output.compare([record], [json.loads(lines[0])]) == (1, None)
