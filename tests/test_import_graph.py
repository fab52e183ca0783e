"""The code's imports, read with the standard library's ``ast``: no module imports itself
back through others (no import circle), whether the import sits at the top of a module or
inside a function."""
from __future__ import annotations

import ast
from pathlib import Path

import settings

ROOT = settings.REPO_ROOT
SKIP = {"tests", "bench", ".venv", "node_modules", "build", "local_data", ".git"}


def _modules() -> dict[str, Path]:
    """Dotted name → file for the repository's own packages and top-level modules."""
    out = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if SKIP & set(rel.parts):
            continue
        if len(rel.parts) > 1 and not (ROOT / rel.parts[0] / "__init__.py").exists():
            continue
        name = ".".join(rel.with_suffix("").parts)
        out[name.removesuffix(".__init__")] = path
    return out


def _imported(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The repository modules ``name`` imports (anywhere in its file)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imported(name, path, modules) for name, path in modules.items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iterative)."""
    index, low, on, stack, out, counter = {}, {}, set(), [], [], [0]
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        m = stack.pop()
                        on.discard(m)
                        group.append(m)
                        if m == node:
                            break
                    if len(group) > 1:
                        out.append(sorted(group))
            elif nxt not in index:
                index[nxt] = low[nxt] = counter[0]
                counter[0] += 1
                stack.append(nxt)
                on.add(nxt)
                work.append((nxt, iter(sorted(edges.get(nxt, ())))))
            elif nxt in on:
                low[node] = min(low[node], index[nxt])
    return out


def test_the_graph_reader_sees_a_circle():
    """The checker itself: a made-up circle is found, a chain is not."""
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    edges = graph()
    assert "incidents.store" in edges["incidents.wiring"]  # a real edge is read


def test_no_import_circles():
    found = circles(graph())
    assert found == [], "modules importing each other (directly or through others): " + \
        "; ".join(" ↔ ".join(c) for c in found)


def test_print_maps_do_not_import_the_web_map():
    """``maps.print`` (matplotlib products) never imports ``maps.web`` (folium); the web side may
    read a print scene (``maps.web.html_export`` draws one as HTML), never the other way round,
    and the shared symbology (``maps.legend``) imports neither."""
    edges = graph()
    assert any(name.startswith("maps.print.") for name in edges)  # the package is read
    upward = sorted(f"{a} → {b}" for a, targets in edges.items() for b in targets
                    if (a.startswith("maps.print") and b.startswith("maps.web"))
                    or (a == "maps.legend" and b.startswith(("maps.web", "maps.print"))))
    assert upward == []


# the command line: wiring at the top of its package, it may render in the user's language
ENTRY_POINTS = frozenset({"incidents.cli"})


def downward_breaks(edges: dict[str, set[str]]) -> list[str]:
    """Imports against the layers that are already clean (not even inside a function):
    ``i18n`` renders keyed messages and values handed to it, and knows nothing of
    ``analysis``; the data below it (``geo``, ``incidents`` but its command line) emit keyed
    messages and data and never render them (``i18n`` reads ``incidents.messages``)."""
    def upward(a: str, b: str) -> bool:
        low, high = a.split(".")[0], b.split(".")[0]
        return (low == "i18n" and high == "analysis") or (
            low in ("geo", "incidents") and high == "i18n" and a not in ENTRY_POINTS)
    return sorted(f"{a} → {b}" for a, targets in edges.items() for b in targets
                  if upward(a, b))


def test_the_layer_check_sees_an_upward_import():
    assert downward_breaks({"i18n.display_tables": {"analysis.demo_registry", "i18n"},
                            "analysis.why": {"i18n"}, "incidents.report": {"i18n.report_text"},
                            "incidents.cli": {"i18n.report_text"}}) == \
        ["i18n.display_tables → analysis.demo_registry", "incidents.report → i18n.report_text"]


def test_the_clean_layers_import_only_downward():
    edges = graph()
    assert any(name.startswith("i18n.") for name in edges)  # the package is read
    assert downward_breaks(edges) == []
