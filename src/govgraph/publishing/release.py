"""``govgraph release``: a versioned release of the built graph, checked, then written whole or not at all.

A release folder ``OUT/govgraph-VERSION/`` holds:

- ``govgraph-VERSION.{trig,nq,ttl,nt,jsonld}.gz``: the dataset (:mod:`~govgraph.publishing.distributions`);
- ``context.jsonld``: the JSON-LD context for govgraph's prefixes;
- ``ontology/govgraph.{ttl,rdf,jsonld}`` and ``ontology/index.html`` (:mod:`~govgraph.publishing.ontology_docs`);
- ``catalog.ttl``: DCAT-AP and VoID (:mod:`~govgraph.publishing.description`);
- ``CHANGELOG.txt`` and ``changelog.ttl`` (:mod:`~govgraph.publishing.changelog`);
- ``SHA256SUMS``: every other file's SHA-256, as ``sha256sum -c`` reads it.

Nothing is written unless the ontology is consistent under HermiT and the graph validates. The files are
written into a temporary folder next to the target, which is renamed into place at the end (a previous folder
of the same version is swapped out and removed): a reader never sees half a release. What a killed release
left beside the target is removed by the next release (an old release put back).

Everything runs at once, on as many cores as there are: HermiT (in Java) starts at once on the ontology graph
of the build's on-disk store, while ``govgraph.nq`` is parsed into memory (the ontology graph parsed there must
be the one HermiT checked, else HermiT runs again on it); the four files the build wrote are compressed in
threads meanwhile; then the validation, the JSON-LD, the VoID statistics and the ontology documentation run
beside each other on the one parsed store. The validation is skipped when a validation that passed recorded
the same key (statements, shapes, checks, validator: :mod:`~govgraph.publishing.validated`), unless
``revalidate``.
"""

from __future__ import annotations

import gzip
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from govgraph import __version__
from govgraph.assembly.writer import built_file
from govgraph.errors import GovgraphError, InputError, OutputError
from govgraph.namespaces import ONTOLOGY_GRAPH, ONTOLOGY_IRI
from govgraph.publishing import changelog, description, distributions, ontology_docs, validated
from govgraph.publishing.files import SUMS_FILE, read_sums, verify_sums, write_sums
from govgraph.queries.today import today
from govgraph.store.disk import open_read_only
from govgraph.store.location import store_dir
from govgraph.swap import FolderSwap
from govgraph.validation.context import BUILT_DATASET, load_context

OWL_VERSION_INFO = "http://www.w3.org/2002/07/owl#versionInfo"


class ReleaseRefused(GovgraphError):
    """The graph or the ontology failed a check that gates a release (exit code 1)."""


@dataclass
class Release:
    """A release written: its folder, version, statements, file names and the changes since the previous one."""

    folder: Path
    version: str
    statements: int
    files: list[str]
    changes: changelog.Changes


def release_name(version: str = __version__) -> str:
    """The name of a release's folder.

    >>> release_name("0.1.0")
    'govgraph-0.1.0'
    """
    return f"govgraph-{version}"


def built_version(store: ox.Store) -> str | None:
    """The version the build wrote into the ontology (``owl:versionInfo``), or None when it has none."""
    found = next(iter(store.quads_for_pattern(ox.NamedNode(ONTOLOGY_IRI), ox.NamedNode(OWL_VERSION_INFO), None)),
                 None)
    return None if found is None else found.object.value


def check_ontology(store: ox.Store, workdir: Path) -> None:
    """Refuse unless the ontology named graph of ``store`` is consistent under HermiT with no unsatisfiable
    class."""
    import shutil as _shutil

    from govgraph.ontology import check_consistency
    from govgraph.rdf.convert import rdflib_graph

    if _shutil.which("java") is None:
        raise ReleaseRefused("the ontology consistency check needs Java for HermiT",
                             hint="install a Java runtime, e.g. apt-get install default-jre-headless")
    graph = rdflib_graph(ox.Triple(q.subject, q.predicate, q.object) for q in ontology_quads(store))
    try:
        unsatisfiable = check_consistency(graph, workdir=workdir)
    except GovgraphError as error:
        raise ReleaseRefused(f"release refused: {error.message}", hint=error.hint) from None
    if unsatisfiable:
        raise ReleaseRefused(f"release refused: {len(unsatisfiable)} unsatisfiable classes under HermiT, "
                             f"first {unsatisfiable[0]}", hint="fix ontology/govgraph.ttl")


