"""The release's N-Quads under temporary graph names, and the names involved in a swap.

>>> plan = Plan("0a1b")
>>> plan.staged("https://w3id.org/govgraph/graph/curated")
'https://w3id.org/govgraph/staging/0a1b/graph/curated'
>>> line = b'<http://e/a> <http://e/p> <https://w3id.org/govgraph/graph/x> <https://w3id.org/govgraph/graph/x> .\\n'
>>> plan.rewrite(line).split(b" ")[2:]  # only the graph name at the end moves
[b'<https://w3id.org/govgraph/graph/x>', b'<https://w3id.org/govgraph/staging/0a1b/graph/x>', b'.\\n']
>>> first = Plan("0a1b", replacing=set())  # no govgraph graph in the engine yet: names stay, graphs are fresh
>>> first.rewrite(line) == line, first.fresh, first.target(GRAPHS + "x")
(True, {'https://w3id.org/govgraph/graph/x'}, 'https://w3id.org/govgraph/graph/x')
"""

from __future__ import annotations

import gzip
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from govgraph import __version__
from govgraph.errors import InputError
from govgraph.namespaces import BASE
from govgraph.publishing.files import read_sums, verify_sums

GRAPHS = BASE + "graph/"
STAGING = BASE + "staging/"
_GRAPH_AT_END = re.compile(rb" <" + re.escape(GRAPHS.encode()) + rb"([^>]*)> \.\n")


@dataclass
class Plan:
    """One load: its token, the graphs the release holds.

    ``replacing``: when given, only these graphs (the ones already in the engine) are staged; the release's other
    graphs are *fresh* and keep their own names (they are loaded straight into the engine). ``None``: every graph
    is staged.
    """

    token: str = field(default_factory=lambda: secrets.token_hex(4))
    graphs: set[str] = field(default_factory=set)
    replacing: set[str] | None = None

    def staged(self, graph: str) -> str:
        """The temporary name of ``graph`` in this load: its path under ``STAGING`` and the load's token."""
        return STAGING + self.token + "/" + graph[len(BASE):]

    def is_staged(self, graph: str) -> bool:
        """Whether ``graph`` is loaded under a staged name: every graph without ``replacing``, else those in it."""
        return self.replacing is None or graph in self.replacing

    def target(self, graph: str) -> str:
        """The name ``graph``'s statements are loaded under: its staged name, or its own when it is fresh."""
        return self.staged(graph) if self.is_staged(graph) else graph

    @property
    def fresh(self) -> set[str]:
        """The release's graphs (as :meth:`rewrite` has seen them) that are loaded under their own names."""
        return {g for g in self.graphs if not self.is_staged(g)}

    def rewrite(self, chunk: bytes) -> bytes:
        """Whole N-Quads lines with the staged graphs' names moved under the staging prefix."""
        target = (" <" + STAGING + self.token + "/graph/").encode()

        def replace(match: re.Match) -> bytes:
            graph = GRAPHS + match.group(1).decode()
            self.graphs.add(graph)
            if not self.is_staged(graph):
                return match.group(0)
            return target + match.group(1) + b"> .\n"

        return _GRAPH_AT_END.sub(replace, chunk)


def release_nquads(release: Path) -> Path:
    """The release's N-Quads file, checked against its ``SHA256SUMS``."""
    if release.is_file():
        raise InputError("give the release folder, not a file", path=release,
                         hint=f"e.g. dist/govgraph-{__version__}")
    if not release.is_dir():
        raise InputError("the release folder does not exist", path=release,
                         hint="write one with 'govgraph release', or pass --release DIR")
    name = next((n for n in read_sums(release) if n.endswith(".nq.gz")), None)
    if name is None:
        raise InputError("the release lists no N-Quads file", path=release / "SHA256SUMS")
    verify_sums(release, [name])
    return release / name


def write_staged(nquads_gz: Path, target: Path, plan: Plan, *, block: int = 1 << 22) -> Path:
    """Decompress ``nquads_gz`` into ``target`` with the graph names rewritten for ``plan``."""
    with gzip.open(nquads_gz, "rb") as source, open(target, "wb") as out:
        rest = b""
        while True:
            data = source.read(block)
            if not data:
                break
            data = rest + data
            cut = data.rfind(b"\n") + 1
            out.write(plan.rewrite(data[:cut]))
            rest = data[cut:]
        if rest:
            out.write(plan.rewrite(rest + b"\n"))
    return target


def swap_update(plan: Plan, present: set[str]) -> str:
    """One SPARQL update replacing govgraph's graphs (``present`` in the engine) by the staged ones.

    >>> print(swap_update(Plan("t", {GRAPHS + "a"}), {GRAPHS + "a", GRAPHS + "old"}))
    DROP SILENT GRAPH <https://w3id.org/govgraph/graph/old> ;
    MOVE SILENT GRAPH <https://w3id.org/govgraph/staging/t/graph/a> TO <https://w3id.org/govgraph/graph/a>
    """
    operations = [f"DROP SILENT GRAPH <{g}>" for g in sorted(present - plan.graphs)]
    operations += [f"MOVE SILENT GRAPH <{plan.staged(g)}> TO <{g}>" for g in sorted(plan.graphs)]
    return " ;\n".join(operations)


def expected_counts(staged: Path) -> dict[str, int]:
    """Statements per graph of a staged N-Quads file, parsed strictly: a malformed line stops the load here,
    before the engine is touched (Virtuoso's loader skips bad lines without reporting them)."""
    import pyoxigraph as ox

    try:
        return quad_counts(ox.parse(path=str(staged), format=ox.RdfFormat.N_QUADS))
    except SyntaxError as error:
        raise InputError(f"the release's N-Quads are malformed: {error}", path=staged,
                         hint="write the release again") from None


def quad_counts(quads) -> dict[str, int]:
    """Statements per graph name (the default graph's under ``""``).

    >>> import pyoxigraph as ox
    >>> quad_counts(ox.parse(b'<http://e/a> <http://e/p> "1" <http://e/g> .', format=ox.RdfFormat.N_QUADS))
    {'http://e/g': 1}
    """
    import pyoxigraph as ox

    counts: dict[str, int] = {}
    for quad in quads:
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        counts[name] = counts.get(name, 0) + 1
    return counts

