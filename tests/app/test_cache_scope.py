"""Caches shared by every session never hand one role's results to another: a cached
function of ``ui/`` that reads anything depending on the session's principal (directly or
through other ``ui`` functions) takes the role's ``scope`` as a parameter, so it is part of
the cache key. Read with the standard library's ``ast``, by function name."""
from __future__ import annotations

import ast

import settings

UI = settings.REPO_ROOT / "ui"
ROLE_DEPENDENT = {"scope", "principal"}  # ui.resources / ui.identity: who is acting
# cached, reach a role-dependent function, and return the same for every role (none now:
# whether a demo store gets its illustrative entries is decided on all its records)
SAME_FOR_EVERY_ROLE: set[str] = set()


def _functions() -> dict[str, list[tuple[set[str], set[str], bool, str]]]:
    """Name → (names it calls, its parameters, whether it is cached, where) per definition."""
    out: dict[str, list] = {}
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            calls = {c.func.attr if isinstance(c.func, ast.Attribute) else
                     getattr(c.func, "id", None)
                     for c in ast.walk(node) if isinstance(c, ast.Call)}
            cached = any(("cache_data" in ast.unparse(d) or "cache_resource" in ast.unparse(d))
                         for d in node.decorator_list)
            params = {a.arg for a in node.args.args + node.args.kwonlyargs}
            out.setdefault(node.name, []).append(
                (calls, params, cached, f"{path.relative_to(settings.REPO_ROOT)}:{node.lineno}"))
    return out


def unscoped_caches(functions) -> list[str]:
    """Cached functions that reach a role-dependent function without a ``scope`` parameter
    (a cached function's own use is keyed by its parameters, so it does not propagate)."""
    dependent = set(ROLE_DEPENDENT)
    grew = True
    while grew:
        grew = False
        for name, defs in functions.items():
            if name not in dependent and any(calls & dependent and not cached
                                             for calls, _, cached, _ in defs):
                dependent.add(name)
                grew = True
    return sorted(f"{where} {name}" for name, defs in functions.items()
                  for calls, params, cached, where in defs
                  if cached and calls & dependent and "scope" not in params
                  and name not in SAME_FOR_EVERY_ROLE)


def test_the_check_sees_an_unscoped_cache():
    made_up = {"incidents": [({"scope", "load"}, set(), False, "a.py:1")],
               "_evaluations": [({"incidents"}, {"params"}, True, "b.py:2")],
               "_hotspots": [({"incidents"}, {"params", "scope"}, True, "b.py:9")]}
    assert unscoped_caches(made_up) == ["b.py:2 _evaluations"]


def test_every_cache_that_reads_role_dependent_data_is_keyed_by_the_role():
    functions = _functions()
    assert "_live_incidents" in functions  # the package is read
    assert unscoped_caches(functions) == []
