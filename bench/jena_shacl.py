#!/usr/bin/env python3
"""Apache Jena's SHACL (Debian's libapache-jena-java 4.5.0) as a baseline, with results comparable to govgraph's.

Debian's package does not run as installed, for two reasons this module works around:

1. ``java -cp '/usr/share/java/*'`` puts every SLF4J binding Debian ships (slf4j-simple, -nop, -jdk14, -jcl,
   -log4j12, maven's provider) on one classpath. :func:`classpath` lists only the jars Jena's SHACL needs: the
   Jena modules, the dependencies the Debian package declares, and exactly one binding (slf4j-simple).
2. Debian moved Jena's bundled Xerces classes from ``org.apache.jena.ext.xerces`` to a top-level ``xerces``
   package but left their message bundles (``*.properties``) under ``org/apache/jena/ext/xerces/``.
   ``xerces.impl.xpath.regex.RegexParser`` then cannot load ``xerces.impl.xpath.regex.message``, every built-in
   XSD pattern facet fails, and Jena dies at start-up in ``XSDDatatype`` ("internal error"). No system property
   changes a resource bundle's name, so :func:`xerces_bundles` copies the bundles out of the installed
   ``jena-core.jar`` to the names the classes look for, in a cache folder put on the classpath.

Jena's report names a property shape by its blank node, which means nothing outside the run; govgraph names it
``<node shape IRI>/<path>`` (:mod:`govgraph.validation.shacl`). So the shapes are handed to Jena with each
property shape's blank node replaced by an IRI (``urn:govgraph:jena-shape:N``) that is mapped back to
govgraph's name when the report is read. Results are compared as (focus, path, source shape, severity).

Jena judges every node of the data graph; compare it with govgraph's shapes run over the whole dataset
(``govgraph validate`` without files, shapes only: govgraph's checks are no SHACL and Jena does not run them).

    python bench/jena_shacl.py [--data FILE | --build-dir DIR] [--shapes FILE ...] [--compare] [--runs N]

Requires Java and ``apt-get install libapache-jena-java`` (``make system-deps``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

# the Xerces bundles Debian left behind, copied where its classes look (shared with govgraph load --into jena-tdb2)
from govgraph.publishing.loaders.jena import xerces_bundles

sys.path.insert(0, str(Path(__file__).resolve().parent))
from processes import timed  # noqa: E402

JAVA_DIR = Path(os.environ.get("GOVGRAPH_JAVA_DIR", "/usr/share/java"))
MAIN_CLASS = "shacl.shacl_validate"  # jena-cmds: ``shacl validate`` (Jena 4.5 has no org.apache.jena.shacl main)
# The Jena modules SHACL validation uses, the dependencies libapache-jena-java declares, and ONE SLF4J binding.
JARS = (
    "jena-shacl", "jena-cmds", "jena-arq", "jena-core", "jena-base", "jena-iri",
    "commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io", "commons-lang3",
    "dexx.collection", "gson", "guava", "httpclient", "httpcore", "jackson-core", "jackson-databind",
    "jackson-annotations", "jsonld-java", "jakarta.json-api", "protobuf", "thrift", "titanium-json-ld",
    "slf4j-api", "slf4j-simple",
)
JVM_OPTIONS = ("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.logFile=System.err")

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SKOLEM = "urn:govgraph:jena-shape:"
_SEVERITY = {SH + "Violation": "violation", SH + "Warning": "warning", SH + "Info": "info"}


class JenaUnavailable(RuntimeError):
    """Java or Debian's libapache-jena-java is not installed."""


def classpath() -> str:
    """The classpath that runs Jena's SHACL from Debian's packages (see the module docstring)."""
    missing = [name for name in JARS if not (JAVA_DIR / f"{name}.jar").is_file()]
    if missing:
        raise JenaUnavailable(f"missing in {JAVA_DIR}: {', '.join(missing)} (apt-get install libapache-jena-java)")
    entries = [str(JAVA_DIR / f"{name}.jar") for name in JARS]
    bundles = xerces_bundles()
    if bundles is not None:
        entries.append(str(bundles))
    return os.pathsep.join(entries)


def command(shapes: Path, data: Path) -> list[str]:
    """The ``java`` command line validating ``data`` against ``shapes`` (one file each)."""
    return ["java", *JVM_OPTIONS, "-cp", classpath(), MAIN_CLASS, "--shapes", str(shapes), "--data", str(data)]


