"""The crosswalk table: each former unit, its level, and the new units it went into on 1 July 2025."""

from __future__ import annotations

from dataclasses import dataclass

from govgraph.queries import load_library, run_query
from govgraph.store.base import Store


@dataclass(frozen=True)
class Successor:
    """A unit in force since 1 July 2025 that a former unit went into, ``whole`` or in part.

    >>> Successor("11446", "Phường Phù Liễn", False).whole
    False
    """

    code: str
    name: str
    whole: bool


@dataclass(frozen=True)
class Former:
    """A unit in force until 30 June 2025 at ``level`` (province, district or commune) and where it went.

    >>> Former("11914", "commune", (Successor("11914", "Đặc khu Cát Hải", True),)).whole_into.name
    'Đặc khu Cát Hải'
    """

    code: str
    level: str
    successors: tuple[Successor, ...]

    @property
    def whole_into(self) -> Successor | None:
        """The one new unit this unit went into whole, or None when it was split."""
        only = self.successors[0] if len(self.successors) == 1 else None
        return only if only is not None and only.whole else None


def successor_table(store: Store) -> dict[str, Former]:
    """Former code -> the former unit and its successors, from the ``transfers`` library query."""
    found: dict[str, tuple[str, list[Successor]]] = {}
    for row in run_query(store, load_library()["transfers"]).as_dicts():
        level = str(row["former_level"]).split()[0]  # "commune level" -> "commune"
        found.setdefault(str(row["former_code"]), (level, []))[1].append(
            Successor(str(row["new_code"]), str(row["new_name"]), bool(row["whole"].toPython())))
    return {code: Former(code, level, tuple(targets)) for code, (level, targets) in found.items()}
