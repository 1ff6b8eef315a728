"""govgraph release: the files, their checksums and description, the ontology page, the changelog, the gates."""

from __future__ import annotations

import gzip
import hashlib
import subprocess

import pyoxigraph as ox
import pytest

from govgraph import __version__
from govgraph.cli.main import main
from govgraph.namespaces import GG
from govgraph.publishing import release as release_module
from govgraph.publishing.changelog import compare
from govgraph.publishing.distributions import DISTRIBUTIONS
from govgraph.publishing.files import read_sums, verify_sums

SPDX = "http://spdx.org/rdf/terms#"
DCAT = "http://www.w3.org/ns/dcat#"


def test_release_holds_every_promised_file(release_dir):
    assert release_dir.name == f"govgraph-{__version__}"
    names = set(read_sums(release_dir))
    assert {d.file_name(__version__) for d in DISTRIBUTIONS} <= names
    assert {"context.jsonld", "catalog.ttl", "CHANGELOG.txt", "changelog.ttl", "ontology/govgraph.ttl",
            "ontology/govgraph.rdf", "ontology/govgraph.jsonld", "ontology/index.html"} <= names
    assert verify_sums(release_dir) == sorted(names)
    assert not [p for p in release_dir.parent.iterdir() if p.name.startswith(".")]  # no temporary left


def test_sha256sums_reads_with_sha256sum(release_dir):
    done = subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=release_dir, capture_output=True)
    assert done.returncode == 0, done.stdout


def test_every_distribution_holds_the_same_statements(release_dir, build_dir):
    expected = sum(1 for _ in ox.parse(path=str(build_dir / "govgraph.nq"), format=ox.RdfFormat.N_QUADS))
    for distribution in DISTRIBUTIONS:
        path = release_dir / distribution.file_name(__version__)
        assert path.read_bytes()[4:8] == b"\0\0\0\0"  # gzip header: mtime 0, reproducible
        with gzip.open(path, "rb") as data:
            count = sum(1 for _ in ox.parse(data, format=distribution.format))
        if distribution.format.supports_datasets:
            assert count == expected, distribution.key
        else:  # the union of the graphs: a statement two graphs share is written once
            assert 0.99 * expected < count <= expected, distribution.key


def test_catalog_describes_each_distribution_with_its_checksum(release_dir):
    triples = list(ox.parse(path=str(release_dir / "catalog.ttl"), format=ox.RdfFormat.TURTLE))
    by_subject = {}
    for t in triples:
        by_subject.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(t.object)
    sums = read_sums(release_dir)
    for distribution in DISTRIBUTIONS:
        name = distribution.file_name(__version__)
        node = next(s for s in by_subject if isinstance(s, ox.NamedNode) and s.value.endswith("/" + name))
        about = by_subject[node]
        assert int(about[DCAT + "byteSize"][0].value) == (release_dir / name).stat().st_size
        assert about[DCAT + "mediaType"][0].value.endswith(distribution.media_type)
        assert about["http://purl.org/dc/terms/license"][0].value == "https://creativecommons.org/licenses/by/4.0/"
        checksum = by_subject[about[SPDX + "checksum"][0]]
        assert checksum[SPDX + "checksumValue"][0].value == sums[name]
    dataset = next(s for s in by_subject if isinstance(s, ox.NamedNode) and s.value.endswith("#govgraph"))
    assert by_subject[dataset][DCAT + "version"][0].value == __version__
    assert {v.value for v in by_subject[dataset]["http://purl.org/dc/terms/issued"]} == {"2026-11-27"}
    assert len(by_subject[dataset]["http://rdfs.org/ns/void#subset"]) == 6  # VoID per named graph


def test_ontology_files_carry_the_one_version(release_dir):
    graph = list(ox.parse(path=str(release_dir / "ontology/govgraph.rdf"), format=ox.RdfFormat.RDF_XML))
    info = [t.object.value for t in graph if t.predicate.value.endswith("#versionInfo")]
    iris = [t.object.value for t in graph if t.predicate.value.endswith("#versionIRI")]
    assert info == [__version__] and iris == [f"https://w3id.org/govgraph/ontology/{__version__}"]


def test_ontology_page_documents_every_term_in_both_languages(release_dir):
    page = (release_dir / "ontology/index.html").read_text(encoding="utf-8")
    for name in GG.__annotations__:
        assert f'id="{name}"' in page, name
    assert page.count('<dd lang="vi">') >= len(GG.__annotations__) and "ví dụ" in page
    assert "http://" not in page.split("<body>")[0] and "<script" not in page  # nothing fetched from elsewhere


def test_changelog_against_the_same_release_is_empty(release_dir, tmp_path):
    assert main(["release", "--build-dir", str(release_dir.parent), "--out", str(tmp_path)]) == 2  # no build
    store, version = release_module.load_previous(release_dir)
    changes = compare(store, store, __version__, version)
    assert version == __version__
    assert all(n == 0 for kind in changes.items for n in changes.counts(kind).values())
    assert changes.totals["holding"] > 0 and changes.totals["assignment"] > 0


