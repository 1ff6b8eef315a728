"""The compiled engine's shortcuts give the results of the plain constraint queries and of pySHACL: screening
every focus node once, then binding only the failing ones; class membership resolved once per run; queries on a
pool of threads."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.assembly.dataset import ontology_quads
from govgraph.rdf.convert import rdflib_graph
from govgraph.rdf.parse import parse_file
from govgraph.store.embedded import EmbeddedStore
from govgraph.validation import load_shapes, validate_graph
from govgraph.validation import parallel
from govgraph.validation.compiled import FOCUS, _results, compile_shapes, resolve, run_compiled

SHAPES = Path(__file__).parent.parent / "shapes"
GG = "https://w3id.org/govgraph/ontology#"


def keys(results):
    """Results as comparable tuples; numbers by value (pySHACL writes 0.0 where the store has 0)."""
    return {(r.focus, r.source_shape, r.constraint, r.severity.label, _number(r.value)) for r in results}


def _number(text):
    try:
        return str(Decimal(text).normalize())
    except (InvalidOperation, TypeError, ValueError):
        return text


@pytest.fixture(scope="module")
def constraints():
    return compile_shapes(load_shapes())


@pytest.fixture(scope="module")
def fixtures() -> list[ox.Quad]:
    """The ontology and every shape fixture, valid and invalid, each file in a named graph of its own."""
    quads = list(ontology_quads())
    for path in sorted(SHAPES.glob("**/*.ttl")):
        quads += parse_file(path, graph=ox.NamedNode(f"urn:fixture:{path.parent.name}/{path.name}"))
    return quads


def store_of(quads) -> EmbeddedStore:
    store = ox.Store()
    store.extend(quads)
    return EmbeddedStore(store)


class PathsOnly(dict):
    """A class hierarchy that resolves no class: every marker keeps the rdfs:subClassOf* path (see ``resolve``)."""

    def __missing__(self, key):
        return None


def direct(store: EmbeddedStore, constraints) -> list:
    """Every constraint's own query over all focus nodes, class membership as the rdfs:subClassOf* path."""
    results = []
    for constraint in constraints:
        table = store.select(resolve(constraint.query.replace(FOCUS, ""), PathsOnly()))
        results += _results(constraint, table, None)
    return results


def test_screening_finds_exactly_what_each_constraint_query_finds(fixtures, constraints):
    store = store_of(fixtures)
    screened = run_compiled(store, constraints)
    assert len(screened) > 50
    assert keys(screened) == keys(direct(store, constraints))


def test_the_compiled_engine_agrees_with_pyshacl(fixtures, constraints):
    shapes = load_shapes()
    plain = validate_graph(rdflib_graph(fixtures), shapes).results
    ours = run_compiled(store_of(fixtures), constraints)
    assert keys(plain) == keys(ours)


def test_a_blank_node_subclass_keeps_the_path(fixtures, constraints):
    """A class the query text cannot name (a blank node subclass of gg:Post) still makes its instances posts."""
    blank = ox.BlankNode()
    extra = [ox.Quad(blank, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf"), ox.NamedNode(GG + "Post")),
             ox.Quad(ox.NamedNode("urn:x:post"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                     blank)]
    store = store_of(fixtures + extra)
    screened = run_compiled(store, constraints)
    assert {r.source_shape for r in screened if r.focus == "urn:x:post"} >= {
        "https://w3id.org/govgraph/shapes#PostShape/http://www.w3.org/ns/org#postIn"}
    assert keys(screened) == keys(direct(store, constraints))


def test_one_thread_and_a_pool_give_the_same_results(fixtures, constraints, monkeypatch):
    store = store_of(fixtures)
    pooled = run_compiled(store, constraints)
    monkeypatch.setattr(parallel, "WORKERS", 1)
    assert keys(run_compiled(store, constraints)) == keys(pooled)


def test_bound_focus_nodes_judge_only_those(fixtures, constraints):
    store = store_of(fixtures)
    everything = run_compiled(store, constraints)
    some = {r.focus for r in everything[::3] if not r.focus.startswith("_:")}
    assert keys(run_compiled(store, constraints, focus=some)) == keys(r for r in everything if r.focus in some)
