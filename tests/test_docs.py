"""The documentation: the site builds with --strict and fetches nothing, the getting-started page's
commands run as written, the README stays short and its links lead somewhere, and the reference pages
name every command, field and table the code has."""
from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _section_tables(page: str) -> dict[str, str]:
    """The table rows of each '## ' section of a page, by heading."""
    out: dict[str, str] = {}
    for block in re.split(r"^## ", page, flags=re.M)[1:]:
        title, _, body = block.partition("\n")
        out[title.strip()] = "\n".join(line for line in body.splitlines() if line.startswith("|"))
    return out


# ------------------------------------------------------------------ the site


def test_site_builds_strict_and_fetches_nothing(tmp_path):
    for module in ("mkdocs", "material"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed (pip install -e '.[dev]' installs mkdocs and mkdocs-material)")
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's banner about MkDocs 2.0 (we pin 1.6)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                          str(ROOT / "mkdocs.yml"), "--site-dir", str(site)],
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr[-4000:]
    nav = re.findall(r":\s*([\w-]+)\.md\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), flags=re.M)
    assert len(nav) >= 15
    for name in nav:
        page = site / "index.html" if name == "index" else site / name / "index.html"
        assert page.exists(), f"{name}.md was not built"
    # the knowledge base's own documentation is included, not linked to a file outside docs/
    assert "countries.tsv" in (site / "knowledge-base" / "index.html").read_text(encoding="utf-8")
    assert "synsets" in (site / "patterns" / "index.html").read_text(encoding="utf-8")
    # nothing is fetched when a page is read: no Google fonts, no script or style sheet from elsewhere
    external = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)=\"(?:https?:)?//[^\"]*\"[^>]*>", re.I)
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, html
        assert not external.search(text), f"{html}: {external.search(text).group(0)}"


# ------------------------------------------------------------------ README


def test_readme_is_short_names_the_test_command_and_its_links_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 150
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = [line.strip() for line in ci.splitlines() if line.strip() and not line.startswith("#")][-1]
    assert test_command == "make test"
    assert "make test" in readme and "make demo" in readme
    links = re.findall(r"\]\(([^)\s]+)\)", readme)
    local = [link for link in links if not re.match(r"[a-z]+:", link)]
    assert sum(link.startswith("docs/") for link in local) >= 10
    for link in local:
        path, _, anchor = link.partition("#")
        target = ROOT / path
        assert target.exists(), f"README links to {path}, which does not exist"
        if anchor:
            headings = re.findall(r"^#+\s+(.+)$", target.read_text(encoding="utf-8"), flags=re.M)
            slugs = {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in headings}
            assert anchor in slugs, f"README links to {link}: no such heading"


# ------------------------------------------------------------------ getting started


def _console_commands(page: str) -> list[str]:
    commands = []
    for block in re.findall(r"^```console\n(.*?)^```", page, flags=re.M | re.S):
        commands += [line[2:] for line in block.splitlines() if line.startswith("$ ")]
    return commands


def test_getting_started_commands_run_as_written(tmp_path):
    """Every `$ ` line of the page's console blocks, in order, in one shell, from a working copy of
    the repository's root (Makefile, pyproject.toml, examples/). Its .venv is this test's own
    environment, marked installed, so `make demo` codes the examples without reinstalling; the code
    run is this tree's (PYTHONPATH)."""
    page = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    commands = _console_commands(page)
    assert commands[0] == "make demo" and len(commands) >= 10
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "detente").exists() or not (bin_dir / "activate").exists():
        pytest.skip(f"{sys.executable} is not in a virtual environment with detente installed")
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    work = tmp_path / "detente"
    work.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, work / name)  # keeps its time: older than the stamp below
    shutil.copytree(ROOT / "examples", work / "examples")
    (work / ".venv").mkdir()
    (work / ".venv" / "bin").symlink_to(bin_dir, target_is_directory=True)
    (work / ".venv" / ".detente-installed").touch()  # newer than pyproject.toml: make installs nothing

    script, rc_file = [], tmp_path / "rc"
    for i, command in enumerate(commands):
        script += [f"echo '@@@ {i}: {command[:60]}'", command, f"echo \"{i} $?\" >> '{rc_file}'"]
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "VENV", "DB", "VIRTUAL_ENV")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    run = subprocess.run(["bash", "-c", "\n".join(script)], cwd=work, env=env, capture_output=True,
                         text=True, timeout=900)
    log = run.stdout[-6000:] + run.stderr[-3000:]
    codes = dict(line.split() for line in rc_file.read_text().splitlines()) if rc_file.exists() else {}
    for i, command in enumerate(commands):
        assert codes.get(str(i)) == "0", f"`{command}` exited {codes.get(str(i))}\n{log}"
    assert "Traceback" not in run.stdout + run.stderr, log
    assert re.search(r"stored \d+, skipped", run.stdout + run.stderr), log  # make demo's ingest
    for made in ("coded", "coded.jsonl", "events.csv", "alignment.html", "detente.duckdb"):
        assert (work / made).exists(), f"{made} was not written\n{log}"

    # the page's Python blocks, run in the same place; a `# value` after print(...) is what it prints
    for block in re.findall(r"^```python\n(.*?)^```", page, flags=re.M | re.S):
        py = subprocess.run([str(bin_dir / "python"), "-c", block], cwd=work, env=env, capture_output=True,
                            text=True, timeout=300)
        assert py.returncode == 0, py.stderr[-3000:]
        for expected in re.findall(r"^print\(.*\)\s+#\s*(.+)$", block, flags=re.M):
            assert expected.strip() in py.stdout, (expected, py.stdout)


