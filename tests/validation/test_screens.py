"""Screens (govgraph.validation.screens): a loaded file's bytes may show that a check of statements has no row about
it, and the check then skips the file's graph. A screen must never hide a row: every file here gives the report it
gives with the screens turned off, and the literals a screen calls surely valid are valid to the store's own check."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.cli.main import main
from govgraph.errors import InputError
from govgraph.namespaces import ONTOLOGY_GRAPH
from govgraph.store.embedded import EmbeddedStore
from govgraph.assembly.dataset import ontology_quads
from govgraph.validation import compiled, context, inputs, scope, screens, validate_files
from govgraph.validation.checks import load_checks, run_checks
from govgraph.validation.locations import scan_iri_heads

# the results are built beside main(), whose import hook quiets rdflib: its warning on "yes"^^xsd:boolean is noise
pytestmark = pytest.mark.filterwarnings("ignore:Parsing weird boolean")

REPO = Path(__file__).resolve().parent.parent.parent
GG = "https://w3id.org/govgraph/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
GRAPH = "<http://example.org/SYNTHETIC/own>"
TASK = "<https://w3id.org/govgraph/id/assignment/synthetic/t{}>"
# twenty SYNTHETIC tasks with a due date, enough to be judged unbound below; each case adds lines to them
TASKS = [f"{TASK.format(n)} <{GG}dueDate> \"2026-01-{n + 1:02}\"^^<{XSD}date> {GRAPH} .\n" for n in range(20)]


def unbound(monkeypatch) -> list[set[str]]:
    """Judged unbound (every scope too large to bind); returns the list the screens the file passed go into."""
    monkeypatch.setattr(compiled, "VALUES_LIMIT", 1)
    monkeypatch.setattr(scope, "VALUES_LIMIT", 1)
    found: list[set[str]] = []
    monkeypatch.setattr(inputs, "passed", lambda *args: found.append(screens.passed(*args)) or found[-1])
    return found


def report(path: Path, monkeypatch, *, screened: bool) -> tuple[list[tuple], set[str]]:
    """The results of ``path`` against the ontology, judged unbound, with or without the screens, and the screens
    it passed."""
    found = unbound(monkeypatch)
    if not screened:
        monkeypatch.setattr(inputs, "passed", lambda *args: found.append(set()) or set())
    context = ox.Store()
    context.extend(ontology_quads())
    results = validate_files([path], context=context).results
    assert len(found) == 1, "the file was not loaded"
    return [(r.source_shape, r.focus, r.path, r.value, r.location, r.cause) for r in results], found[0]


def rows_of(results: list[tuple], check: str) -> list[str]:
    return sorted(r[1] for r in results if r[0].endswith("#" + check))


def test_a_clean_register_passes_both_screens_and_its_checks_skip_its_graph(capsys, build_dir, tmp_path,
                                                                          monkeypatch):
    quads = ox.parse((REPO / "examples" / "validate-task-register-SYNTHETIC.ttl").read_bytes(),
                     format=ox.RdfFormat.TURTLE)
    path = tmp_path / "register.nq"
    path.write_bytes(b"# SYNTHETIC\n" + ox.serialize(
        (ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(GRAPH[1:-1])) for q in quads),
        format=ox.RdfFormat.N_QUADS))
    views = []
    within = EmbeddedStore.within
    monkeypatch.setattr(EmbeddedStore, "within", lambda self, graphs: views.append(graphs) or within(self, graphs))
    found = unbound(monkeypatch)
    monkeypatch.setattr(context, "LARGE_INPUT", 0)
    reports = []
    for screened in (True, False):
        if not screened:
            monkeypatch.setattr(inputs, "passed", lambda *args: found.append(set()) or set())
        assert main(["validate", "--build-dir", str(build_dir), "--format", "json", str(path)]) == 1
        reports.append(json.loads(capsys.readouterr().out))
    assert found == [{"declared-terms", "valid-literals"}, set()] and len(views) == 2  # both from the second run
    assert reports[0]["results"] and reports[0] == reports[1]


UNDECLARED = [  # (name, lines before the tasks, lines after them); each gives unknown-term a row
    ("first-line", f"{TASK.format(90)} <{GG}notATerm> \"1\" {GRAPH} .\n", ""),
    ("class-as-predicate", "", f"{TASK.format(90)} <{GG}TaskAssignment> \"1\" {GRAPH} .\n"),
    ("undeclared-class", "", f"{TASK.format(90)} <{TYPE}> <{GG}NotAClass> {GRAPH} .\n"),
    ("property-as-class", "", f"{TASK.format(90)} <{TYPE}> <{GG}dueDate> {GRAPH} .\n"),
    ("no-spaces", "", f"{TASK.format(90)}<{GG}notATerm>\"1\"{GRAPH}.\n"),
    ("tabs", "", f"\t{TASK.format(90)}\t<{GG}notATerm>\t\"1\"\t{GRAPH}\t.\n"),
    ("crlf", "", f"{TASK.format(90)} <{GG}notATerm> \"1\" {GRAPH} .\r\n"),
]
ILL_TYPED = [  # (name, literal); each gives ill-typed-literal a row
    ("no-such-day", f"\"2025-02-30\"^^<{XSD}date>"),
    ("a-space", f"\" 1\"^^<{XSD}integer>"),
    ("an-escape", f"\"1\\\\\"^^<{XSD}integer>"),
    ("a-word", f"\"next week\"^^<{XSD}date>"),
    ("an-exponent", f"\"1e5\"^^<{XSD}decimal>"),
    ("a-late-hour", f"\"2025-07-01T24:30:00\"^^<{XSD}dateTime>"),
    ("not-a-boolean", f"\"yes\"^^<{XSD}boolean>"),
    ("a-date-after-an-escaped-quote", f"\"x\\\"2025-07-01\"^^<{XSD}date>"),
    ("a-number-after-an-escaped-quote", f"\"\\\"1\"^^<{XSD}integer>"),
    ("a-space-before-the-carets", f"\"next week\" ^^<{XSD}date>"),
    ("a-space-after-the-carets", f"\"next week\"^^ <{XSD}date>"),
    ("tabs-around-the-carets", f"\"yes\"\t^^\t<{XSD}boolean>"),
]


@pytest.mark.parametrize("name,before,after", UNDECLARED, ids=[case[0] for case in UNDECLARED])
def test_an_undeclared_term_anywhere_fails_the_screen(tmp_path, monkeypatch, name, before, after):
    path = tmp_path / f"{name}.nq"
    path.write_bytes((before + "".join(TASKS) + after).encode())
    with_screens, passed = report(path, monkeypatch, screened=True)
    assert passed == {"valid-literals"}
    assert rows_of(with_screens, "unknown-term") == [TASK.format(90)[1:-1]]
    assert with_screens == report(path, monkeypatch, screened=False)[0]


@pytest.mark.parametrize("name,literal", ILL_TYPED, ids=[case[0] for case in ILL_TYPED])
def test_a_literal_not_surely_valid_fails_the_screen(tmp_path, monkeypatch, name, literal):
    path = tmp_path / f"{name}.nq"
    path.write_bytes(("".join(TASKS) + f"{TASK.format(90)} <{GG}issuedOn> {literal} {GRAPH} .\n").encode())
    with_screens, passed = report(path, monkeypatch, screened=True)
    assert passed == {"declared-terms"}
    assert rows_of(with_screens, "ill-typed-literal") == [TASK.format(90)[1:-1]]
    assert with_screens == report(path, monkeypatch, screened=False)[0]


def forms() -> list[tuple[str, str]]:
    """Lexical forms around every edge of :func:`screens.surely_valid`, for each datatype."""
    days = [f"{y}-{m}-{d}" for y in ("0000", "0001", "1970", "2024", "2025", "9999") for m in ("00", "01", "02", "12",
            "13") for d in ("00", "01", "28", "29", "30", "31", "32")]
    zones = ("", "Z", "+00:00", "+13:59", "-13:59", "+14:00", "-14:00", "+14:01", "+15:00", "+99:00", "+07:60", "+7:00")
    times = ("00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "12:00:00.5", "12:00:00.123456789",
             "12:00:00.1234567890", "1:00:00")
    found = [(day + zone, "date") for day in days for zone in zones]
    found += [(f"{day}T{time}{zone}", "dateTime") for day in days[::3] for time in times for zone in zones[::2]]
    found += [(text, "integer") for text in ("0", "-0", "+0", "1", "+5", "-5", "01", "9" * 18, "-" + "9" * 18,
                                             "9" * 19, "1" * 20, "1.0", "", "1_000")]
    found += [(text, "decimal") for text in ("0", "1.5", "-1.5", "+1.5", "1.", ".5", "9" * 18 + "." + "9" * 18,
                                             "9" * 19, "1e5", "0.000000000000000001", "-0.0")]
    found += [(text, "boolean") for text in ("true", "false", "1", "0", "TRUE", "yes", "")]
    return found


def test_what_the_screen_calls_surely_valid_is_valid_to_the_check():
    """Every literal :func:`screens.surely_valid` accepts gives the store's ``ill-typed-literal`` no row (hundreds
    of forms at the edges of each datatype); the check itself finds the ill-typed ones among the rest."""
    store = ox.Store()
    cases = forms()
    for index, (text, datatype) in enumerate(cases):
        store.add(ox.Quad(ox.NamedNode(f"http://example.org/SYNTHETIC/{index}"), ox.NamedNode(GG + "value"),
                          ox.Literal(text, datatype=ox.NamedNode(XSD + datatype))))
    check = [c for c in load_checks() if c.name == "ill-typed-literal"]
    ill_typed = {int(r.focus.rsplit("/", 1)[1]) for r in run_checks(EmbeddedStore(store), check)}
    accepted = [index for index, (text, datatype) in enumerate(cases) if screens.surely_valid(text, datatype)]
    assert len(accepted) > 300 and ill_typed
    assert [cases[index] for index in accepted if index in ill_typed] == []


def test_a_screen_is_named_only_on_a_check_of_statements(tmp_path):
    folder = tmp_path / "checks"
    folder.mkdir()
    head = "#+ message: m\n"
    (folder / "x.rq").write_text(head + "#+ judges: statements\n#+ screen: no-such\nSELECT ?focus {}\n")
    with pytest.raises(InputError, match="unknown '#\\+ screen: no-such'"):
        load_checks(folder)
    (folder / "x.rq").write_text(head + "#+ screen: declared-terms\nSELECT ?focus {}\n")
    with pytest.raises(InputError, match="needs '#\\+ judges: statements'"):
        load_checks(folder)
    assert {c.name: c.screen for c in load_checks() if c.screen} == {"unknown-term": "declared-terms",
                                                                       "ill-typed-literal": "valid-literals"}


def test_the_screens_read_what_their_checks_read():
    """A screen repeats what its check's query accepts: the datatypes ``ill-typed-literal`` parses and the
    declarations ``unknown-term`` takes for a property or a class. A query changed alone fails here."""
    checks = {check.name: check.text for check in load_checks()}
    parsed = re.search(r"\?datatype IN \(([^)]*)\)", checks["ill-typed-literal"])[1]
    assert [name.strip().removeprefix("xsd:") for name in parsed.split(",")] == list(screens.DATATYPES)
    kinds = re.search(r"\?kind IN \(([^)]*)\)", checks["unknown-term"])[1]
    assert [name.strip().removeprefix("owl:") for name in kinds.split(",")] == list(screens.PROPERTY_KINDS)
    assert f"?value a owl:{screens.CLASS_KIND} }}" in checks["unknown-term"]


def test_no_screen_passes_a_random_file_its_check_finds_a_row_in():
    """Seeded random N-Quads files, written every way the parser takes them (spaces or tabs or nothing between
    terms, around ``^^``; CRLF; comments; escaped quotes; declared, undeclared and misplaced gg: terms; valid and
    ill-typed literals): whenever a screen passes a file the store loads, its check finds no row there."""
    import random

    rng = random.Random(12)
    graph = "http://example.org/SYNTHETIC/g"
    gaps = ("", " ", "\t", "  ", " \t")
    predicates = (f"<{GG}dueDate>", f"<{GG}issuedOn>", f"<{GG}notATerm>", f"<{GG}TaskAssignment>",
                  "<http://example.org/SYNTHETIC/p>", f"<{TYPE}>")
    objects = (f"<{GG}TaskAssignment>", f"<{GG}dueDate>", f"<{GG}NotAClass>", "<http://example.org/SYNTHETIC/o>")
    texts = ("1", "x", "2025-07-01", "2025-02-30", " 1", "true", "yes", '\\"1', 'a\\"2025-07-01', "\\\\", "1.5",
             "", "+5", "2025-07-01T08:00:00Z", "1e5")

    def term() -> str:
        if rng.random() < 0.4:
            return rng.choice(objects)
        text = f'"{rng.choice(texts)}"'
        if rng.random() < 0.8:
            around = ("", "", "", " ", "\t")  # mostly none: an escaped quote is then read as one literal's start
            return (f"{text}{rng.choice(around)}^^{rng.choice(around)}"
                    f"<{XSD}{rng.choice(screens.DATATYPES + ('string',))}>")
        return text + "@vi"

    def line() -> str:
        if rng.random() < 0.1:
            return rng.choice(("", "# a comment", f"# <{TASK.format(1)}> <{GG}notATerm> \"1\"^^<{XSD}integer>"))
        gap = lambda: rng.choice(gaps)  # noqa: E731
        return (f"{gap()}{TASK.format(rng.randrange(4))}{gap()}{rng.choice(predicates)}{gap()}{term()}{gap()}"
                f"<{graph}>{gap()}.{gap()}")

    checks = {check.name: check for check in load_checks()}
    ontology = list(ontology_quads())
    passes = loaded = 0
    for _ in range(1500):
        data = (rng.choice(("\n", "\r\n")).join(line() for _ in range(rng.randint(1, 4))) + "\n").encode()
        if not inputs._loadable(Path("random.nq"), data):
            continue
        store = ox.Store()
        store.extend(ontology)
        try:
            store.load(data, format=ox.RdfFormat.N_QUADS)
        except SyntaxError:
            continue
        loaded += 1
        for check in (checks["unknown-term"], checks["ill-typed-literal"]):
            if screens.SCREENS[check.screen](data, scan_iri_heads(data).statements.predicates(), store):
                passes += 1
                view = EmbeddedStore(store).within([ox.NamedNode(graph), ox.NamedNode(ONTOLOGY_GRAPH)])
                rows = [row for row in view.select(check.text).as_dicts()
                        if "assignment/synthetic" in str(row["focus"])]
                assert rows == [], (check.name, data)
    assert loaded > 500 and passes > 500
