"""The public API has docstrings (the project's style): in src/govgraph, every module-level function (``async`` too)
and class whose name does not start with ``_``, and every public method of a module-level class (a private class's
too)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "govgraph"
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def undocumented(source: str, name: str) -> list[str]:
    """The public items of one module's ``source`` without a docstring, each as ``name:line item``."""
    missing = []
    for node in ast.parse(source).body:
        if not isinstance(node, (*FUNCTIONS, ast.ClassDef)):
            continue
        if not node.name.startswith("_") and ast.get_docstring(node) is None:
            missing.append(f"{name}:{node.lineno} {node.name}")
        if isinstance(node, ast.ClassDef):
            missing += [f"{name}:{method.lineno} {node.name}.{method.name}" for method in node.body
                        if isinstance(method, FUNCTIONS) and not method.name.startswith("_")
                        and ast.get_docstring(method) is None]
    return missing


def test_every_public_item_has_a_docstring():
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 50, f"no sources found under {PACKAGE}"
    missing = [item for path in modules
               for item in undocumented(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent)))]
    assert not missing, "public items without a docstring:\n" + "\n".join(missing)


def test_the_rule_names_public_items_and_methods_of_private_classes():
    source = '''
def public(): pass
def _private(): pass
def documented():
    """Said."""
class _Hidden:
    def shown(self): pass
    def _kept(self): pass
class Open:
    """Said."""
    x = 1
    def method(self): pass
    def __init__(self): pass
    async def waited(self): pass
async def handler(request): pass
async def _helper(): pass
'''
    assert undocumented(source, "m.py") == ["m.py:2 public", "m.py:7 _Hidden.shown", "m.py:12 Open.method",
                                            "m.py:14 Open.waited", "m.py:15 handler"]