# ------------------------------------------------------------------ reference pages


def test_cli_page_names_every_command():
    import typer.main

    from detente.cli.app import app

    def paths(command, prefix=""):
        subcommands = getattr(command, "commands", None)
        if not subcommands:
            return [prefix.strip()]
        return [p for name, sub in subcommands.items() for p in paths(sub, f"{prefix} {name}")]

    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = paths(typer.main.get_command(app))
    assert len(commands) >= 14
    missing = [c for c in commands if f"detente {c}" not in page]
    assert not missing, f"docs/cli.md does not document: {missing}"


def test_output_format_page_documents_every_field():
    from detente import model

    page = (DOCS / "output-format.md").read_text(encoding="utf-8")
    tables = _section_tables(page)
    doc = model.CodedDocument(id="x", date=None, text="").to_dict()
    sections = {"The document": [*doc, "explanations", "stance_explanations", "text"],
                "Actors and organizations": model.Actor, "Persons": model.Person, "Quotes": model.Quote,
                "Events": model.Event, "Relations": model.Relation, "Conflicts": model.Conflict,
                "Stances": model.Stance}
    for title, fields in sections.items():
        names = fields if isinstance(fields, list) else [f.name for f in dataclasses.fields(fields)]
        undocumented = [n for n in names if f"`{n}`" not in tables.get(title, "")]
        assert not undocumented, f"docs/output-format.md, section '{title}', lacks the field(s) {undocumented}"
    # the example is a whole coded document
    example = re.search(r"```json\n(.*?)\n\s*```", page, flags=re.S).group(1)
    assert set(doc) <= set(json.loads(example))
    article = json.loads((DOCS / "example-article.json").read_text(encoding="utf-8"))
    assert article["id"] == json.loads(example)["id"] and article["text"].startswith("Minsk called")


def test_store_page_names_every_table():
    from detente.corpus.store.schema import TABLES

    rows = _section_tables((DOCS / "store.md").read_text(encoding="utf-8"))["Tables"]
    missing = [t for t in [*TABLES, "meta"] if f"| `{t}` |" not in rows]
    assert not missing, f"docs/store.md does not describe the table(s) {missing}"


def test_output_format_page_names_every_date_source():
    from detente.dates import DATE_SOURCES

    page = (DOCS / "output-format.md").read_text(encoding="utf-8")
    missing = [s for s in DATE_SOURCES if f"| `{s}` |" not in page]
    assert not missing, f"docs/output-format.md does not say where the date comes from for {missing}"


def test_exports_page_documents_the_gdelt_geography():
    """Each of the eight fields of a GDELT geography block (as the events file writes them) has its row,
    and the geo types the codebook defines are named."""
    from detente.corpus.gdelt import EVENT_COLUMNS

    rows = _section_tables((DOCS / "exports.md").read_text(encoding="utf-8"))["GDELT 2.0 events"]
    fields = {c.split("_", 1)[1] for c in EVENT_COLUMNS if c.startswith(("Actor1Geo_", "Actor2Geo_", "ActionGeo_"))}
    assert len(fields) == 8
    documented = {f for f in fields if re.search(rf"^\| [^|]*`{f}`", rows, flags=re.M)}
    assert documented == fields, f"docs/exports.md lacks a row for {sorted(fields - documented)}"
    for code, name in [("0", ""), ("1", "COUNTRY"), ("2", "USSTATE"), ("3", "USCITY"), ("4", "WORLDCITY"),
                       ("5", "WORLDSTATE")]:
        assert f"`{code}` {name}".strip() in rows, f"docs/exports.md does not name geo type {code}"


def test_robustness_page_lists_every_error_code():
    from detente.errors import Messages

    rows = _section_tables((DOCS / "robustness.md").read_text(encoding="utf-8"))["Error codes"]
    codes = [name for name in vars(Messages) if re.fullmatch(r"E\d{3}", name)]
    assert len(codes) >= 40
    missing = [c for c in codes if f"| `{c}` |" not in rows]
    assert not missing, f"docs/robustness.md, 'Error codes', lacks {missing}"


def test_how_it_works_page_lists_every_dependency():
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    rows = _section_tables((DOCS / "how-it-works.md").read_text(encoding="utf-8"))["What it is built on"]
    names = [re.match(r"[A-Za-z0-9_.\-]+(\[[^\]]*\])?", d).group(0) for d in project["dependencies"]]
    missing = [n for n in names if f"`{n}`" not in rows]
    assert not missing, f"docs/how-it-works.md, 'What it is built on', lacks {missing}"
