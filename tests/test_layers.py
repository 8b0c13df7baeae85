"""The package's import graph: no cycle between modules, and no layer importing a higher one.

Read from the source with ``ast`` (nothing is imported or run), every import counts, those
inside functions too: a cycle or an upward import deferred to call time is still one.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "detente"

# The layers, lowest first: a module may import its own layer and the layers below it, never one
# above. The data flow reads bottom to top: an article is coded (coding) with the knowledge base
# (kb) into the model's objects; many of them are stored and exported (corpus), analysed
# (analysis), served over HTTP (serve) and driven from the command line (cli).
LAYERS = [
    ("errors", ["detente.errors"]),                     # numbered errors: imports nothing of detente
    ("kb", ["detente.kb"]),                             # the knowledge base: data files and one loader
    ("model", ["detente.model", "detente.dates"]),      # the coded document, and the dates it is made of
    ("coding", ["detente.coding"]),                     # one article: parse, stages, shared helpers, packs
    ("corpus", ["detente.corpus"]),                     # readers, store, ingest, queries, exports, Spark
    ("analysis", ["detente.analysis"]),                 # analyses over many documents, and their pictures
    ("serve", ["detente.serve"]),                       # the REST API and the dashboard
    ("cli", ["detente.cli", "detente.__main__"]),       # the command line
    ("public", ["detente", "detente.components"]),      # the public API: detente.code, Coder, the spaCy component
]
# Names the layers below may read from the package itself (its version string).
PACKAGE_NAMES = {"__version__"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _layer(module: str) -> int:
    """The index of the layer of ``module``: the longest prefix named in LAYERS."""
    best, best_len = None, -1
    for i, (_, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and len(p) > best_len:
                best, best_len = i, len(p)
    assert best is not None, f"{module} is in no layer: add it to LAYERS in {__file__}"
    return best


def _imports(module: str, path: Path) -> set[str]:
    """The detente modules that ``module`` imports (a name imported from a package counts as the
    package, unless it is a submodule)."""
    is_pkg = path.name == "__init__.py"
    package = module if is_pkg else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "detente")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source.split(".")[0] != "detente":
                continue
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                if sub in MODULES:
                    found.add(sub)
                elif not (source == "detente" and alias.name in PACKAGE_NAMES):
                    found.add(source)
    # A module's import of a module named with a longer path means that module (not a package
    # attribute); anything not in the package (a typo) shows up in the layer test.
    return {m if m in MODULES else m.rpartition(".")[0] for m in found} - {module}


GRAPH = {m: _imports(m, p) for m, p in MODULES.items()}


def test_every_module_has_a_layer():
    for module in MODULES:
        _layer(module)


def _upward(graph: dict[str, set[str]]) -> list[str]:
    return [f"{m} ({LAYERS[_layer(m)][0]}) imports {t} ({LAYERS[_layer(t)][0]})"
            for m, targets in sorted(graph.items()) for t in sorted(targets) if _layer(t) > _layer(m)]


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components: any component of more than one module is a cycle."""
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return cycles


def test_no_layer_imports_a_higher_one():
    upward = _upward(GRAPH)
    assert not upward, "\n".join(upward)


def test_no_import_cycle():
    cycles = _cycles(GRAPH)
    assert not cycles, "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_the_checks_find_what_they_look_for():
    """On a made-up graph: the command line's old circle (cli imports a command module that
    imports cli) and a coding stage reading the store."""
    graph = {"detente.cli.app": {"detente.cli.query"}, "detente.cli.query": {"detente.cli.app"},
             "detente.coding.events": {"detente.corpus.store", "detente.kb"}, "detente.corpus.store": set()}
    assert _cycles(graph) == [["detente.cli.app", "detente.cli.query"]]
    assert _upward(graph) == ["detente.coding.events (coding) imports detente.corpus.store (corpus)"]


def test_the_graph_reads_imports_as_python_does():
    """A relative import two levels up is the package's; a name imported from a package that is a
    submodule is that submodule."""
    assert "detente.corpus.store.schema" in GRAPH["detente.corpus.store"]
    assert "detente.errors" in GRAPH["detente.corpus.store"]
    assert "detente.corpus.query" in GRAPH["detente.serve.reads"]
    assert _layer("detente.corpus.store.schema") > _layer("detente.coding.pipeline") > _layer("detente.kb")


@pytest.mark.parametrize("package", ["coding", "corpus", "analysis", "serve", "cli"])
def test_each_part_says_what_it_takes_and_gives(package):
    doc = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8")))
    assert doc and "Takes" in doc and "gives" in doc, f"detente/{package}/__init__.py: say what it takes and gives"
