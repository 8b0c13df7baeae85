"""The command line: tables for people, JSON for scripts, one-line errors, exit codes."""
import json
import subprocess
import sys

ENGLISH = "Minsk called on Baku and Yerevan to show restraint, the Belarusian Foreign Minister said."


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "detente", *args], capture_output=True, text=True, input=stdin,
                          timeout=300)


def test_code_json_and_out_dir(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ENGLISH, encoding="utf-8")
    res = run("code", str(src), "--format", "json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["id"] == "a" and {a["id"] for a in doc["actors"]} == {"BLR", "AZE", "ARM"}
    out = tmp_path / "out"
    res = run("code", str(src), "--out", str(out))
    assert res.returncode == 0 and (out / "a.json").exists()


def test_table_output_is_readable(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ENGLISH, encoding="utf-8")
    res = run("code", str(src))
    assert res.returncode == 0
    assert "Actors" in res.stdout and "BLR" in res.stdout


def test_bad_and_good_files_together(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    bad.write_bytes(b"\x00\x01\x02binary")
    res = run("code", str(bad), str(good), "--format", "json")
    assert res.returncode == 0
    assert "Traceback" not in res.stderr
    assert "bad.txt" in res.stderr and "binary" in res.stderr
    assert json.loads(res.stdout)["id"] == "good"


def test_nothing_codable_exits_non_zero(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    res = run("code", str(empty))
    assert res.returncode == 1
    assert "empty.txt" in res.stderr and "Traceback" not in res.stderr


def test_stdin():
    res = run("code", "-", "--format", "json", stdin=ENGLISH)
    assert res.returncode == 0 and json.loads(res.stdout)["actors"]