def ontology_quads(store: ox.Store) -> set[ox.Quad]:
    """The statements of the ontology's named graph."""
    return set(store.quads_for_pattern(None, None, None, ox.NamedNode(str(ONTOLOGY_GRAPH))))


def check_graph(store: ox.Store) -> int:
    """Refuse unless the graph validates (``govgraph validate``'s shapes and checks); returns the results."""
    from govgraph.validation.run import validate_store

    report = validate_store(store)
    if not report.conforms():
        counts = report.counts()
        raise ReleaseRefused(f"release refused: the graph does not validate ({counts.get('violation', 0)} "
                             "violations)", hint="run 'govgraph validate' and fix what it reports")
    return len(report.results)


def previous_nquads(folder: Path) -> str:
    """The name of a previous release's N-Quads file: a folder that is no release is refused before any work.

    >>> previous_nquads(Path("no-such-folder"))
    Traceback (most recent call last):
    govgraph.errors.InputError: no-such-folder: the previous release folder does not exist (give the folder an earlier 'govgraph release' wrote)
    """
    if not folder.is_dir():
        raise InputError("the previous release folder does not exist", path=folder,
                         hint="give the folder an earlier 'govgraph release' wrote")
    name = next((n for n in read_sums(folder) if n.endswith(".nq.gz")), None)
    if name is None:
        raise InputError("the previous release has no N-Quads file", path=folder / SUMS_FILE)
    return name


def load_previous(folder: Path) -> tuple[ox.Store, str]:
    """The dataset and version of a previous release folder (its N-Quads checked against its SHA256SUMS)."""
    name = previous_nquads(folder)
    verify_sums(folder, [name])
    store = ox.Store()
    try:
        with gzip.open(folder / name, "rb") as handle:
            store.bulk_load(input=handle, format=ox.RdfFormat.N_QUADS)
    except (SyntaxError, OSError, EOFError) as error:
        raise InputError(f"cannot read the previous release: {error}", path=folder / name) from None
    version = description.read_catalog(folder).get("version") or name[len("govgraph-"):-len(".nq.gz")]
    return store, version