def test_changelog_lists_added_ended_and_changed():
    gg = str(GG._NS)

    def store(*quads):
        s = ox.Store()
        s.extend(ox.Quad(ox.NamedNode(a), ox.NamedNode(gg + b), ox.Literal(c))
                 for a, b, c in quads)
        return s

    holding = ox.NamedNode(gg + "PostHolding")
    kind = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    before = store(("http://e/h1", "startDate", "2025-07-01"), ("http://e/h2", "startDate", "2025-07-01"))
    before.extend([ox.Quad(ox.NamedNode(h), ox.NamedNode(kind), holding) for h in ("http://e/h1", "http://e/h2")])
    after = store(("http://e/h1", "startDate", "2025-07-01"), ("http://e/h1", "endDate", "2025-10-01"),
                  ("http://e/h2", "startDate", "2025-07-02"), ("http://e/h3", "startDate", "2025-10-02"))
    after.extend([ox.Quad(ox.NamedNode(h), ox.NamedNode(kind), holding)
                  for h in ("http://e/h1", "http://e/h2", "http://e/h3")])
    items = compare(before, after, "0.2.0", "0.1.0").items["holding"]
    assert (items["added"], items["ended"], items["changed"], items["removed"]) == (
        ["http://e/h3"], ["http://e/h1"], ["http://e/h2"], [])


def test_release_is_refused_when_the_graph_does_not_validate(build_dir, tmp_path, monkeypatch, capsys):
    def refuse(store):
        raise release_module.ReleaseRefused("release refused: the graph does not validate (1 violations)")

    monkeypatch.setattr(release_module, "check_graph", refuse)
    monkeypatch.setattr(release_module, "check_ontology", lambda store, workdir: None)
    assert main(["release", "--build-dir", str(build_dir), "--out", str(tmp_path), "--revalidate"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("govgraph: release refused: the graph does not validate")
    assert list(tmp_path.iterdir()) == []  # nothing written, no temporary left


def test_validation_is_skipped_only_for_what_a_passed_validation_recorded(build_dir, tmp_path, monkeypatch):
    from govgraph.publishing import validated

    build = tmp_path / "build"
    build.mkdir()
    for name in ("govgraph.trig", "govgraph.ttl", "govgraph.nt", "store"):
        (build / name).symlink_to(build_dir / name)
    (build / "govgraph.nq").write_bytes((build_dir / "govgraph.nq").read_bytes())
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(tmp_path / "cache"))  # nothing recorded yet
    runs = []
    monkeypatch.setattr(release_module, "check_graph", lambda store: runs.append(len(store)) or 0)
    monkeypatch.setattr(release_module, "check_ontology", lambda store, workdir: None)
    release = ["release", "--build-dir", str(build), "--quiet"]
    assert main([*release, "--out", str(tmp_path / "a")]) == 0 and len(runs) == 1  # validated, and recorded
    assert validated.passed(validated.validation_key(build))
    assert main([*release, "--out", str(tmp_path / "b")]) == 0 and len(runs) == 1  # same content: skipped
    assert main([*release, "--out", str(tmp_path / "c"), "--revalidate"]) == 0 and len(runs) == 2
    with open(build / "govgraph.nq", "a", encoding="utf-8") as nq:  # SYNTHETIC: one statement more
        nq.write('<https://example.org/synthetic/s> <https://example.org/synthetic/p> "SYNTHETIC" '
                 '<https://example.org/synthetic/g> .\n')
    assert main([*release, "--out", str(tmp_path / "d")]) == 0 and len(runs) == 3  # changed: validated again


def test_release_is_refused_when_the_ontology_is_inconsistent(build_dir, tmp_path, monkeypatch, capsys):
    import govgraph.ontology
    from govgraph.errors import GovgraphError

    def inconsistent(graph, workdir):
        raise GovgraphError("the ontology is inconsistent under HermiT")

    monkeypatch.setattr(govgraph.ontology, "check_consistency", inconsistent)
    monkeypatch.setattr(release_module, "check_graph", lambda store: 0)
    assert main(["release", "--build-dir", str(build_dir), "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == \
        "govgraph: release refused: the ontology is inconsistent under HermiT"
    assert list(tmp_path.iterdir()) == []


def test_what_a_killed_release_left_is_cleaned_by_the_next(build_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(release_module, "check_graph", lambda store: 0)
    monkeypatch.setattr(release_module, "check_ontology", lambda store, workdir: None)
    dead = subprocess.run(["python3", "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    name = f"govgraph-{__version__}"
    half = tmp_path / f".{name}.tmp-{dead}"  # killed while writing
    half.mkdir()
    (half / "govgraph.nq.gz").write_bytes(b"half")
    old = tmp_path / f".{name}.old-{dead}"  # killed between the two renames of a swap
    old.mkdir()
    (old / "marker").write_text("the release before")
    assert main(["release", "--build-dir", str(build_dir), "--out", str(tmp_path), "--quiet"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    assert not (tmp_path / name / "marker").exists()  # the old release was put back, then replaced
