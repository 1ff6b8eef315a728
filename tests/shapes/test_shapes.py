"""Every shape fixture, validated with the ontology and the shared context: valid files conform, invalid
files fail with exactly the (focus node, source shape, constraint component, severity) results they declare
in their ``# expect:`` lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.assembly.dataset import ontology_quads
from govgraph.rdf.parse import parse_file
from govgraph.validation import load_checks, load_shapes, validate_quads
from govgraph.validation.formats.text import short_name as _short

HERE = Path(__file__).parent
FIXTURES = sorted(HERE.glob("*/*.ttl"))


@pytest.fixture(scope="module")
def shapes():
    return load_shapes()


@pytest.fixture(scope="module")
def checks():
    return load_checks()


@pytest.fixture(scope="module")
def background():
    return ontology_quads() + parse_file(HERE / "context.ttl")


def expectations(path: Path) -> set[tuple[str, str, str, str]]:
    expected = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect:"):
            words = line.split(":", 1)[1].split()
            severity = words[3] if len(words) > 3 else "violation"
            expected.add((words[0], words[1], words[2], severity))
    return expected


def test_every_shape_file_has_fixtures():
    for name in {p.stem for p in (HERE.parent.parent / "shapes").glob("*.ttl")}:
        kinds = {p.name.split("-")[0] for p in (HERE / name).glob("*.ttl")}
        assert kinds == {"valid", "invalid"}, f"shapes/{name}.ttl needs valid-*.ttl and invalid-*.ttl fixtures"


def test_every_check_is_caught_by_an_invalid_fixture():
    """Every fixture runs every check, so valid fixtures show each check passes; this asks that each check also
    fails somewhere, with the focus nodes an invalid fixture declares."""
    expected = {e[1] for path in FIXTURES if path.name.startswith("invalid") for e in expectations(path)}
    checks = {f"check:{p.stem}" for p in (HERE.parent.parent / "queries" / "checks").glob("*.rq")}
    assert checks - expected == set()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(fixture, shapes, checks, background):
    report = validate_quads(background + parse_file(fixture), shapes=shapes, checks=checks)
    found = {(_short(r.focus), _short(r.source_shape), _short(r.constraint), r.severity.label)
             for r in report.results}
    if fixture.name.startswith("valid"):
        assert found == set()
    else:
        expected = expectations(fixture)
        assert expected, f"{fixture} declares no '# expect:' lines"
        assert found == expected