def write_release(build: Path, out: Path, *, previous: Path | None = None, day: str | None = None,
                  revalidate: bool = False, progress: Callable[[str], None] = lambda message: None) -> Release:
    """Check the built graph in ``build`` and write its release into ``out/govgraph-VERSION/``."""
    started = time.monotonic()

    def done(what: str) -> None:
        progress(f"{what} ({time.monotonic() - started:.1f} s)")

    built_file(build, BUILT_DATASET)
    if previous is not None:
        previous_nquads(previous)  # a wrong --previous is refused before the build is loaded
    day = day or today()
    version = __version__
    # what a release keeps beside its folder: .NAME.tmp-PID (being written), .NAME.old-PID (the old release)
    swap = FolderSwap(out / release_name(version), ".{name}.{kind}-{pid}", what="release folder", run="release")
    try:
        out.mkdir(parents=True, exist_ok=True)
        swap.begin(progress)  # a killed release's folders are removed (an old release put back)
        temporary = swap.path("tmp")
        temporary.mkdir()
    except OSError as error:
        raise OutputError(f"cannot write the release: {error.strerror}", path=out) from None
    hermit_dir = Path(tempfile.mkdtemp(prefix="govgraph-hermit-"))
    checks: list[Check] = []
    pool = ThreadPoolExecutor(max_workers=4)
    try:
        key = pool.submit(validated.validation_key, build)
        on_disk = _built_store(build)
        hermit = _start(checks, check_ontology, on_disk, _folder_in(hermit_dir)) if on_disk is not None else None
        compressed = distributions.compress_built(build, temporary, version, pool)
        store = load_context(build)  # in memory: validation runs 5 times faster there than on the on-disk store
        done(f"loaded {len(store):,} statements")
        in_build = built_version(store)
        if in_build != version:
            raise InputError(f"the build is of version {in_build}, the package is {version}", path=build,
                             hint="run 'govgraph build' again")
        if on_disk is None or ontology_quads(on_disk) != ontology_quads(store):
            hermit = _start(checks, check_ontology, store, _folder_in(hermit_dir))  # HermiT checks what is released
        skip = not revalidate and validated.passed(key.result())
        validation = None if skip else _start(checks, check_graph, store)
        before, previous_version, issued = None, None, day
        if previous is not None:
            before, previous_version = load_previous(previous)
            issued = description.read_catalog(previous).get("issued", day)
        jsonld = pool.submit(distributions.write_jsonld, store, temporary, version)
        stats = pool.submit(description.graph_statistics, store)
        distributions.write_context(temporary)
        ontology_docs.write_ontology(store, temporary / "ontology")
        changes = changelog.compare(before, store, version, previous_version)
        packed = {k: job.result() for k, job in compressed.items()} | {distributions.JSONLD.key: jsonld.result()}
        done("wrote the distributions and the ontology")
        published = [description.PublishedFile(packed[d.key].path.name, d.title, d.media_type, packed[d.key].size,
                                               packed[d.key].sha256) for d in distributions.DISTRIBUTIONS]
        catalog = description.describe(store, version, issued, day, published, stats=stats.result())
        description.write_catalog(catalog, temporary)
        changelog.write_changelog(changes, description.dataset_iri(version), temporary)
        for check in (hermit, validation):
            if check is not None:
                check.thread.join()
                if check.failure:
                    raise check.failure[0]
        if validation is not None:
            validated.record(key.result())
        done("checked: the ontology is consistent under HermiT and the graph validates"
             + (" (validated before: same statements, shapes, checks and validator)" if skip else ""))
        names = sorted(str(p.relative_to(temporary)) for p in temporary.rglob("*") if p.is_file())
        write_sums(temporary, names)
        for path in temporary.rglob("*"):
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        os.chmod(temporary, 0o755)
        swap.swap_in(temporary)
    except OSError as error:
        shutil.rmtree(temporary, ignore_errors=True)
        raise OutputError(f"cannot write the release: {error.strerror or error}", path=out) from None
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    finally:
        pool.shutdown(wait=True)
        for check in checks:
            check.thread.join()
        shutil.rmtree(hermit_dir, ignore_errors=True)
    done("released")
    return Release(swap.target, version, len(store), [*names, SUMS_FILE], changes)


def _folder_in(folder: Path) -> Path:
    return Path(tempfile.mkdtemp(dir=folder))


def _built_store(build: Path) -> ox.Store | None:
    """The build's on-disk store, read-only, or None when there is none (or it cannot be opened)."""
    try:
        return open_read_only(build) if store_dir(build).is_dir() else None
    except GovgraphError:
        return None


@dataclass
class Check:
    """A check running in a thread of its own; ``failure`` holds what it raised."""

    thread: threading.Thread
    failure: list[BaseException]


def _start(checks: list[Check], function, *args) -> Check:
    """Start ``function(*args)`` in a thread of its own and add it to ``checks``."""
    failure: list[BaseException] = []
    check = Check(threading.Thread(target=_capture, args=(failure, function, *args), daemon=True), failure)
    check.thread.start()
    checks.append(check)
    return check


def _capture(failure: list[BaseException], function, *args) -> None:
    try:
        function(*args)
    except BaseException as error:  # re-raised in the calling thread
        failure.append(error)