def _path_text(graph: ox.Store, path) -> str | None:
    """A path as govgraph's reports write it: the IRI, ``^IRI`` for an inverse path, else ``(complex path)``."""
    if path is None or isinstance(path, ox.NamedNode):
        return None if path is None else path.value
    inverse = _object(graph, path, SH + "inversePath")
    if isinstance(inverse, ox.NamedNode):
        return "^" + inverse.value
    return "(complex path)"


def _object(graph: ox.Store, subject, predicate: str):
    for quad in graph.quads_for_pattern(subject, ox.NamedNode(predicate), None):
        return quad.object
    return None


def skolemised_shapes(paths: list[Path], out: Path) -> dict[str, str]:
    """Write the shapes in ``paths`` as one N-Triples file with named property shapes; return IRI -> govgraph name.

    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "s.ttl").write_text('@prefix sh: <http://www.w3.org/ns/shacl#> . '
    ...     '<http://e/S> sh:property [ sh:path <http://e/p> ; sh:minCount 1 ] .')
    >>> skolemised_shapes([folder / "s.ttl"], folder / "s.nt")
    {'urn:govgraph:jena-shape:1': 'http://e/S/http://e/p'}
    """
    graph = ox.Store()
    for path in paths:
        graph.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    renamed: dict[ox.BlankNode, ox.NamedNode] = {}
    names: dict[str, str] = {}
    for quad in sorted(graph.quads_for_pattern(None, ox.NamedNode(SH + "property"), None), key=str):
        shape = quad.object
        if not isinstance(shape, ox.BlankNode) or shape in renamed:
            continue
        iri = ox.NamedNode(f"{SKOLEM}{len(renamed) + 1}")
        renamed[shape] = iri
        parent = quad.subject.value if isinstance(quad.subject, ox.NamedNode) else "_:" + quad.subject.value
        names[iri.value] = f"{parent}/{_path_text(graph, _object(graph, shape, SH + 'path')) or 'node'}"
    with out.open("wb") as stream:
        triples = (ox.Triple(renamed.get(q.subject, q.subject), q.predicate, renamed.get(q.object, q.object))
                   for q in graph)
        ox.serialize(triples, stream, ox.RdfFormat.N_TRIPLES)
    return names


def as_triples(data: Path, workdir: Path) -> Path:
    """``data`` as one graph Jena can read: a dataset (N-Quads, TriG) becomes the union of its graphs in N-Triples."""
    if data.suffix not in (".nq", ".trig"):
        return data
    store = ox.Store()
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS if data.suffix == ".nq" else ox.RdfFormat.TRIG)
    merged = workdir / (data.stem + ".nt")
    with merged.open("wb") as stream:
        ox.serialize((q.triple for q in store), stream, ox.RdfFormat.N_TRIPLES)
    return merged


def read_report(report: Path, names: dict[str, str]) -> set[tuple[str, str | None, str, str]]:
    """(focus, path, source shape, severity) of every result in Jena's Turtle report, named as govgraph names them.

    Blank-node focus nodes become ``_:`` (their labels differ between engines)."""
    graph = ox.Store()
    graph.bulk_load(path=str(report), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    found = set()
    for quad in graph.quads_for_pattern(None, RDF_TYPE, ox.NamedNode(SH + "ValidationResult")):
        result = quad.subject
        focus = _object(graph, result, SH + "focusNode")
        shape = _object(graph, result, SH + "sourceShape")
        shape_text = (names.get(shape.value, shape.value) if isinstance(shape, ox.NamedNode) else "_:")
        found.add((focus.value if isinstance(focus, ox.NamedNode) else "_:",
                   _path_text(graph, _object(graph, result, SH + "resultPath")),
                   shape_text, _SEVERITY.get(_object(graph, result, SH + "resultSeverity").value, "violation")))
    return found


def jena_validate(data_path: Path, shapes_paths: list[Path], *, workdir: Path | None = None,
                  stats: dict | None = None) -> tuple[float, set[tuple[str, str | None, str, str]]]:
    """Validate ``data_path`` against ``shapes_paths`` with Jena: (seconds, {(focus, path, shape, severity)}).

    The seconds are the wall time of the Java process (JVM start, parsing, validating, writing the report);
    preparing the input (shapes merged, a dataset merged to one graph) is not counted. ``stats`` (optional) is
    filled with ``max_rss_mb`` (peak memory of the Java process) and ``cpu_s``.
    """
    workdir = Path(workdir or tempfile.mkdtemp(prefix="govgraph-jena-"))
    shapes = workdir / "shapes.nt"
    names = skolemised_shapes([Path(p) for p in shapes_paths], shapes)
    data = as_triples(Path(data_path), workdir)
    report, errors = workdir / "report.ttl", workdir / "jena.err"
    with report.open("wb") as out, errors.open("wb") as err:
        run = timed(command(shapes, data), ok=None, peak_memory=True, stdout=out, stderr=err)
    if run.status != 0:
        raise RuntimeError(f"Jena SHACL failed ({run.status}): "
                           + errors.read_text(encoding="utf-8", errors="replace")[-2000:])
    if stats is not None:
        stats.update(max_rss_mb=run.peak_mb, cpu_s=run.cpu)
    return run.wall, read_report(report, names)


def govgraph_shapes(data_path: Path, shapes_paths: list[Path]) -> tuple[float, set[tuple[str, str | None, str, str]]]:
    """govgraph's compiled shapes (no checks) over the whole of ``data_path``, in this process, keyed like Jena's.

    The seconds cover loading the data into a store, compiling the shapes and running them."""
    from govgraph.store.embedded import EmbeddedStore
    from govgraph.validation.compiled import compile_shapes, run_compiled
    from govgraph.validation.shacl import load_shapes

    formats = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG, ".nt": ox.RdfFormat.N_TRIPLES,
               ".ttl": ox.RdfFormat.TURTLE}
    started = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(data_path), format=formats[Path(data_path).suffix])
    results = run_compiled(EmbeddedStore(store), compile_shapes(load_shapes([Path(p) for p in shapes_paths])))
    seconds = time.perf_counter() - started
    return seconds, {(r.focus if not r.focus.startswith("_:") else "_:", r.path, r.source_shape, r.severity.label)
                     for r in results}


