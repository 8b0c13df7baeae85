"""Folders give only article files; an empty one is a clear error; Parquet export needs a folder."""
from __future__ import annotations

from typer.testing import CliRunner

from detente.errors import DetenteError
from detente.corpus.readers import read_sources

TEXT = "Ghana condemned Togo over the border closure, the foreign ministry in Accra said."


def test_folder_takes_article_types_not_markdown_or_hidden(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Notes\n\n" + TEXT, encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(TEXT, encoding="utf-8")
    assert [a.id for a in read_sources([str(tmp_path)])] == ["a", "b"]
    # A Markdown file named on its own is still read as an article.
    assert [a.id for a in read_sources([str(tmp_path / "README.md")])] == ["README"]


def test_empty_folder_is_a_clear_error(tmp_path):
    (tmp_path / "notes.md").write_text(TEXT, encoding="utf-8")
    (err,) = read_sources([str(tmp_path)])
    assert isinstance(err, DetenteError) and err.code == "E047" and err.where == str(tmp_path)
    from detente.cli.app import app

    res = CliRunner().invoke(app, ["code", str(tmp_path)])
    assert res.exit_code == 1
    assert "holds no articles" in res.output and ".txt" in res.output and "Traceback" not in res.output


def test_parquet_export_needs_an_explicit_folder(tmp_path, monkeypatch):
    from detente.cli.app import app
    from detente.corpus.store import Store

    db = tmp_path / "news.duckdb"
    with Store(db):
        pass
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["export", "--format", "parquet", "--db", str(db)])
    assert res.exit_code == 1 and "--out" in res.output and "news-parquet" in res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.duckdb"]  # nothing written unasked
    res = CliRunner().invoke(app, ["export", "--format", "parquet", "--db", str(db), "--out", "tables"])
    assert res.exit_code == 0, res.output
    assert "to tables" in res.output and (tmp_path / "tables" / "documents.parquet").exists()