def _rule(key: tuple) -> str:
    return key[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, default=Path(os.environ.get("GOVGRAPH_BUILD_DIR", "build")))
    parser.add_argument("--data", type=Path, help="data file (default: BUILD_DIR/govgraph.nt, the merged graph)")
    parser.add_argument("--shapes", type=Path, nargs="*", help="shapes files (default: shapes/*.ttl)")
    parser.add_argument("--compare", action="store_true", help="also run govgraph's shapes and compare")
    parser.add_argument("--runs", type=int, default=1, help="alternating runs of each engine; medians printed")
    parser.add_argument("--show", type=int, default=10, help="results to list per difference")
    args = parser.parse_args()
    data = args.data or args.build_dir / "govgraph.nt"
    if args.shapes:
        shapes = args.shapes
    else:
        from govgraph import resources
        shapes = resources.turtle_files(resources.shapes_dir())
    if not data.is_file():
        print(f"{data} is missing: run 'govgraph build' first or give --data", file=sys.stderr)
        return 2
    try:
        classpath()
    except JenaUnavailable as error:
        print(f"Jena SHACL unavailable: {error}", file=sys.stderr)
        return 2
    jena_times, ours_times, stats = [], [], {}
    jena = ours = set()
    for _ in range(args.runs):
        seconds, jena = jena_validate(data, shapes, stats=stats)
        jena_times.append(seconds)
        if args.compare:
            seconds, ours = govgraph_shapes(data, shapes)
            ours_times.append(seconds)
    print(f"data {data}, {len(shapes)} shapes files")
    print(f"  Jena SHACL 4.5 (java process)   {statistics.median(jena_times):7.2f} s  {len(jena):6,} results  "
          f"(peak {stats.get('max_rss_mb', 0):,.0f} MB, {stats.get('cpu_s', 0):.1f} s CPU)")
    for severity in ("violation", "warning", "info"):
        print(f"    {severity:10} {sum(1 for k in jena if k[3] == severity):6,}")
    if not args.compare:
        return 0
    print(f"  govgraph shapes (in process)    {statistics.median(ours_times):7.2f} s  {len(ours):6,} results")
    if jena == ours:
        print(f"  results identical ({len(jena):,}); govgraph/Jena time "
              f"{statistics.median(ours_times) / statistics.median(jena_times):.2f}x")
        return 0
    for title, keys in (("only Jena", jena - ours), ("only govgraph", ours - jena)):
        rules: dict[str, int] = {}
        for key in keys:
            rules[_rule(key)] = rules.get(_rule(key), 0) + 1
        print(f"  {title}: {len(keys):,} results")
        for rule, count in sorted(rules.items()):
            print(f"    {count:6,}  {rule}")
        for key in sorted(keys, key=str)[:args.show]:
            print(f"      {key}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
